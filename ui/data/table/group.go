package table

import (
	"slices"
	"strings"
)

// Grouping (O): a header row per key with its tallies, collapsible; the
// filter, the quick filter and the sort still decide which rows each group
// shows and in what order. Grouping runs with the sort and filter, off the
// event loop for big lists, and yields the entries the cursor walks: a
// row index, or a header as -(group+1).

// Group is one key's rows in the current view.
type Group struct {
	Key, Label string
	Rows       []int32 // in view order
	// N are the view's tallies (Grouping.Tally), counted once per view.
	N         [3]int
	Collapsed bool
}

// Grouping is how a view groups its rows.
type Grouping[R any] struct {
	By    func(*R) (key, label string)
	Tally func(*R, *[3]int)
	// Order orders the groups.
	Order func(a, b *Group) int
}

// groupView groups the visible rows; a collapsed group shows only its
// header.
func groupView[R any](rows []R, visible []int32, collapsed string, g *Grouping[R]) (entries []int32, groups []Group) {
	closed := map[string]bool{}
	if collapsed != "" {
		for _, k := range strings.Split(collapsed, "\x00") {
			closed[k] = true
		}
	}
	index := map[string]int{}
	for _, i := range visible {
		r := &rows[i]
		key, label := g.By(r)
		n, ok := index[key]
		if !ok {
			n = len(groups)
			index[key] = n
			groups = append(groups, Group{Key: key, Label: label, Collapsed: closed[key]})
		}
		gr := &groups[n]
		gr.Rows = append(gr.Rows, i)
		g.Tally(r, &gr.N)
	}
	slices.SortStableFunc(groups, func(a, b Group) int { return g.Order(&a, &b) })
	entries = make([]int32, 0, len(visible)+len(groups))
	for n := range groups {
		entries = append(entries, int32(-(n + 1)))
		if !groups[n].Collapsed {
			entries = append(entries, groups[n].Rows...)
		}
	}
	return entries, groups
}
