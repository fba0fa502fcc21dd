// Package table is the pure half of a list: the rows a view derives from
// its items, the query (filter text, quick filter, sort, grouping) and
// what it selects, computed off the event loop when large. Views and
// headless reports (sailtui report) select rows with the same rules.
package table

import (
	"github.com/sailtui/sailtui/ui/data/match"
)

// Table is the loaded items in the form a view works on: rows derived
// once per load, and the search index of their match fields (in the order
// of the rules' Weights).
type Table[R any] struct {
	Rows  []R
	Index match.Index
}

// Sort is a column (the view's own numbering) and a direction; Unsorted
// keeps the order the rows were built in.
type Sort struct {
	Col  int
	Desc bool
}

// Unsorted is the Sort of a list that keeps its rows' order.
var Unsorted = Sort{Col: -1}

// Query is everything that decides which rows show and in what order.
type Query struct {
	Text string // the fuzzy filter, as typed
	Only bool   // the view's quick filter (Def.Only), such as stale only
	Sort Sort
	// Group groups the rows (Def.Group); Collapsed are the folded groups'
	// keys, packed.
	Group     bool
	Collapsed string
}

// Result is a Query applied to a table.
type Result struct {
	Query   Query
	Order   []int32 // every row, sorted
	Matched []int32 // the rows passing the filters, in sort order
	Visible []int32 // Matched, best match first while a filter is typed
	// Entries are what the list shows, one line each: Visible, or, when
	// grouped, headers (-(g+1)) each followed by its group's rows.
	Entries []int32
	Groups  []Group
}

// Rules are a view's sort, quick filter, ranking and grouping, as
// Compute applies them.
type Rules[R any] struct {
	Order   func([]R, Sort) []int32
	Only    func(*R) bool
	Weights match.Weights
	Match   func(rows []R, base []int32, text string) []int32
	Group   *Grouping[R]
}

// Compute sorts (unless prev already has this sort over the same rows),
// filters and groups. A filter that only extends prev's starts from prev's
// matches: a fuzzy match of "abc" is always a match of "ab". It is pure,
// so it runs off the event loop.
func Compute[R any](t Table[R], q Query, prev *Result, r Rules[R]) Result {
	res := Result{Query: q}
	sameBase := prev != nil && prev.Query.Sort == q.Sort && len(prev.Order) == len(t.Rows)
	switch {
	case sameBase:
		res.Order = prev.Order
	case q.Sort.Col < 0 || r.Order == nil:
		res.Order = identity(len(t.Rows))
	default:
		res.Order = r.Order(t.Rows, q.Sort)
	}
	base := res.Order
	switch {
	case sameBase && prev.Matched != nil && prev.Query.Only == q.Only && r.Match == nil && match.Narrows(prev.Query.Text, q.Text):
		base = prev.Matched // already through the quick filter; in sort order
	case q.Only && r.Only != nil:
		base = keep(t.Rows, base, r.Only)
	}
	if r.Match != nil {
		res.Matched = r.Match(t.Rows, base, q.Text)
		res.Visible = res.Matched
	} else {
		terms := match.Terms(q.Text)
		res.Matched = t.Index.KeepAll(base, terms)
		res.Visible = t.Index.Rank(res.Matched, terms, r.Weights)
	}
	res.Entries = res.Visible
	if q.Group && r.Group != nil {
		res.Entries, res.Groups = groupView(t.Rows, res.Visible, q.Collapsed, r.Group)
	}
	return res
}

func identity(n int) []int32 {
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(i)
	}
	return out
}

func keep[R any](rows []R, base []int32, ok func(*R) bool) []int32 {
	out := make([]int32, 0, len(base)/2)
	for _, i := range base {
		if ok(&rows[i]) {
			out = append(out, i)
		}
	}
	return out
}
