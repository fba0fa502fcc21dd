package patchdiff

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
