package pats

import (
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/table"
)

// MatchedScope is, for a row the filter shows only because of a scope
// (no term matched its name or owner), the index of the first scope a
// term matches; -1 otherwise. Views call it for the rows on screen only.
func MatchedScope(t *table.Table[Row], i int32, text string) int {
	scope := -1
	for _, term := range match.Terms(text) {
		fi := t.Index.MatchedField(i, term)
		switch {
		case fi < 0:
			continue
		case fi < 2:
			return -1 // the name or owner explains the row
		case scope < 0:
			scope = fi - 2
		}
	}
	return scope
}
