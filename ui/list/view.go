package list

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/list/columns"
	"github.com/sailtui/sailtui/ui/list/listview"
)

// Line is what a view draws for one row: the row, its position among the
// visible rows, whether the cursor is on it, and the column widths of
// this frame (0: hidden).
type Line[R any] func(r *R, pos int, selected bool, w []int) string

// Header is what a view draws for a group's header.
type Header func(g *table.Group, selected bool) string

// Frame draws the info line, the filter line when shown, the header with
// the sorted column's arrow and only the rows on screen: a frame costs
// the same for a hundred rows as for a hundred thousand. header draws a
// group's header (nil when the view never groups).
func (l *Model[T, R]) Frame(info, empty string, line Line[R], header Header) string {
	if l.Width <= 0 || l.Height <= 0 {
		return ""
	}
	w := l.Widths() // once a frame, not per row
	f := listview.Frame{Info: info, Rows: len(l.res.Entries), Offset: l.offset, Height: l.BodyHeight(), Empty: empty,
		Header: listview.Header(l.Styles, l.def.Columns, w, l.Ordered(0, len(l.def.Columns)-1), l.query.Sort.Col, l.query.Sort.Desc, l.Width),
		Row: func(pos int) string {
			if g := l.EntryGroup(pos); g != nil {
				return header(g, pos == l.cursor)
			}
			return line(l.Entry(pos), pos, pos == l.cursor, w)
		}}
	if l.filter.Shown() {
		f.Filter = l.filter.View(l.Common, len(l.res.Visible), l.Width)
	}
	return f.Render()
}

// Widths lays the columns out for the list's width.
func (l *Model[T, R]) Widths() []int {
	specs := l.def.Columns
	if len(l.widths) > 0 { // :columns name:30 fixes a width
		specs = slices.Clone(specs)
		for i, w := range l.widths {
			specs[i].Width, specs[i].Flex, specs[i].Floor = w, 0, min(specs[i].Floor, w)
		}
	}
	if c := l.query.Sort.Col; c >= 0 && c < len(specs) {
		// The sorted column makes room for its arrow beside a whole title.
		if need := ansi.StringWidth(specs[c].Title) + 1; specs[c].Width < need { // ▲ and ^ take one cell
			specs = slices.Clone(specs)
			specs[c].Width = need
		}
	}
	if len(l.hidden) == 0 {
		return columns.Layout(specs, l.Width, l.def.Hide, l.def.Shrink)
	}
	// The columns chosen away (:columns) are laid out as if not declared.
	var keep []int
	var sub []columns.Spec
	at := map[int]int{}
	for i, sp := range specs {
		if !l.hidden[i] {
			at[i] = len(keep)
			keep, sub = append(keep, i), append(sub, sp)
		}
	}
	remap := func(idx []int) []int {
		var out []int
		for _, i := range idx {
			if j, ok := at[i]; ok {
				out = append(out, j)
			}
		}
		return out
	}
	w := columns.Layout(sub, l.Width, remap(l.def.Hide), remap(l.def.Shrink))
	out := make([]int, len(specs))
	for j, i := range keep {
		out[i] = w[j]
	}
	return out
}

// ColumnNames are the columns :columns can show or hide, by title (the
// first, the name, always shows).
func (l *Model[T, R]) ColumnNames() []string {
	var out []string
	for i, c := range l.def.Columns {
		if c.Title != "" && i != l.nameColumn() {
			out = append(out, strings.ToLower(c.Title))
		}
	}
	return out
}

func (l *Model[T, R]) nameColumn() int {
	for i, c := range l.def.Columns {
		if c.Title != "" {
			return i
		}
	}
	return -1
}

// ShowColumns shows exactly the named columns (and the name), hiding the
// others; "name:30" also sets a column's width. None, or "all", shows
// every column again at its own width.
func (l *Model[T, R]) ShowColumns(names []string) error {
	if len(names) == 0 || (len(names) == 1 && names[0] == "all") {
		l.hidden, l.widths, l.order = nil, nil, nil
		return nil
	}
	want, widths := map[string]bool{}, map[int]int{}
	for _, n := range names {
		n, size, sized := strings.Cut(strings.ToLower(strings.TrimSpace(n)), ":")
		n = strings.TrimSpace(n)
		i := slices.IndexFunc(l.def.Columns, func(c columns.Spec) bool { return c.Title != "" && strings.ToLower(c.Title) == n })
		if i < 0 {
			return fmt.Errorf("no column %q: %s", n, strings.Join(l.ColumnNames(), ", "))
		}
		if sized {
			w, err := strconv.Atoi(strings.TrimSpace(size))
			if err != nil || w < 3 || w > 200 {
				return fmt.Errorf("%s:%s: a width is a number from 3 to 200", n, size)
			}
			widths[i] = w
		}
		want[n] = true
	}
	hidden := map[int]bool{}
	for i, c := range l.def.Columns {
		if c.Title != "" && i != l.nameColumn() && !want[strings.ToLower(c.Title)] {
			hidden[i] = true
		}
	}
	l.hidden, l.widths, l.order = hidden, widths, l.orderOf(names)
	return nil
}

// orderOf is the column order names give: the movable columns named, in
// the order named, then the others as declared; nil when it is the
// declared order.
func (l *Model[T, R]) orderOf(names []string) []int {
	from, to := l.def.Movable[0], l.def.Movable[1]
	if to <= from {
		return nil
	}
	var order []int
	for i := 0; i < from; i++ {
		order = append(order, i)
	}
	for _, n := range names {
		n, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(n)), ":")
		n = strings.TrimSpace(n)
		i := slices.IndexFunc(l.def.Columns, func(c columns.Spec) bool { return strings.ToLower(c.Title) == n })
		if i >= from && i <= to && !slices.Contains(order, i) {
			order = append(order, i)
		}
	}
	for i := from; i < len(l.def.Columns); i++ {
		if !slices.Contains(order, i) {
			order = append(order, i)
		}
	}
	if slices.IsSorted(order) {
		return nil
	}
	return order
}

// Ordered are the columns from..to in the order shown (:columns).
func (l *Model[T, R]) Ordered(from, to int) []int {
	out := make([]int, 0, max(to-from+1, 0))
	if l.order == nil {
		for i := from; i <= to; i++ {
			out = append(out, i)
		}
		return out
	}
	for _, i := range l.order {
		if i >= from && i <= to {
			out = append(out, i)
		}
	}
	return out
}

// ShownColumns says the columns chosen (ShowColumns' words): "all" when
// none was chosen away.
func (l *Model[T, R]) ShownColumns() []string {
	if len(l.hidden) == 0 && len(l.widths) == 0 && l.order == nil {
		return []string{"all"}
	}
	var out []string
	for _, i := range l.Ordered(0, len(l.def.Columns)-1) {
		c := l.def.Columns[i]
		if c.Title == "" || l.hidden[i] {
			continue
		}
		n := strings.ToLower(c.Title)
		if w, ok := l.widths[i]; ok {
			n += ":" + strconv.Itoa(w)
		}
		out = append(out, n)
	}
	return out
}

// Columns are the declared columns.
func (l *Model[T, R]) Columns() []columns.Spec { return l.def.Columns }

// SortLabel is the right side of an info line: "sort: name ▲", then
// where (" (server)") when given, then the cursor's position.
func (l *Model[T, R]) SortLabel(where string) string {
	s := l.Styles
	var out []string
	switch {
	case l.outdated != "":
		out = append(out, s.Status.Warning.Render(s.Glyphs.Warn+" out of date (r refreshes)"))
	case !l.readAt.IsZero():
		out = append(out, s.Text.Faint.Render("read "+timefmt.Relative(l.Now(), l.readAt)))
	}
	if c := l.query.Sort.Col; c >= 0 {
		dir := s.Glyphs.SortAsc
		if l.query.Sort.Desc {
			dir = s.Glyphs.SortDsc
		}
		sort := s.Text.Faint.Render("sort: ") + s.Text.Secondary.Render(strings.ToLower(l.def.Columns[c].Title)+" "+dir)
		if where != "" {
			sort += s.Text.Faint.Render(" (" + where + ")")
		}
		out = append(out, sort)
	}
	if n := len(l.res.Entries); n > 0 {
		out = append(out, s.Text.Secondary.Render(strconv.Itoa(l.cursor+1)+"/"+strconv.Itoa(n)))
	}
	return strings.Join(out, s.Text.Faint.Render(" · "))
}

// Highlight paints a cell with the filter's matched characters
// emphasised; display is the field's text and key its lowercase form in
// the index. Only rows on screen pay for it.
func (l *Model[T, R]) Highlight(cell, display, key string, base themes.Ink) string {
	return match.Highlight(cell, display, key, match.Terms(l.query.Text), func(s string, hit bool) string {
		if hit {
			return l.Styles.Row.Match.Paint(s)
		}
		return base.Paint(s)
	})
}

// Gutter is the mark column's text for a row.
func (l *Model[T, R]) Gutter(id string) (glyph string, marked bool) {
	g := l.Styles.Glyphs
	if l.marks.Has(id) {
		return g.Marked, true
	}
	return g.Unmarked, false
}

// KeysOr is the key map a view shows: the filter's while it has focus,
// else the view's own.
func (l *Model[T, R]) KeysOr(own common.KeyMap) common.KeyMap {
	if k := l.FilterKeys(); k != nil {
		return k
	}
	return own
}

// FilterKeys are the help while the filter has the keys, else nil.
func (l *Model[T, R]) FilterKeys() common.KeyMap {
	if l.filter.Focused() {
		return filterboxKeys()
	}
	return nil
}

// Palette is the list's part of a view's command line: the view's named
// actions and the sortable columns by title ("last used").
func (l *Model[T, R]) Palette(actions []common.Named) common.Palette {
	var sorts []string
	for _, c := range l.def.SortKeys {
		sorts = append(sorts, strings.ToLower(l.def.Columns[c].Title))
	}
	return common.Palette{Actions: actions, Sorts: sorts, Sort: l.sortByName, Columns: l.ColumnNames(),
		ShowColumns: l.ShowColumns, ShownColumns: l.ShownColumns, ColumnWidth: l.columnWidth, Filter: l.SetFilter}
}

// sortByName sorts by the column titled name (any case; a unique start
// of one will do), descending with desc.
func (l *Model[T, R]) sortByName(name string, desc bool) (tea.Cmd, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	var hits []int
	for _, c := range l.def.SortKeys {
		title := strings.ToLower(l.def.Columns[c].Title)
		if title == name {
			hits = []int{c}
			break
		}
		if strings.HasPrefix(title, name) {
			hits = append(hits, c)
		}
	}
	if len(hits) != 1 {
		var titles []string
		for _, c := range l.def.SortKeys {
			titles = append(titles, strings.ToLower(l.def.Columns[c].Title))
		}
		return nil, fmt.Errorf("sort by what? %s", strings.Join(titles, ", "))
	}
	return l.SetSort(table.Sort{Col: hits[0], Desc: desc}), nil
}

// columnWidth is the named column's width, as chosen or declared (0: no
// such column).
func (l *Model[T, R]) columnWidth(name string) int {
	for i, c := range l.def.Columns {
		if strings.EqualFold(c.Title, name) {
			if w, ok := l.widths[i]; ok {
				return w
			}
			return c.Width
		}
	}
	return 0
}
