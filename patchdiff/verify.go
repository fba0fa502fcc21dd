package patchdiff

import (
	"bytes"
	"encoding/json"
	"fmt"

	jsonpatch "github.com/evanphx/json-patch/v5"
)

// verify applies p to the original with evanphx/json-patch (strict options)
// and checks the result against the expected document: the original with
// every allow-listed field taken from the edit (present, changed or absent).
// It returns the patched bytes.
//
// p's values must be compact, valid JSON, as Diff's are (slices of validated
// documents). evanphx gets the ops DecodePatch would make of p's wire form,
// built directly (evanphxOps); TestEvanphxOpsMatchWire and the property
// checks hold the two equal, so the bytes that are sent are what is checked.
// It applies them to the allow-listed members they touch (applyProjected),
// which the property and fuzz tests hold byte-identical to a full-document
// apply.
func verify(orig, edit document, fields []compiledField, p Patch) ([]byte, error) {
	patched, err := applyProjected(orig, fields, p)
	if err != nil {
		return nil, fmt.Errorf("%w: the patch does not apply to the original: %w", ErrVerify, err)
	}
	if sameBytesAsExpected(patched, orig, edit, fields) {
		return patched, nil
	}
	if err := sameAsExpected(patched, orig, edit, fields); err != nil {
		return nil, err
	}
	return patched, nil
}

// evanphxOps is what jsonpatch.DecodePatch returns for p's wire form
// (encodePatch), built without encoding and decoding: the same keys, each
// value the same bytes, and a nil pointer for a null value as DecodePatch
// leaves it. p's values must be compact.
func evanphxOps(p Patch) jsonpatch.Patch {
	ops := make(jsonpatch.Patch, len(p))
	raws := make([]json.RawMessage, 3*len(p)) // op, path, value of each op
	size := 0
	for _, op := range p {
		size += len(op.Op) + len(op.Path) + 4
	}
	// The quoted op names and paths share one buffer. Only names that need
	// escapes can outgrow it; slices taken before a reallocation still
	// hold their bytes.
	text := make([]byte, 0, size)
	quoted := func(s string) json.RawMessage {
		start := len(text)
		text = appendJSONString(text, s)
		return text[start:len(text):len(text)]
	}
	for i, op := range p {
		o := make(jsonpatch.Operation, 3)
		raws[3*i] = quoted(op.Op)
		o["op"] = &raws[3*i]
		raws[3*i+1] = quoted(op.Path)
		o["path"] = &raws[3*i+1]
		switch {
		case len(op.Value) == 0: // omitempty: no "value" on the wire
		case isNull(op.Value):
			o["value"] = nil
		default:
			raws[3*i+2] = op.Value
			o["value"] = &raws[3*i+2]
		}
		ops[i] = o
	}
	return ops
}

// appendJSONString appends s quoted as encodePatch writes it (encoding/json
// without HTML escaping). Plain ASCII is quoted here; anything else goes
// through encoding/json itself.
func appendJSONString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(s) // a string always encodes
			return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// sameBytesAsExpected reports whether patched is, byte for byte, the
// expected document as evanphx writes it: the original's members in their
// places (allow-listed ones with the edit's value, gone where the edit
// removed them), then the added fields in Rules.Fields order. Raw keys and
// values are whole JSON tokens, so a byte match is a match by meaning. It
// is only a fast path: false leaves the decision to sameAsExpected.
func sameBytesAsExpected(patched []byte, orig, edit document, fields []compiledField) bool {
	if len(patched) < 2 || patched[0] != '{' {
		return false
	}
	rest := patched[1:]
	first := true
	next := func(rawKey, value []byte) bool {
		if !first {
			if len(rest) == 0 || rest[0] != ',' {
				return false
			}
			rest = rest[1:]
		}
		first = false
		n := len(rawKey)
		if len(rest) < n+1+len(value)+1 || !bytes.Equal(rest[:n], rawKey) || rest[n] != ':' ||
			!bytes.Equal(rest[n+1:n+1+len(value)], value) {
			return false
		}
		rest = rest[n+1+len(value):]
		return true
	}
	for i, m := range orig.members {
		value := m.value
		if allows(fields, string(m.key)) {
			v, ok := edit.memberNear(string(m.key), i)
			if !ok {
				continue
			}
			value = v
		}
		if !next(m.rawKey, value) {
			return false
		}
	}
	for i := range fields {
		if _, inOrig := orig.member(fields[i].Name); inOrig {
			continue
		}
		for _, m := range edit.members {
			if string(m.key) == fields[i].Name && !next(m.rawKey, m.value) {
				return false
			}
		}
	}
	return len(rest) == 1 && rest[0] == '}'
}

// sameAsExpected compares patched with the expected document by meaning,
// member by member, and says what differs.
func sameAsExpected(patched []byte, orig, edit document, fields []compiledField) error {
	got, err := trustedDocument(patched)
	if err != nil {
		return fmt.Errorf("%w: the patched document: %w", ErrVerify, err)
	}
	expected := func(k string) ([]byte, bool) {
		if allows(fields, k) {
			return edit.member(k)
		}
		return orig.member(k)
	}
	for _, m := range got.members {
		want, ok := expected(string(m.key))
		if !ok {
			return fmt.Errorf("%w: the patched document has %q, which it should not", ErrVerify, m.key)
		}
		if !equalJSON(m.value, want) {
			return fmt.Errorf("%w: %q is %s after the patch, want %s", ErrVerify, m.key, m.value, want)
		}
	}
	for _, m := range orig.members {
		if _, want := expected(string(m.key)); want {
			if _, ok := got.member(string(m.key)); !ok {
				return fmt.Errorf("%w: the patch lost %q", ErrVerify, m.key)
			}
		}
	}
	for i := range fields {
		if _, want := edit.member(fields[i].Name); want {
			if _, ok := got.member(fields[i].Name); !ok {
				return fmt.Errorf("%w: the patch did not add %q", ErrVerify, fields[i].Name)
			}
		}
	}
	return nil
}
