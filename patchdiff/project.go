package patchdiff

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// applyProjected gives the bytes evanphx/json-patch (strict options) makes
// of orig with p applied, for less: evanphx decodes and re-encodes every
// member it is given, but p's ops stay inside allow-listed members. So
// evanphx gets the projection, the allow-listed members of orig that p
// touches (in order), and its result is spliced back into orig.
//
// The splice writes what a full-document apply would. evanphx keeps a
// member in place when it is replaced, tested or changed inside, drops it
// on a top-level remove and appends it on an add of a missing member; it
// writes every top-level key re-encoded (evanphxKey) and an untouched
// value as its compact bytes. Members outside the projection are untouched
// by p, so they keep their place and bytes, and a projected member ends
// where it would: in place unless a top-level remove took it out, after
// all original members otherwise, in the order of the projection's
// result. The property and fuzz tests compare the bytes with a
// full-document apply (checkProperties, FuzzProjection), errors included.
//
// p must hold only add, remove, replace and test ops on allow-listed
// members; anything else is an error (verify makes it ErrVerify: it is a
// bug in Diff).
func applyProjected(orig document, fields []compiledField, p Patch) ([]byte, error) {
	p = dropProvenTests(orig, fields, p)
	touched, err := touchedFields(fields, p)
	if err != nil {
		return nil, err
	}
	result, err := applyOps(touchedMembers(orig, fields, touched), evanphxOps(p))
	if err != nil {
		return nil, err
	}
	got, err := trustedDocument(result)
	if err != nil {
		return nil, fmt.Errorf("evanphx's result: %w", err)
	}

	out := make([]byte, 0, len(orig.compact)+len(result))
	out = append(out, '{')
	next := 0 // the member of got that a projected member kept in place is
	for _, m := range orig.members {
		switch i := fieldIndex(fields, m.key); {
		case i < 0 || touched[i] == untouched:
			out = appendMember(out, evanphxKey(m), m.value)
		case touched[i] == removedAtTop:
		case next < len(got.members) && bytes.Equal(got.members[next].key, m.key):
			out = appendMember(out, got.members[next].rawKey, got.members[next].value)
			next++
		default:
			return nil, fmt.Errorf("evanphx's result lost %q", m.key)
		}
	}
	for _, m := range got.members[next:] {
		out = appendMember(out, m.rawKey, m.value)
	}
	return append(out, '}'), nil
}

// dropProvenTests leaves out the guards that orig passes byte for byte: a
// test of /f whose value is exactly f's compact bytes in orig, with no
// earlier op changing f and a later replace or remove of the whole of /f
// (Diff's guard pattern). evanphx would decode both sides to compare them,
// which was a quarter of Diff's time. Equal compact bytes are at least as
// strict as that comparison. The result is the same because the later op
// discards the tested node; without that op it would not be the same, since
// evanphx re-encodes a tested member (HTML-escaped). Every other test
// (different bytes, a missing member, an element path, a member already
// changed, nothing replacing it) stays for evanphx to decide. The property
// and fuzz tests compare the outcome with a full-document apply of every op,
// errors included.
func dropProvenTests(orig document, fields []compiledField, p Patch) Patch {
	var kept Patch // nil until the first test is dropped
	changed := make([]bool, len(fields))
	for k, op := range p {
		i, whole := pathField(fields, op.Path)
		if op.Op == "test" && whole && i >= 0 && !changed[i] && replacedLater(p[k+1:], op.Path) {
			// A null anywhere sends the test to evanphx: it fails tests of
			// arrays with null elements even on equal values (see Apply).
			if v, ok := orig.member(fields[i].Name); ok && bytes.Equal(v, op.Value) && !bytes.Contains(v, []byte("null")) {
				if kept == nil {
					kept = append(make(Patch, 0, len(p)), p[:k]...)
				}
				continue
			}
		}
		if kept != nil {
			kept = append(kept, op)
		}
		if op.Op != "test" && i >= 0 {
			changed[i] = true
		}
	}
	if kept == nil {
		return p
	}
	return kept
}

// replacedLater reports whether one of ops replaces or removes exactly path.
func replacedLater(ops Patch, path string) bool {
	for _, op := range ops {
		if op.Path == path && (op.Op == "replace" || op.Op == "remove") {
			return true
		}
	}
	return false
}

// pathField is the index of the allow-listed field path points into (-1
// when none) and whether path is the whole member ("/f", not "/f/0").
func pathField(fields []compiledField, path string) (int, bool) {
	token, whole := strings.CutPrefix(path, "/")
	if !whole {
		return -1, false
	}
	if i := strings.IndexByte(token, '/'); i >= 0 {
		token, whole = token[:i], false
	}
	for j := range fields {
		if escapePointer(fields[j].Name) == token {
			return j, whole
		}
	}
	return -1, whole
}

// How p touches a field: not at all, only by ops that keep the member in
// place, or also by a top-level remove (a member removed and added again
// moves to the end, like a new one).
const (
	untouched = iota
	keptInPlace
	removedAtTop
)

// touchedFields says how p touches each field. It rejects ops that are
// not add, remove, replace or test, and paths outside the allow-list.
func touchedFields(fields []compiledField, p Patch) ([]uint8, error) {
	touched := make([]uint8, len(fields))
	for _, op := range p {
		switch op.Op {
		case "add", "remove", "replace", "test":
		default:
			return nil, fmt.Errorf("unexpected op %q", op.Op)
		}
		if !strings.HasPrefix(op.Path, "/") {
			return nil, fmt.Errorf("path %q does not start with /", op.Path)
		}
		i, whole := pathField(fields, op.Path)
		if i < 0 {
			return nil, fmt.Errorf("path %q is outside the allow-list", op.Path)
		}
		if whole && op.Op == "remove" {
			touched[i] = removedAtTop
		} else {
			touched[i] = max(touched[i], keptInPlace)
		}
	}
	return touched, nil
}

// touchedMembers is the object of the members of orig that p touches, in order.
func touchedMembers(orig document, fields []compiledField, touched []uint8) []byte {
	out := make([]byte, 0, len(orig.compact))
	out = append(out, '{')
	for _, m := range orig.members {
		if i := fieldIndex(fields, m.key); i >= 0 && touched[i] != untouched {
			out = appendMember(out, m.rawKey, m.value)
		}
	}
	return append(out, '}')
}

// fieldIndex is the index of the field named key, or -1.
func fieldIndex(fields []compiledField, key []byte) int {
	for i := range fields {
		if fields[i].Name == string(key) {
			return i
		}
	}
	return -1
}

// appendMember appends "key":value to an object being written (a comma
// first unless out ends with the opening '{': no value ends with one).
func appendMember(out, rawKey, value []byte) []byte {
	if out[len(out)-1] != '{' {
		out = append(out, ',')
	}
	out = append(out, rawKey...)
	out = append(out, ':')
	return append(out, value...)
}

// evanphxKey is m's key as evanphx writes it: decoded, then quoted by its
// own copy of encoding/json without HTML escaping (appendEvanphxString). A
// key written without escapes and without U+2028/U+2029 (E2 80 A8/A9) comes
// out as it went in.
func evanphxKey(m member) []byte {
	if bytes.IndexByte(m.rawKey, '\\') < 0 && !bytes.Contains(m.rawKey, []byte("\u2028")) &&
		!bytes.Contains(m.rawKey, []byte("\u2029")) {
		return m.rawKey
	}
	return appendEvanphxString(nil, string(m.key))
}

// appendEvanphxString quotes s the way evanphx/json-patch v5's internal copy
// of encoding/json does with HTML escaping off. It differs from today's
// encoding/json: that one writes \b and \f, the copy writes \u0008 and \u000c.
// Invalid UTF-8 becomes \ufffd, and U+2028/U+2029 are always escaped.
func appendEvanphxString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			switch {
			case b == '\\' || b == '"':
				dst = append(dst, '\\', b)
			case b == '\n':
				dst = append(dst, '\\', 'n')
			case b == '\r':
				dst = append(dst, '\\', 'r')
			case b == '\t':
				dst = append(dst, '\\', 't')
			case b < 0x20:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			default:
				dst = append(dst, b)
			}
			i++
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return append(dst, '"')
}
