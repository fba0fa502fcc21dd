package tokens

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/progress"
)

// Modal ids on the shell's stack.
const (
	confirmID  = "tokens.confirm"
	progressID = "tokens.progress"
	createID   = "tokens.create"
	secretID   = "tokens.secret"
)

// progressModal adapts the progress panel: the shell's WaitMsg becomes the
// panel's own WaitMsg, and the shell's ctrl+c can interrupt the run. The
// other dialogs need nothing beyond common.ValueModal.
type progressModal struct {
	*common.ValueModal[progress.Model, *progress.Model]
}

func newProgressModal(p progress.Model) *progressModal {
	return &progressModal{common.NewValueModal(p)}
}

func (p *progressModal) Update(msg tea.Msg) tea.Cmd {
	if w, ok := msg.(common.WaitMsg); ok {
		msg = progress.WaitMsg{Event: w.Event}
	}
	return p.ValueModal.Update(msg)
}

// RunState and Interrupt let the shell's ctrl+c cancel the run first.
func (p *progressModal) RunState() common.RunState { return p.Model.RunState() }

func (p *progressModal) Interrupt() tea.Cmd {
	var cmd tea.Cmd
	p.Model, cmd = p.Model.Interrupt()
	return cmd
}
