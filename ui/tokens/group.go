package tokens

import (
	"cmp"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
)

// Group by owner (O): a header row per owner with its counts, most stale
// tokens first, collapsible; the filter, stale-only and the sort still
// decide which rows each group shows and in what order. Grouping runs
// with the sort and filter, off the event loop for big lists, and yields
// the display entries: a row index, or a header as -(group+1).

// group is one owner's rows in the current view.
type group struct {
	key, label             string
	rows                   []int32 // in view order
	tokens, stale, managed int
	collapsed              bool
}

// collapsedKey packs the collapsed owners into a comparable string (a
// viewQuery must compare with ==).
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

// groupView groups visible rows by owner. Groups are ordered by stale
// count (then size, then name); a collapsed group shows only its header.
func groupView(t table, visible []int32, collapsed string) (entries []int32, groups []group) {
	closed := map[string]bool{}
	if collapsed != "" {
		for _, k := range strings.Split(collapsed, "\x00") {
			closed[k] = true
		}
	}
	index := map[string]int{}
	for _, i := range visible {
		r := &t.rows[i]
		key := r.tok.Owner.ID
		if key == "" {
			key = "name:" + r.owner
		}
		g, ok := index[key]
		if !ok {
			g = len(groups)
			index[key] = g
			groups = append(groups, group{key: key, label: r.owner, collapsed: closed[key]})
		}
		gr := &groups[g]
		gr.rows = append(gr.rows, i)
		gr.tokens++
		if r.stale != NotStale {
			gr.stale++
		}
		if r.tok.Managed {
			gr.managed++
		}
	}
	slices.SortStableFunc(groups, func(a, b group) int {
		if c := cmp.Compare(b.stale, a.stale); c != 0 {
			return c
		}
		if c := cmp.Compare(b.tokens, a.tokens); c != 0 {
			return c
		}
		return cmp.Compare(strings.ToLower(a.label), strings.ToLower(b.label))
	})
	entries = make([]int32, 0, len(visible)+len(groups))
	for g := range groups {
		entries = append(entries, int32(-(g + 1)))
		if !groups[g].collapsed {
			entries = append(entries, groups[g].rows...)
		}
	}
	return entries, groups
}

// entryRow is the row index at display position pos, -1 for a header or
// outside the list.
func (m *Model) entryRow(pos int) int32 {
	if pos < 0 || pos >= len(m.res.entries) || m.res.entries[pos] < 0 {
		return -1
	}
	return m.res.entries[pos]
}

// entryGroup is the group whose header is at pos, or nil.
func (m *Model) entryGroup(pos int) *group {
	if pos < 0 || pos >= len(m.res.entries) || m.res.entries[pos] >= 0 {
		return nil
	}
	return &m.res.groups[-m.res.entries[pos]-1]
}

// cursorGroup is the group of the cursor's header or row.
func (m *Model) cursorGroup() *group {
	if g := m.entryGroup(m.cursor); g != nil {
		return g
	}
	for pos := m.cursor; pos >= 0; pos-- {
		if g := m.entryGroup(pos); g != nil {
			return g
		}
	}
	return nil
}

// toggleGrouping turns grouping by owner on or off.
func (m *Model) toggleGrouping() tea.Cmd {
	m.query.group = !m.query.group
	return m.recompute()
}

// setCollapsed folds or unfolds the cursor's group; the cursor lands on
// its header.
func (m *Model) setCollapsed(fold bool) tea.Cmd {
	g := m.cursorGroup()
	if !m.query.group || g == nil || g.collapsed == fold {
		return nil
	}
	if m.collapsed == nil {
		m.collapsed = map[string]bool{}
	}
	m.collapsed[g.key] = fold
	m.query.collapsed = collapsedKey(m.collapsed)
	m.selectedID, m.selectedGroup = "", g.key
	return m.recompute()
}

// markGroupStale marks the stale tokens of the header's owner.
func (m *Model) markGroupStale(g *group) tea.Cmd {
	added := 0
	for _, i := range g.rows {
		r := &m.rows[i]
		if r.stale == NotStale {
			continue
		}
		if m.marks.Add(r.tok.ID, *r.tok) {
			added++
		}
	}
	return common.Toast(common.ToastInfo, "Marked "+plural(added, "stale token")+" of "+g.label+" ("+
		plural(m.marks.Len(), "mark")+" in total)")
}

// groupMarks counts marks per owner key, for the headers on screen; the
// count is kept until the marks change, so a frame stays cheap.
func (m *Model) groupMarks() map[string]int {
	if m.ownerMarks != nil && m.ownerMarksGen == m.marks.Gen() {
		return m.ownerMarks
	}
	out := map[string]int{}
	defer func() { m.ownerMarks, m.ownerMarksGen = out, m.marks.Gen() }()
	m.marks.Each(func(_ string, t client.PersonalAccessToken) {
		key := t.Owner.ID
		if key == "" {
			key = "name:" + ownerLabel(t.Owner)
		}
		out[key]++
	})
	return out
}

// headerLine draws an owner's header: fold state, name, and counts of
// tokens, stale, marked and managed in the current view.
func (m *Model) headerLine(pos int, g *group, marked int) string {
	s := m.Styles
	fold := s.Glyphs.Unfolded
	if g.collapsed {
		fold = s.Glyphs.Folded
	}
	gutter := "  "
	if pos == m.cursor {
		gutter = s.Glyphs.Cursor + " "
	}
	counts := []string{plural(g.tokens, "token")}
	if g.stale > 0 {
		counts = append(counts, itoa(g.stale)+" stale")
	}
	if marked > 0 {
		counts = append(counts, itoa(marked)+" marked")
	}
	if g.managed > 0 {
		counts = append(counts, itoa(g.managed)+" managed")
	}
	line := gutter + fold + " " + g.label + "  " + s.Text.Secondary.Render(strings.Join(counts, " · "))
	st := s.Text.Bold
	if pos == m.cursor {
		st = s.Table.Selected.Bold(true)
	}
	return st.Render(common.Pad(line, m.Width, ""))
}
