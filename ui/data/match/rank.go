package match

import "strings"

// Ranking, fzf style: with a filter typed, the best matches come first,
// and the column sort only breaks ties. A term scores by where it matched
// contiguously (the whole field, its start, a word start, anywhere) times
// the field's weight; a term matched only as scattered letters scores
// least. A row's score is the sum over the terms of each term's best
// field, plus as much again when the whole query is a field's whole text. Scores are small integers, so the ranking is a counting sort:
// linear, and stable over the order of matched.

// Contiguous match kinds, best last; a scattered match scores 1 in all.
const (
	kindInside = 1 + iota
	kindWord
	kindPrefix
	kindExact
)

// Weights are the fields' ranking weights by position, falling; fields
// past the end take the last weight. Tokens: name 3, owner 2, scopes 1.
type Weights []int

func (w Weights) of(fi int) int {
	if len(w) == 0 {
		return 1
	}
	return w[min(fi, len(w)-1)]
}

// matchKind grades a contiguous match of term in field (both lower
// case); 0 when term is not a substring of field.
func matchKind(field, term string) int {
	i := strings.Index(field, term)
	switch {
	case i < 0:
		return 0
	case len(field) == len(term):
		return kindExact
	case i == 0:
		return kindPrefix
	case !isWordByte(field[i-1]):
		return kindWord
	}
	return kindInside
}

func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }

// score is how well row i matches every term (each already known to
// match some field).
func (x *Index) score(i int32, terms []string, w Weights) int {
	fields := x.fields(i)
	total := 0
	for _, term := range terms {
		best := 1 // matched, at least as scattered letters
		for fi, f := range fields {
			// Weights fall: stop once no field left can win.
			if fi >= 1 && best >= kindExact*w.of(fi) {
				break
			}
			if k := matchKind(x.text[f.lo:f.hi], term); k > 0 {
				best = max(best, k*w.of(fi))
			}
		}
		total += best
	}
	// The whole query as a field's whole text (a name typed in full) wins
	// over any mix of partial matches: it doubles the best a row can score.
	if len(terms) > 1 {
		whole := strings.Join(terms, " ")
		for fi, f := range fields {
			if matchKind(x.text[f.lo:f.hi], whole) == kindExact {
				total += kindExact * w.of(fi) * len(terms)
				break
			}
		}
	}
	return total
}

// Rank orders matched (in column order) best first, ties in column order.
func (x *Index) Rank(matched []int32, terms []string, w Weights) []int32 {
	if len(terms) == 0 || len(matched) < 2 {
		return matched
	}
	top := 2 * kindExact * w.of(0) * len(terms) // an exact whole match doubles it
	scores := make([]uint16, len(matched))
	parallel(len(matched), 1, func(lo, hi int) {
		for n := lo; n < hi; n++ {
			scores[n] = uint16(x.score(matched[n], terms, w))
		}
	})
	counts := make([]int, top+2)
	for _, s := range scores {
		counts[top-int(s)+1]++ // bucket by descending score
	}
	for b := 1; b < len(counts); b++ {
		counts[b] += counts[b-1]
	}
	out := make([]int32, len(matched))
	for n, i := range matched {
		b := top - int(scores[n])
		out[counts[b]] = i
		counts[b]++
	}
	return out
}
