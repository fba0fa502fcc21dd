package tokens

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// The leaver sweep, on Tokens: L on a token (or :owner NAME) shows one
// identity's tokens only, with their state and risk, and says who they
// are (state, status, manager). The usual keys act on them: a marks
// them all, x expires, d deletes, with the usual confirm, progress and
// audit. L again (or s) leaves the sweep. The Apps view has the same
// sweep, where w reassigns the owner's apps.

// sweepOwner is the identity a sweep shows.
type sweepOwner struct{ id, name string }

// startSweep asks to sweep the selected token's owner (or the owner
// whose group header the cursor is on); on a sweep already, to end it.
func (m *Model) startSweep() tea.Cmd {
	if m.sweep.Load() != nil && quick(m.quick.Load()) == quickOwner && m.rows.Query().Only {
		return common.Sweep("", "")
	}
	var o client.PatOwner
	switch r := m.selected(); {
	case r != nil:
		o = r.Tok.Owner
	case m.rows.CursorGroup() != nil:
		g := m.rows.CursorGroup()
		rows := m.rows.Table().Rows
		if len(g.Rows) > 0 {
			o = rows[g.Rows[0]].Tok.Owner
		}
	}
	if o.ID == "" {
		return common.Toast(common.ToastInfo, "Nothing to sweep: select a token of the owner")
	}
	return common.Sweep(o.ID, o.Name)
}

// Sweep shows identity id's tokens only, or every token again when id
// is empty: the shell hands every view the session's sweep.
func (m *Model) Sweep(id, name string) tea.Cmd {
	if id == "" {
		if m.sweep.Load() == nil {
			return nil
		}
		return m.endSweep()
	}
	return m.sweepOwner(id, name)
}

// sweepOwner shows owner id's tokens only.
func (m *Model) sweepOwner(id, name string) tea.Cmd {
	m.sweep.Store(&sweepOwner{id: id, name: name})
	return m.setQuickOn(quickOwner)
}

// endSweep shows every token again.
func (m *Model) endSweep() tea.Cmd {
	m.sweep.Store(nil)
	if m.rows.Query().Only {
		return m.rows.ToggleOnly()
	}
	return nil
}

// sweepLabel says whose tokens are shown and who they are.
func (m *Model) sweepLabel() string {
	sw := m.sweep.Load()
	if sw == nil {
		return ""
	}
	text := "sweep: " + owners.Describe(sw.name, m.ownerOf(sw.id), m.owners.Reading())
	return text + " · L ends"
}

// ownerCommand is ":owner NAME": the sweep of the owner of a loaded token
// by name (case-insensitive; a unique start of one) or id.
func (m *Model) ownerCommand(arg string) tea.Cmd {
	if strings.TrimSpace(arg) == "" {
		return common.Toast(common.ToastWarning, "Say whose tokens: :owner NAME (tab completes)")
	}
	if !m.rows.WasRead() { // a saved view at start: once the tokens are in
		m.ownerLater = arg
		return nil
	}
	known := map[string]string{}
	for _, t := range m.rows.Items() {
		known[t.Owner.ID] = t.Owner.Name
	}
	id, why := owners.Find(known, arg, "owns a loaded token")
	if why != "" {
		return common.Toast(common.ToastWarning, why)
	}
	return common.Sweep(id, known[id])
}

// OwnerNames complete ":owner NAME": the loaded tokens' owners.
func (m *Model) OwnerNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range m.rows.Items() {
		if n := sanitize.Line(t.Owner.Name); n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// keepOwner reports whether r is the swept owner's.
func (m *Model) keepOwner(r *pats.Row) bool {
	sw := m.sweep.Load()
	return sw != nil && r.Tok.Owner.ID == sw.id
}

// CommandCompletions are ":owner NAME" for the loaded tokens' owners.
func (m *Model) CommandCompletions() []string {
	names := m.OwnerNames()
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "owner " + n
	}
	return out
}

// ownerPending runs an :owner that came before the list was read.
func (m *Model) ownerPending() tea.Cmd {
	arg := m.ownerLater
	if arg == "" {
		return nil
	}
	m.ownerLater = ""
	return m.ownerCommand(arg)
}
