// Commands in tests: a view's commands run without a program, so every
// view's Update tests drain them the same way.
package commontest

import (
	"fmt"
	"reflect"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
)

// Sequence unpacks tea.Sequence's unexported message (a []tea.Cmd).
func Sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if fmt.Sprintf("%T", msg) != "tea.sequenceMsg" || v.Kind() != reflect.Slice {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// Drain runs cmd and every command its messages lead to, feeding the
// messages to update. Messages meant for the shell (toasts, modals,
// errors) are returned instead; observe, when set, sees each message the
// model gets.
func Drain(cmd tea.Cmd, update func(tea.Msg) tea.Cmd, observe func(tea.Msg)) []tea.Msg {
	var shell []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case common.ToastMsg, common.PushModalMsg, common.PopModalMsg, common.ErrorMsg:
			shell = append(shell, msg)
		default:
			if observe != nil {
				observe(msg)
			}
			if cmds, ok := Sequence(msg); ok {
				queue = append(queue, cmds...)
				continue
			}
			queue = append(queue, update(msg))
		}
	}
	return shell
}

// Key is the key message for a key name ("enter", "esc", "space", "down",
// "up", "backspace") or for typed runes.
func Key(s string) tea.KeyMsg { return common.SyntheticKey(s) }

// Toasts are the texts of the toasts among msgs.
func Toasts(msgs []tea.Msg) []string {
	var out []string
	for _, m := range msgs {
		if t, ok := m.(common.ToastMsg); ok {
			out = append(out, t.Text)
		}
	}
	return out
}
