package tokens

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/confirm"
	"github.com/sailtui/sailtui/ui/progress"
)

// Modal ids on the shell's stack.
const (
	confirmID  = "tokens.confirm"
	progressID = "tokens.progress"
	createID   = "tokens.create"
	secretID   = "tokens.secret"
)

// confirmModal adapts the confirm dialog to common.Modal.
type confirmModal struct{ m confirm.Model }

func (c *confirmModal) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	c.m, cmd = c.m.Update(msg)
	return cmd
}
func (c *confirmModal) View() string        { return c.m.View() }
func (c *confirmModal) SetSize(w, h int)    { c.m.SetSize(w, h) }
func (c *confirmModal) Keys() common.KeyMap { return common.KeysOf(c.m.KeyMap()) }

// progressModal adapts the progress panel; the shell's WaitMsg becomes the
// panel's own WaitMsg.
type progressModal struct{ m progress.Model }

func (p *progressModal) Update(msg tea.Msg) tea.Cmd {
	if w, ok := msg.(common.WaitMsg); ok {
		msg = progress.WaitMsg{Event: w.Event}
	}
	var cmd tea.Cmd
	p.m, cmd = p.m.Update(msg)
	return cmd
}
func (p *progressModal) View() string { return p.m.View() }

// RunState and Interrupt let the shell's ctrl+c cancel the run first.
func (p *progressModal) RunState() common.RunState { return p.m.RunState() }

func (p *progressModal) Interrupt() tea.Cmd {
	var cmd tea.Cmd
	p.m, cmd = p.m.Interrupt()
	return cmd
}

func (p *progressModal) SetSize(w, h int)    { p.m.SetSize(w, h) }
func (p *progressModal) Keys() common.KeyMap { return common.KeysOf(p.m.KeyMap()) }
