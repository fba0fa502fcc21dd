package patchdiff

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	jsonpatch "github.com/evanphx/json-patch/v5"
)

// markupEdit renames a token to a name with HTML characters and line and
// paragraph separators (raw, and escaped in the input), under a field name
// that has them too.
func markupEdit(t *testing.T) (before, after []byte, r Result) {
	t.Helper()
	rules := Rules{Fields: []Field{{Name: "name", Required: true}, {Name: "note<&>\u2028"}}, Guard: true}
	before = []byte(`{"id":"1","name":"a<b>&` + "\u2028" + `","note<&>\u2028":"x"}`)
	after = []byte(`{"id":"1","name":"a<b>& \u2029` + "\u2028" + `","note<&>\u2028":"<y>"}`)
	r, err := Diff(before, after, rules)
	if err != nil {
		t.Fatal(err)
	}
	return before, after, r
}

// TestMarshalJSONIsVerifiedWire: MarshalJSON writes the verified bytes:
// no HTML escapes, values as the documents spelled them, and applying
// exactly those bytes gives Result.Patched.
func TestMarshalJSONIsVerifiedWire(t *testing.T) {
	before, _, r := markupEdit(t)
	got, err := r.Patch.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"op":"test","path":"/name","value":"a<b>&` + "\u2028" + `"},` +
		`{"op":"replace","path":"/name","value":"a<b>& \u2029` + "\u2028" + `"},` +
		`{"op":"test","path":"/note<&>\u2028","value":"x"},` +
		`{"op":"replace","path":"/note<&>\u2028","value":"<y>"}]`
	if string(got) != want {
		t.Fatalf("MarshalJSON\n got %s\nwant %s", got, want)
	}
	wire, err := encodePatch(r.Patch)
	if err != nil || !bytes.Equal(got, wire) {
		t.Fatalf("MarshalJSON is not the wire form Apply uses: %s (%v)", wire, err)
	}
	decoded, err := jsonpatch.DecodePatch(got)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := parseDocument(before)
	applied, err := applyOps(d.compact, decoded)
	if err != nil || !bytes.Equal(applied, r.Patched) {
		t.Fatalf("the marshalled patch gives %s (%v), Result.Patched is %s", applied, err, r.Patched)
	}

	for _, p := range []Patch{nil, {}} {
		if b, err := p.MarshalJSON(); err != nil || string(b) != "[]" {
			t.Errorf("%#v.MarshalJSON() = %s, %v; want []", p, b, err)
		}
		if b, err := json.Marshal(p); err != nil || string(b) != "[]" {
			t.Errorf("json.Marshal(%#v) = %s, %v; want []", p, b, err)
		}
	}
}

// TestMarshalJSONThroughEncoders pins what callers get: an Encoder without
// HTML escaping (the client's, around a bulk-update's jsonPatch) keeps the
// verified bytes; json.Marshal escapes "<", ">", "&", U+2028 and U+2029
// even in MarshalJSON's output, so its bytes differ while the JSON means
// the same.
func TestMarshalJSONThroughEncoders(t *testing.T) {
	_, _, r := markupEdit(t)
	verified, err := r.Patch.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if r.Patch.String() != string(verified) {
		t.Fatalf("String %s, MarshalJSON %s", r.Patch.String(), verified)
	}
	for name, v := range map[string]any{"Patch": r.Patch} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		if got := bytes.TrimSuffix(buf.Bytes(), []byte("\n")); !bytes.Equal(got, verified) {
			t.Errorf("Encoder without HTML escaping on %s\n got %s\nwant %s", name, got, verified)
		}

		escaped, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(escaped, verified) || !strings.Contains(string(escaped), `a\u003cb\u003e\u0026\u2028`) ||
			!strings.Contains(string(escaped), `\u2029`) {
			t.Errorf("json.Marshal(%s) = %s; expected encoding/json's HTML escapes", name, escaped)
		}
		if !sameJSON(t, escaped, verified) {
			t.Errorf("json.Marshal(%s) = %s means something else than %s", name, escaped, verified)
		}
	}
}
