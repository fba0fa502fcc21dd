package patchdiff

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	jsonpatch "github.com/evanphx/json-patch/v5"
)

// TestStaleBase is the guard's promise: a guarded patch applied to a
// document where someone else changed a guarded field fails, and
// IsConflict says so, for every guarded field of both rule sets.
func TestStaleBase(t *testing.T) {
	for _, tc := range []struct {
		doc   string
		rules Rules
		edits map[string]string // field → edited value
		other map[string]string // field → someone else's value
	}{
		{patDoc, PATRules(true),
			map[string]string{"name": `"mine"`, "scope": `["a"]`, "expirationDate": `null`, "userAwareTokenNeverExpires": `true`},
			map[string]string{"name": `"theirs"`, "scope": `["sp:scopes:all","b"]`, "expirationDate": `"2030-01-01T00:00:00.000Z"`, "userAwareTokenNeverExpires": `true`}},
		{appDoc, SourceAppRules(),
			map[string]string{"name": `"mine"`, "description": `"mine"`, "enabled": `false`, "owner": `{"id":"u2"}`,
				"provisionRequestEnabled": `true`, "appCenterEnabled": `false`, "accountSource": `null`, "matchAllAccounts": `true`},
			map[string]string{"name": `"theirs"`, "description": `"theirs"`, "enabled": `false`, "owner": `{"type":"IDENTITY","id":"u1","name":"Ann B."}`,
				"provisionRequestEnabled": `true`, "appCenterEnabled": `false`, "accountSource": `{"id":"src2"}`, "matchAllAccounts": `true`}},
	} {
		for field, mine := range tc.edits {
			t.Run(field, func(t *testing.T) {
				r, err := Diff([]byte(tc.doc), []byte(edit(t, tc.doc, map[string]string{field: mine})), tc.rules)
				if err != nil {
					t.Fatal(err)
				}
				if len(r.Patch) != 2 || r.Patch[0].Op != "test" {
					t.Fatalf("patch %v is not guarded", r.Patch)
				}
				if _, err := Apply([]byte(tc.doc), r.Patch); err != nil {
					t.Fatalf("fresh base: %v", err)
				}
				stale := edit(t, tc.doc, map[string]string{field: tc.other[field]})
				_, err = Apply([]byte(stale), r.Patch)
				if !IsConflict(err) || !errors.Is(err, ErrConflict) {
					t.Fatalf("stale base: error %v, want a conflict", err)
				}
				gone := edit(t, tc.doc, nil, field)
				if _, err = Apply([]byte(gone), r.Patch); !IsConflict(err) {
					t.Fatalf("field deleted meanwhile: error %v, want a conflict", err)
				}
			})
		}
	}
}

func TestStaleBaseArraySetOps(t *testing.T) {
	rules := Rules{Fields: []Field{{Name: "scope", Array: ArraySetOps}}, Guard: true}
	before := `{"scope":["a","b","c"]}`
	r, err := Diff([]byte(before), []byte(`{"scope":["a","c","d"]}`), rules)
	if err != nil {
		t.Fatal(err)
	}
	for _, stale := range []string{
		`{"scope":["x","a","b","c"]}`, // someone inserted in front: indices moved
		`{"scope":["a","c"]}`,         // someone removed b already
		`{"scope":["a"]}`,             // index 1 is gone
		`{"scope":"a b c"}`,           // type changed: ErrMissing, still a conflict
		`{"scope":["a",null,"c"]}`,    // evanphx panics on this compare; reported as a failed test
		`{}`,
	} {
		_, err := Apply([]byte(stale), r.Patch)
		if !IsConflict(err) {
			t.Errorf("Apply to %s: error %v, want a conflict", stale, err)
		}
	}
}

func TestApplyIsStrict(t *testing.T) {
	doc := []byte(`{"s":["a","b"],"name":"x"}`)
	if _, err := Apply(doc, Patch{{Op: "remove", Path: "/s/-1"}}); err == nil || !errors.Is(err, jsonpatch.ErrInvalidIndex) {
		t.Errorf("negative index: error %v, want ErrInvalidIndex", err)
	}
	if _, err := Apply(doc, Patch{{Op: "remove", Path: "/missing"}}); !IsConflict(err) {
		t.Errorf("remove of a missing member: error %v, want a conflict", err)
	}
	if _, err := Apply(doc, Patch{{Op: "add", Path: "/x/y", Value: []byte(`1`)}}); err == nil {
		t.Error("add below a missing parent succeeded")
	}
	out, err := Apply(doc, Patch{{Op: "replace", Path: "/name", Value: []byte(`"a<b>&c"`)}})
	if err != nil || !strings.Contains(string(out), `"a<b>&c"`) {
		t.Errorf("HTML escaped or error: %s, %v", out, err)
	}
	if _, err := Apply([]byte(`{"a":1,"a":2}`), Patch{}); !errors.Is(err, ErrDuplicateKey) {
		t.Errorf("duplicate keys in the document: %v", err)
	}
	if _, err := Apply(doc, Patch{{Op: "test", Path: "/s", Value: []byte(`["a", null]`)}}); err == nil || IsConflict(err) {
		t.Errorf("a test with a null array element: error %v, want a refusal that is not a conflict", err)
	}
	out, err = Apply(doc, nil)
	if err != nil || !sameJSON(t, out, doc) {
		t.Errorf("nil patch: %s, %v", out, err)
	}
}

func TestApplyKeepsKeyOrderAndNumbers(t *testing.T) {
	doc := `{"z":1.50,"name":"x","a":9223372036854775807}`
	out, err := Apply([]byte(doc), Patch{{Op: "replace", Path: "/name", Value: []byte(`"y"`)}})
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"z":1.50,"name":"y","a":9223372036854775807}` {
		t.Errorf("got %s", out)
	}
}

func TestIsConflict(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("boom"), false},
		{ErrVerify, false},
		{ErrConflict, true},
		{fmt.Errorf("x: %w", jsonpatch.ErrTestFailed), true},
		{fmt.Errorf("x: %w", jsonpatch.ErrMissing), true},
		{fmt.Errorf("x: %w", jsonpatch.ErrInvalidIndex), true},
		{fmt.Errorf("x: %w", jsonpatch.ErrInvalid), false},
	} {
		if got := IsConflict(tc.err); got != tc.want {
			t.Errorf("IsConflict(%v) = %v", tc.err, got)
		}
	}
}

// TestEvanphxNullElementQuirk pins the library bug that hasNullElement and
// the recover in applyOps work around. If an upgrade fixes it, this test
// fails: then test values with null array elements can be guarded again.
func TestEvanphxNullElementQuirk(t *testing.T) {
	p, err := jsonpatch.DecodePatch([]byte(`[{"op":"test","path":"/s","value":["a",null]}]`))
	if err != nil {
		t.Fatal(err)
	}
	panicked := func() (did bool) {
		defer func() { did = recover() != nil }()
		_, _ = p.ApplyWithOptions([]byte(`{"s":["a",null]}`), strictOptions())
		return false
	}()
	if !panicked {
		t.Error("evanphx/json-patch no longer panics on null array elements in a test; drop the hasNullElement workaround")
	}
}

// TestVerifyRefusesAWrongPatch feeds verify patches that do not produce the
// edit: each must be ErrVerify, so such a patch is never returned.
func TestVerifyRefusesAWrongPatch(t *testing.T) {
	rules := Rules{Fields: []Field{{Name: "name"}, {Name: "scope"}}, Guard: true}
	fields, err := rules.compile()
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := parseDocument([]byte(`{"id":"1","name":"a","scope":["x"]}`))
	edited, _ := parseDocument([]byte(`{"id":"1","name":"b","scope":["x"]}`))
	for name, p := range map[string]Patch{
		"does nothing":             {},
		"wrong value":              {{Op: "replace", Path: "/name", Value: []byte(`"c"`)}},
		"touches a rejected field": {{Op: "replace", Path: "/name", Value: []byte(`"b"`)}, {Op: "replace", Path: "/id", Value: []byte(`"2"`)}},
		"loses a member":           {{Op: "replace", Path: "/name", Value: []byte(`"b"`)}, {Op: "remove", Path: "/id"}},
		"adds a member":            {{Op: "replace", Path: "/name", Value: []byte(`"b"`)}, {Op: "add", Path: "/extra", Value: []byte(`1`)}},
		"its own test fails":       {{Op: "test", Path: "/name", Value: []byte(`"z"`)}, {Op: "replace", Path: "/name", Value: []byte(`"b"`)}},
	} {
		if _, err := verify(orig, edited, fields, p); !errors.Is(err, ErrVerify) {
			t.Errorf("%s: error %v, want ErrVerify", name, err)
		}
	}
	if _, err := verify(orig, edited, fields, Patch{{Op: "replace", Path: "/name", Value: []byte(`"b"`)}}); err != nil {
		t.Errorf("the right patch: %v", err)
	}
}

func TestLargeDocuments(t *testing.T) {
	var b, a strings.Builder
	b.WriteString(`{`)
	a.WriteString(`{`)
	for i := range 100 {
		fmt.Fprintf(&b, `"k%d":%d,`, i, i)
		fmt.Fprintf(&a, `"k%d":%d,`, i, i+i%2)
	}
	b.WriteString(`"name":"a"}`)
	a.WriteString(`"name":"b","new":true}`)
	rules := Rules{Fields: []Field{{Name: "name"}, {Name: "k1"}, {Name: "k2"}, {Name: "new"}}, Guard: true}
	checkProperties(t, []byte(b.String()), []byte(a.String()), rules)
	r, err := Diff([]byte(b.String()), []byte(a.String()), rules)
	if err != nil || len(r.Patch) != 5 || len(r.Rejected) != 49 {
		t.Errorf("%d ops, %d rejected, %v", len(r.Patch), len(r.Rejected), err)
	}
}
