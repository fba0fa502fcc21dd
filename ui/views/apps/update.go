package apps

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/views/apps/appdetail"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/detail"
	"github.com/sailtui/sailtui/ui/widgets/ownerbook"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
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
	if cmd, ok := m.rows.HandleMsg(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case loadBatch:
		return m.onLoadMsgs(msg)
	case detail.EditMsg:
		if msg.Source == appdetail.EditSource && m.rows.SelectID(msg.ID) {
			return m.startEdit(editflow.StartForm)
		}
		return nil
	case ownerbook.Msg:
		return m.onOwners(msg)
	case textprompt.AnswerMsg:
		if msg.ID == reassignID {
			return m.onReassign(msg)
		}
		if msg.ID == filterID {
			return m.onServerFilter(msg)
		}
		return nil
	case editflow.AppliedMsg:
		return m.onApplied(msg)
	case editDocMsg:
		return m.onEditDoc(msg)
	case confirm.ResultMsg:
		if cmd, ok := m.resume.Answer(msg); ok {
			return cmd
		}
		return m.onToggleConfirm(msg)
	case common.ResumeMsg:
		return m.resume.Take(msg)
	case toggledMsg:
		return m.onToggled(msg)
	case createdMsg:
		return m.onCreated(msg)
	case editform.SubmitMsg:
		switch msg.ID {
		case bulkEditID:
			return m.submitBulkEdit(msg)
		case createID:
			return m.submitCreate(msg)
		}
	case editform.CancelMsg:
		switch msg.ID {
		case bulkEditID:
			return m.cancelBulkEdit()
		case createID:
			return m.cancelCreate()
		}
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	return nil
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if key.Matches(msg, k.Sort) || key.Matches(msg, k.Reverse) {
		return m.sortKey(msg)
	}
	if cmd, ok := m.rows.HandleKey(msg, k.Keys); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.ServerFilter):
		return m.openServerFilter()
	case key.Matches(msg, k.List):
		return m.nextList()
	case key.Matches(msg, k.Sweep):
		return m.startSweep()
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
		{Binding: k.Disable, What: "Disable", Run: m.startDisable},
		{Binding: k.Enabled, What: "Toggle", Run: func() tea.Cmd { return m.startToggle(toggleEnabled) }},
		{Binding: k.AppCenter, What: "Toggle", Run: func() tea.Cmd { return m.startToggle(toggleAppCenter) }},
		{Binding: k.Requests, What: "Toggle", Run: func() tea.Cmd { return m.startToggle(toggleRequests) }},
		{Binding: k.New, What: "Create", Run: m.openCreate},
		{Binding: k.Delete, What: "Delete", Run: m.startDelete},
		{Binding: k.Reassign, What: "Reassign", Run: m.startReassign},
	})
	return cmd
}

// sortKey sorts what is loaded at once; while pages are still missing
// and the server can sort by the column, the list reloads sorted by the
// server, so the first pages are the true top of the whole list.
func (m *Model) sortKey(msg tea.KeyMsg) tea.Cmd {
	before := m.rows.Query().Sort
	cmd, _ := m.rows.HandleKey(msg, m.keys.Keys)
	sort := m.rows.Query().Sort
	if sort != before && !m.complete && m.loading != nil && sourceapps.ServerSorter(sourceapps.Column(sort.Col)) != "" {
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
	return tea.Batch(m.dropUnsupportedFilter(), m.loadAsked(true), common.Toast(common.ToastInfo, "Listing "+sourceapps.ListLabel(next)))
}
