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
