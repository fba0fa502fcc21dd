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
	out, err := applyWire(d.compact, p)
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

// applyWire sends p through its wire form (encoded, then DecodePatch), so
// what is applied is what would be sent, whatever the caller put in p.
func applyWire(doc []byte, p Patch) ([]byte, error) {
	wire, err := encodePatch(p)
	if err != nil {
		return nil, err
	}
	decoded, err := jsonpatch.DecodePatch(wire)
	if err != nil {
		return nil, fmt.Errorf("decode patch: %w", err)
	}
	return applyOps(doc, decoded)
}

// encodePatch is p's wire form (Patch.MarshalJSON): the bytes that are sent.
func encodePatch(p Patch) ([]byte, error) {
	ops := []Op(p) // without Patch's MarshalJSON, which calls this
	if ops == nil {
		ops = []Op{} // marshal as [] rather than null
	}
	var wire bytes.Buffer
	enc := json.NewEncoder(&wire)
	// json.Marshal would send "<" as "\u003c": the same string to any JSON
	// reader, but evanphx keeps value bytes as they are, so Patched (and the
	// preview) would show the escapes instead of what the user typed.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ops); err != nil {
		return nil, fmt.Errorf("encode patch: %w", err)
	}
	return bytes.TrimSuffix(wire.Bytes(), []byte("\n")), nil
}

// applyOps applies decoded ops to doc with the strict options.
//
// evanphx/json-patch panics when a test meets a null array element. Test
// values never hold one (Diff and Apply make sure), so the null is in the
// document and the values differ: the panic is reported as a failed test.
func applyOps(doc []byte, ops jsonpatch.Patch) (out []byte, err error) {
	defer func() {
		if recover() != nil {
			out = nil
			err = fmt.Errorf("a tested value has a null array element where the test has none: %w", jsonpatch.ErrTestFailed)
		}
	}()
	return ops.ApplyWithOptions(doc, strictOptions())
}

// compactBytes is v without insignificant whitespace (v itself if invalid).
func compactBytes(v []byte) []byte {
	var buf bytes.Buffer
	if json.Compact(&buf, v) != nil {
		return v
	}
	return buf.Bytes()
}
