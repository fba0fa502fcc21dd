package preview

import "unicode"

// Word-level highlighting inside a changed line. go-udiff (already used for
// the line diff) diffs lines or runes; runes give noisy highlights
// ("ci-bot" → "ci-pot" marks a single letter inside a word), so words are
// diffed here with a small LCS: lines are short and a preview pairs few
// of them.

// span is a run of a line's text, changed or not.
type span struct {
	text    string
	changed bool
}

// splitWords cuts s into words (letters and digits), runs of spaces and
// single other characters (quotes, commas, colons each on their own).
func splitWords(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i + 1
		switch {
		case isWord(rs[i]):
			for j < len(rs) && isWord(rs[j]) {
				j++
			}
		case unicode.IsSpace(rs[i]):
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
		}
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.'
}

// maxWordCells bounds the LCS table; longer line pairs are marked whole.
const maxWordCells = 40_000

// wordDiff marks the words of a and b that the other line lacks.
func wordDiff(a, b string) (left, right []span) {
	wa, wb := splitWords(a), splitWords(b)
	if len(wa)*len(wb) > maxWordCells {
		return []span{{a, true}}, []span{{b, true}}
	}
	// lcs[i][j] is the LCS length of wa[i:] and wb[j:].
	lcs := make([][]int, len(wa)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(wb)+1)
	}
	for i := len(wa) - 1; i >= 0; i-- {
		for j := len(wb) - 1; j >= 0; j-- {
			if wa[i] == wb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	add := func(s []span, text string, changed bool) []span {
		if n := len(s); n > 0 && s[n-1].changed == changed {
			s[n-1].text += text
			return s
		}
		return append(s, span{text, changed})
	}
	i, j := 0, 0
	for i < len(wa) || j < len(wb) {
		switch {
		case i < len(wa) && j < len(wb) && wa[i] == wb[j]:
			left, right = add(left, wa[i], false), add(right, wb[j], false)
			i++
			j++
		case j < len(wb) && (i == len(wa) || lcs[i][j+1] >= lcs[i+1][j]):
			right = add(right, wb[j], true)
			j++
		default:
			left = add(left, wa[i], true)
			i++
		}
	}
	return left, right
}
