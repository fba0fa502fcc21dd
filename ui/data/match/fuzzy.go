package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// fuzzyMatch reports whether pattern fuzzy-matches s: every rune of the
// pattern appears in s, in order, ignoring case. That is exactly the
// membership rule of github.com/sahilm/fuzzy (which the tests check on
// random input); this loop only decides membership, without scoring or
// allocating, so a keystroke over 100k tokens stays fast. Both arguments
// are lowercase already.
func fuzzyMatch(s, pattern string, pat []rune, ascii bool) bool {
	if ascii && isASCII(s) {
		j := 0
		for i := 0; i < len(pattern); i++ {
			k := strings.IndexByte(s[j:], pattern[i])
			if k < 0 {
				return false
			}
			j += k + 1
		}
		return true
	}
	pi := 0
	for _, r := range s {
		if pi == len(pat) {
			break
		}
		if equalFold(r, pat[pi]) {
			pi++
		}
	}
	return pi == len(pat)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// equalFold compares two runes under simple case folding.
func equalFold(a, b rune) bool {
	if a == b {
		return true
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}

// Positions returns the byte offsets in s that pattern's runes match,
// as sahilm/fuzzy scores them (best-scoring positions, not just the first
// ones), for highlighting a visible cell. nil when it does not match.
func Positions(s, pattern string) []int {
	ms := fuzzy.Find(pattern, []string{s})
	if len(ms) == 0 {
		return nil
	}
	return ms[0].MatchedIndexes
}
