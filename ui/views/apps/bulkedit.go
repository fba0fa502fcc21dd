package apps

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/edit/editform"
)

// bulkEditID is the bulk edit form's id on the shell's stack.
const bulkEditID = "apps.bulkedit"

// A field change on marked apps: e with marks opens a form over the
// fields that make sense on many apps at once (not the name, which apps
// must not share, nor the access profiles, which bulk-update would
// replace on every app), filled from the first marked app. Only the
// fields the user changes become the one patch every app gets, sent as
// bulk-update after the same confirm as the toggles.

// bulkFields are the form's rows: the edit form's, less the name, the
// access profiles and the read-only ones.
func (m *Model) bulkFields() []editdoc.Field {
	rules := bulkRules()
	var out []editdoc.Field
	for _, f := range m.appFields(false) {
		if !f.ReadOnly && slices.ContainsFunc(rules.Fields, func(r patchdiff.Field) bool { return r.Name == f.Name }) {
			out = append(out, f)
		}
	}
	return out
}

// bulkRules are those fields, unguarded: bulk-update has no per-app test.
func bulkRules() patchdiff.Rules {
	var r patchdiff.Rules
	for _, f := range patchdiff.SourceAppRules().Fields {
		switch f.Name {
		case "name", "accessProfiles":
		default:
			r.Fields = append(r.Fields, f)
		}
	}
	return r
}

// bulkEdit is an open bulk edit: the apps and the template the form
// started from.
type bulkEdit struct {
	apps []client.SourceApp
	base []byte
}

func (m *Model) openBulkEdit() tea.Cmd {
	apps := m.markedApps()
	base, err := appDoc(apps[0], nil)
	if err != nil {
		return common.Toast(common.ToastError, "Cannot edit: "+err.Error())
	}
	f, err := editform.New(m.Common, "Set on "+timefmt.Plural(len(apps), "marked app")+" (only the fields you change are sent)",
		base, m.bulkFields())
	if err != nil {
		return common.Toast(common.ToastError, "Cannot edit: "+err.Error())
	}
	f = f.WithAction("Review").WithID(bulkEditID)
	f.SetSize(m.Width, m.Height)
	m.bulkEditing = &bulkEdit{apps: apps, base: base}
	return common.PushModal(bulkEditID, &f)
}

// submitBulkEdit turns the changed fields into the patch and asks.
func (m *Model) submitBulkEdit(msg editform.SubmitMsg) tea.Cmd {
	be := m.bulkEditing
	if be == nil {
		return nil // answered already (a second ctrl+s before the form closed)
	}
	m.bulkEditing = nil
	pop := common.PopModal(bulkEditID)
	res, err := patchdiff.Diff(be.base, msg.Doc, bulkRules())
	if err != nil {
		return tea.Batch(pop, common.Toast(common.ToastError, "Cannot build the patch: "+err.Error()))
	}
	if len(res.Patch) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing changed: nothing sent"))
	}
	ops := res.Patch
	fields := make([]string, len(ops))
	for i, op := range ops {
		fields[i] = strings.TrimPrefix(op.Path, "/")
	}
	return tea.Batch(pop, m.confirmBulk(be.apps, ops, "set "+strings.Join(fields, ", ")))
}

func (m *Model) cancelBulkEdit() tea.Cmd {
	m.bulkEditing = nil
	return tea.Batch(common.PopModal(bulkEditID), common.Toast(common.ToastInfo, "Bulk edit cancelled: nothing sent"))
}
