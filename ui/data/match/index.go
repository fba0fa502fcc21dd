// Package match is the list filter every view shares: an index of each
// row's searchable fields (all their lowercase text in one string, so a
// pass reads memory in order and the collector scans one object), fuzzy
// membership per field, fzf-style ranking, and the highlight positions of
// a visible cell. It knows nothing of what the rows are.
package match

import (
	"slices"
	"strings"
)

// span is one field as a range of Index.text. Each field matches on its
// own, so a pattern never matches by picking letters from two fields.
type span struct{ lo, hi uint32 }

// Index holds the searchable fields of n rows. Row i's fields are
// spans[rowLo[i]:rowLo[i+1]], in the order they were added; field weights
// for ranking go by that position.
type Index struct {
	text  string
	spans []span
	rowLo []int32
}

// Builder builds an Index row by row: Add each field, then EndRow.
type Builder struct {
	sb    strings.Builder
	spans []span
	rowLo []int32
}

// NewBuilder sizes a builder for rows rows of about fields fields and
// textPerRow bytes each.
func NewBuilder(rows, fields, textPerRow int) *Builder {
	b := &Builder{spans: make([]span, 0, rows*fields), rowLo: make([]int32, 1, rows+1)}
	b.sb.Grow(rows * textPerRow)
	return b
}

// Add appends a field to the current row; it is stored lower-cased.
func (b *Builder) Add(s string) {
	lo := b.sb.Len()
	b.sb.WriteString(strings.ToLower(s))
	b.spans = append(b.spans, span{lo: uint32(lo), hi: uint32(b.sb.Len())})
}

// EndRow closes the current row.
func (b *Builder) EndRow() { b.rowLo = append(b.rowLo, int32(len(b.spans))) }

// Index returns the finished index; the builder must not be used after.
func (b *Builder) Index() Index {
	return Index{text: b.sb.String(), spans: b.spans, rowLo: b.rowLo}
}

// Len is the number of rows.
func (x *Index) Len() int { return len(x.rowLo) - 1 }

// NumFields is how many fields row i has.
func (x *Index) NumFields(i int32) int { return int(x.rowLo[i+1] - x.rowLo[i]) }

// Field is row i's field fi, lower-cased: a slice of the index's text, so
// it costs no allocation and makes a good sort key.
func (x *Index) Field(i int32, fi int) string {
	f := x.spans[int(x.rowLo[i])+fi]
	return x.text[f.lo:f.hi]
}

func (x *Index) fields(i int32) []span { return x.spans[x.rowLo[i]:x.rowLo[i+1]] }

// Terms splits filter text into lower-case terms; a row matches when
// every term matches one of its fields.
func Terms(text string) []string { return strings.Fields(strings.ToLower(text)) }

// Narrows reports whether every match of next is also a match of prev
// (next only extends prev's text), so filtering may start from prev's
// matches: a fuzzy match of "abc" is always a match of "ab".
func Narrows(prev, next string) bool {
	p, n := Terms(prev), Terms(next)
	if len(p) == 0 || len(n) < len(p) {
		return false
	}
	for i := range p {
		switch {
		case i < len(p)-1 && n[i] != p[i]:
			return false
		case i == len(p)-1 && !strings.HasPrefix(n[i], p[i]):
			return false
		}
	}
	return true
}

// MatchedField is the first field of row i that term (lower case)
// matches, or -1.
func (x *Index) MatchedField(i int32, term string) int {
	pat, ascii := []rune(term), isASCII(term)
	for fi, f := range x.fields(i) {
		if fuzzyMatch(x.text[f.lo:f.hi], term, pat, ascii) {
			return fi
		}
	}
	return -1
}

// DenseRanks gives each of n items the dense rank of its key (equal keys
// share a rank), so a sort by that key compares integers.
func DenseRanks(n int, key func(i int) string) []uint32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return strings.Compare(key(int(a)), key(int(b))) })
	ranks := make([]uint32, n)
	var rank uint32
	for k, i := range idx {
		if k > 0 && key(int(i)) != key(int(idx[k-1])) {
			rank++
		}
		ranks[i] = rank
	}
	return ranks
}
