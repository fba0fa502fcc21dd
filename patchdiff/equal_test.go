package patchdiff

import (
	"reflect"
	"strings"
	"testing"
)

func TestEqualJSON(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{`1`, `1.0`, true},
		{`1`, `1e0`, true},
		{`100`, `1E2`, true},
		{`100`, `1e+2`, true},
		{`0.001`, `1e-3`, true},
		{`1.50`, `1.5`, true},
		{`15`, `1.50e1`, true},
		{`0`, `-0`, true},
		{`0`, `0.000e99`, true},
		{`-1`, `1`, false},
		{`-1.5`, `-15e-1`, true},
		{`9007199254740993`, `9007199254740992`, false},
		{`123456789012345678901234567890`, `1.2345678901234567890123456789e29`, true},
		{`1e99999999999999999999`, `10e99999999999999999998`, true},
		{`1e99999999999999999999`, `1e99999999999999999998`, false},
		{`1e-99999999999999999999`, `0.1e-99999999999999999998`, true},
		{`1e18`, `1000000000000000000`, true},
		{`1`, `"1"`, false},
		{`"é"`, `"\u00e9"`, true},
		{`"a\/b"`, `"a/b"`, true},
		{`"a"`, `"b"`, false},
		{`true`, `true`, true},
		{`true`, `false`, false},
		{`null`, `false`, false},
		{`null`, `{}`, false},
		{`[]`, `{}`, false},
		{`[1,2]`, `[2,1]`, false},
		{`[1,2]`, `[1,2,3]`, false},
		{`[1,[2.0]]`, `[1.0,[2]]`, true},
		{`{"a":1,"b":[true]}`, `{"b":[true],"a":1.0}`, true},
		{`{"a":1}`, `{"a":1,"b":1}`, false},
		{`{"a":1}`, `{"b":1}`, false},
		{`{"a\u0062":1}`, `{"ab":1}`, true},
		{`{}`, `{}`, true},
	} {
		if got := equalJSON([]byte(tc.a), []byte(tc.b)); got != tc.want {
			t.Errorf("equalJSON(%s, %s) = %v", tc.a, tc.b, got)
		}
		if got := equalJSON([]byte(tc.b), []byte(tc.a)); got != tc.want {
			t.Errorf("equalJSON(%s, %s) = %v (reversed)", tc.b, tc.a, got)
		}
	}
}

func TestElementsAndNullElements(t *testing.T) {
	got := elements([]byte(`[1,"a,]",{"k":[2,3]},[],null]`))
	var s []string
	for _, e := range got {
		s = append(s, string(e))
	}
	if want := []string{`1`, `"a,]"`, `{"k":[2,3]}`, `[]`, `null`}; !reflect.DeepEqual(s, want) {
		t.Errorf("elements = %q, want %q", s, want)
	}
	if elements([]byte(`[]`)) != nil {
		t.Error("elements([]) is not empty")
	}
	for v, want := range map[string]bool{
		`[null]`:              true,
		`[1,null]`:            true,
		`{"a":[{"b":null}]}`:  false,
		`{"a":null,"b":null}`: false,
		`{"a":[1,[null]]}`:    true,
		`"[null,null]"`:       false,
		`["\",null"]`:         false,
		`null`:                false,
	} {
		if got := hasNullElement([]byte(v)); got != want {
			t.Errorf("hasNullElement(%s) = %v", v, got)
		}
	}
}

func TestManyKeysDuplicateDetection(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{`)
	for i := range 40 {
		b.WriteString(`"k` + strings.Repeat("x", i) + `":1,`)
	}
	ok := b.String() + `"end":1}`
	dup := b.String() + `"kxxxxx":2}`
	if _, err := parseDocument([]byte(ok)); err != nil {
		t.Errorf("40 distinct keys: %v", err)
	}
	if _, err := parseDocument([]byte(dup)); err == nil {
		t.Error("a duplicate among 40 keys was not found")
	}
}

func TestSameAtComparesTheTouchedMembersOnly(t *testing.T) {
	a := []byte(`{"enabled":true,"name":"x","owner":{"id":"1","name":"A"}}`)
	b := []byte(`{"name":"y","enabled":true,"owner":{"name":"A","id":"1"}}`)
	p := func(path string) Patch { return Patch{{Op: "replace", Path: path, Value: []byte("false")}} }
	switch {
	case !SameAt(a, b, p("/enabled")), !SameAt(a, b, p("/owner/id")):
		t.Fatal("equal members read as different")
	case SameAt(a, b, p("/name")):
		t.Fatal("different names read as equal")
	case SameAt([]byte(`[]`), b, p("/enabled")):
		t.Fatal("an unreadable document agreed")
	}
}
