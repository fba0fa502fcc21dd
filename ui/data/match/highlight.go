package match

import "strings"

// Highlight paints cell (a display name fitted to its column: cut, with
// an ellipsis, or padded) with the characters the terms matched in
// name emphasised: paint(s, true) draws a match, paint(s, false) the
// rest. key is name lower-cased; offsets only line up when lowercasing
// kept the byte length, otherwise nothing is emphasised. Views call it
// for the rows on screen only.
func Highlight(cell, name, key string, terms []string, paint func(s string, hit bool) string) string {
	if len(terms) == 0 || len(key) != len(name) {
		return paint(cell, false)
	}
	hit := map[int]bool{}
	for _, term := range terms {
		for _, i := range Positions(key, term) {
			hit[i] = true
		}
	}
	if len(hit) == 0 {
		return paint(cell, false)
	}
	var out strings.Builder
	start, on := 0, false
	flush := func(end int) {
		if end > start {
			out.WriteString(paint(cell[start:end], on))
		}
		start = end
	}
	for i := range cell {
		// Positions past the name (ellipsis, padding) are never hits.
		h := i < len(name) && hit[i] && cell[i] == name[i]
		if h != on {
			flush(i)
			on = h
		}
	}
	flush(len(cell))
	return out.String()
}
