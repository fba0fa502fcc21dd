package shell

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// Switching tenant (:env NAME) ends this program with a request the
// caller carries out: sign in to the other environment, build fresh
// views and start again, without the process restarting. A fresh program
// means no answer from the old tenant can ever reach the new views. It is
// refused while work runs; marks do not survive it, and the next program
// says how many were dropped.

// envID is the environment picker's id on the shell's stack.
const envID = "app.env"

// SwitchRequest is what the program ended for: Env is the environment
// to switch to ("" when it simply quit); MarksDropped is how many marks
// the views held.
type SwitchRequest struct {
	Env          string
	MarksDropped int
}

// Switch reports the request the program ended with.
func (m Model) Switch() SwitchRequest { return m.switching }

// envCommand handles :env [NAME].
func (m *Model) envCommand(arg string) tea.Cmd {
	if len(m.opts.Envs) == 0 {
		return common.Toast(common.ToastWarning, "No sail CLI environments to switch to (~/.sailpoint/config.yaml; sail env create NAME)")
	}
	name := strings.ToLower(strings.TrimSpace(arg))
	if name == "" {
		return common.PushModal(envID, textprompt.New(m.Common, textprompt.Options{ID: envID, Title: "Switch environment",
			Prompt: "env ", Completions: m.opts.Envs, Width: 60,
			Hint: "environments: " + strings.Join(m.opts.Envs, ", ") + " · now: " + m.currentEnv()}))
	}
	if !slices.Contains(m.opts.Envs, name) {
		return common.Toast(common.ToastWarning, "No environment "+name+": the sail CLI has "+strings.Join(m.opts.Envs, ", "))
	}
	if name == m.opts.Env {
		return common.Toast(common.ToastInfo, "Already on "+name)
	}
	if st := m.runState(); st != common.RunIdle {
		return common.Toast(common.ToastWarning, "Cannot switch to "+name+" while "+m.runLabel(st)+": let it finish or cancel it first")
	}
	m.switching = SwitchRequest{Env: name, MarksDropped: m.marks()}
	return tea.Quit
}

func (m Model) currentEnv() string {
	if m.opts.Env == "" {
		return "(not a sail CLI environment)"
	}
	return m.opts.Env
}

// marks counts what the views have marked, from their status.
func (m Model) marks() int {
	n := 0
	for _, v := range m.views {
		for _, c := range v.Status().Counts {
			if c.Label == "marked" {
				n += c.N
			}
		}
	}
	return n
}

// onEnvAnswer runs the picker's choice.
func (m *Model) onEnvAnswer(msg textprompt.AnswerMsg) tea.Cmd {
	m.pop(envID)
	if !msg.OK {
		return nil
	}
	return m.envCommand(msg.Text)
}
