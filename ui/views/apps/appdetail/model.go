// Package appdetail shows one source app in full (every field, the
// account source with its password policies, the owner) and its access
// profiles as their own list: marked profiles are removed with one
// bulk-remove after a confirm, and a profile is added by id through the
// edit loop's preview (add /accessProfiles/-).
package appdetail

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/detail"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// Modal ids on the shell's stack.
const (
	ID        = "apps.detail"
	confirmID = "apps.detail.confirm"
	addID     = "apps.detail.add"
)

// pageSize is the access-profile list's page.
const pageSize = 250

// requestTimeout bounds one list or removal, rate-limit waits included.
const requestTimeout = time.Minute

// Service is what the details need of the client.
type Service interface {
	ListAccessProfiles(ctx context.Context, appID string, opts client.ListAccessProfilesOptions) ([]client.AccessProfileDetails, error)
	RemoveAccessProfilesOutcome(ctx context.Context, appID string, ids []string) ([]client.AccessProfileDetails, client.Outcome, error)
}

// Options are the modal's surroundings.
type Options struct {
	Service Service
	// Audit records removals; Entry is their template (action, app,
	// actor, base URL).
	Audit *audit.Log
	Entry audit.Entry
	// ReadOnly disables removing and adding, with Reason saying why.
	ReadOnly bool
	Reason   string
	// EditID is the edit flow's id: an applied edit of this app (an
	// added profile) reloads the list.
	EditID string
	// Owner says who the owner is: state, manager, capabilities (nil:
	// owners are not read).
	Owner []string
}

// AddMsg asks the Apps view to add access profile ProfileID to the app
// through the edit loop (preview, apply, audit).
type AddMsg struct {
	App        client.SourceApp
	Profiles   []string // the ids the list holds now
	ProfileIDs []string // to add
	// Undo: they are the profiles the last removal detached.
	Undo bool
}

// CountMsg tells the Apps view how many access profiles the app has.
type CountMsg struct {
	AppID string
	N     int
}

type (
	profilesMsg struct {
		seq  int
		list []client.AccessProfileDetails
		err  error
	}
	removedMsg struct {
		seq     int
		removed []client.AccessProfileDetails
		left    []client.AccessProfileDetails
		err     error
	}
)

// Model is the details modal.
type Model struct {
	common.Common
	opts Options
	keys KeyMap
	app  client.SourceApp

	// profiles are the app's access profiles: the shared list, with its
	// cursor, `/` filter, sort and marks.
	profiles *list.Model[client.AccessProfileDetails, profileRow]
	loaded   bool
	loading  bool
	err      error
	seq      int
	// removing is the confirm dialog's question.
	removing confirm.Asked[[]client.AccessProfileDetails]
	busy     bool // a removal is in flight
	adding   bool // the add prompt is open
	// removed are the profiles the last removal detached: u puts them
	// back, through the preview.
	removed []client.AccessProfileDetails
}

// EditSource names the Apps view in the details' EditMsg.
const EditSource = "apps"

// KeyMap is the modal's bindings: the list's (move, mark, filter, sort,
// reload) and the modal's own.
type KeyMap struct {
	common.Disabler
	list.Keys
	Remove, Add, Undo, Close key.Binding
	// EditApp asks the Apps view to edit the app (detail.EditMsg).
	EditApp key.Binding
}

func newKeyMap(readOnly bool, reason string) KeyMap {
	k := KeyMap{
		Keys:    list.NewKeys("first", "last", len(profileSortKeys())),
		Remove:  common.NewBinding("d", "remove marked", "d", "delete"),
		Add:     common.NewBinding("+", "add by id", "+"),
		Undo:    common.NewBinding("u", "put back the removed", "u"),
		Close:   common.NewBinding("esc", "close", "esc", "q"),
		EditApp: common.NewBinding("e", "edit the app", "e"),
	}
	k.Mark.SetHelp("space", "mark profile")
	k.CopyID.SetHelp("y", "copy the profile's id")
	k.CopyName.SetHelp("Y", "copy the profile's name")
	k.Refresh.SetHelp("r", "reload")
	k.Detail, k.Export = key.Binding{}, key.Binding{}
	if readOnly {
		k.Disable(k.EditApp, reason)
		k.Disable(k.Remove, reason)
		k.Disable(k.Add, reason)
		k.Disable(k.Undo, reason)
	}
	return k
}

func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Mark, k.Remove, k.Add, k.Undo, k.Filter, k.Refresh, k.Close}
}
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(k.Nav(), k.Close), {k.Mark, k.MarkAll, k.ClearMarks, k.Remove, k.Add, k.Undo},
		{k.Filter, k.ClearFilter, k.Sort, k.Reverse, k.Refresh}, {k.EditApp, k.CopyID, k.CopyName}}
}

// New builds the modal for app and starts loading its access profiles.
func New(c common.Common, app client.SourceApp, opts Options) (*Model, tea.Cmd) {
	m := &Model{Common: c, opts: opts, keys: newKeyMap(opts.ReadOnly, opts.Reason), app: app}
	m.profiles = list.New(c, m.profileDef(), table.Unsorted) // the server's order until a sort key
	return m, m.load()
}

// Keys implements common.Modal.
func (m *Model) Keys() common.KeyMap {
	if k := m.profiles.FilterKeys(); k != nil {
		return k
	}
	return m.keys
}

// SetSize implements common.Modal: the list gets the rows under the
// fields, so its cursor never walks into a row that is not drawn.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.profiles.SetSize(m.innerWidth(), m.listRows()+2) // its title and header
}

func (m *Model) load() tea.Cmd {
	if m.opts.Service == nil {
		return nil
	}
	m.seq++
	m.loading = true
	seq, svc, id := m.seq, m.opts.Service, m.app.ID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
		defer cancel()
		var all []client.AccessProfileDetails
		for off := 0; ; off += pageSize {
			page, err := svc.ListAccessProfiles(ctx, id, client.ListAccessProfilesOptions{Limit: pageSize, Offset: off})
			if err != nil {
				return profilesMsg{seq: seq, list: all, err: err}
			}
			all = append(all, page...)
			if len(page) < pageSize {
				return profilesMsg{seq: seq, list: all}
			}
		}
	}
}

// Update handles keys and the modal's own answers.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case profilesMsg:
		if msg.seq != m.seq {
			return nil
		}
		m.loading, m.loaded, m.err = false, msg.err == nil, msg.err
		cmd := m.setProfiles(msg.list)
		if msg.err != nil {
			return cmd
		}
		return tea.Batch(cmd, m.count())
	case removedMsg:
		return m.onRemoved(msg)
	case confirm.ResultMsg:
		return m.onConfirm(msg)
	case textprompt.AnswerMsg:
		if msg.ID == addID {
			return m.onAddAnswer(msg)
		}
	case editflow.AppliedMsg:
		if msg.ID == m.opts.EditID && msg.Target.Entry.ResourceID == m.app.ID {
			return m.load()
		}
	case tea.KeyMsg:
		return m.updateKey(msg)
	}
	cmd, _ := m.profiles.HandleMsg(msg)
	return cmd
}

func (m *Model) count() tea.Cmd {
	id, n := m.app.ID, m.profiles.Len()
	return func() tea.Msg { return CountMsg{AppID: id, N: n} }
}

// setProfiles replaces the list; marks stay on the profiles still there
// (the list is the app's whole list).
func (m *Model) setProfiles(profiles []client.AccessProfileDetails) tea.Cmd {
	cmd := m.profiles.SetItems(profiles)
	m.profiles.Marks().Reconcile(m.profiles.Get, true)
	return cmd
}

func (m *Model) updateKey(k tea.KeyMsg) tea.Cmd {
	keys := m.keys
	// esc clears a filter first; with none, it closes (q always does,
	// unless it is being typed into the filter).
	if key.Matches(k, keys.Close) && !m.profiles.Filtering() && (k.String() == "q" || m.profiles.Query().Text == "") {
		return common.PopModal(ID)
	}
	if cmd, ok := m.profiles.HandleKey(k, keys.Keys); ok {
		return cmd
	}
	switch {
	case key.Matches(k, keys.EditApp):
		if why := keys.DisabledReason(keys.EditApp); why != "" {
			return common.Toast(common.ToastWarning, "Edit is disabled: "+why)
		}
		msg := detail.EditMsg{Source: EditSource, ID: m.app.ID}
		return tea.Sequence(common.PopModal(ID), func() tea.Msg { return msg })
	case key.Matches(k, keys.Remove):
		if why := keys.DisabledReason(keys.Remove); why != "" {
			return common.Toast(common.ToastWarning, "Remove is disabled: "+why)
		}
		return m.askRemove()
	case key.Matches(k, keys.Undo):
		if why := keys.DisabledReason(keys.Undo); why != "" {
			return common.Toast(common.ToastWarning, "Undo is disabled: "+why)
		}
		return m.putBack()
	case key.Matches(k, keys.Add):
		if why := keys.DisabledReason(keys.Add); why != "" {
			return common.Toast(common.ToastWarning, "Add is disabled: "+why)
		}
		if !m.loaded {
			return common.Toast(common.ToastWarning, "Add waits until the access profiles are listed")
		}
		m.adding = true
		return common.PushModal(addID, textprompt.New(m.Common, textprompt.Options{ID: addID,
			Title: "Add an access profile by id", Hint: "sent as add /accessProfiles/- after a preview", Width: 60}))
	}
	return nil
}

// askRemove confirms the removal of the marked profiles (or the one
// under the cursor), naming them.
func (m *Model) askRemove() tea.Cmd {
	if m.busy {
		return common.Toast(common.ToastInfo, "A removal is still in flight")
	}
	sel := m.profiles.MarkedItems()
	if p := m.profiles.SelectedItem(); len(sel) == 0 && p != nil {
		sel = []client.AccessProfileDetails{*p}
	}
	if len(sel) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to remove: the app has no access profiles")
	}
	m.removing.Ask(confirmID, sel)
	ex := make([]confirm.Example, len(sel))
	for i, p := range sel {
		ex[i] = confirm.Example{Name: p.Name, Owner: p.ID}
	}
	req := confirm.Request{ID: confirmID, Count: len(sel), Noun: "access profile", Verb: "Remove", Examples: ex,
		Consequence: "They are detached from this app (the profiles themselves stay).",
		Details:     []string{"sent as one bulk-remove; the list shown after is the server's answer"}}
	return common.PushModal(confirmID, common.NewValueModal(confirm.New(m.Common, req)))
}

func (m *Model) onConfirm(msg confirm.ResultMsg) tea.Cmd {
	sel, pop, ok := m.removing.Answer(msg)
	if !ok {
		return nil // another dialog's answer
	}
	if !msg.Confirmed {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing removed"))
	}
	ids := make([]string, len(sel))
	for i, p := range sel {
		ids[i] = p.ID
	}
	m.busy = true
	m.seq++
	seq, svc, id, rec, now := m.seq, m.opts.Service, m.app.ID, audit.NewRecorder(m.opts.Audit), m.Now
	e := m.opts.Entry
	e.Action, e.Op = audit.ActionRemoveProfiles, audit.NewOp()
	e.Ops, _ = json.Marshal(ids)
	return tea.Batch(pop, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
		defer cancel()
		var left []client.AccessProfileDetails
		err := rec.Single(e, now, audit.ResultPatched, func(*audit.Entry) (out client.Outcome, err error) {
			left, out, err = svc.RemoveAccessProfilesOutcome(ctx, id, ids)
			return out, err
		})
		return removedMsg{seq: seq, removed: sel, left: left, err: err}
	})
}

func (m *Model) onRemoved(msg removedMsg) tea.Cmd {
	m.busy = false
	if msg.err != nil {
		err := msg.err
		return func() tea.Msg { return common.ErrorMsg{Title: "Could not remove the access profiles", Err: err} }
	}
	var cmd tea.Cmd
	if msg.seq == m.seq {
		m.loading, m.loaded, m.err = false, true, nil
		cmd = m.setProfiles(msg.left)
	}
	m.removed = msg.removed
	return tea.Batch(cmd, m.count(), common.Toast(common.ToastSuccess,
		fmt.Sprintf("Removed %s; %d left (u puts them back)", timefmt.Plural(len(msg.removed), "access profile"), len(msg.left))))
}

// putBack asks the Apps view to add the last removal's profiles again,
// those not attached meanwhile, through the preview.
func (m *Model) putBack() tea.Cmd {
	if !m.loaded {
		return common.Toast(common.ToastWarning, "Undo waits until the access profiles are listed")
	}
	ids := make([]string, m.profiles.Len())
	for i, p := range m.profiles.Items() {
		ids[i] = p.ID
	}
	var back []string
	for _, p := range m.removed {
		if !slices.Contains(ids, p.ID) {
			back = append(back, p.ID)
		}
	}
	if len(back) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to put back: no removal in this view, or it is undone")
	}
	add := AddMsg{App: m.app, Profiles: ids, ProfileIDs: back, Undo: true}
	return func() tea.Msg { return add }
}

func (m *Model) onAddAnswer(msg textprompt.AnswerMsg) tea.Cmd {
	m.adding = false
	pop := common.PopModal(addID)
	msg.Text = strings.TrimSpace(msg.Text)
	if !msg.OK || msg.Text == "" {
		return pop
	}
	ids := make([]string, m.profiles.Len())
	for i, p := range m.profiles.Items() {
		ids[i] = p.ID
		if p.ID == msg.Text {
			return tea.Batch(pop, common.Toast(common.ToastInfo, "Already attached: "+p.Name))
		}
	}
	add := AddMsg{App: m.app, Profiles: ids, ProfileIDs: []string{msg.Text}}
	return tea.Batch(pop, func() tea.Msg { return add })
}
