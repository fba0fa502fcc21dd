package patchdiff

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// document is a validated top-level JSON object, compacted, with its members.
// Member values are slices of compact and are themselves compact JSON.
type document struct {
	compact []byte
	keys    []string // member names in document order
	members map[string][]byte
}

func (d document) member(name string) ([]byte, bool) {
	v, ok := d.members[name]
	return v, ok
}

// parseDocument validates data (UTF-8, JSON syntax, an object at the top,
// no duplicate keys at any depth) and splits the top level into members.
func parseDocument(data []byte) (document, error) {
	if !utf8.Valid(data) {
		return document{}, fmt.Errorf("%w: the text is not valid UTF-8", ErrInvalidJSON)
	}
	var buf bytes.Buffer
	buf.Grow(len(data))
	// json.Compact validates with encoding/json's scanner (including its
	// nesting limit), so the hand-written walk below only sees valid JSON.
	if err := json.Compact(&buf, data); err != nil {
		return document{}, syntaxError(data, err)
	}
	c := buf.Bytes()
	if c[0] != '{' {
		return document{}, fmt.Errorf("%w: the top level is %s", ErrNotObject, kindOf(c))
	}
	doc := document{compact: c, members: make(map[string][]byte, 16)}
	w := walker{data: c}
	err := w.object(func(key string, value []byte) {
		doc.keys = append(doc.keys, key)
		doc.members[key] = value
	})
	if err != nil {
		return document{}, err
	}
	return doc, nil
}

// syntaxError turns a json.SyntaxError into a message with line and column.
func syntaxError(data []byte, err error) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%w: the document is empty", ErrInvalidJSON)
	}
	// json.Compact's errors carry no offset; json.Unmarshal's do.
	var raw json.RawMessage
	if uerr := json.Unmarshal(data, &raw); uerr != nil {
		err = uerr
	}
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return fmt.Errorf("%w: %v", ErrInvalidJSON, err)
	}
	if strings.HasPrefix(se.Error(), "unexpected end") {
		return fmt.Errorf("%w: the document ends early (an object, array or string is not closed)", ErrInvalidJSON)
	}
	off := int(se.Offset) - 1 // Offset counts the offending byte
	off = max(0, min(off, len(data)))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Errorf("%w: line %d, column %d: %s", ErrInvalidJSON, line, col, se.Error())
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

// pathSeg is one step of the walker's position, for duplicate-key messages.
type pathSeg struct {
	key   string
	index int // -1 for object members
}

// walker walks compact, valid JSON and rejects duplicate keys. It relies on
// json.Compact having validated the input, so it does no syntax checks.
type walker struct {
	data []byte
	pos  int
	path []pathSeg
}

// object walks the object at w.pos. onMember, if not nil, gets each member.
func (w *walker) object(onMember func(key string, value []byte)) error {
	w.pos++ // '{'
	if w.data[w.pos] == '}' {
		w.pos++
		return nil
	}
	var seen keySet
	for {
		end := stringEnd(w.data, w.pos)
		key := decodeKey(w.data[w.pos:end])
		if !seen.add(key) {
			return fmt.Errorf("%w %q in %s", ErrDuplicateKey, key, w.pointer())
		}
		w.pos = end + 1 // ':'
		start := w.pos
		w.path = append(w.path, pathSeg{key: key, index: -1})
		if err := w.value(); err != nil {
			return err
		}
		w.path = w.path[:len(w.path)-1]
		if onMember != nil {
			onMember(key, w.data[start:w.pos:w.pos])
		}
		c := w.data[w.pos]
		w.pos++
		if c == '}' {
			return nil
		}
	}
}

func (w *walker) array() error {
	w.pos++ // '['
	if w.data[w.pos] == ']' {
		w.pos++
		return nil
	}
	for i := 0; ; i++ {
		w.path = append(w.path, pathSeg{index: i})
		if err := w.value(); err != nil {
			return err
		}
		w.path = w.path[:len(w.path)-1]
		c := w.data[w.pos]
		w.pos++
		if c == ']' {
			return nil
		}
	}
}

func (w *walker) value() error {
	switch w.data[w.pos] {
	case '{':
		return w.object(nil)
	case '[':
		return w.array()
	default:
		w.pos = skipValue(w.data, w.pos)
		return nil
	}
}

// pointer renders the walker's position as a JSON pointer ("the document" at the top).
func (w *walker) pointer() string {
	if len(w.path) == 0 {
		return "the document"
	}
	var b strings.Builder
	for _, s := range w.path {
		b.WriteByte('/')
		if s.index >= 0 {
			b.WriteString(strconv.Itoa(s.index))
		} else {
			b.WriteString(escapePointer(s.key))
		}
	}
	return b.String()
}

// keySet detects repeated keys: a slice for small objects, a map beyond.
type keySet struct {
	list []string
	set  map[string]struct{}
}

func (s *keySet) add(key string) bool {
	if s.set != nil {
		if _, dup := s.set[key]; dup {
			return false
		}
		s.set[key] = struct{}{}
		return true
	}
	for _, k := range s.list {
		if k == key {
			return false
		}
	}
	s.list = append(s.list, key)
	if len(s.list) > 16 {
		s.set = make(map[string]struct{}, 2*len(s.list))
		for _, k := range s.list {
			s.set[k] = struct{}{}
		}
	}
	return true
}

// decodeKey decodes a quoted JSON string; escapes go through encoding/json.
func decodeKey(quoted []byte) string {
	inner := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		return string(inner)
	}
	var s string
	if err := json.Unmarshal(quoted, &s); err != nil {
		// Unreachable for validated input; keep the raw text so it still compares.
		return string(inner)
	}
	return s
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
