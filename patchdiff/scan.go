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

// document is a validated top-level JSON object, compacted, with its
// members in document order. Values are compact slices of compact.
type document struct {
	compact []byte
	members []member
	index   map[string]int // only for large documents; small ones are scanned
}

type member struct {
	key   string
	value []byte
}

// indexAbove is the member count from which lookups use a map.
const indexAbove = 32

func (d *document) member(name string) ([]byte, bool) {
	if d.index != nil {
		if i, ok := d.index[name]; ok {
			return d.members[i].value, true
		}
		return nil, false
	}
	for i := range d.members {
		if d.members[i].key == name {
			return d.members[i].value, true
		}
	}
	return nil, false
}

func newDocument(c []byte, members []member) document {
	d := document{compact: c, members: members}
	if len(members) > indexAbove {
		d.index = make(map[string]int, len(members))
		for i, m := range members {
			d.index[m.key] = i
		}
	}
	return d
}

// parseDocument validates data (UTF-8, JSON syntax, an object at the top,
// no duplicate keys at any depth) and splits the top level into members.
func parseDocument(data []byte) (document, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM some editors write
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
	w := walker{data: c, top: make([]member, 0, 16)}
	if err := w.object(true); err != nil {
		return document{}, err
	}
	return newDocument(c, w.top), nil
}

// trustedDocument splits JSON this package produced itself (evanphx's output
// for a validated original and patch) without validating it again. Output
// that is not compact still goes through parseDocument.
func trustedDocument(data []byte) (document, error) {
	if len(data) < 2 || data[0] != '{' || !isCompact(data) {
		return parseDocument(data)
	}
	var ms []member
	if data[1] != '}' {
		ms = make([]member, 0, 16)
		for i := 1; i < len(data); {
			end := stringEnd(data, i)
			vEnd := skipValue(data, end+1)
			ms = append(ms, member{key: string(decodeKey(data[i:end])), value: data[end+1 : vEnd : vEnd]})
			i = vEnd + 1
		}
	}
	return newDocument(data, ms), nil
}

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
	key   []byte
	index int // -1 for object members
}

// walker walks compact, valid JSON and rejects duplicate keys. It relies on
// json.Compact having validated the input, so it does no syntax checks.
type walker struct {
	data []byte
	pos  int
	path []pathSeg
	top  []member // the top-level members, collected by object(true)
}

// object walks the object at w.pos; top collects its members into w.top.
func (w *walker) object(top bool) error {
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
		if top {
			w.top = append(w.top, member{key: string(key), value: w.data[start:w.pos:w.pos]})
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
		return w.object(false)
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
			b.WriteString(escapePointer(string(s.key)))
		}
	}
	return b.String()
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
