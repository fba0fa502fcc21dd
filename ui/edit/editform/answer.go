package editform

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
)

// A form that awaits its answer (AwaitAnswer) stays open after ctrl+s
// until its asker closes it or sends FailedMsg: a create, whose server
// error belongs on the form with every input kept.

// FailedMsg puts a failed submit's error on the form, which takes input
// again. Seq echoes SubmitMsg.Seq, so an answer to an earlier submit is
// dropped; 0 means the current one.
type FailedMsg struct {
	ID  string
	Seq int
	Err error
}

// AwaitAnswer keeps the form open after a submit, its keys held (esc
// still leaves), until FailedMsg or the asker closes it.
func (m Model) AwaitAnswer() Model {
	m.await = true
	return m
}

// Waiting reports whether a submit awaits its answer.
func (m Model) Waiting() bool { return m.waiting }

func (m *Model) failed(msg FailedMsg) {
	if msg.ID != m.id || (msg.Seq != 0 && msg.Seq != m.seq) {
		return // an answer to an earlier submit
	}
	m.waiting = false
	m.serverErr = common.ErrorLines(msg.Err)
}

// The form is Interruptible: quitting with typed input, like esc, warns
// first (the shell's ctrl+c).

// RunState is RunActive while quitting would lose typed input; after the
// first ctrl+c warned, RunStopping, so the next one quits. A submitted
// form is its asker's business.
func (m *Model) RunState() common.RunState {
	switch {
	case m.waiting || !m.Dirty():
		return common.RunIdle
	case m.quitArmed:
		return common.RunStopping
	}
	return common.RunActive
}

// Interrupt is the first ctrl+c: the form says what quitting loses.
func (m *Model) Interrupt() tea.Cmd {
	if m.RunState() == common.RunActive {
		m.quitArmed = true
	}
	return nil
}

// RunLabel names what quitting would lose, for the "too small" screen.
func (m *Model) RunLabel() string {
	if m.strict {
		return "the " + strings.ToLower(m.actionLabel()) + " form has typed input"
	}
	return "an edit is not sent"
}

// InterruptNotice is the shell's toast after the first ctrl+c.
func (m *Model) InterruptNotice() string { return m.quitWarning() }

func (m Model) quitWarning() string {
	if m.strict {
		return "Your input in the " + strings.ToLower(m.actionLabel()) + " form will be lost — press ctrl+c again to quit"
	}
	return "Your edit will be lost — press ctrl+c again to quit"
}

// discardWarning is what the first esc on typed input says.
func (m Model) discardWarning() string {
	if m.strict {
		return "Your input will be lost — press esc again to discard"
	}
	return "Press esc again to drop this edit"
}

// waitingLabel is the button while a submit awaits its answer: "Creating…".
func (m Model) waitingLabel() string {
	a := m.actionLabel()
	return strings.TrimSuffix(a, "e") + "ing" + m.Styles.Glyphs.Ellipsis
}
