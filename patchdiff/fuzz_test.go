package patchdiff

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets. Their seeds run with every `go test`; run one for real with
//   go test -run '^$' -fuzz FuzzDiff -fuzztime 30s ./patchdiff/
// Each target takes few arguments (one []byte drives the generator): with
// many arguments the fuzzer stalls while minimising.

// FuzzDiff builds two related resources and rules from one byte string and
// checks every property of Diff (see checkProperties).
func FuzzDiff(f *testing.F) {
	for _, seed := range []string{
		"",
		"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f",
		"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1\xf0\xef\xee",
		"\x01\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b",
		"\x81\x33\x0a\x0b\x22\x07\x09\x10\x0b\x0b\x09\x31\x02\x05\x0a\x0b\x0b\x07\x07\x09\x09\x03\x04",
		"\x02\xa5\x5a\x13\x0b\x0b\x0b\x4c\x0b\x33\x0a\x0a\x0b\x22\x11\x0b\x22\x11\x00\x08\x0b\x01",
		"guard scope set ops: remove, append, reorder and duplicate elements",
		"\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40\x40",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := &gen{data: data}
		rules := g.rules()
		before, after := g.documents()
		checkProperties(t, before, after, rules)
	})
}

// FuzzDiffRaw feeds arbitrary bytes: Diff, Apply and Preview never panic;
// bad documents get the right error class; good ones keep every property.
func FuzzDiffRaw(f *testing.F) {
	seeds := [][2]string{
		{patDoc, `{"name":"x","scope":["a"],"expirationDate":null,"userAwareTokenNeverExpires":true,"id":"y"}`},
		{appDoc, `{"name":"x","owner":{"id":"u2"},"accessProfiles":[],"enabled":false}`},
		{`{"a~b":1,"c/d":[1.0,"é"],"<\"&>":{}}`, `{"a~b":1e0,"c/d":["\u00e9"],"<\"&>":null}`},
		{`{"s":["a","","a",null],"n":1E2}`, `{"s":["","a","b"],"n":100}`},
		{`{"s":[[null],[1]]}`, `{"s":[[null]]}`},
		{`{"name":"a","name":"b"}`, `{}`},
		{`{"o":{"k":[{"x":1,"\u0078":2}]}}`, `{"o":1}`},
		{`[]`, `{"a":1}`},
		{`{"a":`, `null`},
		{"{\"a\":\"\xff\"}", `{"a":"x"}`},
		{`{"":{"":1}}`, `{"":{"":2},"-":[]}`},
		{`{"0":[1,2],"-":true}`, `{"0":[2],"-":false}`},
		{`{"n":9223372036854775807}`, `{"n":9223372036854775808}`},
		{`{"n":1e400,"m":-0.0}`, `{"n":10e399,"m":0}`},
		{"{\"k\u2028\":\"<&>\",\"l\u2028\":1,\"x\":[\"\u2028\"]}", `{"k\u2028":"a<b>&","l\u2028":2,"x":["\u2028",1],"y\u0079":{}}`},
	}
	for i, s := range seeds {
		f.Add([]byte(s[0]), []byte(s[1]), byte(i*37))
	}
	f.Fuzz(func(t *testing.T, before, after []byte, mode byte) {
		rules := rawRules(before, after, mode)
		r, err := Diff(before, after, rules)
		_ = Preview(before, r)
		if p, ok := asPatch(after); ok {
			_, _ = Apply(before, p) // arbitrary patches: errors are fine, panics are not
		}
		errB, errA := oracleClass(before), oracleClass(after)
		switch {
		case errB != nil:
			if !errors.Is(err, errB) || !strings.HasPrefix(err.Error(), "original document") {
				t.Fatalf("Diff error %v, want %v for the original", err, errB)
			}
		case errA != nil:
			if !errors.Is(err, errA) || !strings.HasPrefix(err.Error(), "edited document") {
				t.Fatalf("Diff error %v, want %v for the edit", err, errA)
			}
		default:
			checkProperties(t, before, after, rules)
		}
	})
}

// oracleClass says which error a document deserves, from encoding/json.
func oracleClass(doc []byte) error {
	if !utf8.Valid(doc) || !json.Valid(doc) {
		return ErrInvalidJSON
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(doc, &m) != nil || m == nil {
		return ErrNotObject
	}
	if dup, _ := hasDuplicateKey(doc); dup {
		return ErrDuplicateKey
	}
	return nil
}

// rawRules: mode picks the PAT rules, the app rules, or rules over the
// documents' own keys with flags from mode's bits.
func rawRules(before, after []byte, mode byte) Rules {
	switch mode % 4 {
	case 0:
		return PATRules(true)
	case 1:
		return SourceAppRules()
	}
	keys := map[string]bool{}
	for _, doc := range [][]byte{before, after} {
		var m map[string]json.RawMessage
		if json.Unmarshal(doc, &m) == nil {
			for k := range m {
				keys[k] = k != ""
			}
		}
	}
	var names []string
	for k, ok := range keys {
		if ok {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	r := Rules{Guard: mode&0x80 == 0}
	for i, k := range names {
		h := mode>>2 + byte(i)*5
		if h%5 == 4 {
			continue // not allowed
		}
		r.Fields = append(r.Fields, Field{Name: k, Required: h&1 == 1, Array: ArrayMode(h >> 1 & 1), NoGuard: h&8 == 8})
	}
	return r
}

func asPatch(b []byte) (Patch, bool) {
	var p Patch
	return p, json.Unmarshal(b, &p) == nil
}

// TestPropertiesOnResources runs the property checks over realistic edits
// of both resource types, beyond the fuzz seeds.
func TestPropertiesOnResources(t *testing.T) {
	setScope := PATRules(true)
	setScope.Fields[1].Array = ArraySetOps
	for _, tc := range []struct {
		doc   string
		rules Rules
		set   map[string]string
		del   []string
	}{
		{patDoc, PATRules(true), map[string]string{"name": `"n"`, "expirationDate": `null`, "userAwareTokenNeverExpires": `true`}, nil},
		{patDoc, PATRules(false), map[string]string{"scope": `["a","b"]`, "expirationDate": `null`}, nil},
		{patDoc, setScope, map[string]string{"scope": `["sp:scopes:all","x","y"]`}, []string{"expirationDate"}},
		{patDoc, setScope, map[string]string{"scope": `[]`}, []string{"userAwareTokenNeverExpires"}},
		{appDoc, SourceAppRules(), map[string]string{"owner": `{"id":"u2"}`, "accessProfiles": `["ap3"]`, "enabled": `false`}, []string{"accountSource"}},
		{appDoc, SourceAppRules(), map[string]string{"description": `"d"`, "id": `"z"`}, []string{"accessProfiles", "matchAllAccounts"}},
		{appDoc, SourceAppRules(), map[string]string{"owner": `null`}, nil},
	} {
		checkProperties(t, []byte(tc.doc), []byte(edit(t, tc.doc, tc.set, tc.del...)), tc.rules)
	}
}
