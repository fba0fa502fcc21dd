package apps

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/columns"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/confirm"
	"github.com/sailtui/sailtui/ui/editflow"
	"github.com/sailtui/sailtui/ui/editform"
	"github.com/sailtui/sailtui/ui/offloop"
	"github.com/sailtui/sailtui/ui/textprompt"
)

// Update routes a message to the part of the view it belongs to.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.export.Update(msg); ok {
		return cmd
	}
	if cmd, ok := m.updateBulk(msg); ok {
		return cmd
	}
	if cmd, ok := m.onDetailMsg(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case loadBatch:
		return m.onLoadMsgs(msg)
	case offloop.ResultMsg[built]:
		if !m.building.Accept(msg) {
			return nil
		}
		cmd := m.applyBuilt(msg.Result)
		if m.stale { // pages or a change arrived while it was built
			return tea.Batch(cmd, m.rebuild())
		}
		return cmd
	case offloop.ResultMsg[viewResult]:
		if m.sortFilter.Accept(msg) {
			m.applyResult(msg.Result)
		}
		return nil
	case textprompt.AnswerMsg:
		if msg.ID == filterID {
			return m.onServerFilter(msg)
		}
		return nil
	case editflow.AppliedMsg:
		return m.onApplied(msg)
	case editDocMsg:
		return m.onEditDoc(msg)
	case confirm.ResultMsg:
		return m.onToggleConfirm(msg)
	case toggledMsg:
		return m.onToggled(msg)
	case createdMsg:
		return m.onCreated(msg)
	case editform.SubmitMsg:
		if m.bulkEditing != nil {
			return m.submitBulkEdit(msg)
		}
		return m.submitCreate(msg)
	case editform.CancelMsg:
		if m.bulkEditing != nil {
			return m.cancelBulkEdit()
		}
		return m.cancelCreate()
	case reconciledMsg:
		return m.onReconciled(msg)
	case tea.KeyMsg:
		if m.filter.Focused() {
			return m.updateFilter(msg)
		}
		return m.handleKey(msg)
	}
	return nil
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if cmd, ok := m.handleMove(msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.Mark):
		if r := m.selected(); r != nil {
			m.marks.Toggle(r.app.ID, *r.app)
			m.cursor, m.moved = m.cursor+1, true
			m.clamp()
		}
	case key.Matches(msg, k.MarkAll):
		added := 0
		for _, i := range m.res.visible {
			if a := m.tbl.rows[i].app; m.marks.Add(a.ID, *a) {
				added++
			}
		}
		return common.Toast(common.ToastInfo, "Marked "+common.Plural(added, "app")+" in view ("+
			common.Plural(m.marks.Len(), "mark")+" in total)")
	case key.Matches(msg, k.ClearMarks):
		if n := m.marks.Clear(); n > 0 {
			return common.Toast(common.ToastInfo, common.Plural(n, "mark")+" cleared")
		}
	case key.Matches(msg, k.Filter):
		m.clamp()
		return m.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		if m.filter.Clear() {
			m.query.text = ""
			return m.recompute()
		}
	case key.Matches(msg, k.ServerFilter):
		return m.openServerFilter()
	case key.Matches(msg, k.List):
		return m.nextList()
	case key.Matches(msg, k.Refresh):
		return m.load()
	case key.Matches(msg, k.Detail):
		return m.openDetail()
	case key.Matches(msg, k.Sort):
		return m.sortBy(msg.String())
	case key.Matches(msg, k.Reverse):
		return m.setSort(sortSpec{col: m.query.sort.col, desc: !m.query.sort.desc})
	case key.Matches(msg, k.Export):
		return m.startExport()
	}
	return m.handleChangeKey(msg)
}

// handleChangeKey runs a key that changes the tenant, or says why it is
// disabled (read-only mode, an unwritable audit log).
func (m *Model) handleChangeKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	cmd, _ := common.RunAction(msg, k, []common.Action{
		{Binding: k.Edit, What: "Edit", Run: func() tea.Cmd { return m.startEdit(editflow.StartForm) }},
		{Binding: k.EditExternal, What: "Edit", Run: func() tea.Cmd { return m.startEdit(editflow.StartEditor) }},
		{Binding: k.Undo, What: "Undo", Run: m.startUndo},
		{Binding: k.Enabled, What: "Toggle", Run: func() tea.Cmd { return m.startToggle(toggleEnabled) }},
		{Binding: k.AppCenter, What: "Toggle", Run: func() tea.Cmd { return m.startToggle(toggleAppCenter) }},
		{Binding: k.Requests, What: "Toggle", Run: func() tea.Cmd { return m.startToggle(toggleRequests) }},
		{Binding: k.New, What: "Create", Run: m.openCreate},
		{Binding: k.Delete, What: "Delete", Run: m.startDelete},
	})
	return cmd
}

// handleMove moves the cursor; ok is false for other keys.
func (m *Model) handleMove(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := m.keys
	c, ok := common.MoveCursor(msg, k.Scroll(), m.cursor, len(m.res.visible), m.bodyHeight())
	if !ok {
		return nil, false
	}
	m.cursor, m.moved = c, true
	m.clamp()
	return nil, true
}

// updateFilter sends keys to the filter input; the arrows still move
// the cursor.
func (m *Model) updateFilter(msg tea.KeyMsg) tea.Cmd {
	move := func(k tea.KeyMsg) tea.Cmd { cmd, _ := m.handleMove(k); return cmd }
	return m.filter.Handle(msg, move, func(text string) tea.Cmd {
		m.query.text = text
		return m.recompute()
	}, m.clamp)
}

// sortBy handles 1..9: a new column sorts ascending, the same reverses.
func (m *Model) sortBy(k string) tea.Cmd {
	col, desc, ok := columns.SortKey(k, sortColumns(), m.query.sort.col, m.query.sort.desc)
	if !ok {
		return nil
	}
	return m.setSort(sortSpec{col: col, desc: desc})
}

// setSort sorts what is loaded at once; while pages are still missing and
// the server can sort by the column, the list reloads sorted by the
// server, so the first pages are the true top of the whole list.
func (m *Model) setSort(spec sortSpec) tea.Cmd {
	m.query.sort = spec
	cmd := m.recompute()
	if !m.complete && m.loading != nil && serverSorter(spec.col) != "" {
		return tea.Batch(cmd, m.load())
	}
	return cmd
}

// nextList cycles all → assigned → available. A list the session was
// refused is skipped with the server's answer shown once more.
func (m *Model) nextList() tea.Cmd {
	next := map[client.AppList]client.AppList{client.AppsAll: client.AppsAssigned,
		client.AppsAssigned: client.AppsAvailable, client.AppsAvailable: client.AppsAll}[m.list]
	if next == client.AppsAll && m.refused != nil {
		err := m.refused
		m.list = client.AppsAssigned
		return tea.Batch(m.dropUnsupportedFilter(), m.loadAsked(true), func() tea.Msg {
			return common.ErrorMsg{Title: "Listing all apps was refused this session: showing the apps assigned to you", Err: err}
		})
	}
	m.list = next
	return tea.Batch(m.dropUnsupportedFilter(), m.loadAsked(true), common.Toast(common.ToastInfo, "Listing "+listLabel(next)))
}
