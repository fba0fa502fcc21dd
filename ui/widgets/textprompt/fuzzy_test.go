package textprompt

import (
	"slices"
	"testing"
)

func TestFuzzyMatchesBestFirst(t *testing.T) {
	cands := []string{"delete", "sort last used", "sort last used desc", "sort name", "theme mono", "mark all", "clear marks"}
	for _, tc := range []struct {
		typed string
		want  []string
	}{
		{"del", []string{"delete"}},
		{"slu", []string{"sort last used", "sort last used desc"}},
		{"sort lu", []string{"sort last used", "sort last used desc"}},
		{"ma", []string{"mark all", "clear marks"}}, // a start, then a word's start
		{"dlt", []string{"delete"}},                 // letters in order
		{"mono", []string{"theme mono"}},
		{"zz", nil},
	} {
		if got := fuzzyMatches(cands, tc.typed); !slices.Equal(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.typed, got, tc.want)
		}
	}
}
