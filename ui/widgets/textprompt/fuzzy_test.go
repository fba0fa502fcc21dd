package textprompt

import (
	"slices"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common/commontest"
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

// The palette as drawn: the best match after tab, the next ones below.
func TestFuzzyPromptGolden(t *testing.T) {
	p := New(commontest.Common(termenv.Ascii, nil), Options{ID: "cmd", Title: "Command", Prompt: ":", Fuzzy: true, Width: 70,
		Completions: []string{"delete", "sort last used", "sort last used desc", "sort name", "mark all", "clear marks"}})
	p.SetSize(100, 30)
	for _, r := range "ma" {
		p.Update(commontest.Key(string(r)))
	}
	golden.RequireEqual(t, []byte(p.View()))
}
