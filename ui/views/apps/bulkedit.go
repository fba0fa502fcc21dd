package apps

import (
	"encoding/json"
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
// replace on every app). A field the apps agree on shows their value; one
// they differ in reads "(mixed)" until set. Only the fields the user
// changes or sets become the one patch every app gets, sent as
// bulk-update after the same confirm as the toggles, and undone from the
// summary with each app's own previous values.

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
	fields := m.bulkFields()
	for i := range fields {
		fields[i].Mixed = differ(apps, fields[i].Name)
	}
	f, err := editform.New(m.Common, "Set on "+timefmt.Plural(len(apps), "marked app")+" (only the fields you change are sent)",
		base, fields)
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
	ops := forceSet(res.Patch, msg.Doc, msg.Set)
	if len(ops) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing changed: nothing sent"))
	}
	fields := make([]string, len(ops))
	for i, op := range ops {
		fields[i] = strings.TrimPrefix(op.Path, "/")
	}
	return tea.Batch(pop, m.confirmChange(pendingChange{apps: be.apps, ops: ops, what: "set " + strings.Join(fields, ", ")}))
}

// differ reports whether apps have different values of member name.
func differ(apps []client.SourceApp, name string) bool {
	var first []byte
	for i, a := range apps {
		doc, err := json.Marshal(a)
		if err != nil {
			return true
		}
		v, _, err := patchdiff.Member(doc, name)
		if err != nil {
			return true
		}
		if i == 0 {
			first = v
		} else if !patchdiff.SameValue(first, v) {
			return true
		}
	}
	return false
}

// forceSet adds to ops a replace of each member named in set that ops
// does not change yet: a mixed field set to the first app's own value is
// no change to that app, but is meant for every app.
func forceSet(ops patchdiff.Patch, doc []byte, set []string) patchdiff.Patch {
	for _, name := range set {
		path := "/" + name
		if slices.ContainsFunc(ops, func(op patchdiff.Op) bool { return op.Path == path }) {
			continue
		}
		if v, ok, err := patchdiff.Member(doc, name); err == nil && ok {
			ops = append(ops, patchdiff.Op{Op: "replace", Path: path, Value: json.RawMessage(v)})
		}
	}
	return ops
}

func (m *Model) cancelBulkEdit() tea.Cmd {
	m.bulkEditing = nil
	return tea.Batch(common.PopModal(bulkEditID), common.Toast(common.ToastInfo, "Bulk edit cancelled: nothing sent"))
}
