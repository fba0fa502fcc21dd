package list

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/table"
)

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

// EntryGroup is the group whose header is at pos, or nil.
func (l *Model[T, R]) EntryGroup(pos int) *table.Group {
	if pos < 0 || pos >= len(l.res.Entries) || l.res.Entries[pos] >= 0 {
		return nil
	}
	return &l.res.Groups[-l.res.Entries[pos]-1]
}

// CursorGroup is the group of the cursor's header or row.
func (l *Model[T, R]) CursorGroup() *table.Group {
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

// GroupHeader draws a group's header line: the cursor, the fold state,
// the label and the view's counts ("3 tokens · 2 stale").
func (l *Model[T, R]) GroupHeader(g *table.Group, selected bool, counts []string) string {
	s := l.Styles
	fold := s.Glyphs.Unfolded
	if g.Collapsed {
		fold = s.Glyphs.Folded
	}
	gutter := "  "
	if selected {
		gutter = s.Glyphs.Cursor + " "
	}
	line := gutter + fold + " " + g.Label + "  " + s.Text.Secondary.Render(strings.Join(counts, " · "))
	st := s.Text.Bold
	if selected {
		st = s.Table.Selected.Bold(true)
	}
	return st.Render(common.Pad(line, l.Width, ""))
}

// GroupMarks is how many marked items each group holds (by group key),
// for the headers on screen; it is counted again only when the marks or
// the rows change, so a frame stays cheap.
func (l *Model[T, R]) GroupMarks() map[string]int {
	if l.def.Group == nil {
		return nil
	}
	if l.groupMarks != nil && l.groupMarksGen == l.marks.Gen() && l.groupMarksBuild == l.builds {
		return l.groupMarks
	}
	out := map[string]int{}
	l.marks.Each(func(id string, _ T) {
		if i, ok := l.byID[id]; ok && int(i) < len(l.tbl.Rows) {
			key, _ := l.def.Group.By(&l.tbl.Rows[i])
			out[key]++
		}
	})
	l.groupMarks, l.groupMarksGen, l.groupMarksBuild = out, l.marks.Gen(), l.builds
	return out
}
