// Package list is the list every resource view embeds: the loaded items
// and the rows derived from them, the cursor and its window, the `/`
// fuzzy filter over the fields a view declares, sorting by its declared
// columns (off the event loop when large), marks and their reconcile, the
// column layout with its narrow-screen drop order, and the frame that
// draws only the rows on screen.
//
// A view declares what differs in a Def (how a row is derived, its
// columns and sorters, its match fields) and keeps only its own actions.
// Results computed off the event loop find their list by address
// (offloop), so two views' lists never take each other's answers.
package list

import (
	tea "github.com/charmbracelet/bubbletea"
	"time"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/marks"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/list/columns"
	"github.com/sailtui/sailtui/ui/list/filterbox"
	"github.com/sailtui/sailtui/ui/list/offloop"
)

// Def is what a view declares about its list: T is the server's item, R
// the row derived from it.
type Def[T, R any] struct {
	// Noun names one item in messages ("app", "token").
	Noun string
	// ID is an item's id; Label orders marks the list does not show.
	ID    func(*T) string
	Label func(*T) string
	// Item is the row's item.
	Item func(*R) *T
	// Build derives the rows and the search index from the items. It runs
	// off the event loop for large lists, so it reads nothing else.
	Build func(items []T) table.Table[R]
	// Sorter returns the sort for the rows as they are now: it is called
	// on the event loop, so it may take a snapshot of view state (known
	// counts), and the function it returns runs anywhere. Ties must break
	// so that the order is total.
	Sorter func() func(rows []R, s table.Sort) []int32
	// Weights rank a filter match by field.
	Weights match.Weights
	// Match replaces the fuzzy filter for a view with a query language of
	// its own: the rows of base that text keeps, in base's order.
	Match func(rows []R, base []int32, text string) []int32
	// Only is the quick filter (s); nil when the view has none.
	Only func(*R) bool
	// Group groups rows (O); nil when the view cannot.
	Group *table.Grouping[R]
	// Columns are the layout's columns; Hide are hidden in turn on a
	// narrow screen, then Shrink shrink to their floors.
	Columns      []columns.Spec
	Hide, Shrink []int
	// Movable are the first and last column :columns may put in another
	// order (the view draws them through Ordered); zero: none.
	Movable [2]int
	// SortKeys are the columns 1..9 sort by, in key order.
	SortKeys []int
	// Placeholder says what the filter searches.
	Placeholder string
	// Refresh lists again (r), Open shows the selected row in full
	// (enter), Export starts an export of what is shown or marked (X);
	// nil when the view has none.
	Refresh, Open, Export func() tea.Cmd
	// Reload lists again for the refresh timer, when that is less than r
	// does (Tokens' r also reads every owner again); nil: Refresh.
	Reload func() tea.Cmd
}

// Model is one view's list. Views hold it by pointer: offloop results
// find their job by address.
type Model[T, R any] struct {
	common.Common
	def Def[T, R]

	// items back tbl. Both are replaced, never written in place, so a
	// build or sort in the background reads a stable copy.
	items []T
	byID  map[string]int32
	tbl   table.Table[R]
	res   table.Result
	query table.Query

	sortFilter offloop.Job[table.Result]
	building   offloop.Job[built[R]]
	stale      bool // items changed while a build ran

	cursor, offset int
	selectedID     string
	// selectedGroup is the group whose header the cursor is on; collapsed
	// are the folded groups.
	selectedGroup string
	collapsed     map[string]bool
	// moved: the user moved the cursor since the filter last changed;
	// only then does it follow its item when rows change around it.
	moved bool

	marks  *marks.Set[T]
	filter filterbox.Model
	// outdated is why the items are not what the server has now ("":
	// they are its last answer).
	outdated string
	// readAt is when the items were last read whole from the server
	// (SetRead); refreshing is a timer's refresh under way.
	readAt     time.Time
	refreshing bool
	// jumpTo is an item to select once the list is read (Jump).
	jumpTo string
	// hidden are the columns chosen away (:columns, a saved view);
	// widths the widths chosen for some.
	hidden map[int]bool
	widths map[int]int
	// order is the columns' order (:columns); nil: as declared.
	order []int
	// builds counts the row tables built; groupMarks caches GroupMarks
	// for the marks' generation and the build it was counted at.
	builds                         int
	groupMarks                     map[string]int
	groupMarksGen, groupMarksBuild int
	// built is false until the first table is installed.
	ready bool
}

// New returns an empty list sorted by sort.
func New[T, R any](c common.Common, def Def[T, R], sort table.Sort) *Model[T, R] {
	return &Model[T, R]{Common: c, def: def, byID: map[string]int32{}, marks: marks.New[T](),
		filter: filterbox.New(c, def.Placeholder), query: table.Query{Sort: sort}}
}

// SetSize sets the list's area.
func (l *Model[T, R]) SetSize(w, h int) {
	l.Common.SetSize(w, h)
	l.filter.SetWidth(w)
	l.Clamp()
}

// Items are the loaded items, in load order. Do not write to them.
func (l *Model[T, R]) Items() []T { return l.items }

// Len is the number of loaded items.
func (l *Model[T, R]) Len() int { return len(l.items) }

// Get returns the loaded item with id.
func (l *Model[T, R]) Get(id string) (T, bool) {
	if i, ok := l.byID[id]; ok {
		return l.items[i], true
	}
	var zero T
	return zero, false
}

// Has reports whether id is loaded.
func (l *Model[T, R]) Has(id string) bool {
	_, ok := l.byID[id]
	return ok
}

// Marks are the marked items.
func (l *Model[T, R]) Marks() *marks.Set[T] { return l.marks }

// Query is the current query.
func (l *Model[T, R]) Query() table.Query { return l.query }

// Result is the view on screen.
func (l *Model[T, R]) Result() table.Result { return l.res }

// Table is the installed table.
func (l *Model[T, R]) Table() *table.Table[R] { return &l.tbl }

// Cursor is the cursor's position among the visible rows.
func (l *Model[T, R]) Cursor() int { return l.cursor }

// Busy reports whether a build or sort runs in the background.
func (l *Model[T, R]) Busy() bool { return l.building.Running() || l.sortFilter.Running() }

// Selected is the row under the cursor; nil on a group's header or when
// there is none.
func (l *Model[T, R]) Selected() *R { return l.Entry(l.cursor) }

// Entry is the row at a position of the list, nil for a header.
func (l *Model[T, R]) Entry(pos int) *R {
	if pos < 0 || pos >= len(l.res.Entries) {
		return nil
	}
	i := l.res.Entries[pos]
	if i < 0 || int(i) >= len(l.tbl.Rows) {
		return nil
	}
	return &l.tbl.Rows[i]
}

// SelectedItem is the item under the cursor, or nil.
func (l *Model[T, R]) SelectedItem() *T {
	if r := l.Selected(); r != nil {
		return l.def.Item(r)
	}
	return nil
}

// Visible returns the ids of the visible rows, in order.
func (l *Model[T, R]) Visible() []string {
	out := make([]string, 0, len(l.res.Visible))
	for _, i := range l.res.Visible {
		out = append(out, l.def.ID(l.def.Item(&l.tbl.Rows[i])))
	}
	return out
}

// VisibleItems returns the visible items, in order.
func (l *Model[T, R]) VisibleItems() []T {
	out := make([]T, 0, len(l.res.Visible))
	for _, i := range l.res.Visible {
		out = append(out, *l.def.Item(&l.tbl.Rows[i]))
	}
	return out
}

// Marked returns the marked ids: the loaded ones in load order, then the
// ones the list does not show.
func (l *Model[T, R]) Marked() []string {
	ids := make([]string, 0, l.marks.Len())
	for i := range l.items {
		if id := l.def.ID(&l.items[i]); l.marks.Has(id) {
			ids = append(ids, id)
		}
	}
	for _, it := range l.Unlisted() {
		ids = append(ids, l.def.ID(&it))
	}
	return ids
}

// Unlisted returns the marked items the list does not show, by label.
func (l *Model[T, R]) Unlisted() []T {
	return l.marks.Unlisted(l.Has, func(t T) string { return l.def.Label(&t) })
}

// BodyHeight is how many rows fit: the height less the info line, the
// header and the filter line when shown.
func (l *Model[T, R]) BodyHeight() int {
	h := l.Height - 2
	if l.filter.Shown() {
		h--
	}
	return max(h, 1)
}

// Clamp keeps the cursor on an entry and in view, and remembers its item
// or group.
func (l *Model[T, R]) Clamp() {
	l.cursor, l.offset = common.FollowCursor(l.cursor, l.offset, len(l.res.Entries), l.BodyHeight())
	if it := l.SelectedItem(); it != nil {
		l.selectedID, l.selectedGroup = l.def.ID(it), ""
	} else if g := l.EntryGroup(l.cursor); g != nil {
		l.selectedID, l.selectedGroup = "", g.Key
	}
}

// Select puts the cursor on id when the rows next change (a new item).
func (l *Model[T, R]) Select(id string) { l.selectedID, l.selectedGroup, l.moved = id, "", true }

// Filtering reports whether the filter input has the keys.
func (l *Model[T, R]) Filtering() bool { return l.filter.Focused() }

// MarkedItems returns the marked items: the listed ones in sort order,
// rows the filter hides included, then the ones the list does not show.
func (l *Model[T, R]) MarkedItems() []T {
	out := make([]T, 0, l.marks.Len())
	for _, i := range l.res.Order {
		if it := l.def.Item(&l.tbl.Rows[i]); l.marks.Has(l.def.ID(it)) {
			out = append(out, *it)
		}
	}
	return append(out, l.Unlisted()...)
}
