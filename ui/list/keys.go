package list

import (
	"cmp"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/list/columns"
	"github.com/sailtui/sailtui/ui/list/filterbox"
	"github.com/sailtui/sailtui/ui/list/offloop"
)

// Keys are the bindings every list has. A view's key map embeds them and
// adds its actions; a binding without keys (a list that is never marked)
// does nothing and is not offered for rebinding.
type Keys struct {
	common.ListKeys
	Mark, MarkAll, ClearMarks key.Binding
	Filter, ClearFilter       key.Binding
	Sort, Reverse             key.Binding
	// Refresh, Detail and Export run the view's hooks (Def).
	Refresh, Detail, Export key.Binding
	// CopyID and CopyName put the selected row's id or name on the
	// clipboard.
	CopyID, CopyName key.Binding
	// Group, Fold and Unfold group the rows (Def.Group) and fold the
	// group under the cursor; unbound (GroupKeys binds them) in a view
	// that does not group.
	Group, Fold, Unfold key.Binding
}

// GroupKeys are the grouping keys of a view that groups by owner.
func GroupKeys() (group, fold, unfold key.Binding) {
	return common.NewBinding("O", "group by owner", "O"), common.NewBinding("←", "fold owner", "left"),
		common.NewBinding("→", "unfold owner", "right")
}

// NewKeys builds them; top and bottom say what the list's ends are, and
// the number keys sort by the first sortable columns (at most 9).
func NewKeys(top, bottom string, sortable int) Keys {
	sortable = min(max(sortable, 1), 9)
	nums := make([]string, sortable)
	for i := range nums {
		nums[i] = strconv.Itoa(i + 1)
	}
	return Keys{
		ListKeys:    common.NewListKeys(top, bottom),
		Mark:        common.NewBinding("space", "mark", " "),
		MarkAll:     common.NewBinding("a", "mark all in view", "a"),
		ClearMarks:  common.NewBinding("A", "clear marks", "A"),
		Filter:      common.NewBinding("/", "filter", "/"),
		ClearFilter: common.NewBinding("esc", "clear filter", "esc"),
		Sort:        common.NewBinding("1-"+nums[sortable-1], "sort by column", nums...),
		Reverse:     common.NewBinding("R", "reverse sort", "R"),
		Refresh:     common.NewBinding("r", "refresh", "r", "ctrl+r"),
		Detail:      common.NewBinding("enter", "details", "enter"),
		Export:      common.NewBinding("X", "export CSV/JSON", "X"),
		CopyID:      common.NewBinding("y", "copy the id", "y"),
		CopyName:    common.NewBinding("Y", "copy the name", "Y"),
	}
}

// Named lists the bound ones for the settings file's overrides, by action
// (the number keys that sort stay as they are).
func (k *Keys) Named() []common.Named {
	all := append(k.ListKeys.Named(), []common.Named{
		{Action: "mark", Binding: &k.Mark}, {Action: "mark-all", Binding: &k.MarkAll}, {Action: "clear-marks", Binding: &k.ClearMarks},
		{Action: "filter", Binding: &k.Filter}, {Action: "clear-filter", Binding: &k.ClearFilter},
		{Action: "reverse", Binding: &k.Reverse}, {Action: "refresh", Binding: &k.Refresh},
		{Action: "detail", Binding: &k.Detail}, {Action: "export", Binding: &k.Export},
		{Action: "copy-id", Binding: &k.CopyID}, {Action: "copy-name", Binding: &k.CopyName},
		{Action: "group", Binding: &k.Group}, {Action: "fold", Binding: &k.Fold}, {Action: "unfold", Binding: &k.Unfold},
	}...)
	out := all[:0]
	for _, n := range all {
		if len(n.Binding.Keys()) > 0 {
			out = append(out, n)
		}
	}
	return out
}

// Update takes the list's own messages: its background sorts and builds.
// ok is false for any other message.
func (l *Model[T, R]) HandleMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case common.AutoRefreshMsg:
		return l.autoRefresh(msg.Every), true
	case common.ClickMsg:
		return l.click(msg.Y), true
	case offloop.ResultMsg[table.Result]:
		if l.sortFilter.Accept(msg) {
			l.apply(msg.Result, false)
		}
		return nil, true
	case offloop.ResultMsg[built[R]]:
		if !l.building.Accept(msg) {
			return nil, true
		}
		cmd := l.applyBuilt(msg.Result)
		if l.stale { // items arrived while it was built
			return tea.Batch(cmd, l.Rebuild()), true
		}
		return cmd, true
	}
	return nil, false
}

// HandleKey runs a list key: movement, marks, the filter and sorting. ok
// is false for any other key, which is the view's.
func (l *Model[T, R]) HandleKey(msg tea.KeyMsg, k Keys) (tea.Cmd, bool) {
	if l.filter.Focused() {
		return l.updateFilter(msg, k), true
	}
	if l.move(msg, k) {
		return nil, true
	}
	switch {
	case key.Matches(msg, k.Mark):
		l.toggleMark()
	case key.Matches(msg, k.MarkAll):
		return l.markAll(), true
	case key.Matches(msg, k.ClearMarks):
		if n := l.marks.Clear(); n > 0 {
			return common.Toast(common.ToastInfo, timefmt.Plural(n, "mark")+" cleared"), true
		}
	case key.Matches(msg, k.Filter):
		l.Clamp()
		return l.filter.Focus(), true
	case key.Matches(msg, k.ClearFilter):
		if l.filter.Clear() {
			l.query.Text = ""
			return l.Recompute(), true
		}
	case key.Matches(msg, k.Sort):
		col, desc, ok := columns.SortKey(msg.String(), l.def.SortKeys, l.query.Sort.Col, l.query.Sort.Desc)
		if !ok {
			return nil, true
		}
		return l.SetSort(table.Sort{Col: col, Desc: desc}), true
	case key.Matches(msg, k.Reverse):
		return l.SetSort(table.Sort{Col: l.query.Sort.Col, Desc: !l.query.Sort.Desc}), true
	case key.Matches(msg, k.CopyID), key.Matches(msg, k.CopyName):
		return l.copySelected(key.Matches(msg, k.CopyID)), true
	case l.def.Group != nil && key.Matches(msg, k.Group):
		return l.ToggleGrouping(), true
	case l.def.Group != nil && key.Matches(msg, k.Fold):
		return l.SetCollapsed(true), true
	case l.def.Group != nil && key.Matches(msg, k.Unfold):
		return l.SetCollapsed(false), true
	default:
		return l.hook(msg, k)
	}
	return nil, true
}

// hook runs the view's part of a list key (refresh, details, export).
func (l *Model[T, R]) hook(msg tea.KeyMsg, k Keys) (tea.Cmd, bool) {
	for _, h := range []struct {
		b   key.Binding
		run func() tea.Cmd
	}{{k.Refresh, l.def.Refresh}, {k.Detail, l.def.Open}, {k.Export, l.def.Export}} {
		if h.run != nil && key.Matches(msg, h.b) {
			return h.run(), true
		}
	}
	return nil, false
}

// SetSort sorts by s.
func (l *Model[T, R]) SetSort(s table.Sort) tea.Cmd {
	l.query.Sort = s
	return l.Recompute()
}

// ToggleOnly turns the quick filter on or off.
func (l *Model[T, R]) ToggleOnly() tea.Cmd {
	l.query.Only = !l.query.Only
	return l.Recompute()
}

// move moves the cursor; false when msg is not a movement key.
func (l *Model[T, R]) move(msg tea.KeyMsg, k Keys) bool {
	c, ok := common.MoveCursor(msg, k.Scroll(), l.cursor, len(l.res.Entries), l.BodyHeight())
	if !ok {
		return false
	}
	l.cursor, l.moved = c, true
	l.Clamp()
	return true
}

// updateFilter sends keys to the filter input; the arrows still move the
// cursor.
func (l *Model[T, R]) updateFilter(msg tea.KeyMsg, k Keys) tea.Cmd {
	return l.filter.Handle(msg, func(m tea.KeyMsg) tea.Cmd { l.move(m, k); return nil }, func(text string) tea.Cmd {
		l.query.Text = text
		return l.Recompute()
	}, l.Clamp)
}

func (l *Model[T, R]) toggleMark() {
	it := l.SelectedItem()
	if it == nil {
		return
	}
	l.marks.Toggle(l.def.ID(it), *it)
	l.cursor, l.moved = l.cursor+1, true
	l.Clamp()
}

// markAll marks every row in view (filters applied); marks outside the
// view are kept.
func (l *Model[T, R]) markAll() tea.Cmd {
	added := 0
	for _, i := range l.res.Visible {
		if it := l.def.Item(&l.tbl.Rows[i]); l.marks.Add(l.def.ID(it), *it) {
			added++
		}
	}
	return common.Toast(common.ToastInfo, "Marked "+timefmt.Plural(added, l.def.Noun)+" in view ("+
		timefmt.Plural(l.marks.Len(), "mark")+" in total)")
}

// copySelected asks for the selected row's id (or name) on the clipboard,
// as shown: a control character from the server never reaches it (a
// pasted escape sequence or newline could act where it lands).
func (l *Model[T, R]) copySelected(id bool) tea.Cmd {
	it := l.SelectedItem()
	if it == nil {
		return common.Toast(common.ToastInfo, "Nothing to copy: no "+l.def.Noun+" selected")
	}
	name := ""
	if l.def.Label != nil {
		name = sanitize.Line(l.def.Label(it))
	}
	if id {
		return common.Copy("the id of "+cmp.Or(strconv.Quote(name), "the "+l.def.Noun), sanitize.Line(l.def.ID(it)))
	}
	if name == "" {
		return common.Toast(common.ToastInfo, "This "+l.def.Noun+" has no name to copy")
	}
	return common.Copy("the name "+strconv.Quote(name), name)
}

func filterboxKeys() common.KeyMap { return filterbox.NewKeys() }

// SelectID puts the cursor on the row of item id; false when no line
// shows it (filtered out, or in a folded group).
func (l *Model[T, R]) SelectID(id string) bool {
	for pos, e := range l.res.Entries {
		if e >= 0 && l.def.ID(l.def.Item(&l.tbl.Rows[e])) == id {
			l.MoveTo(pos)
			return true
		}
	}
	return false
}

// MoveTo puts the cursor on the entry at pos (a click on a row).
func (l *Model[T, R]) MoveTo(pos int) {
	l.cursor, l.moved = pos, true
	l.Clamp()
}

// click selects the line at y of the frame (a click on the selected row
// opens it, as enter does; on a group's header it folds or unfolds it).
func (l *Model[T, R]) click(y int) tea.Cmd {
	top := 2 // the info line and the column titles
	if l.filter.Shown() {
		top++
	}
	row := y - top
	if row < 0 || row >= l.BodyHeight() {
		return nil
	}
	pos := l.offset + row
	if pos >= len(l.res.Entries) {
		return nil
	}
	if pos != l.cursor {
		l.MoveTo(pos)
		return nil
	}
	if g := l.EntryGroup(pos); g != nil {
		return l.SetCollapsed(!g.Collapsed)
	}
	if l.def.Open != nil {
		return l.def.Open()
	}
	return nil
}
