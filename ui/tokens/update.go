package tokens

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/columns"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/confirm"
	"github.com/sailtui/sailtui/ui/detail"
	"github.com/sailtui/sailtui/ui/editflow"
	"github.com/sailtui/sailtui/ui/offloop"
)

// Update handles one message. Keys go to the focused input first, so
// typing a filter can never trigger an action.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg:
		return m.onLoaded(msg)
	case offloop.ResultMsg[viewResult]:
		if m.sortFilter.Accept(msg) {
			m.applyResult(msg.Result)
		}
		return nil
	case confirm.ResultMsg:
		return m.onConfirm(msg)
	case reconciledMsg:
		return m.onReconciled(msg)
	case editflow.AppliedMsg:
		return m.onApplied(msg)
	case expiryChosenMsg:
		return m.onExpiryChosen(msg)
	case scheduleMsg:
		m.scheduled = msg.at
		return nil
	case planCheckedMsg:
		return m.onPlanChecked(msg)
	case planChosenMsg:
		return m.onPlanChosen(msg)
	case tea.KeyMsg:
		switch {
		case m.prompt != nil:
			return m.updatePrompt(msg)
		case m.filter.Focused():
			return m.updateFilter(msg)
		}
		return m.handleKey(msg)
	}
	if cmd, ok := m.export.Update(msg); ok {
		return cmd
	}
	if cmd, ok := m.updateBulk(msg); ok {
		return cmd
	}
	if cmd, ok := m.updateCreate(msg); ok {
		return cmd
	}
	if m.filter.Focused() {
		_, cmd := m.filter.Update(msg)
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
	if cmd, ok := m.handleMove(msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.Mark):
		m.toggleMark()
	case key.Matches(msg, k.MarkAll):
		return m.markAll()
	case key.Matches(msg, k.ClearMarks):
		n := m.marks.Clear() // unlisted marks included
		if n > 0 {
			return common.Toast(common.ToastInfo, plural(n, "mark")+" cleared")
		}
	case key.Matches(msg, k.Filter):
		m.clampScroll()
		return m.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		if m.filter.Clear() {
			m.query.text = ""
			return m.recompute()
		}
	case key.Matches(msg, k.StaleOnly):
		m.query.staleOnly = !m.query.staleOnly
		return m.recompute()
	case key.Matches(msg, k.ServerFilter):
		m.prompt = newFilterPrompt(m.Common, m.server, m.Now().Add(-m.opts.StaleAfter))
	case key.Matches(msg, k.OwnerScope):
		// Said when the list arrives (onLoaded): a refused tenant-wide
		// list falls back to the caller's own, and says that instead.
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
	case key.Matches(msg, k.Refresh):
		return m.load()
	case key.Matches(msg, k.Detail):
		if r := m.selected(); r != nil {
			v := Explain(r.tok, m.Now(), m.opts.StaleAfter)
			d := detail.New(m.Common, *r.tok, detail.Info{Stale: v.Stale(), StaleText: v.String(), Session: m.isSession(r.tok),
				Scheduled: m.scheduledBySailtui(r.tok)})
			return common.PushModal(detail.ID, d)
		}
	case key.Matches(msg, k.Sort):
		return m.sortBy(msg.String())
	case key.Matches(msg, k.Reverse):
		m.query.sort.desc = !m.query.sort.desc
		return m.recompute()
	case key.Matches(msg, k.Export):
		return m.startExport()
	case key.Matches(msg, k.Group):
		return m.toggleGrouping()
	case key.Matches(msg, k.Fold):
		return m.setCollapsed(true)
	case key.Matches(msg, k.Unfold):
		return m.setCollapsed(false)
	case key.Matches(msg, k.Delete), key.Matches(msg, k.New), key.Matches(msg, k.Edit),
		key.Matches(msg, k.EditExternal), key.Matches(msg, k.Undo), key.Matches(msg, k.Expire),
		key.Matches(msg, k.Rotate):
		return m.handleChangeKey(msg)
	}
	return nil
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

// handleMove moves the cursor; ok is false when msg is not a movement key.
func (m *Model) handleMove(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := m.keys
	c, ok := common.MoveCursor(msg, k.Scroll(), m.cursor, len(m.res.entries), m.bodyHeight())
	if !ok {
		return nil, false
	}
	m.cursor = c
	m.clampScroll()
	return nil, true
}

// updateFilter sends keys to the filter input; the arrows still move
// the cursor.
func (m *Model) updateFilter(msg tea.KeyMsg) tea.Cmd {
	move := func(k tea.KeyMsg) tea.Cmd { cmd, _ := m.handleMove(k); return cmd }
	return m.filter.Handle(msg, move, func(text string) tea.Cmd {
		m.query.text = text
		return m.recompute()
	}, m.clampScroll)
}

// sortBy handles the number keys: a new column sorts ascending, the same
// column again reverses.
func (m *Model) sortBy(k string) tea.Cmd {
	col, desc, ok := columns.SortKey(k, sortKeyOrder(), m.query.sort.col, m.query.sort.desc)
	if !ok {
		return nil
	}
	m.query.sort = sortSpec{col: col, desc: desc}
	return m.recompute()
}

func (m *Model) toggleMark() {
	r := m.selected()
	if r == nil {
		return
	}
	m.marks.Toggle(r.tok.ID, *r.tok)
	m.cursor++
	m.clampScroll()
}

// markAll marks every token in the current view (filter and stale-only
// applied); marks outside the view are kept.
func (m *Model) markAll() tea.Cmd {
	if g := m.entryGroup(m.cursor); g != nil { // on an owner's header: that owner's stale tokens
		return m.markGroupStale(g)
	}
	added := 0
	for _, i := range m.res.visible {
		t := m.rows[i].tok
		if m.marks.Add(t.ID, *t) {
			added++
		}
	}
	return common.Toast(common.ToastInfo, "Marked "+plural(added, "token")+" in view ("+
		plural(m.marks.Len(), "mark")+" in total)")
}
