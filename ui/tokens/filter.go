package tokens

import (
	"strings"

	"github.com/sahilm/fuzzy"
)

// viewQuery is everything that decides which rows are visible and in what
// order. Results computed for an older query are dropped.
type viewQuery struct {
	text      string // fuzzy filter, as typed
	staleOnly bool
	sort      sortSpec
}

// viewResult is the outcome of applying a viewQuery to the loaded rows.
type viewResult struct {
	query   viewQuery
	order   []int32 // every row, sorted
	visible []int32 // the rows that pass the filter, in sort order
}

// fieldSource is a fuzzy.Source over the fields of a set of rows.
type fieldSource struct {
	rows []row
	refs []fieldRef
}

func (f fieldSource) String(i int) string {
	r := f.refs[i]
	return f.rows[r.row].search[r.lo:r.hi]
}
func (f fieldSource) Len() int { return len(f.refs) }

// computeView sorts (unless prev already has this sort) and filters. The
// filter text is split into terms; a row is visible when every term
// fuzzy-matches one of its fields (name, owner, a scope). When the new text
// only extends prev's text, matching starts from prev's matches: a fuzzy
// match of "abc" is always a match of "ab".
func computeView(t table, q viewQuery, prev *viewResult) viewResult {
	rows := t.rows
	res := viewResult{query: q}
	sameBase := prev != nil && prev.query.sort == q.sort && len(prev.order) == len(rows)
	if sameBase {
		res.order = prev.order
	} else {
		res.order = sortedOrder(rows, q.sort)
	}
	base := res.order
	switch {
	case sameBase && prev.query.staleOnly == q.staleOnly && narrows(prev.query.text, q.text):
		base = prev.visible // already stale-filtered when staleOnly
	case q.staleOnly:
		base = staleOnly(rows, base)
	}
	for _, term := range strings.Fields(strings.ToLower(q.text)) {
		base = matchTerm(t, base, term)
	}
	res.visible = base
	return res
}

// matchTerm keeps the rows of base that have a field matching term.
func matchTerm(t table, base []int32, term string) []int32 {
	refs := make([]fieldRef, 0, len(base)*3)
	for _, i := range base {
		r := &t.rows[i]
		refs = append(refs, t.fields[r.fieldLo:r.fieldLo+r.fieldN]...)
	}
	matches := fuzzy.FindFromNoSort(term, fieldSource{rows: t.rows, refs: refs})
	out := make([]int32, 0, len(matches))
	last := int32(-1)
	for _, m := range matches { // matches come in refs order, so rows stay sorted
		if r := refs[m.Index].row; r != last {
			out = append(out, r)
			last = r
		}
	}
	return out
}

// narrows reports whether every match of next is also a match of prev.
func narrows(prev, next string) bool {
	p := strings.Fields(strings.ToLower(prev))
	n := strings.Fields(strings.ToLower(next))
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

func staleOnly(rows []row, base []int32) []int32 {
	out := make([]int32, 0, len(base)/2)
	for _, i := range base {
		if rows[i].stale != NotStale {
			out = append(out, i)
		}
	}
	return out
}
