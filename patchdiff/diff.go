package patchdiff

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
)

// Op is one RFC 6902 operation. Only add, remove, replace and test are ever
// generated: the server's schema has no "from", so no move or copy.
type Op struct {
	Op    string          `json:"op"`
	Path  string          `json:"path"`
	Value json.RawMessage `json:"value,omitempty"`
}

// Patch is an RFC 6902 document. MarshalJSON gives the bytes to send, the
// ones Diff verified. Diff never returns a nil Patch, and a nil one marshals
// to "[]" too.
type Patch []Op

// MarshalJSON returns the RFC 6902 document Diff verified, byte for byte:
// op and path quoted by encoding/json without HTML escaping (so "<", ">"
// and "&" stay as typed; U+2028 and U+2029 in a path become \u2028 and
// \u2029, as encoding/json always writes them), each value its bytes
// compacted (Diff's are already compact, and keep what the documents had,
// escapes or not). Apply decodes exactly these bytes.
//
// json.Marshal(p) calls this and then HTML-escapes the result, as it does
// to every Marshaler's output: "<" in a value becomes \u003c, and U+2028
// becomes \u2028. That is the same JSON to any reader but not the bytes
// that were verified and previewed. To send these bytes, call MarshalJSON
// directly or encode with a json.Encoder after SetEscapeHTML(false).
func (p Patch) MarshalJSON() ([]byte, error) {
	return encodePatch(p)
}

// String is the patch as it is sent (MarshalJSON's bytes), for a dialog
// or a log line.
func (p Patch) String() string {
	b, err := encodePatch(p)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return string(b)
}

// Result is a verified patch and what it does.
type Result struct {
	Patch    Patch
	Rejected []string // changed top-level members that are not in the allow-list, sorted (never silently dropped)
	// Patched is the original with the patch applied by evanphx/json-patch/v5
	// (compact, original key order, added members last); applied to the
	// allow-listed members it touches and spliced back, which the tests
	// prove equals a full-document apply, byte for byte.
	Patched []byte
	Notes   []string // why some changes carry no guard, one line per field, for the preview
}

// Diff builds the patch that turns before into after for the allow-listed
// fields in rules, then verifies it: the patch is applied to before with
// strict evanphx options (to the allow-listed members it touches, spliced
// back into before) and the result must equal before with the allow-listed fields
// taken from after. A mismatch is ErrVerify, never a patch.
//
// Both documents must be JSON objects without duplicate keys. An edit that
// removes, nulls or empties a Required field is an ErrRequired error (all
// such fields are reported, joined).
func Diff(before, after []byte, rules Rules) (Result, error) {
	fields, err := rules.compile()
	if err != nil {
		return Result{}, err
	}
	orig, err := parseDocument(before)
	if err != nil {
		return Result{}, fmt.Errorf("original document: %w", err)
	}
	edit, err := parseDocument(after)
	if err != nil {
		return Result{}, fmt.Errorf("edited document: %w", err)
	}

	var (
		patch   = make(Patch, 0, 2*len(fields))
		notes   []string
		invalid []error
	)
	for i := range fields {
		f := &fields[i]
		oldV, inOld := orig.member(f.Name)
		newV, inNew := edit.member(f.Name)
		if !inOld && !inNew || inOld && inNew && equalJSON(oldV, newV) {
			continue
		}
		if f.Required {
			if change := requiredViolation(newV, inNew); change != "" {
				invalid = append(invalid, &RequiredFieldError{Field: f.Name, Change: change})
				continue
			}
		}
		f.pointer = "/" + escapePointer(f.Name)
		var note string
		patch, note = appendFieldOps(patch, f, oldV, inOld, newV, inNew)
		if note != "" {
			notes = append(notes, note)
		}
	}
	if len(invalid) > 0 {
		return Result{}, errors.Join(invalid...)
	}
	if !rules.Guard && len(patch) > 0 {
		notes = append(notes, "guards are off: the patch does not check the server's current values")
	}

	patched, err := verify(orig, edit, fields, patch)
	if err != nil {
		return Result{}, err
	}
	return Result{
		Patch:    patch,
		Rejected: rejected(orig, edit, fields),
		Patched:  patched,
		Notes:    notes,
	}, nil
}

// requiredViolation says how an edit breaks a required field, or "".
func requiredViolation(newV []byte, inNew bool) string {
	switch {
	case !inNew:
		return "removed"
	case isNull(newV):
		return "set to null"
	case isEmpty(newV):
		return "emptied"
	}
	return ""
}

// appendFieldOps appends the ops for one changed field, and a note when a
// replace or remove goes out without a guard.
func appendFieldOps(p Patch, f *compiledField, oldV []byte, inOld bool, newV []byte, inNew bool) (Patch, string) {
	switch {
	case !inOld:
		// RFC 6902 cannot test that a member is absent (evanphx's test of
		// null on a missing path is non-standard), so an add is unguarded.
		return append(p, Op{Op: "add", Path: f.pointer, Value: newV}),
			f.Name + " is new: an add cannot check that the server has no value yet"
	case !inNew:
		p, note := appendGuard(p, f, oldV)
		return append(p, Op{Op: "remove", Path: f.pointer}), note
	}
	if f.Array == ArraySetOps && oldV[0] == '[' && newV[0] == '[' {
		if ops, ok := setOps(f, oldV, newV); ok {
			return append(p, ops...),
				f.Name + " changes element by element: only removed elements are checked against the server"
		}
	}
	p, note := appendGuard(p, f, oldV)
	return append(p, Op{Op: "replace", Path: f.pointer, Value: newV}), note
}

// appendGuard appends a test of the old value when the field is guarded and
// the old value can be tested (the schema rejects a null test value).
func appendGuard(p Patch, f *compiledField, oldV []byte) (Patch, string) {
	switch {
	case !f.guarded:
		if f.NoGuard {
			return p, f.Name + " is not guarded: the server's current value is unknown"
		}
		return p, "" // guards are off for the whole patch; Diff adds one note
	case isNull(oldV):
		return p, f.Name + " is not guarded: its current value is null, which a test cannot check"
	case hasNullElement(oldV):
		return p, f.Name + " is not guarded: its current value has a null array element, which the local check cannot compare"
	}
	return append(p, Op{Op: "test", Path: f.pointer, Value: oldV}), ""
}

// maxSetOpPairs bounds the removed×added comparisons of the reorder check;
// an edit that large is clearer (and cheaper to check) as a whole replace.
const maxSetOpPairs = 4096

// setOps turns an array edit into element removes (highest index first,
// each after a test of the element) and appends. ok is false when the edit
// does not fit: the kept elements must be, in order, a prefix of the new
// array; a removed element that comes back means a reorder; removes need a
// guard, and a null element cannot be tested.
func setOps(f *compiledField, oldV, newV []byte) (Patch, bool) {
	olds, news := elements(oldV), elements(newV)
	// Greedy matching keeps the longest prefix of news that is a
	// subsequence of olds; everything else in olds is removed.
	var removed []int
	kept := 0
	for i, e := range olds {
		if kept < len(news) && equalJSON(e, news[kept]) {
			kept++
		} else {
			removed = append(removed, i)
		}
	}
	added := news[kept:]
	if len(removed) > 0 && !f.guarded || len(removed)*len(added) > maxSetOpPairs {
		return nil, false
	}
	for _, i := range removed {
		if isNull(olds[i]) || hasNullElement(olds[i]) {
			return nil, false
		}
		for _, a := range added {
			if equalJSON(olds[i], a) {
				return nil, false // a reorder, not a set change
			}
		}
	}
	ops := make(Patch, 0, 2*len(removed)+len(added))
	for k := len(removed) - 1; k >= 0; k-- {
		i := removed[k]
		path := f.pointer + "/" + strconv.Itoa(i)
		ops = append(ops, Op{Op: "test", Path: path, Value: olds[i]}, Op{Op: "remove", Path: path})
	}
	for _, a := range added {
		ops = append(ops, Op{Op: "add", Path: f.pointer + "/-", Value: a})
	}
	return ops, true
}

// rejected lists the changed members outside the allow-list, sorted.
func rejected(orig, edit document, fields []compiledField) []string {
	var out []string
	for i, m := range orig.members {
		if allows(fields, string(m.key)) {
			continue
		}
		if nv, ok := edit.memberNear(string(m.key), i); !ok || !equalJSON(m.value, nv) {
			out = append(out, string(m.key))
		}
	}
	for i, m := range edit.members {
		if _, ok := orig.memberNear(string(m.key), i); !ok && !allows(fields, string(m.key)) {
			out = append(out, string(m.key))
		}
	}
	sort.Strings(out)
	return out
}
