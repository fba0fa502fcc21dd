package shell

import (
	"context"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
)

// Switching tenant (:env NAME) signs in to the other environment while
// this one stays on screen (Options.PrepareEnv, off the event loop); only
// once that worked does the program end, with the signed-in tenant in its
// request, and the caller start a fresh program on it in this process. A
// fresh program means no answer from the old tenant can ever reach the
// new views; a failed sign-in leaves everything as it was. It is refused
// while work runs, and marks do not survive it: with any, the user is
// asked first.

// envID is the environment picker's id on the shell's stack;
// envConfirmID the dialog that asks before marks are dropped.
const (
	envID        = "app.env"
	envConfirmID = "app.env.confirm"
	signingKey   = "app.env.signing"
)

// signInTimeout bounds the other tenant's sign-in.
const signInTimeout = 30 * time.Second

// SwitchRequest is what the program ended for: Env is the environment
// to switch to ("" when it simply quit); MarksDropped is how many marks
// the views held; Tenant is what Options.PrepareEnv returned for Env.
type SwitchRequest struct {
	Env          string
	MarksDropped int
	Tenant       any
}

// envReadyMsg is PrepareEnv's answer for env.
type envReadyMsg struct {
	env    string
	tenant any
	err    error
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
		return common.PushModal(envID, newEnvPicker(m.Common, m.envChoices(), m.opts.Env))
	}
	if !slices.Contains(m.opts.Envs, name) {
		return common.Toast(common.ToastWarning, "No environment "+name+": the sail CLI has "+strings.Join(m.opts.Envs, ", "))
	}
	if name == m.opts.Env {
		return common.Toast(common.ToastInfo, "Already on "+name)
	}
	if m.signingIn != "" {
		return common.Toast(common.ToastInfo, "Signing in to "+m.signingIn+" already")
	}
	if st := m.runState(); st != common.RunIdle {
		return common.Toast(common.ToastWarning, "Cannot switch to "+name+" while "+m.runLabel(st)+": let it finish or cancel it first")
	}
	if n := m.marks(); n > 0 {
		return m.askDropMarks(name, n)
	}
	return m.signIn(name)
}

// askDropMarks asks before a switch drops n marks, naming each view's.
func (m *Model) askDropMarks(name string, n int) tea.Cmd {
	var per []confirm.Example
	for _, v := range m.views {
		for _, c := range v.Status().Counts {
			if c.Label == "marked" && c.N > 0 {
				per = append(per, confirm.Example{Name: v.Title(), Owner: timefmt.Plural(c.N, "mark")})
			}
		}
	}
	m.envAsked.Ask(envConfirmID, name)
	req := confirm.Request{ID: envConfirmID, Count: n, Noun: "mark", Verb: "Drop", Examples: per,
		Consequence: "Switching to " + name + " drops them: they belong to this tenant's lists.",
		Details:     []string{"A clears marks; esc keeps them and stays here."}}
	return common.PushModal(envConfirmID, common.NewValueModal(confirm.New(m.Common, req)))
}

// onEnvConfirm takes the answer about dropping marks.
func (m *Model) onEnvConfirm(msg confirm.ResultMsg) (tea.Cmd, bool) {
	name, pop, ok := m.envAsked.Answer(msg)
	if !ok {
		return nil, false
	}
	if !msg.Confirmed {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Still on "+m.currentEnv()+": marks kept")), true
	}
	return tea.Batch(pop, m.signIn(name)), true
}

// signIn prepares the other tenant off the event loop; the screen stays.
// Without PrepareEnv (the bare shell) the caller signs in after the end.
func (m *Model) signIn(name string) tea.Cmd {
	if m.opts.PrepareEnv == nil {
		m.switching = SwitchRequest{Env: name, MarksDropped: m.marks()}
		return tea.Quit
	}
	m.signingIn = name
	prepare := m.opts.PrepareEnv
	return tea.Batch(common.UnderWay(common.ToastInfo, signingKey, "Signing in to "+name+"…"), func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), signInTimeout)
		defer cancel()
		t, err := prepare(ctx, name)
		return envReadyMsg{env: name, tenant: t, err: err}
	})
}

// onEnvReady switches once the other tenant is signed in, unless a run
// began meanwhile; a failure leaves this tenant as it is.
func (m *Model) onEnvReady(msg envReadyMsg) tea.Cmd {
	m.signingIn = ""
	end := common.EndToast(signingKey)
	if msg.err != nil {
		err := msg.err
		return tea.Batch(end, func() tea.Msg {
			return common.ErrorMsg{Title: "Could not switch to " + msg.env + "; still on " + m.currentEnv(), Err: err}
		})
	}
	if st := m.runState(); st != common.RunIdle {
		return tea.Batch(end, common.Toast(common.ToastWarning, "Not switching to "+msg.env+": "+m.runLabel(st)+" began meanwhile"))
	}
	m.switching = SwitchRequest{Env: msg.env, MarksDropped: m.marks(), Tenant: msg.tenant}
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

// onEnvPicked closes the picker and runs its choice.
func (m *Model) onEnvPicked(msg envPickedMsg) tea.Cmd {
	m.pop(envID)
	return m.envCommand(msg.name)
}

// envChoices are the picker's rows: Options.EnvChoices, else the names.
func (m *Model) envChoices() []EnvChoice {
	if len(m.opts.EnvChoices) > 0 {
		return m.opts.EnvChoices
	}
	out := make([]EnvChoice, len(m.opts.Envs))
	for i, n := range m.opts.Envs {
		out[i] = EnvChoice{Name: n}
	}
	return out
}
