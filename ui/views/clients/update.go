package clients

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/detail"
	"github.com/sailtui/sailtui/ui/widgets/secret"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// Update routes a message to the part of the view it is for: every
// answer names its asker, so another view's is left alone.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg:
		return m.onLoaded(msg)
	case editDocMsg:
		return m.onEditDoc(msg)
	case createdMsg:
		return m.onCreated(msg)
	case confirm.ResultMsg:
		if cmd, ok := m.resume.Answer(msg); ok {
			return cmd
		}
		return m.onConfirm(msg)
	case common.ResumeMsg:
		return m.resume.Take(msg)
	case editflow.AppliedMsg:
		return m.onApplied(msg)
	case textprompt.AnswerMsg:
		if msg.ID == filterID {
			return m.onServerFilter(msg)
		}
	case editform.SubmitMsg:
		if msg.ID == createID {
			return m.submitCreate(msg)
		}
	case editform.CancelMsg:
		if msg.ID == createID {
			return m.cancelCreate()
		}
	case secret.ClosedMsg:
		if msg.ID == secretID {
			return common.PopModal(secretID)
		}
	case detail.EditMsg:
		if msg.Source == detailSource && m.rows.SelectID(msg.ID) {
			return m.startEdit(editflow.StartForm)
		}
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	if cmd, ok := m.rows.HandleMsg(msg); ok {
		return cmd
	}
	if cmd, ok := m.export.Update(msg); ok {
		return cmd
	}
	if cmd, ok := m.updatePlan(msg); ok {
		return cmd
	}
	cmd, _ := m.updateRun(msg)
	return cmd
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if cmd, ok := m.rows.HandleKey(msg, k.Keys); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.StaleOnly):
		return m.rows.ToggleOnly()
	case key.Matches(msg, k.ServerFilter):
		return m.openServerFilter()
	}
	cmd, _ := common.RunAction(msg, k, []common.Action{
		{Binding: k.Disable, What: "Disable", Run: m.startDisable},
		{Binding: k.Toggle, What: "Toggle", Run: m.startToggle},
		{Binding: k.Delete, What: "Delete", Run: m.startDelete},
		{Binding: k.Edit, What: "Edit", Run: func() tea.Cmd { return m.startEdit(editflow.StartForm) }},
		{Binding: k.EditExternal, What: "Edit", Run: func() tea.Cmd { return m.startEdit(editflow.StartEditor) }},
		{Binding: k.Undo, What: "Undo", Run: m.startUndo},
		{Binding: k.New, What: "Create", Run: m.openCreate},
	})
	return cmd
}
