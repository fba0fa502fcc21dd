package shell

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
)

// The mouse (on unless the settings say mouse: false): the wheel scrolls
// the list or the dialog on top, a click selects a row (a second click
// on it opens it), and a click on the view's name in the status bar
// shows the next view, as tab does. Prompts and forms ignore the wheel:
// it would change a choice unseen.

// wheelStep is how many lines a wheel notch moves.
const wheelStep = 3

func (m *Model) onMouse(msg tea.MouseMsg) tea.Cmd {
	if m.tooSmall() || msg.Action != tea.MouseActionPress {
		return nil
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp, tea.MouseButtonWheelDown:
		k := tea.KeyMsg{Type: tea.KeyDown}
		if msg.Button == tea.MouseButtonWheelUp {
			k.Type = tea.KeyUp
		}
		if top := m.top(); top != nil {
			if takesText(top) {
				return nil
			}
			return m.repeat(top.Update, k)
		}
		if v := m.view(); v != nil && !v.CapturesKeys() {
			return m.repeat(v.Update, k)
		}
	case tea.MouseButtonLeft:
		return m.click(msg.X, msg.Y)
	}
	return nil
}

func (m *Model) repeat(update func(tea.Msg) tea.Cmd, k tea.KeyMsg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, wheelStep)
	for range wheelStep {
		cmds = append(cmds, update(k))
	}
	return tea.Batch(cmds...)
}

// click handles a left click at x, y of the screen.
func (m *Model) click(x, y int) tea.Cmd {
	if y == 0 {
		if from, to := m.viewLabelSpan(); len(m.views) > 1 && x >= from && x < to {
			return m.cycle(1)
		}
		return nil
	}
	if m.top() != nil || y > m.viewHeight() {
		return nil // dialogs take keys; below the view are the toast and help lines
	}
	if v := m.view(); v != nil && !v.CapturesKeys() {
		return v.Update(common.ClickMsg{X: x, Y: y - 1})
	}
	return nil
}

// viewLabelSpan is where the view's name ("Tokens 1/4") is in the status
// bar, in cells; empty when it is not shown.
func (m *Model) viewLabelSpan() (from, to int) {
	label := m.viewLabel()
	if label == "" {
		return 0, 0
	}
	bar := ansi.Strip(strings.SplitN(m.View(), "\n", 2)[0])
	i := strings.Index(bar, label)
	if i < 0 {
		return 0, 0
	}
	from = ansi.StringWidth(bar[:i])
	return from, from + ansi.StringWidth(label)
}
