package patchdiff

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"strings"
	"testing"
)

// This file holds test oracles written independently of the package code:
// encoding/json's Decoder with UseNumber and math/big for numbers. The
// property and fuzz tests compare the package's behaviour with them.

// decodeAny decodes one JSON value with json.Number for numbers.
func decodeAny(t testing.TB, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("oracle decode %q: %v", data, err)
	}
	return v
}

// sameValue compares decoded values; numbers compare exactly as rationals.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, vx := range x {
			vy, ok := y[k]
			if !ok || !sameValue(vx, vy) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameValue(x[i], y[i]) {
				return false
			}
		}
		return true
	case json.Number:
		y, ok := b.(json.Number)
		return ok && sameNumber(string(x), string(y))
	default:
		return a == b
	}
}

func sameNumber(a, b string) bool {
	if a == b {
		return true
	}
	if !ratFriendly(a) || !ratFriendly(b) {
		// Exponents this large would make big.Rat allocate gigabytes; use
		// the package's own comparison (covered by its own table tests).
		return parseDecimal([]byte(a)).equal(parseDecimal([]byte(b)))
	}
	ra, okA := new(big.Rat).SetString(a)
	rb, okB := new(big.Rat).SetString(b)
	return okA && okB && ra.Cmp(rb) == 0
}

// ratFriendly: short numbers with small exponents only.
func ratFriendly(s string) bool {
	if len(s) > 400 {
		return false
	}
	i := strings.IndexAny(s, "eE")
	return i < 0 || len(strings.TrimLeft(strings.TrimLeft(s[i+1:], "+-"), "0")) <= 3
}

// sameJSON compares two JSON texts by meaning.
func sameJSON(t testing.TB, a, b []byte) bool {
	t.Helper()
	return sameValue(decodeAny(t, a), decodeAny(t, b))
}

// projection is before with every allowed field taken from after (or
// removed when after lacks it): what the server should hold after the patch.
func projection(t testing.TB, before, after []byte, rules Rules) map[string]any {
	t.Helper()
	out := decodeAny(t, before).(map[string]any)
	edited := decodeAny(t, after).(map[string]any)
	for _, f := range rules.Fields {
		if v, ok := edited[f.Name]; ok {
			out[f.Name] = v
		} else {
			delete(out, f.Name)
		}
	}
	return out
}

// hasDuplicateKey is the reference duplicate-key check: a json.Decoder
// token scan keeping one key set per open object.
func hasDuplicateKey(data []byte) (dup bool, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	// Numbers stay text: as float64, -4.1e400 is out of range, Token fails
	// and a duplicate key after it went unseen (found by FuzzDiffRaw).
	dec.UseNumber()
	type frame struct {
		object    bool
		keys      map[string]bool
		expectKey bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return false, true
		}
		if err != nil {
			return false, false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.expectKey {
			if d, isDelim := tok.(json.Delim); isDelim && d == '}' {
				stack = stack[:len(stack)-1]
				continue
			}
			k := tok.(string)
			if top.keys[k] {
				return true, true
			}
			top.keys[k] = true
			top.expectKey = false
			continue
		}
		if top != nil && top.object {
			top.expectKey = true // this token is the member's value (or starts it)
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, keys: map[string]bool{}, expectKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}

func TestOracleDuplicateKey(t *testing.T) {
	cases := map[string]bool{
		`{"a":1,"b":2}`:                   false,
		`{"a":1,"a":2}`:                   true,
		`{"a":{"b":1},"c":{"b":2}}`:       false,
		`{"a":[{"x":1,"x":2}]}`:           true,
		`{"a":1,"\u0061":2}`:              true,
		`{"a":{"a":{}},"b":[{},{"a":1}]}`: false,
		`[{"k":1},{"k":1}]`:               false,
		`{"o":{"p":[1,{"q":1}],"q":2}}`:   false,
		`{"o":{"p":[1,{"q":1}],"p":2}}`:   true,
	}
	for in, want := range cases {
		got, ok := hasDuplicateKey([]byte(in))
		if !ok || got != want {
			t.Errorf("hasDuplicateKey(%s) = %v, %v; want %v", in, got, ok, want)
		}
	}
}
