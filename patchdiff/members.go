package patchdiff

import "strings"

// Member returns the compact value of a top-level member of doc, and
// whether it is there. doc is validated like Diff's inputs (an object, no
// duplicate keys). The conflict view reads three versions of a resource
// with it.
func Member(doc []byte, name string) ([]byte, bool, error) {
	d, err := parseDocument(doc)
	if err != nil {
		return nil, false, err
	}
	v, ok := d.member(name)
	return v, ok, nil
}

// SameValue reports whether two compact JSON values mean the same (as
// Diff compares: key order, string escapes and number spelling do not
// matter). An absent value (nil) equals only another absent one.
func SameValue(a, b []byte) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return equalJSON(a, b)
}

// SameAt reports whether docs a and b agree on every top-level member
// patch touches: the guard of a change sent without a test op (a bulk
// update), which goes only to a resource still as the user last saw it.
// A document that cannot be read agrees with nothing.
func SameAt(a, b []byte, patch Patch) bool {
	for _, op := range patch {
		name, _, _ := strings.Cut(strings.TrimPrefix(op.Path, "/"), "/")
		name = strings.ReplaceAll(strings.ReplaceAll(name, "~1", "/"), "~0", "~")
		va, _, errA := Member(a, name)
		vb, _, errB := Member(b, name)
		if errA != nil || errB != nil || !SameValue(va, vb) {
			return false
		}
	}
	return true
}
