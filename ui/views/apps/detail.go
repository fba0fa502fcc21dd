package apps

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/views/apps/appdetail"
)

// openDetail opens the selected app's details and access profiles.
func (m *Model) openDetail() tea.Cmd {
	r := m.selected()
	if r == nil {
		return nil
	}
	reason := m.keys.DisabledReason(m.keys.Edit)
	d, cmd := appdetail.New(m.Common, *r.App, appdetail.Options{Service: m.opts.Service, Audit: m.opts.Audit,
		Entry: m.entry(audit.ActionRemoveProfiles, *r.App), ReadOnly: reason != "", Reason: reason, EditID: editID,
		Owner: m.appOwnerLines(r.App)})
	d.SetSize(m.Width, m.Height)
	return tea.Batch(common.PushModal(appdetail.ID, d), cmd)
}

// onDetailMsg handles what the details ask of the view.
func (m *Model) onDetailMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case appdetail.CountMsg:
		if a, ok := m.rows.Get(msg.AppID); ok {
			return m.replaceApp(a, msg.N), true
		}
		return nil, true
	case appdetail.AddMsg:
		return m.addProfile(msg), true
	}
	return nil, false
}

// addProfile previews and applies add /accessProfiles/- through the edit
// flow: the details' list is the current one, so the patch only appends.
func (m *Model) addProfile(msg appdetail.AddMsg) tea.Cmd {
	doc, err := appDoc(msg.App, msg.Profiles)
	if err != nil {
		return common.Toast(common.ToastError, "Cannot add: "+err.Error())
	}
	edited, err := appDoc(msg.App, append(slices.Clone(msg.Profiles), msg.ProfileIDs...))
	if err != nil {
		return common.Toast(common.ToastError, "Cannot add: "+err.Error())
	}
	t := m.appTarget(msg.App, doc, true)
	t.Rules = appendRules()
	t.Note = "Adds one access profile by id; the server checks that it exists."
	if msg.Undo {
		t.Note = "Puts back the " + timefmt.Plural(len(msg.ProfileIDs), "access profile") + " the last removal detached: " +
			strings.Join(msg.ProfileIDs, ", ") + "."
	}
	return m.openFlow(t, editflow.StartPreview, edited)
}

// appendRules are the app's rules with accessProfiles changed by set
// operations, so an addition is sent as add /accessProfiles/- (the
// contract's own example) rather than a replace of the whole list.
func appendRules() patchdiff.Rules {
	r := patchdiff.SourceAppRules()
	for i := range r.Fields {
		if r.Fields[i].Name == "accessProfiles" {
			r.Fields[i].Array = patchdiff.ArraySetOps
		}
	}
	return r
}

// appOwnerLines say who a's owner is, for the details.
func (m *Model) appOwnerLines(a *client.SourceApp) []string {
	if a.Owner == nil {
		return nil
	}
	return owners.DetailLines(m.owners.Get(a.Owner.ID), m.owners.Reading(), false)
}
