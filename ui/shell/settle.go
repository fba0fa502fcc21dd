package shell

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
)

// settleTimeout bounds settling at start, rate-limit waits included.
const settleTimeout = time.Minute

// Settles is a view whose kind of resource settles its own open intents
// when the program starts (audit.Settle), shown or not.
type Settles interface {
	Settler() audit.Settler
}

// settledMsg is what settling at start did.
type settledMsg struct{ report audit.Report }

// settle settles, once, the intents an earlier run left open: every
// view's kind with its own Settler, off the event loop.
func (m Model) settle() tea.Cmd {
	s := m.opts.Settling
	if s == nil {
		return nil
	}
	var settlers []audit.Settler
	for _, v := range m.views {
		if st, ok := v.(Settles); ok {
			settlers = append(settlers, st.Settler())
		}
	}
	if s.Now == nil {
		s.Now = m.Now
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), settleTimeout)
		defer cancel()
		return settledMsg{report: audit.Settle(ctx, *s, settlers)}
	}
}

// onSettled says what settling found, when it found anything.
func (m Model) onSettled(msg settledMsg) tea.Cmd {
	if text := msg.report.Text(); text != "" {
		return common.Toast(common.ToastWarning, text)
	}
	return nil
}
