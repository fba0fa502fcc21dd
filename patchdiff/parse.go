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
// members in document order. Raw keys and values are slices of compact,
// and so are decoded keys unless they had escapes.
type document struct {
	compact []byte
	members []member
	index   map[string]int // only for large documents; small ones are scanned
}

type member struct {
	key    []byte // decoded
	rawKey []byte // as written, quoted
	value  []byte
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
		if string(d.members[i].key) == name {
			return d.members[i].value, true
		}
	}
	return nil, false
}

// memberNear is member for a name expected at index i (an edit usually
// keeps the original's member order), falling back to a search.
func (d *document) memberNear(name string, i int) ([]byte, bool) {
	if i < len(d.members) && string(d.members[i].key) == name {
		return d.members[i].value, true
	}
	return d.member(name)
}

func newDocument(c []byte, members []member) document {
	d := document{compact: c, members: members}
	if len(members) > indexAbove {
		d.index = make(map[string]int, len(members))
		for i, m := range members {
			d.index[string(m.key)] = i
		}
	}
	return d
}

// parseDocument validates data (UTF-8, JSON syntax, an object at the top,
// no duplicate keys at any depth), compacts it and splits the top level
// into members, in one pass. What it accepts is what encoding/json accepts
// (FuzzParse checks that), including its nesting limit.
func parseDocument(data []byte) (document, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM some editors write
	if !utf8.Valid(data) {
		return document{}, fmt.Errorf("%w: the text is not valid UTF-8", ErrInvalidJSON)
	}
	// Compacting never lengthens the text, so the slices taken while
	// parsing all point into this one buffer.
	p := parser{in: data, out: make([]byte, 0, len(data))}
	p.skipSpace()
	ok := false
	switch {
	case p.pos < len(data) && data[p.pos] == '{':
		p.top = make([]member, 0, 16)
		ok = p.object(true)
	default:
		ok = p.value()
	}
	if p.skipSpace(); !ok || p.pos != len(data) {
		return document{}, syntaxError(data, p.pos)
	}
	if p.out[0] != '{' {
		return document{}, fmt.Errorf("%w: the top level is %s", ErrNotObject, kindOf(p.out))
	}
	if p.dup != nil {
		// Say where: parse again, this time keeping track of the position.
		q := parser{in: data, out: make([]byte, 0, len(data)), trackPath: true}
		if q.value(); q.dup != nil {
			return document{}, q.dup
		}
		return document{}, p.dup
	}
	return newDocument(p.out, p.top), nil
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
			ms = append(ms, member{key: decodeKey(data[i:end]), rawKey: data[i:end:end], value: data[end+1 : vEnd : vEnd]})
			i = vEnd + 1
		}
	}
	return newDocument(data, ms), nil
}

// syntaxError explains why encoding/json rejects data, with line and column.
// at is where the parser stopped, used only if encoding/json disagrees.
func syntaxError(data []byte, at int) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%w: the document is empty", ErrInvalidJSON)
	}
	// json.Unmarshal's errors carry the offset of the offending byte.
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return fmt.Errorf("%w: unexpected text at byte %d", ErrInvalidJSON, at)
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

// maxDepth is encoding/json's nesting limit: deeper text is invalid there.
const maxDepth = 10000

// parser is a recursive-descent JSON validator that writes the compact
// form of its input to out, collects the top-level members and finds
// duplicate keys. Its methods return false on a syntax error; syntaxError
// then asks encoding/json for the message.
type parser struct {
	in    []byte
	pos   int
	out   []byte
	depth int
	top   []member // the top-level members, collected by object(true)
	dup   error    // the first duplicate key; reported only if the text is valid

	// trackPath keeps path, for the message about a duplicate key. The
	// first pass does without; only a document with one is parsed again.
	trackPath bool
	path      []pathSeg
}

// pathSeg is one step of the parser's position: an array index, or for an
// object member (index -1) where its quoted key is in out.
type pathSeg struct {
	keyStart, keyEnd int
	index            int
}

func (p *parser) skipSpace() {
	for p.pos < len(p.in) {
		switch p.in[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// value parses the value after any whitespace at p.pos.
func (p *parser) value() bool {
	p.skipSpace()
	if p.pos >= len(p.in) {
		return false
	}
	switch c := p.in[p.pos]; c {
	case '{':
		return p.object(false)
	case '[':
		return p.array()
	case '"':
		return p.str()
	case 't':
		return p.literal("true")
	case 'f':
		return p.literal("false")
	case 'n':
		return p.literal("null")
	default:
		return p.number()
	}
}

// next consumes the byte after any whitespace, which must be one of a
// and b, and copies it to out; it returns that byte, or 0 on a mismatch.
func (p *parser) next(a, b byte) byte {
	p.skipSpace()
	if p.pos >= len(p.in) || p.in[p.pos] != a && p.in[p.pos] != b {
		return 0
	}
	c := p.in[p.pos]
	p.pos++
	p.out = append(p.out, c)
	return c
}

// open consumes '{' or '[' and enforces the nesting limit.
func (p *parser) open() bool {
	p.depth++
	p.out = append(p.out, p.in[p.pos])
	p.pos++
	return p.depth <= maxDepth
}

func (p *parser) object(top bool) bool {
	if !p.open() {
		return false
	}
	p.skipSpace()
	if p.pos < len(p.in) && p.in[p.pos] == '}' {
		return p.close()
	}
	var seen keySet
	for {
		p.skipSpace()
		if p.pos >= len(p.in) || p.in[p.pos] != '"' {
			return false
		}
		keyStart := len(p.out)
		if !p.str() {
			return false
		}
		keyEnd := len(p.out)
		rawKey := p.out[keyStart:keyEnd:keyEnd]
		key := decodeKey(rawKey)
		if !seen.add(key) && p.dup == nil {
			p.dup = ErrDuplicateKey
			if p.trackPath {
				p.dup = fmt.Errorf("%w %q in %s", ErrDuplicateKey, key, p.pointer())
			}
		}
		if p.next(':', ':') == 0 {
			return false
		}
		valueStart := len(p.out)
		if p.trackPath {
			p.path = append(p.path, pathSeg{keyStart: keyStart, keyEnd: keyEnd, index: -1})
		}
		if !p.value() {
			return false
		}
		if p.trackPath {
			p.path = p.path[:len(p.path)-1]
		}
		if top {
			end := len(p.out)
			p.top = append(p.top, member{key: key, rawKey: rawKey, value: p.out[valueStart:end:end]})
		}
		switch p.next(',', '}') {
		case 0:
			return false
		case '}':
			p.depth--
			return true
		}
	}
}

func (p *parser) array() bool {
	if !p.open() {
		return false
	}
	p.skipSpace()
	if p.pos < len(p.in) && p.in[p.pos] == ']' {
		return p.close()
	}
	for i := 0; ; i++ {
		if p.trackPath {
			p.path = append(p.path, pathSeg{index: i})
		}
		if !p.value() {
			return false
		}
		if p.trackPath {
			p.path = p.path[:len(p.path)-1]
		}
		switch p.next(',', ']') {
		case 0:
			return false
		case ']':
			p.depth--
			return true
		}
	}
}

// close consumes the '}' or ']' of an empty object or array.
func (p *parser) close() bool {
	p.out = append(p.out, p.in[p.pos])
	p.pos++
	p.depth--
	return true
}

// str copies the string at p.pos: no control characters, only the escapes
// RFC 8259 defines. UTF-8 was checked for the whole text beforehand.
func (p *parser) str() bool {
	in := p.in
	for i := p.pos + 1; i < len(in); {
		switch c := in[i]; {
		case c == '"':
			p.out = append(p.out, in[p.pos:i+1]...)
			p.pos = i + 1
			return true
		case c == '\\':
			if i+1 >= len(in) {
				return false
			}
			switch in[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(in) || !isHex(in[i+2]) || !isHex(in[i+3]) || !isHex(in[i+4]) || !isHex(in[i+5]) {
					return false
				}
				i += 6
			default:
				return false
			}
		case c < 0x20:
			return false
		default:
			i++
		}
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// number copies -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at p.pos.
// What follows it is checked by the caller (a delimiter, space or the end).
func (p *parser) number() bool {
	in, i := p.in, p.pos
	if in[i] == '-' {
		i++
	}
	switch {
	case i < len(in) && in[i] == '0':
		i++
	case i < len(in) && '1' <= in[i] && in[i] <= '9':
		i = digitsEnd(in, i)
	default:
		return false
	}
	if i < len(in) && in[i] == '.' {
		if i = digitsEnd(in, i+1); in[i-1] == '.' {
			return false
		}
	}
	if i < len(in) && (in[i] == 'e' || in[i] == 'E') {
		i++
		if i < len(in) && (in[i] == '+' || in[i] == '-') {
			i++
		}
		start := i
		if i = digitsEnd(in, i); i == start {
			return false
		}
	}
	p.out = append(p.out, in[p.pos:i]...)
	p.pos = i
	return true
}

func digitsEnd(s []byte, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

func (p *parser) literal(word string) bool {
	if !bytes.HasPrefix(p.in[p.pos:], []byte(word)) {
		return false
	}
	p.out = append(p.out, word...)
	p.pos += len(word)
	return true
}

// pointer renders the parser's position as a JSON pointer ("the document" at the top).
func (p *parser) pointer() string {
	if len(p.path) == 0 {
		return "the document"
	}
	var b strings.Builder
	for _, s := range p.path {
		b.WriteByte('/')
		if s.index >= 0 {
			b.WriteString(strconv.Itoa(s.index))
		} else {
			b.WriteString(escapePointer(string(decodeKey(p.out[s.keyStart:s.keyEnd]))))
		}
	}
	return b.String()
}
