package tokens

import (
	"cmp"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/list"
)

// Group by owner (O): a header per owner with its counts of tokens,
// stale and managed ones, most stale tokens first; the shared list folds
// and unfolds them.

// Tallies of an owner's group (list.Group.N).
const (
	nTokens = iota
	nStale
	nManaged
)

// ownerGrouping groups rows by owner id (by name when there is none).
// Groups are ordered by stale count, then size, then name.
func ownerGrouping() *list.Grouping[row] {
	return &list.Grouping[row]{
		By: func(r *row) (key, label string) { return ownerKey(r.tok.Owner), r.owner },
		Tally: func(r *row, n *[3]int) {
			n[nTokens]++
			if r.stale != NotStale {
				n[nStale]++
			}
			if r.tok.Managed {
				n[nManaged]++
			}
		},
		Order: func(a, b *list.Group) int {
			return cmp.Or(cmp.Compare(b.N[nStale], a.N[nStale]), cmp.Compare(b.N[nTokens], a.N[nTokens]),
				cmp.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)))
		},
	}
}

// ownerKey is the key of an owner's group.
func ownerKey(o client.PatOwner) string {
	if o.ID == "" {
		return "name:" + sanitize.Line(ownerLabel(o))
	}
	return o.ID
}

// markGroupStale marks the stale tokens of the header's owner.
func (m *Model) markGroupStale(g *list.Group) tea.Cmd {
	added, rows, marks := 0, m.rows.Table().Rows, m.rows.Marks()
	for _, i := range g.Rows {
		r := &rows[i]
		if r.stale == NotStale {
			continue
		}
		if marks.Add(r.tok.ID, *r.tok) {
			added++
		}
	}
	return common.Toast(common.ToastInfo, "Marked "+plural(added, "stale token")+" of "+g.Label+" ("+
		plural(marks.Len(), "mark")+" in total)")
}

// groupMarks counts marks per owner key, for the headers on screen; the
// count is kept until the marks change, so a frame stays cheap.
func (m *Model) groupMarks() map[string]int {
	marks := m.rows.Marks()
	if m.ownerMarks != nil && m.ownerMarksGen == marks.Gen() {
		return m.ownerMarks
	}
	out := map[string]int{}
	defer func() { m.ownerMarks, m.ownerMarksGen = out, marks.Gen() }()
	marks.Each(func(_ string, t client.PersonalAccessToken) { out[ownerKey(t.Owner)]++ })
	return out
}

// headerLine draws an owner's header: fold state, name, and counts of
// tokens, stale, marked and managed in the current view.
func (m *Model) headerLine(g *list.Group, selected bool, marked int) string {
	s := m.Styles
	fold := s.Glyphs.Unfolded
	if g.Collapsed {
		fold = s.Glyphs.Folded
	}
	gutter := "  "
	if selected {
		gutter = s.Glyphs.Cursor + " "
	}
	counts := []string{plural(g.N[nTokens], "token")}
	if g.N[nStale] > 0 {
		counts = append(counts, itoa(g.N[nStale])+" stale")
	}
	if marked > 0 {
		counts = append(counts, itoa(marked)+" marked")
	}
	if g.N[nManaged] > 0 {
		counts = append(counts, itoa(g.N[nManaged])+" managed")
	}
	line := gutter + fold + " " + g.Label + "  " + s.Text.Secondary.Render(strings.Join(counts, " · "))
	st := s.Text.Bold
	if selected {
		st = s.Table.Selected.Bold(true)
	}
	return st.Render(common.Pad(line, m.Width, ""))
}
