package patchdiff

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// checkProjected holds applyProjected to evanphx applied to the whole
// document: the same bytes, or the same error (text and conflict class).
// doc must be a valid object; p's values compact and valid, its ops add,
// remove, replace or test on allow-listed paths (what applyProjected takes).
func checkProjected(t *testing.T, doc []byte, rules Rules, p Patch) {
	t.Helper()
	fields, err := rules.compile()
	if err != nil {
		t.Fatal(err)
	}
	d, err := parseDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	want, wantErr := applyOps(d.compact, evanphxOps(p))
	got, err := applyProjected(d, fields, p)
	// Outcomes must agree, not wording: both paths reject the same patches
	// (and call the same ones conflicts); the library words a failure by
	// where it met it, which a smaller document can change.
	if (err == nil) != (wantErr == nil) || isPatchConflict(err) != isPatchConflict(wantErr) {
		t.Fatalf("%s with patch %s:\nprojected error %v\n     full error %v", d.compact, mustMarshal(t, p), err, wantErr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s with patch %s:\nprojected %s\n     full %s", d.compact, mustMarshal(t, p), got, want)
	}
}

// patch makes a patch of up to seven ops on the allow-listed fields, any
// mix of add, remove, replace and test, on whole members or inside them
// (array indices, "-", object keys, two levels deep), half of the tests
// with the member's value in doc so that they can pass. Many patches
// fail; the point is that the projection fails or succeeds exactly as
// the whole document does, and places members the same way.
func (g *gen) patch(rules Rules, doc document) Patch {
	if len(rules.Fields) == 0 {
		return Patch{}
	}
	var p Patch
	for range g.intn(8) {
		name := rules.Fields[g.intn(len(rules.Fields))].Name
		path := "/" + escapePointer(name)
		for range max(0, g.intn(6)-3) { // mostly whole members
			switch g.intn(4) {
			case 0:
				path += "/-"
			case 1:
				path += "/" + escapePointer(objectKeys[g.intn(len(objectKeys))])
			default:
				path += "/" + strconv.Itoa(g.intn(4))
			}
		}
		op := Op{Op: [...]string{"add", "remove", "replace", "test"}[g.intn(4)], Path: path}
		current, ok := doc.member(name)
		switch {
		case op.Op == "remove":
		case op.Op == "test" && ok && path == "/"+escapePointer(name) && g.intn(2) == 0:
			op.Value = current
		default:
			var b strings.Builder
			g.value(0).write(&b)
			op.Value = compactBytes([]byte(b.String()))
		}
		p = append(p, op)
	}
	return p
}

// FuzzProjection: for generated documents and rules (from docs) and
// patches (from ops), applying to the touched allow-listed members and
// splicing back is evanphx's full-document apply, byte for byte, error
// for error.
func FuzzProjection(f *testing.F) {
	for _, seed := range [][2]string{
		{"", ""},
		{"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f", "\x07\x00\x00\x01\x00\x00\x03\x02\x01\x03\x00\x01\x00"},
		{"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1\xf0\xef", "\x06\x01\x00\x01\x02\x00\x00\x03\x02\x00\x03\x00\x00\x07\x05\x01"},
		{"remove and add the same member, then add another", "test a nested key, then remove it and add it back"},
		{"\x40\x41\x42\x43\x44\x45\x46\x47\x48\x49\x4a\x4b\x4c\x4d\x4e\x4f\x50", "\x77\x66\x55\x44\x33\x22\x11\x00"},
	} {
		f.Add([]byte(seed[0]), []byte(seed[1]))
	}
	f.Fuzz(func(t *testing.T, docs, ops []byte) {
		g := &gen{data: docs}
		rules := g.rules()
		before, _ := g.documents()
		d, err := parseDocument(before)
		if err != nil {
			t.Fatal(err)
		}
		g = &gen{data: ops}
		checkProjected(t, before, rules, g.patch(rules, d))
	})
}

// TestProjectedOrder covers where evanphx puts members: kept in place when
// replaced, tested or changed inside; dropped by a remove; appended by an
// add, in op order, also when a member is removed and added back; keys
// re-encoded (escapes, U+2028) also outside the allow-list.
func TestProjectedOrder(t *testing.T) {
	rules := Rules{Fields: []Field{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}, {Name: "e\u2028/~"}}}
	doc := []byte(`{"x":1,"a":[1,{"k":"v"}],"y\u0079":"<&>","b":{"k":[]},"z` + "\u2028" + `":2,"c":"c","w\/":[ 1 ]}`)
	for _, p := range []Patch{
		{},
		{{Op: "test", Path: "/a", Value: []byte(`[1,{"k":"v"}]`)}, {Op: "replace", Path: "/a", Value: []byte(`"new"`)}},
		{{Op: "remove", Path: "/b"}},
		{{Op: "add", Path: "/d", Value: []byte(`4`)}, {Op: "add", Path: "/e\u2028~1~0", Value: []byte(`"<>"`)}},
		{{Op: "remove", Path: "/a"}, {Op: "add", Path: "/a", Value: []byte(`0`)}, {Op: "add", Path: "/d", Value: []byte(`4`)}},
		{{Op: "add", Path: "/d", Value: []byte(`4`)}, {Op: "remove", Path: "/a"}, {Op: "add", Path: "/a", Value: []byte(`0`)}},
		{{Op: "add", Path: "/c", Value: []byte(`"still in place"`)}, {Op: "remove", Path: "/b"}, {Op: "add", Path: "/b", Value: []byte(`1`)}},
		{{Op: "add", Path: "/a/1/k\u2028", Value: []byte(`{"n\u0061me":[]}`)}, {Op: "remove", Path: "/a/0"}},
		{{Op: "test", Path: "/b", Value: []byte(`{"k":[]}`)}, {Op: "add", Path: "/b/k/-", Value: []byte(`null`)}},
		{{Op: "remove", Path: "/a"}, {Op: "remove", Path: "/b"}, {Op: "remove", Path: "/c"}},
		{{Op: "test", Path: "/c", Value: []byte(`"other"`)}, {Op: "remove", Path: "/c"}}, // a failed test
		{{Op: "remove", Path: "/d"}},                                                                      // a missing member
		{{Op: "replace", Path: "/a/7", Value: []byte(`1`)}},                                               // a missing index
		{{Op: "add", Path: "/d/k", Value: []byte(`1`)}},                                                   // a missing parent
		{{Op: "test", Path: "/a", Value: []byte(`[null,1]`)}},                                             // evanphx panics; applyOps reports a failed test
		{{Op: "test", Path: "/d", Value: []byte(`null`)}},                                                 // evanphx: a missing member tests equal to null
		{{Op: "add", Path: "/a/-", Value: []byte(`1`)}, {Op: "test", Path: "/a/2", Value: []byte(`1.0`)}}, // numbers by bytes
	} {
		checkProjected(t, doc, rules, p)
	}
}

// TestProjectedRejects: ops Diff never makes are refused before evanphx
// runs, since the splice would not be a full-document apply for them.
func TestProjectedRejects(t *testing.T) {
	rules := Rules{Fields: []Field{{Name: "a"}}}
	fields, _ := rules.compile()
	d, err := parseDocument([]byte(`{"a":1,"x":2}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []Patch{
		{{Op: "replace", Path: "/x", Value: []byte(`1`)}},
		{{Op: "remove", Path: ""}},
		{{Op: "replace", Path: "a", Value: []byte(`1`)}},
		{{Op: "move", Path: "/a"}},
		{{Op: "copy", Path: "/a"}},
		{{Op: "test", Path: "/a~1", Value: []byte(`1`)}},
	} {
		if out, err := applyProjected(d, fields, p); err == nil {
			t.Errorf("patch %s gave %s, want an error", mustMarshal(t, p), out)
		}
	}
}

// TestVerifyProjected: Diff's Patched is the full-document apply's bytes
// for edits that add, remove and re-spell members around awkward keys.
func TestVerifyProjected(t *testing.T) {
	rules := Rules{Fields: []Field{{Name: "name", Required: true}, {Name: "scope", Array: ArraySetOps}, {Name: "new"}, {Name: "gone"}}, Guard: true}
	before := []byte(`{"i\u0064":"1","gone":{"k":"<&>"},"name":"a<b>&` + "\u2028" + `","x\u2028":0,"scope":["a","b","c"]}`)
	after := []byte(`{"new":[1.0],"id":"1","name":"a<b>&\u2028!","x` + "\u2028" + `":0,"scope":["a","c","d"]}`)
	r, err := Diff(before, after, rules)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := parseDocument(before)
	full, err := applyOps(d.compact, evanphxOps(r.Patch))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.Patched, full) {
		t.Fatalf("Patched %s\nfull apply %s", r.Patched, full)
	}
	want := `{"id":"1","name":"a<b>&\u2028!","x\u2028":0,"scope":["a","c","d"],"new":[1.0]}`
	if string(r.Patched) != want {
		t.Fatalf("Patched %s, want %s", r.Patched, want)
	}
	checkProperties(t, before, after, rules)
}

// appendEvanphxString must quote keys exactly as evanphx re-encodes them
// when it writes a document back (it is not today's encoding/json: \b, \f).
func TestAppendEvanphxStringMatchesEvanphx(t *testing.T) {
	for _, key := range []string{"plain", "\b\f\x01\x1f", "tab\tnl\nret\r", `q"b\s`, "<&>", "é\u2028\u2029", "\x7f"} {
		k := appendEvanphxString(nil, key)
		doc := []byte(`{` + string(k) + `:1,"a":1}`)
		got, err := Apply(doc, Patch{{Op: "replace", Path: "/a", Value: []byte("2")}})
		if err != nil {
			t.Fatalf("%q: %v", key, err)
		}
		if want := `{` + string(k) + `:1,"a":2}`; string(got) != want {
			t.Errorf("%q: evanphx wrote %s, appendEvanphxString gives %s", key, got, k)
		}
	}
}
