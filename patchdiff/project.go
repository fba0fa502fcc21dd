package patchdiff

import (
	"bytes"
	"fmt"
	"strings"
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
		token, whole := strings.CutPrefix(op.Path, "/")
		if !whole {
			return nil, fmt.Errorf("path %q does not start with /", op.Path)
		}
		if i := strings.IndexByte(token, '/'); i >= 0 {
			token, whole = token[:i], false
		}
		i := -1
		for j := range fields {
			if escapePointer(fields[j].Name) == token {
				i = j
				break
			}
		}
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
// copy of encoding/json without HTML escaping, which (like appendJSONString)
// escapes only '"', '\\', control characters, U+2028 and U+2029. A key
// written without escapes and without those two separators (E2 80 A8/A9)
// comes out as it went in.
func evanphxKey(m member) []byte {
	if bytes.IndexByte(m.rawKey, '\\') < 0 && !bytes.Contains(m.rawKey, []byte("\u2028")) &&
		!bytes.Contains(m.rawKey, []byte("\u2029")) {
		return m.rawKey
	}
	return appendJSONString(nil, string(m.key))
}
