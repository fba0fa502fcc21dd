package match

import (
	"strings"
	"testing"

	"github.com/sahilm/fuzzy"
)

// fuzzyMatch must agree with sahilm/fuzzy's notion of a match.
func FuzzFuzzyMatchAgreesWithSahilm(f *testing.F) {
	for _, s := range [][2]string{{"svc-api-12", "sa1"}, {"ci-deploy", "cd"}, {"naïve café", "nc"}, {"日本語", "本"},
		{"abc", "abcd"}, {"", "a"}, {"ΣΑΣ", "σς"}, {"kelvin k", "\u212a"}, {"aaa", "aa"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, s, pattern string) {
		s, pattern = strings.ToLower(s), strings.ToLower(strings.TrimSpace(pattern))
		if pattern == "" || strings.ContainsRune(s, 0) || strings.ContainsRune(pattern, 0) {
			return
		}
		want := len(fuzzy.Find(pattern, []string{s})) == 1
		got := fuzzyMatch(s, pattern, []rune(pattern), isASCII(pattern))
		if got != want {
			t.Fatalf("fuzzyMatch(%q, %q) = %v, sahilm says %v", s, pattern, got, want)
		}
	})
}

func TestMatchedIndexes(t *testing.T) {
	if got := Positions("ci-deploy", "cdp"); len(got) != 3 || got[0] != 0 {
		t.Fatalf("Positions = %v", got)
	}
	if Positions("abc", "x") != nil {
		t.Fatal("non-match has indexes")
	}
}

// A name typed in full ranks its row first, even when another row's
// partial matches (a digit at the start of its id) score as much.
func TestRankWholeQueryFirst(t *testing.T) {
	b := NewBuilder(2, 2, 64)
	b.Add("terraform pipeline")
	b.Add("2cf1bbdd")
	b.EndRow()
	b.Add("terraform pipeline 2")
	b.Add("5d505252")
	b.EndRow()
	x := b.Index()
	got := x.Rank([]int32{0, 1}, []string{"terraform", "pipeline", "2"}, Weights{3, 2})
	if got[0] != 1 {
		t.Fatalf("rank %v: the exact name is not first", got)
	}
}
