package shell

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
)

// Copies: any view or modal asks with common.CopyMsg (y, Y); the shell
// writes the OSC52 sequence through its one Clipboard and says in a toast
// what it sent. OSC52 has no answer, so the toast says "sent", never
// "copied", and in tmux what tmux needs.

// copyPrefix marks the shell's own copies' labels, so that a secret
// modal's copies (which it reports itself) are not reported twice.
const copyPrefix = "shell: "

func (m *Model) copy(msg common.CopyMsg) tea.Cmd {
	if !m.opts.Clipboard.Enabled() {
		return common.Toast(common.ToastWarning, "Cannot copy "+msg.What+": no terminal to send it through")
	}
	return m.opts.Clipboard.Copy(copyPrefix+msg.What, msg.Text)
}

// copied reports a copy of the shell's; ok is false for another's.
func (m *Model) copied(msg clipboard.CopiedMsg) (tea.Cmd, bool) {
	what, ok := strings.CutPrefix(msg.What, copyPrefix)
	if !ok {
		return nil, false
	}
	if msg.Err != nil {
		text := strings.Replace(msg.Err.Error(), copyPrefix, "", 1)
		return common.Toast(common.ToastError, "Could not copy: "+text), true
	}
	text := "Sent " + what + " to the clipboard"
	if m.opts.Clipboard.Multiplexer() == clipboard.Tmux {
		text += " (in tmux: set -g set-clipboard on)"
	}
	return common.Toast(common.ToastSuccess, text), true
}
