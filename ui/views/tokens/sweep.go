package tokens

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
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

// startSweep sweeps the selected token's owner (or the owner whose
// group header the cursor is on); on a sweep already, it ends it.
func (m *Model) startSweep() tea.Cmd {
	if m.sweep.Load() != nil && quick(m.quick.Load()) == quickOwner && m.rows.Query().Only {
		return m.endSweep()
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
	return m.sweepOwner(o.ID, o.Name)
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
	text := "sweep: " + sanitize.Line(sw.name)
	if m.owners.Reading() {
		i := m.ownerOf(sw.id)
		text += " · " + i.Label()
		if i.Manager != "" {
			text += " · manager " + sanitize.Line(i.Manager)
		}
	}
	return text + " · a marks, x expires, d deletes, L ends"
}

// ownerCommand is ":owner NAME": the sweep of the owner of a loaded token
// by name (case-insensitive; a unique start of one) or id.
func (m *Model) ownerCommand(arg string) tea.Cmd {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return common.Toast(common.ToastWarning, "Say whose tokens: :owner NAME (tab completes)")
	}
	byID := map[string]client.PatOwner{}
	for _, t := range m.rows.Items() {
		byID[t.Owner.ID] = t.Owner
	}
	o, err := findOwner(byID, arg)
	if err != "" {
		return common.Toast(common.ToastWarning, err)
	}
	return m.sweepOwner(o.ID, o.Name)
}

// findOwner is the one owner named or identified by arg, or why not.
func findOwner(byID map[string]client.PatOwner, arg string) (client.PatOwner, string) {
	if o, ok := byID[arg]; ok {
		return o, ""
	}
	var exact, prefix []client.PatOwner
	want := strings.ToLower(arg)
	for _, o := range byID {
		name := strings.ToLower(sanitize.Line(o.Name))
		switch {
		case name == want:
			exact = append(exact, o)
		case strings.HasPrefix(name, want):
			prefix = append(prefix, o)
		}
	}
	switch {
	case len(exact) == 1:
		return exact[0], ""
	case len(exact) == 0 && len(prefix) == 1:
		return prefix[0], ""
	case len(exact)+len(prefix) == 0:
		return client.PatOwner{}, "No owner " + arg + " among the loaded tokens"
	}
	return client.PatOwner{}, "More than one owner matches " + arg + ": type more of the name, or the id"
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
