package shell

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
)

// The clock of the lists' freshness: every tick redraws "read 3m ago",
// and with Options.RefreshEvery (--refresh, refresh: in the settings)
// asks every list read longer ago than that to list again. Never while
// a run is going, nor under a dialog: a list must not change under a
// confirm or a form.

// freshTickMsg is the clock's tick.
type freshTickMsg struct{}

// freshInterval is how often the clock ticks: twice a minute, or more
// often when the refresh period asks for it.
func (m Model) freshInterval() time.Duration {
	every := 30 * time.Second
	if r := m.opts.RefreshEvery; r > 0 && r/4 < every {
		every = max(r/4, 5*time.Second)
	}
	return every
}

func (m Model) freshTick() tea.Cmd {
	return tea.Tick(m.freshInterval(), func(time.Time) tea.Msg { return freshTickMsg{} })
}

// onFreshTick re-arms the clock and, when due, asks for refreshes.
func (m *Model) onFreshTick() tea.Cmd {
	cmds := []tea.Cmd{m.freshTick()}
	if m.opts.RefreshEvery > 0 && m.runState() == common.RunIdle && len(m.modals) == 0 {
		cmds = append(cmds, m.broadcast(common.AutoRefreshMsg{Every: m.opts.RefreshEvery}))
	}
	return tea.Batch(cmds...)
}
