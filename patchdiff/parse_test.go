package patchdiff

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzParse holds the hand-written parser to encoding/json: the same texts
// are valid, the compact form is json.Compact's, the error class is the
// oracle's, and the top-level members are json.Unmarshal's.
//
//	go test -run '^$' -fuzz FuzzParse -fuzztime 30s ./patchdiff/
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		patDoc, appDoc, ``, ` `, `{}`, ` { } `, `[]`, `[ 1 , [ ] , { } ]`, `"s"`, `0`, `-0.5e+3`, `true`, `null`,
		`{"a":1,"a":2}`, `[{"a":1,"\u0061":2}]`, `{"a":{"b":[{"c":1,"c":2}]}}`, `{"a":[1,2}`, `{"a":1,}`, `[1,]`,
		`{"a" 1}`, `{1:1}`, `{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`, `{"a":-}`, `{"a":+1}`, `{"a":tru}`,
		`{"a":nulll}`, `{"a":"\x"}`, `{"a":"\u12"}`, `{"a":"\uD800"}`, "{\"a\":\"\t\"}", "{\"a\":\"\x7f\"}",
		`{"a":"\"\\\/\b\f\n\r\t"}`, "\xef\xbb\xbf{}", "{\"\xff\":1}", `{} {}`, `{}x`, `{"a":1}` + "\n",
		`{"<\"&>":"\u2028"}`, `{"a":[[[[[[]]]]]],"b":{"c":{"d":{}}}}`, "{\"a\"\n:\r1\t}",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseDocument(data)
		want := oracleClass(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
		if want == nil && err != nil || want != nil && !errors.Is(err, want) {
			t.Fatalf("parseDocument(%q): error %v, want class %v", data, err, want)
		}
		if err != nil {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))); err != nil {
			t.Fatalf("json.Compact: %v", err)
		}
		if !bytes.Equal(d.compact, compact.Bytes()) {
			t.Fatalf("compact form\n got %s\nwant %s", d.compact, compact.Bytes())
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(d.compact, &m); err != nil {
			t.Fatal(err)
		}
		if len(d.members) != len(m) {
			t.Fatalf("%d members, encoding/json has %d", len(d.members), len(m))
		}
		for _, mem := range d.members {
			v, ok := m[string(mem.key)]
			if !ok || !bytes.Equal(v, mem.value) {
				t.Fatalf("member %q = %s, encoding/json has %s (%v)", mem.key, mem.value, v, ok)
			}
			var key string
			if err := json.Unmarshal(mem.rawKey, &key); err != nil || key != string(mem.key) {
				t.Fatalf("raw key %s decodes to %q (%v), want %q", mem.rawKey, key, err, mem.key)
			}
			if got, _ := d.member(key); !bytes.Equal(got, v) {
				t.Fatalf("lookup of %q = %s, want %s", key, got, v)
			}
		}
	})
}

// TestParseNestingLimit: encoding/json accepts 10000 nested containers and
// rejects 10001; so does the parser, without exhausting the stack.
func TestParseNestingLimit(t *testing.T) {
	for _, tc := range []struct {
		depth int
		valid bool
	}{{maxDepth, true}, {maxDepth + 1, false}} {
		inner := strings.Repeat("[", tc.depth-1) + strings.Repeat("]", tc.depth-1)
		doc := []byte(`{"a":` + inner + `}`)
		if json.Valid(doc) != tc.valid {
			t.Fatalf("encoding/json's limit changed: depth %d valid=%v", tc.depth, !tc.valid)
		}
		_, err := parseDocument(doc)
		if (err == nil) != tc.valid || !tc.valid && !errors.Is(err, ErrInvalidJSON) {
			t.Errorf("depth %d: error %v, want valid=%v", tc.depth, err, tc.valid)
		}
	}
}
