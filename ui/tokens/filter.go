package tokens

import "github.com/sailtui/sailtui/ui/match"

// viewQuery is everything that decides which rows are visible and in what
// order. Results computed for an older query are dropped.
type viewQuery struct {
	text      string // fuzzy filter, as typed
	staleOnly bool
	sort      sortSpec
	group     bool   // group by owner
	collapsed string // collapsed owners (collapsedKey)
}

// viewResult is the outcome of applying a viewQuery to the loaded rows.
type viewResult struct {
	query   viewQuery
	order   []int32 // every row, sorted
	matched []int32 // the rows that pass the filter, in sort order
	visible []int32 // matched, best match first while a filter is typed
	// entries is what the list shows, one line each: visible, or, grouped
	// by owner, headers (-(g+1)) each followed by its group's rows.
	entries []int32
	groups  []group
}

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
	case sameBase && prev.matched != nil && prev.query.staleOnly == q.staleOnly && match.Narrows(prev.query.text, q.text):
		base = prev.matched // already stale-filtered when staleOnly; in sort order
	case q.staleOnly:
		base = staleOnly(rows, base)
	}
	terms := match.Terms(q.text)
	res.matched = t.idx.KeepAll(base, terms)
	res.visible = t.idx.Rank(res.matched, terms, fieldWeights())
	res.entries = res.visible
	if q.group {
		res.entries, res.groups = groupView(t, res.visible, q.collapsed)
	}
	return res
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
