package shell

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

const errorID = "error"

// errorModal shows an error with the server's own message, status, detail
// code and trackingId (what support asks for).
type errorModal struct {
	common.Common
	msg   common.ErrorMsg
	close key.Binding
}

func newErrorModal(c common.Common, msg common.ErrorMsg) *errorModal {
	return &errorModal{Common: c, msg: msg, close: common.NewBinding("esc/enter", "close", "esc", "enter", "q")}
}

func (e *errorModal) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, e.close) {
		return common.PopModal(errorID)
	}
	return nil
}

func (e *errorModal) SetSize(w, h int)    { e.Common.SetSize(w, h) }
func (e *errorModal) Keys() common.KeyMap { return common.HelpKeys{Short: []key.Binding{e.close}} }

func (e *errorModal) View() string {
	s := e.Styles
	frame := common.NewDialogFrame(s, e.Width-4, 92, 32).Danger(true)
	title := e.msg.Title
	if title == "" {
		title = "Error"
	}
	var lines []string
	wrap := lipgloss.NewStyle().Width(frame.Inner() - 2)
	if ae, ok := client.AsAPIError(e.msg.Err); ok {
		lines = append(lines, s.Dialog.Body.Render(wrap.Render(sanitize.Lines(ae.Message()))), "")
		field := func(k, v string) {
			if v != "" {
				lines = append(lines, s.Text.Secondary.Render(fmt.Sprintf("%-12s", k))+s.Text.Primary.Render(sanitize.Line(v)))
			}
		}
		if ae.Status != 0 {
			field("status", fmt.Sprintf("%d", ae.Status))
		}
		field("request", strings.TrimSpace(ae.Method+" "+ae.Path))
		field("detail", ae.DetailCode)
		field("trackingId", ae.TrackingID)
	} else if e.msg.Err != nil {
		lines = append(lines, s.Dialog.Body.Render(wrap.Render(sanitize.Lines(e.msg.Err.Error()))))
	}
	return frame.Render(s.Status.Danger.Render(sanitize.Line(title)), lines, "esc to close")
}
