package apps

import (
	"encoding/json"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// The leaver sweep, on Apps: L on an app (or :owner NAME) shows one
// owner's apps only, with who they are; w reassigns them (the marked
// ones, else all the swept owner's loaded apps) to another identity,
// picked by name completion: one replace /owner sent by bulk-update in
// chunks of 50 after the confirm, audited, and undone from the summary
// back to each app's old owner. L again ends the sweep.

// reassignID is the new owner prompt's id on the shell's stack.
const reassignID = "apps.reassign"

// sweepOwner is the owner a sweep shows.
type sweepOwner struct{ id, name string }

// startSweep asks to sweep the selected app's owner; on a sweep, to
// end it.
func (m *Model) startSweep() tea.Cmd {
	if m.sweep.Load() != nil {
		return common.Sweep("", "")
	}
	r := m.selected()
	if r == nil || r.App.Owner == nil || r.App.Owner.ID == "" {
		return common.Toast(common.ToastInfo, "Nothing to sweep: select an app of the owner")
	}
	return common.Sweep(r.App.Owner.ID, r.App.Owner.Name)
}

// Sweep shows identity id's apps only, or every app again when id is
// empty: the shell hands every view the session's sweep.
func (m *Model) Sweep(id, name string) tea.Cmd {
	if id == "" {
		if m.sweep.Load() == nil {
			return nil
		}
		m.sweep.Store(nil)
		if m.rows.Query().Only {
			return m.rows.ToggleOnly()
		}
		return nil
	}
	return m.sweepOwner(id, name)
}

func (m *Model) sweepOwner(id, name string) tea.Cmd {
	m.sweep.Store(&sweepOwner{id: id, name: name})
	if m.rows.Query().Only {
		return m.rows.Rebuild()
	}
	return m.rows.ToggleOnly()
}

// sweepLabel says whose apps are shown and who they are.
func (m *Model) sweepLabel() string {
	sw := m.sweep.Load()
	if sw == nil {
		return ""
	}
	text := "sweep: " + owners.Describe(sw.name, m.owners.Get(sw.id), m.owners.Reading())
	return text + " · w reassigns · L ends"
}

// keepSwept reports whether a is the swept owner's (the list's Only).
func (m *Model) keepSwept(r *sourceapps.Row) bool {
	sw := m.sweep.Load()
	return sw != nil && r.App.Owner != nil && r.App.Owner.ID == sw.id
}

// ownerCommand is ":owner NAME": the sweep of a loaded app's owner.
func (m *Model) ownerCommand(arg string) tea.Cmd {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return common.Toast(common.ToastWarning, "Say whose apps: :owner NAME (tab completes)")
	}
	if !m.rows.WasRead() { // a saved view at start: once the apps are in
		m.ownerLater = arg
		return nil
	}
	id, name, why := m.findOwner(arg)
	if why != "" {
		return common.Toast(common.ToastWarning, why)
	}
	return common.Sweep(id, name)
}

// findOwner is the one identity sailtui has seen that arg names.
func (m *Model) findOwner(arg string) (id, name, why string) {
	known := m.knownOwners()
	id, why = owners.Find(known, arg, "among the owners sailtui has seen")
	return id, known[id], why
}

// CommandCompletions are ":owner NAME" for the known owners.
func (m *Model) CommandCompletions() []string {
	var out []string
	for _, n := range m.knownOwners() {
		if n = sanitize.Line(n); n != "" {
			out = append(out, "owner "+n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// reassignApps are what w reassigns: the marked apps, else the swept
// owner's loaded apps.
func (m *Model) reassignApps() []client.SourceApp {
	if apps := m.markedApps(); len(apps) > 0 {
		return apps
	}
	var out []client.SourceApp
	for _, a := range m.rows.Items() {
		if r := (sourceapps.Row{App: &a}); m.keepSwept(&r) {
			out = append(out, a)
		}
	}
	return out
}

// startReassign asks for the new owner.
func (m *Model) startReassign() tea.Cmd {
	apps := m.reassignApps()
	if len(apps) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to reassign: sweep an owner (L) or mark apps")
	}
	names := make([]string, 0, len(m.knownOwners()))
	for _, n := range m.knownOwners() {
		names = append(names, sanitize.Line(n))
	}
	slices.Sort(names)
	p := textprompt.New(m.Common, textprompt.Options{ID: reassignID, Title: "Reassign " + timefmt.Plural(len(apps), "app") + " to",
		Prompt: "new owner ", Completions: slices.Compact(names), Width: 60,
		Hint: "a name (tab completes) or an identity id",
		Validate: func(s string) error {
			if _, _, why := m.findOwner(s); why != "" {
				return errString(why)
			}
			return nil
		}})
	return common.PushModal(reassignID, p)
}

// onReassign turns the chosen owner into the one patch for every app and
// asks, as every bulk change does.
func (m *Model) onReassign(msg textprompt.AnswerMsg) tea.Cmd {
	pop := common.PopModal(reassignID)
	if !msg.OK {
		return pop
	}
	id, name, why := m.findOwner(msg.Text)
	if why != "" {
		return tea.Batch(pop, common.Toast(common.ToastError, why))
	}
	var apps []client.SourceApp
	for _, a := range m.reassignApps() {
		if a.Owner == nil || a.Owner.ID != id {
			apps = append(apps, a)
		}
	}
	if len(apps) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing to reassign: every app is "+sanitize.Line(name)+"'s already"))
	}
	value, _ := json.Marshal(client.BaseReference{Type: "IDENTITY", ID: id, Name: name})
	ops := patchdiff.Patch{{Op: "replace", Path: "/owner", Value: value}}
	return tea.Batch(pop, m.confirmChange(pendingChange{apps: apps, ops: ops, what: "owner → " + sanitize.Line(name)}))
}

type errString string

func (e errString) Error() string { return string(e) }

// Command runs a : command meant for this view: "owner NAME".
func (m *Model) Command(name, arg string) (tea.Cmd, bool) {
	if name != "owner" {
		return nil, false
	}
	return m.ownerCommand(arg), true
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
