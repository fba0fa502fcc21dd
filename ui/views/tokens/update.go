package tokens

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/detail"
	"github.com/sailtui/sailtui/ui/widgets/ownerbook"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// Update handles one message. Keys go to the focused input first, so
// typing a filter can never trigger an action.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.rows.HandleMsg(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case loadedMsg:
		return m.onLoaded(msg)
	case confirm.ResultMsg:
		if cmd, ok := m.resume.Answer(msg); ok {
			return cmd
		}
		return m.onConfirm(msg)
	case common.ResumeMsg:
		return m.resume.Take(msg)
	case editflow.AppliedMsg:
		return m.onApplied(msg)
	case expiryChosenMsg:
		return m.onExpiryChosen(msg)
	case scheduleMsg:
		m.scheduled = msg.at
		return nil
	case detail.EditMsg:
		if msg.Source == detailSource && m.rows.SelectID(msg.ID) {
			return m.startEdit(editflow.StartForm)
		}
		return nil
	case ownerbook.Msg:
		return m.onOwners(msg)
	case textprompt.AnswerMsg:
		if msg.ID == filterID {
			return m.onServerFilter(msg)
		}
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	if cmd, ok := m.export.Update(msg); ok {
		return cmd
	}
	if cmd, ok := m.updatePlan(msg); ok {
		return cmd
	}
	if cmd, ok := m.updateBulk(msg); ok {
		return cmd
	}
	if cmd, ok := m.updateCreate(msg); ok {
		return cmd
	}
	return nil
}

// onLoaded installs a list. When the user asked for this owner scope (o)
// and got it, a toast says what is listed now; a refusal has its own
// message (onRefused) and a failure its error dialog.
func (m *Model) onLoaded(msg loadedMsg) tea.Cmd {
	current := msg.seq == m.loadSeq
	cmd := m.applyLoaded(msg)
	if !current || !msg.asked || msg.err != nil || msg.fellBack {
		return cmd
	}
	note := "Showing every token in the tenant"
	if msg.scope == scopeMine {
		note = "Showing your tokens only"
	}
	return tea.Batch(cmd, common.Toast(common.ToastInfo, note))
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if g := m.rows.EntryGroup(m.rows.Cursor()); g != nil && key.Matches(msg, k.MarkAll) && !m.rows.Filtering() {
		return m.markGroupStale(g) // on an owner's header: that owner's stale tokens
	}
	if cmd, ok := m.rows.HandleKey(msg, k.Keys); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.StaleOnly):
		return m.setQuick(quickStale)
	case key.Matches(msg, k.ServerFilter):
		return m.openServerFilter()
	case key.Matches(msg, k.OwnerScope):
		return m.toggleScope()
	case key.Matches(msg, k.Sweep):
		return m.startSweep()
	case key.Matches(msg, k.Delete), key.Matches(msg, k.New), key.Matches(msg, k.Edit),
		key.Matches(msg, k.EditExternal), key.Matches(msg, k.Undo), key.Matches(msg, k.Expire),
		key.Matches(msg, k.Rotate):
		return m.handleChangeKey(msg)
	}
	return nil
}

// toggleScope lists every owner's tokens or the caller's own. What is
// listed is said when the list arrives (onLoaded): a refused tenant-wide
// list falls back to the caller's own, and says that instead.
func (m *Model) toggleScope() tea.Cmd {
	if m.scope == scopeMine && m.refused != nil {
		// Refused once this session: asking the server again would only
		// be refused again; its answer is shown as it was.
		err := m.refused
		return func() tea.Msg {
			return common.ErrorMsg{Title: "Listing all tokens was refused this session: showing your tokens", Err: err}
		}
	}
	m.scope = 1 - m.scope
	return m.loadAsked(true)
}

// detailSource names this view in the details' EditMsg.
const detailSource = "tokens"

// openDetail shows the selected token in full.
func (m *Model) openDetail() tea.Cmd {
	r := m.selected()
	if r == nil {
		return nil
	}
	v := m.explain(r.Tok)
	// The admin capabilities are read up front for owners of
	// all-powerful tokens only (one request each); anyone else's are
	// read now, and the details take them when they come.
	read := m.owners.Capabilities([]string{r.Tok.Owner.ID})
	m.detailFor = ""
	if read != nil {
		m.detailFor = r.Tok.ID
	}
	d := detail.New(m.Common, *r.Tok, detail.Info{Stale: v.Stale(), StaleText: v.String(), Session: m.isSession(r.Tok),
		Scheduled: m.scheduledBySailtui(r.Tok), Owner: owners.DetailLines(m.ownerOf(r.Tok.Owner.ID), m.owners.Reading(), read != nil),
		Risk: r.Risk.Phrases()}).WithSubject(detail.Subject{Source: detailSource, ID: r.Tok.ID, Name: r.Tok.Name,
		Editable: m.keys.Edit.Enabled(), NotEditable: m.keys.DisabledReason(m.keys.Edit)})
	return tea.Batch(common.PushModal(detail.ID, d), read)
}

// handleChangeKey runs a key that changes the tenant, or says why it is
// disabled (read-only mode, an unwritable audit log).
func (m *Model) handleChangeKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	cmd, _ := common.RunAction(msg, k, []common.Action{
		{Binding: k.Delete, What: "Delete", Run: m.startDelete},
		{Binding: k.New, What: "Create", Run: m.openCreate},
		{Binding: k.Edit, What: "Edit", Run: func() tea.Cmd { return m.startEdit(editflow.StartForm) }},
		{Binding: k.EditExternal, What: "Edit", Run: func() tea.Cmd { return m.startEdit(editflow.StartEditor) }},
		{Binding: k.Undo, What: "Undo", Run: m.startUndo},
		{Binding: k.Expire, What: "Expire", Run: m.startExpire},
		{Binding: k.Rotate, What: "Rotate", Run: m.startRotate},
	})
	return cmd
}
