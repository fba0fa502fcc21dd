package patchdiff

import (
	"bytes"
	"encoding/json"
	"fmt"

	jsonpatch "github.com/evanphx/json-patch/v5"
)

// Apply applies p to doc the way a strict RFC 6902 server would: no negative
// array indices, no HTML escaping of <, > and &, no implicit parents, no
// tolerance for removing a missing member. doc must be a JSON object without
// duplicate keys. A failed guard wraps ErrConflict (see IsConflict).
func Apply(doc []byte, p Patch) ([]byte, error) {
	d, err := parseDocument(doc)
	if err != nil {
		return nil, fmt.Errorf("apply patch: document: %w", err)
	}
	for _, op := range p {
		if op.Op == "test" && hasNullElement(compactBytes(op.Value)) {
			return nil, fmt.Errorf("apply patch: the test of %s has a null array element, which cannot be checked locally", op.Path)
		}
	}
	out, err := applyStrict(d.compact, p)
	if err != nil {
		if isPatchConflict(err) {
			return nil, fmt.Errorf("apply patch: %w: %w", ErrConflict, err)
		}
		return nil, fmt.Errorf("apply patch: %w", err)
	}
	return out, nil
}

// strictOptions are built per call: evanphx's NewApplyOptions copies
// package globals that any importer may change, so every field is set here.
func strictOptions() *jsonpatch.ApplyOptions {
	o := jsonpatch.NewApplyOptions()
	o.SupportNegativeIndices = false
	o.AccumulatedCopySizeLimit = 0
	o.AllowMissingPathOnRemove = false
	o.EnsurePathExistsOnAdd = false
	o.EscapeHTML = false
	return o
}

// applyStrict sends p through its wire form (encoded, then DecodePatch) so
// what is checked is what would be sent.
//
// evanphx/json-patch panics when a test meets a null array element. Test
// values never hold one (Diff and Apply make sure), so the null is in the
// document and the values differ: the panic is reported as a failed test.
func applyStrict(doc []byte, p Patch) (out []byte, err error) {
	defer func() {
		if recover() != nil {
			out = nil
			err = fmt.Errorf("a tested value has a null array element where the test has none: %w", jsonpatch.ErrTestFailed)
		}
	}()
	if p == nil {
		p = Patch{} // marshal as [] rather than null
	}
	var wire bytes.Buffer
	enc := json.NewEncoder(&wire)
	// json.Marshal would send "<" as "\u003c": the same string to any JSON
	// reader, but evanphx keeps value bytes as they are, so Patched (and the
	// preview) would show the escapes instead of what the user typed.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("encode patch: %w", err)
	}
	decoded, err := jsonpatch.DecodePatch(wire.Bytes())
	if err != nil {
		return nil, fmt.Errorf("decode patch: %w", err)
	}
	return decoded.ApplyWithOptions(doc, strictOptions())
}

// verify applies p to the original and checks the result against the
// expected document: the original with every allow-listed field taken from
// the edit (present, changed or absent). It returns the patched bytes.
func verify(orig, edit document, fields []compiledField, p Patch) ([]byte, error) {
	patched, err := applyStrict(orig.compact, p)
	if err != nil {
		return nil, fmt.Errorf("%w: the patch does not apply to the original: %w", ErrVerify, err)
	}
	got, err := trustedDocument(patched)
	if err != nil {
		return nil, fmt.Errorf("%w: the patched document: %w", ErrVerify, err)
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
			return nil, fmt.Errorf("%w: the patched document has %q, which it should not", ErrVerify, m.key)
		}
		if !equalJSON(m.value, want) {
			return nil, fmt.Errorf("%w: %q is %s after the patch, want %s", ErrVerify, m.key, m.value, want)
		}
	}
	for _, m := range orig.members {
		if _, want := expected(string(m.key)); want {
			if _, ok := got.member(string(m.key)); !ok {
				return nil, fmt.Errorf("%w: the patch lost %q", ErrVerify, m.key)
			}
		}
	}
	for i := range fields {
		if _, want := edit.member(fields[i].Name); want {
			if _, ok := got.member(fields[i].Name); !ok {
				return nil, fmt.Errorf("%w: the patch did not add %q", ErrVerify, fields[i].Name)
			}
		}
	}
	return patched, nil
}

// compactBytes is v without insignificant whitespace (v itself if invalid).
func compactBytes(v []byte) []byte {
	var buf bytes.Buffer
	if json.Compact(&buf, v) != nil {
		return v
	}
	return buf.Bytes()
}
