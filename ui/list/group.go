package list

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
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

// collapsedKey packs the collapsed keys into a comparable string (a Query
// compares with ==).
func collapsedKey(set map[string]bool) string {
	keys := make([]string, 0, len(set))
	for k, on := range set {
		if on {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return strings.Join(keys, "\x00")
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

// EntryGroup is the group whose header is at pos, or nil.
func (l *Model[T, R]) EntryGroup(pos int) *Group {
	if pos < 0 || pos >= len(l.res.Entries) || l.res.Entries[pos] >= 0 {
		return nil
	}
	return &l.res.Groups[-l.res.Entries[pos]-1]
}

// CursorGroup is the group of the cursor's header or row.
func (l *Model[T, R]) CursorGroup() *Group {
	for pos := l.cursor; pos >= 0; pos-- {
		if g := l.EntryGroup(pos); g != nil {
			return g
		}
	}
	return nil
}

// Grouped reports whether the rows are grouped.
func (l *Model[T, R]) Grouped() bool { return l.query.Group }

// ToggleGrouping groups the rows or lists them plainly.
func (l *Model[T, R]) ToggleGrouping() tea.Cmd {
	l.query.Group = !l.query.Group && l.def.Group != nil
	return l.Recompute()
}

// SetCollapsed folds or unfolds the cursor's group; the cursor lands on
// its header.
func (l *Model[T, R]) SetCollapsed(fold bool) tea.Cmd {
	g := l.CursorGroup()
	if !l.query.Group || g == nil || g.Collapsed == fold {
		return nil
	}
	if l.collapsed == nil {
		l.collapsed = map[string]bool{}
	}
	l.collapsed[g.Key] = fold
	l.query.Collapsed = collapsedKey(l.collapsed)
	l.selectedID, l.selectedGroup = "", g.Key
	return l.Recompute()
}
