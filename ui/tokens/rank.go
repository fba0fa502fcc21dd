package tokens

import (
	"runtime"
	"strings"
	"sync"
)

// Ranking, fzf style: with a filter typed, the best matches come first,
// and the column sort only breaks ties. A term scores by where it matched
// contiguously (the whole field, its start, a word start, anywhere) times
// which field (name over owner over a scope); a term matched only as
// scattered letters scores least. A row's score is the sum over the terms
// of each term's best field. Scores are small integers, so the ranking is
// a counting sort: linear, and stable over the column order of matched.

// Field weights: fields are name, owner, then the scopes.
const (
	weightName  = 3
	weightOwner = 2
	weightScope = 1
)

// Contiguous match kinds, best last; a scattered match scores 1 in all.
const (
	kindInside = 1 + iota
	kindWord
	kindPrefix
	kindExact
)

// maxTermScore is the best one term can score.
const maxTermScore = kindExact * weightName

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

// fieldWeight is the weight of a row's field fi.
func fieldWeight(fi int) int {
	switch fi {
	case 0:
		return weightName
	case 1:
		return weightOwner
	}
	return weightScope
}

// score is how well row i matches every term (each already known to
// match some field).
func score(t *table, i int32, terms []string) int {
	r := &t.rows[i]
	fields := t.fields[r.fieldLo : r.fieldLo+r.fieldN]
	total := 0
	for _, term := range terms {
		best := 1 // matched, at least as scattered letters
		for fi, f := range fields {
			// Fields come in falling weight: stop once none left can win.
			if fi >= 1 && best >= kindExact*fieldWeight(fi) {
				break
			}
			if k := matchKind(t.text[f.lo:f.hi], term); k > 0 {
				best = max(best, k*fieldWeight(fi))
			}
		}
		total += best
	}
	return total
}

// rank orders matched (in column order) best first, ties in column order.
func rank(t table, matched []int32, terms []string) []int32 {
	if len(terms) == 0 || len(matched) < 2 {
		return matched
	}
	top := maxTermScore * len(terms)
	scores := make([]uint16, len(matched))
	scoreRange := func(lo, hi int) {
		for n := lo; n < hi; n++ {
			scores[n] = uint16(score(&t, matched[n], terms))
		}
	}
	// Split across CPUs like matchTerm: each worker writes its own range.
	if workers := min(runtime.GOMAXPROCS(0), len(matched)/parallelMin); workers > 1 {
		var wg sync.WaitGroup
		chunk := (len(matched) + workers - 1) / workers
		for lo := 0; lo < len(matched); lo += chunk {
			hi := min(len(matched), lo+chunk)
			wg.Go(func() { scoreRange(lo, hi) })
		}
		wg.Wait()
	} else {
		scoreRange(0, len(matched))
	}
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

// matchedScope is, for a row the filter shows only because of a scope
// (no term matched its name or owner), the index of the first scope a
// term matches; -1 otherwise. Views call it for the rows on screen only.
func matchedScope(t *table, i int32, text string) int {
	terms := strings.Fields(strings.ToLower(text))
	if len(terms) == 0 {
		return -1
	}
	r := &t.rows[i]
	fields := t.fields[r.fieldLo : r.fieldLo+r.fieldN]
	scope := -1
	for _, term := range terms {
		pat := []rune(term)
		for fi, f := range fields {
			if !fuzzyMatch(t.text[f.lo:f.hi], term, pat, isASCII(term)) {
				continue
			}
			if fi < 2 {
				return -1 // the name or owner explains the row
			}
			if scope < 0 {
				scope = fi - 2
			}
			break
		}
	}
	return scope
}
