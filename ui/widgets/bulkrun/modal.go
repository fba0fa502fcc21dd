package bulkrun

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// Modal adapts the progress panel to the shell's stack: the shell's
// WaitMsg becomes the panel's own WaitMsg, and the shell's ctrl+c can
// interrupt the run.
type Modal struct {
	*common.ValueModal[progress.Model, *progress.Model]
}

// NewModal wraps a panel.
func NewModal(p progress.Model) *Modal { return &Modal{common.NewValueModal(p)} }

func (p *Modal) Update(msg tea.Msg) tea.Cmd {
	if w, ok := msg.(common.WaitMsg); ok {
		msg = progress.WaitMsg{Event: w.Event}
	}
	return p.ValueModal.Update(msg)
}

// RunState and Interrupt let the shell's ctrl+c cancel the run first.
func (p *Modal) RunState() common.RunState { return p.Model.RunState() }

func (p *Modal) Interrupt() tea.Cmd {
	var cmd tea.Cmd
	p.Model, cmd = p.Model.Interrupt()
	return cmd
}
