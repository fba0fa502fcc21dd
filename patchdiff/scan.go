package patchdiff

import (
	"bytes"
	"encoding/json"
)

// isCompact reports whether data has no whitespace outside strings.
func isCompact(data []byte) bool {
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = stringEnd(data, i) - 1
		case ' ', '\t', '\n', '\r':
			return false
		}
	}
	return true
}

// kindOf names the JSON type of a compact value for messages.
func kindOf(v []byte) string {
	switch v[0] {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

// keySet detects repeated keys: a short list for small objects, a map beyond.
type keySet struct {
	n     int
	small [16][]byte
	set   map[string]struct{}
}

func (s *keySet) add(key []byte) bool {
	if s.set != nil {
		if _, dup := s.set[string(key)]; dup {
			return false
		}
		s.set[string(key)] = struct{}{}
		return true
	}
	for _, k := range s.small[:s.n] {
		if bytes.Equal(k, key) {
			return false
		}
	}
	if s.n < len(s.small) {
		s.small[s.n] = key
		s.n++
		return true
	}
	s.set = make(map[string]struct{}, 2*len(s.small))
	for _, k := range s.small {
		s.set[string(k)] = struct{}{}
	}
	s.set[string(key)] = struct{}{}
	return true
}

// decodeKey decodes a quoted JSON string. Without escapes it is a slice of
// the input; escapes go through encoding/json.
func decodeKey(quoted []byte) []byte {
	inner := quoted[1 : len(quoted)-1 : len(quoted)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		return inner
	}
	var s string
	if err := json.Unmarshal(quoted, &s); err != nil {
		// Unreachable for validated input; keep the raw text so it still compares.
		return inner
	}
	return []byte(s)
}

// stringEnd returns the index just past the string that starts at i (a '"').
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(data)
}

// skipValue returns the index just past the compact value starting at i.
func skipValue(data []byte, i int) int {
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				j = stringEnd(data, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(data)
	default: // number, true, false, null
		j := i
		for j < len(data) && data[j] != ',' && data[j] != '}' && data[j] != ']' {
			j++
		}
		return j
	}
}

// elements splits a compact array into its compact element values.
func elements(arr []byte) [][]byte {
	if len(arr) < 2 || arr[1] == ']' {
		return nil
	}
	var out [][]byte
	for i := 1; i < len(arr); {
		end := skipValue(arr, i)
		out = append(out, arr[i:end:end])
		i = end + 1 // ',' or the closing ']'
	}
	return out
}

// isNull and isEmpty classify compact values for the Required rule.
func isNull(v []byte) bool { return string(v) == "null" }

func isEmpty(v []byte) bool {
	s := string(v)
	return s == `""` || s == "[]" || s == "{}"
}

// hasNullElement reports whether a compact value holds null as an array
// element at any depth. evanphx/json-patch v5.9.11 panics (nil *lazyNode)
// when a test compares equal-length arrays with a null element on either
// side, so such values are never used as test values.
func hasNullElement(v []byte) bool {
	for i := 0; i+1 < len(v); i++ {
		switch v[i] {
		case '"':
			i = stringEnd(v, i) - 1
		case '[', ',':
			// In an object a ',' is always followed by a key, so 'n' here
			// starts an array element.
			if v[i+1] == 'n' {
				return true
			}
		}
	}
	return false
}
