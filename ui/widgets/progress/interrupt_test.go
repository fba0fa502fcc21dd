package progress

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
)

// Interrupt (the shell's first ctrl+c) is esc: one CancelMsg, then the
// panel reports it is stopping; after the run it is idle.
func TestInterruptIsEsc(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 3)
	if m.RunState() != common.RunActive {
		t.Fatalf("state %v", m.RunState())
	}
	m, cmd := m.Interrupt()
	if cmd == nil {
		t.Fatal("Interrupt sent nothing")
	}
	if _, ok := cmd().(CancelMsg); !ok || !m.Cancelling() || m.RunState() != common.RunStopping {
		t.Fatalf("Interrupt: %#v, state %v", cmd(), m.RunState())
	}
	if !strings.Contains(m.View(), "Cancelling: in-flight requests finish, queued ones stop.") {
		t.Fatal("no cancelling notice")
	}
	if m, cmd = m.Interrupt(); cmd != nil {
		t.Fatal("a second Interrupt sent another CancelMsg")
	}
	m = apply(t, m, FinishedMsg{Summary: client.BulkSummary{Done: 1, Skipped: 2}})
	if m.RunState() != common.RunIdle {
		t.Fatalf("after finish: %v", m.RunState())
	}
	if _, cmd = m.Interrupt(); cmd != nil {
		t.Fatal("Interrupt after finish sent something")
	}
}

// q while running explains itself; after the run it closes the panel.
func TestQWhileRunningExplains(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 3)
	m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	if cmd == nil {
		t.Fatal("q did nothing")
	}
	toast, ok := cmd().(common.ToastMsg)
	if !ok || !strings.Contains(toast.Text, "esc cancels it") || m.Cancelling() {
		t.Fatalf("q: %#v, cancelling %v", cmd(), m.Cancelling())
	}
	m = apply(t, m, FinishedMsg{Summary: client.BulkSummary{Done: 3}})
	_, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	if cmd == nil {
		t.Fatal("q after the run did not close")
	}
	if _, ok := cmd().(ClosedMsg); !ok {
		t.Fatalf("q after the run: %#v", cmd())
	}
}
