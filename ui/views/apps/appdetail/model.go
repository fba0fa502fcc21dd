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
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/marks"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
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
}

// AddMsg asks the Apps view to add access profile ProfileID to the app
// through the edit loop (preview, apply, audit).
type AddMsg struct {
	App       client.SourceApp
	Profiles  []string // the ids the list holds now
	ProfileID string
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
		seq  int
		ids  []string
		left []client.AccessProfileDetails
		err  error
	}
)

// Model is the details modal.
type Model struct {
	common.Common
	opts Options
	keys KeyMap
	app  client.SourceApp

	profiles []client.AccessProfileDetails
	loaded   bool
	loading  bool
	err      error
	seq      int
	cursor   int
	offset   int // first profile on screen
	marks    *marks.Set[client.AccessProfileDetails]
	// removing is the confirm dialog's question (nil: none asked).
	removing []client.AccessProfileDetails
	busy     bool // a removal is in flight
	adding   bool // the add prompt is open
}

// KeyMap is the modal's bindings.
type KeyMap struct {
	common.Disabler
	Up, Down, Mark, Remove, Add, Reload, Close key.Binding
}

func newKeyMap(readOnly bool, reason string) KeyMap {
	k := KeyMap{
		Up:     common.NewBinding("↑/k", "up", "up", "k"),
		Down:   common.NewBinding("↓/j", "down", "down", "j"),
		Mark:   common.NewBinding("space", "mark profile", " "),
		Remove: common.NewBinding("d", "remove marked", "d", "delete"),
		Add:    common.NewBinding("+", "add by id", "+", "a"),
		Reload: common.NewBinding("r", "reload", "r"),
		Close:  common.NewBinding("esc", "close", "esc", "q"),
	}
	if readOnly {
		k.Disable(k.Remove, reason)
		k.Disable(k.Add, reason)
	}
	return k
}

func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Mark, k.Remove, k.Add, k.Reload, k.Close}
}
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Close}, {k.Mark, k.Remove, k.Add, k.Reload}}
}

// New builds the modal for app and starts loading its access profiles.
func New(c common.Common, app client.SourceApp, opts Options) (*Model, tea.Cmd) {
	m := &Model{Common: c, opts: opts, keys: newKeyMap(opts.ReadOnly, opts.Reason), app: app,
		marks: marks.New[client.AccessProfileDetails]()}
	return m, m.load()
}

// Keys implements common.Modal.
func (m *Model) Keys() common.KeyMap { return m.keys }

// SetSize implements common.Modal.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.follow()
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
		m.setProfiles(msg.list)
		if msg.err != nil {
			return nil
		}
		return m.count()
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
		cmd := m.updateKey(msg)
		m.follow()
		return cmd
	}
	return nil
}

func (m *Model) count() tea.Cmd {
	id, n := m.app.ID, len(m.profiles)
	return func() tea.Msg { return CountMsg{AppID: id, N: n} }
}

// setProfiles replaces the list, keeping marks on profiles still there.
func (m *Model) setProfiles(list []client.AccessProfileDetails) {
	m.profiles = list
	m.marks.Reconcile(func(id string) (client.AccessProfileDetails, bool) {
		for _, p := range list {
			if p.ID == id {
				return p, true
			}
		}
		return client.AccessProfileDetails{}, false
	}, true)
	m.follow()
}

func (m *Model) updateKey(k tea.KeyMsg) tea.Cmd {
	keys := m.keys
	switch {
	case key.Matches(k, keys.Close):
		return common.PopModal(ID)
	case key.Matches(k, keys.Up):
		m.cursor-- // follow keeps it on a row
	case key.Matches(k, keys.Down):
		m.cursor++
	case key.Matches(k, keys.Mark):
		if m.cursor < len(m.profiles) {
			p := m.profiles[m.cursor]
			m.marks.Toggle(p.ID, p)
			m.cursor++
		}
	case key.Matches(k, keys.Reload):
		return m.load()
	case key.Matches(k, keys.Remove):
		if why := keys.DisabledReason(keys.Remove); why != "" {
			return common.Toast(common.ToastWarning, "Remove is disabled: "+why)
		}
		return m.askRemove()
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
	var sel []client.AccessProfileDetails
	for _, p := range m.profiles {
		if m.marks.Has(p.ID) {
			sel = append(sel, p)
		}
	}
	if len(sel) == 0 && m.cursor < len(m.profiles) {
		sel = []client.AccessProfileDetails{m.profiles[m.cursor]}
	}
	if len(sel) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to remove: the app has no access profiles")
	}
	m.removing = sel
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
	if msg.ID != confirmID {
		return nil // another dialog's answer
	}
	sel := m.removing
	m.removing = nil
	pop := common.PopModal(confirmID)
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
		return removedMsg{seq: seq, ids: ids, left: left, err: err}
	})
}

func (m *Model) onRemoved(msg removedMsg) tea.Cmd {
	m.busy = false
	if msg.err != nil {
		err := msg.err
		return func() tea.Msg { return common.ErrorMsg{Title: "Could not remove the access profiles", Err: err} }
	}
	if msg.seq == m.seq {
		m.loading, m.loaded, m.err = false, true, nil
		m.setProfiles(msg.left)
	}
	return tea.Batch(m.count(), common.Toast(common.ToastSuccess,
		fmt.Sprintf("Removed %s; %d left", timefmt.Plural(len(msg.ids), "access profile"), len(msg.left))))
}

func (m *Model) onAddAnswer(msg textprompt.AnswerMsg) tea.Cmd {
	m.adding = false
	pop := common.PopModal(addID)
	msg.Text = strings.TrimSpace(msg.Text)
	if !msg.OK || msg.Text == "" {
		return pop
	}
	ids := make([]string, len(m.profiles))
	for i, p := range m.profiles {
		ids[i] = p.ID
		if p.ID == msg.Text {
			return tea.Batch(pop, common.Toast(common.ToastInfo, "Already attached: "+p.Name))
		}
	}
	add := AddMsg{App: m.app, Profiles: ids, ProfileID: msg.Text}
	return tea.Batch(pop, func() tea.Msg { return add })
}
