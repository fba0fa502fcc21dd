package patchdiff

import (
	"reflect"
	"testing"

	jsonpatch "github.com/evanphx/json-patch/v5"
)

// TestEvanphxOpsMatchWire: the ops verify hands to evanphx are exactly what
// DecodePatch makes of the bytes that are sent, for awkward names, paths
// and values too (checkProperties repeats this for every fuzzed patch).
func TestEvanphxOpsMatchWire(t *testing.T) {
	for _, p := range []Patch{
		{},
		{{Op: "test", Path: "/name", Value: []byte(`"NightlyExport"`)}, {Op: "replace", Path: "/name", Value: []byte(`"Nightly export"`)}},
		{{Op: "replace", Path: "/expirationDate", Value: []byte(`null`)}, {Op: "remove", Path: "/x"}},
		{{Op: "add", Path: "/scope/-", Value: []byte(`{"a":[1,2.50,"<&>"]}`)}, {Op: "remove", Path: "/scope/3"}},
		{{Op: "add", Path: "/a~1b/~0c", Value: []byte(`"\u00e9\u2028é"`)}},
		{{Op: "add", Path: "/<\"é\u2028\\\t\x7f>", Value: []byte(`true`)}},
		{{Op: "add", Path: "/bad\xffutf8", Value: []byte(`1e400`)}},
	} {
		checkWireOps(t, p)
	}
}

// checkWireOps fails unless evanphxOps(p) equals DecodePatch of p's wire form.
func checkWireOps(t *testing.T, p Patch) {
	t.Helper()
	wire, err := encodePatch(p)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := jsonpatch.DecodePatch(wire)
	if err != nil {
		t.Fatalf("DecodePatch(%s): %v", wire, err)
	}
	if direct := evanphxOps(p); !reflect.DeepEqual(direct, decoded) {
		t.Fatalf("ops for evanphx differ from the decoded wire form %s:\n got %v\nwant %v", wire, opsString(direct), opsString(decoded))
	}
}

func opsString(p jsonpatch.Patch) []map[string]string {
	var out []map[string]string
	for _, op := range p {
		m := map[string]string{}
		for k, v := range op {
			if v == nil {
				m[k] = "<nil>"
			} else {
				m[k] = string(*v)
			}
		}
		out = append(out, m)
	}
	return out
}

// checkFastPath: whenever the byte comparison accepts a document, the
// comparison by meaning accepts it too.
func checkFastPath(t *testing.T, before, after []byte, rules Rules, candidates ...[]byte) {
	t.Helper()
	fields, err := rules.compile()
	if err != nil {
		t.Fatal(err)
	}
	orig, err1 := parseDocument(before)
	edit, err2 := parseDocument(after)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	for _, c := range append(candidates, orig.compact, edit.compact) {
		if sameBytesAsExpected(c, orig, edit, fields) {
			if err := sameAsExpected(c, orig, edit, fields); err != nil {
				t.Fatalf("fast path accepted %s: %v", c, err)
			}
		}
	}
}

// TestVerifyFastPath: the usual edit is settled by the byte comparison;
// keys evanphx re-spells fall back to the comparison by meaning.
func TestVerifyFastPath(t *testing.T) {
	rules := PATRules(true)
	fields, _ := rules.compile()
	after := edit(t, patDoc, map[string]string{"name": `"Nightly export"`, "expirationDate": `null`, "userAwareTokenNeverExpires": `true`}, "scope")
	r, err := Diff([]byte(patDoc), []byte(after), rules)
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := parseDocument([]byte(patDoc))
	edited, _ := parseDocument([]byte(after))
	if !sameBytesAsExpected(r.Patched, orig, edited, fields) {
		t.Errorf("fast path missed %s", r.Patched)
	}
	if sameBytesAsExpected(orig.compact, orig, edited, fields) {
		t.Error("fast path accepted the unpatched original")
	}
	checkFastPath(t, []byte(patDoc), []byte(after), rules, r.Patched)

	escaped := []byte(`{"n\u0061me":"a","x\/y":1,"scope":[]}`)
	rules = Rules{Fields: []Field{{Name: "name"}, {Name: "new"}}, Guard: true}
	fields, _ = rules.compile()
	r, err = Diff(escaped, []byte(`{"name":"b","x/y":1,"scope":[],"new":{"k":1}}`), rules)
	if err != nil {
		t.Fatal(err)
	}
	orig, _ = parseDocument(escaped)
	edited, _ = parseDocument([]byte(`{"name":"b","x/y":1,"scope":[],"new":{"k":1}}`))
	if sameBytesAsExpected(r.Patched, orig, edited, fields) {
		t.Errorf("fast path matched re-spelled keys in %s", r.Patched)
	}
}
