package tokens

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
)

// Group by owner (O): a header per owner with its counts of tokens,
// stale and managed ones, most stale tokens first; the shared list folds
// and unfolds them.

// markGroupStale marks the stale tokens of the header's owner.
func (m *Model) markGroupStale(g *table.Group) tea.Cmd {
	added, rows, marks := 0, m.rows.Table().Rows, m.rows.Marks()
	for _, i := range g.Rows {
		r := &rows[i]
		if r.Stale == stale.NotStale {
			continue
		}
		if marks.Add(r.Tok.ID, *r.Tok) {
			added++
		}
	}
	return common.Toast(common.ToastInfo, "Marked "+plural(added, "stale token")+" of "+g.Label+" ("+
		plural(marks.Len(), "mark")+" in total)")
}

// headerLine draws an owner's header: fold state, name, and counts of
// tokens, stale, marked and managed in the current view.
func (m *Model) headerLine(g *table.Group, selected bool, marked int) string {
	counts := []string{plural(g.N[pats.NTokens], "token")}
	if g.N[pats.NStale] > 0 {
		counts = append(counts, itoa(g.N[pats.NStale])+" stale")
	}
	if marked > 0 {
		counts = append(counts, itoa(marked)+" marked")
	}
	if g.N[pats.NManaged] > 0 {
		counts = append(counts, itoa(g.N[pats.NManaged])+" managed")
	}
	return m.rows.GroupHeader(g, selected, counts)
}
