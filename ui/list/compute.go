package list

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// rules takes the view's rules for one computation: its sorter's snapshot
// is taken now, on the event loop.
func (l *Model[T, R]) rules() table.Rules[R] {
	return table.Rules[R]{Order: l.def.Sorter(), Only: l.def.Only, Weights: l.def.Weights, Match: l.def.Match, Group: l.def.Group}
}

// built is a table rebuilt off the event loop, with its view.
type built[R any] struct {
	tbl table.Table[R]
	res table.Result
}

// SetQuery changes the query and sorts and filters again.
func (l *Model[T, R]) SetQuery(q table.Query) tea.Cmd {
	l.query = q
	return l.Recompute()
}

// Recompute sorts and filters again: inline for small lists, off the
// event loop for large ones (the newest request wins).
func (l *Model[T, R]) Recompute() tea.Cmd {
	prev, tbl, q, r := l.res, l.tbl, l.query, l.rules()
	return l.sortFilter.Run(len(tbl.Rows), func() table.Result { return table.Compute(tbl, q, &prev, r) },
		func(r table.Result) tea.Cmd { l.apply(r, false); return nil })
}

// apply installs a result. A new filter puts the cursor on the best
// match, so enter opens it, never one left over. Until the user moves,
// the cursor stays on the top row as rows arrive (arrived); otherwise it
// follows its item (or group header) while that is listed, else it
// stays where it was, on the next row, unless the quick filter changed.
func (l *Model[T, R]) apply(res table.Result, arrived bool) {
	prev := l.res.Query
	l.res = res
	switch {
	case !slices.Equal(match.Terms(res.Query.Text), match.Terms(prev.Text)):
		l.cursor, l.offset, l.moved = 0, 0, false
	case arrived && !l.moved:
		l.cursor, l.offset = 0, 0
	case !l.follow() && res.Query.Only != prev.Only:
		l.cursor, l.offset = 0, 0
	}
	l.Clamp()
	if l.jumpTo != "" && !l.readAt.IsZero() && l.SelectID(l.jumpTo) {
		l.jumpTo = ""
	}
}

// Jump puts the cursor on item id (g on an audit entry), or says why it
// cannot: hidden by the filter, or gone from the list as last read. A
// list not read yet selects it once it is.
func (l *Model[T, R]) Jump(id, name string) tea.Cmd {
	label := strconv.Quote(cmp.Or(name, id))
	switch {
	case l.readAt.IsZero():
		l.jumpTo = id
		return nil
	case l.SelectID(id):
		return nil
	case l.Has(id):
		return common.Toast(common.ToastInfo, label+" is hidden by the filter or a quick view (esc, s or f show it)")
	}
	return common.Toast(common.ToastWarning, label+" is gone: not in the list read "+timefmt.Relative(l.Now(), l.readAt)+" (r reads it again)")
}

// follow puts the cursor on the selected item or group; false when the
// entries lack it.
func (l *Model[T, R]) follow() bool {
	if i, ok := l.byID[l.selectedID]; ok && l.selectedID != "" {
		if pos := slices.Index(l.res.Entries, i); pos >= 0 {
			l.cursor = pos
			return true
		}
		return false
	}
	if l.selectedGroup == "" {
		return false
	}
	for pos, e := range l.res.Entries {
		if e < 0 && l.res.Groups[-e-1].Key == l.selectedGroup {
			l.cursor = pos
			return true
		}
	}
	return false
}

// Reset empties the list for a new load: a build of the old items is of
// no use any more.
func (l *Model[T, R]) Reset() {
	l.building.Supersede()
	l.stale = false
	l.items, l.byID = nil, map[string]int32{}
}

// Append adds the items not loaded yet (a list that changes while it
// pages may repeat one across pages) and reports whether any was added.
// Call Rebuild after.
func (l *Model[T, R]) Append(items []T) bool {
	all := l.items[:len(l.items):len(l.items)]
	added := false
	for i := range items {
		id := l.def.ID(&items[i])
		if _, dup := l.byID[id]; dup || id == "" {
			continue
		}
		l.byID[id] = int32(len(all))
		all = append(all, items[i])
		added = true
	}
	l.items = all
	return added
}

// SetItems replaces every item (a list after a change) and rebuilds.
func (l *Model[T, R]) SetItems(items []T) tea.Cmd {
	l.outdated = ""
	l.byID = make(map[string]int32, len(items))
	for i := range items {
		l.byID[l.def.ID(&items[i])] = int32(i)
	}
	l.items = items
	return l.Rebuild()
}

// Remove drops the items with these ids (gone from the server) and
// rebuilds; ids not loaded are ignored.
func (l *Model[T, R]) Remove(ids []string) tea.Cmd {
	drop := make(map[string]bool, len(ids))
	for _, id := range ids {
		if _, ok := l.byID[id]; ok {
			drop[id] = true
		}
	}
	if len(drop) == 0 {
		return nil
	}
	out := make([]T, 0, len(l.items)-len(drop))
	for i := range l.items {
		if !drop[l.def.ID(&l.items[i])] {
			out = append(out, l.items[i])
		}
	}
	outdated := l.outdated
	cmd := l.SetItems(out)
	l.outdated = outdated // a removal is not a fresh read
	return cmd
}

// SetOutdated marks the list as not what the server has now (a refresh
// failed: why); the next SetItems or SetRead clears it.
func (l *Model[T, R]) SetOutdated(why string) { l.outdated, l.refreshing = why, false }

// SetRead records that the items are the server's as of at (a whole list
// read): the title says how long ago, and a timer refresh counts from it.
func (l *Model[T, R]) SetRead(at time.Time) {
	l.readAt, l.outdated, l.refreshing = at, "", false
	if l.jumpTo != "" && l.SelectID(l.jumpTo) { // a small list is built already
		l.jumpTo = ""
	}
}

// autoRefresh lists again when the list was read at least every ago and
// no refresh of the timer's is under way.
func (l *Model[T, R]) autoRefresh(every time.Duration) tea.Cmd {
	if l.def.Refresh == nil || l.refreshing || l.readAt.IsZero() || every <= 0 || l.Now().Sub(l.readAt) < every {
		return nil
	}
	l.refreshing = true
	if l.def.Reload != nil {
		return l.def.Reload()
	}
	return l.def.Refresh()
}

// Outdated is why the list is out of date, or "".
func (l *Model[T, R]) Outdated() string { return l.outdated }

// Replace swaps one loaded item's record (an edit's answer), keeping its
// place, the cursor and its mark, and rebuilds; an item not loaded is
// left alone.
func (l *Model[T, R]) Replace(it T) tea.Cmd {
	id := l.def.ID(&it)
	i, ok := l.byID[id]
	if !ok {
		return nil
	}
	l.marks.Update(id, it)
	items := slices.Clone(l.items)
	items[i] = it
	l.items = items
	return l.Rebuild()
}

// Rebuild derives the table from the items and recomputes the view:
// inline when small, else off the event loop. While a build runs, items
// that arrive only mark it stale and one more build follows: 400 pages of
// a 100k list cost a few builds, not 400.
func (l *Model[T, R]) Rebuild() tea.Cmd {
	if l.building.Running() {
		l.stale = true
		return nil
	}
	l.stale = false
	items, q, build, r := l.items[:len(l.items):len(l.items)], l.query, l.def.Build, l.rules()
	return l.building.Run(len(items), func() built[R] {
		t := build(items)
		return built[R]{tbl: t, res: table.Compute(t, q, nil, r)}
	}, l.applyBuilt)
}

// applyBuilt installs a rebuilt table; when the query changed while it
// was built, its order is kept and the filter runs again.
func (l *Model[T, R]) applyBuilt(b built[R]) tea.Cmd {
	l.tbl, l.ready, l.builds = b.tbl, true, l.builds+1
	l.sortFilter.Supersede()
	if b.res.Query == l.query {
		l.apply(b.res, true)
		return nil
	}
	l.res = table.Result{Query: b.res.Query, Order: b.res.Order}
	return l.Recompute()
}

// Reconcile refreshes the marked records from a new list; a mark the list
// lacks goes only when the list is whole (no server filter, nothing
// refused). It says so in a toast.
func (l *Model[T, R]) Reconcile(whole bool) tea.Cmd {
	r := l.marks.Reconcile(l.Get, whole)
	switch {
	case r.Dropped > 0:
		return common.Toast(common.ToastInfo, timefmt.Plural(r.Dropped, "marked "+l.def.Noun)+" no longer on the server: unmarked")
	case r.NewlyUnlisted:
		return common.Toast(common.ToastInfo, timefmt.Plural(r.Unlisted, "marked "+l.def.Noun)+" not in this list, still marked (A clears marks)")
	}
	return nil
}

// WasRead reports whether the list has been read whole (SetRead).
func (l *Model[T, R]) WasRead() bool { return !l.readAt.IsZero() }

// MarkOnly replaces the marks with the loaded items among ids and says
// how many were marked.
func (l *Model[T, R]) MarkOnly(ids []string) int {
	items := make(map[string]T, len(ids))
	for _, id := range ids {
		if it, ok := l.Get(id); ok {
			items[id] = it
		}
	}
	l.marks.Replace(items)
	return len(items)
}

// SetFilter sets the / filter's text, as if typed and kept ("" clears it).
func (l *Model[T, R]) SetFilter(text string) tea.Cmd {
	l.filter.Set(text)
	l.query.Text = text
	return l.Recompute()
}

// Finished takes the items a run is done with: their marks go, and with
// remove (a delete) their rows too, so the list never shows an item the
// server no longer has, even when the list after the run fails.
func (l *Model[T, R]) Finished(ids []string, remove bool) tea.Cmd {
	for _, id := range ids {
		l.marks.Remove(id)
	}
	if !remove {
		return nil
	}
	return l.Remove(ids)
}
