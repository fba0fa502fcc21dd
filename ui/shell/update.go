package shell

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/shell/help"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// waitEventMsg carries one client wait from the OnWait channel.
type waitEventMsg struct{ ev client.WaitEvent }

// listenWaits waits for the next wait event; it is re-armed after each.
func listenWaits(ch <-chan client.WaitEvent) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return nil
		}
		return waitEventMsg{ev: ev}
	}
}

// Update routes a message: shell messages are handled here, keys go to the
// top modal or else the view, everything else to every modal and the view.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.KeyMsg:
		keys := splitRunes(msg)
		cmds := make([]tea.Cmd, 0, len(keys))
		for _, k := range keys {
			cmds = append(cmds, m.handleKey(k))
		}
		cmd := m.afterUpdate(tea.Batch(cmds...))
		return m, cmd
	case tea.MouseMsg:
		cmd := m.afterUpdate(m.onMouse(msg))
		return m, cmd
	case spinner.TickMsg:
		return m, m.onSpinner(msg)
	}
	if cmd, ok := m.ownMsg(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.sessionMsg(msg); ok {
		return m, cmd
	}
	m.toast.Update(msg)
	cmd := m.afterUpdate(m.broadcast(msg))
	return m, cmd
}

// ownMsg takes what views and dialogs ask of the shell: toasts, dialogs,
// copies, jumps, sweeps, errors. ok is false for anything else.
func (m *Model) ownMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case common.ToastMsg:
		return m.toast.Show(msg), true
	case common.EndToastMsg:
		m.toast.End(msg.Key)
		return nil, true
	case common.CopyMsg:
		return m.copy(msg), true
	case clipboard.CopiedMsg:
		return m.copied(msg)
	case common.JumpMsg:
		return m.jump(msg), true
	case common.SweepMsg:
		return m.sweep(msg), true
	case common.PushModalMsg:
		m.push(msg.ID, msg.Modal)
		return nil, true
	case common.PopModalMsg:
		m.pop(msg.ID)
		return nil, true
	case common.ErrorMsg:
		text := msg.Title
		if msg.Err != nil {
			text += ": " + common.ErrorText(msg.Err)
		}
		m.toast.Record(common.ToastMsg{Level: common.ToastError, Text: text})
		m.push(errorID, newErrorModal(m.Common, msg))
		return nil, true
	case textprompt.AnswerMsg:
		return m.onAnswer(msg)
	}
	return nil, false
}

// sessionMsg takes the session's own events: client waits, clocks,
// settling at start, environment switches. ok is false for anything else.
func (m *Model) sessionMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case waitEventMsg:
		return m.onWait(msg.ev), true
	case envPickedMsg:
		return m.onEnvPicked(msg), true
	case themeReadyMsg:
		return m.onThemeReady(msg), true
	case columnsPickedMsg:
		return m.onColumnsPicked(msg), true
	case startViewMsg:
		return m.viewCommand(m.opts.StartView), true
	case freshTickMsg:
		return m.onFreshTick(), true
	case common.TickMsg:
		return m.onTick(), true
	case resumableMsg:
		return m.offerResumes(msg), true
	case settledMsg:
		return m.onSettled(msg), true
	case envReadyMsg:
		return m.onEnvReady(msg), true
	case confirm.ResultMsg:
		return m.onEnvConfirm(msg)
	}
	return nil, false
}

// onSpinner runs the spinner's chain only while the view loads; a
// duplicate chain is dropped by the spinner's own tag check.
func (m *Model) onSpinner(msg spinner.TickMsg) tea.Cmd {
	if !m.loading() {
		m.spinning = false
		return nil
	}
	m.spinning = true
	var cmd tea.Cmd
	m.spinner, cmd = m.spinner.Update(msg)
	return cmd
}

// onAnswer takes the shell's own prompts' answers (the command line,
// :env); ok is false for a view's prompt.
func (m *Model) onAnswer(msg textprompt.AnswerMsg) (tea.Cmd, bool) {
	switch msg.ID {
	case commandID:
		m.pop(commandID)
		return m.runCommand(msg.Text), true
	}
	return nil, false
}

// onWait shows a client wait in the status bar and tells every modal and
// view (the progress panel counts down too).
func (m *Model) onWait(ev client.WaitEvent) tea.Cmd {
	if ev.Cancelled {
		// The countdown shown ends no later than the cancelled wait, so
		// it is that wait (or one already over): stop showing it.
		if m.wait != nil && !m.wait.Until.After(ev.Until) {
			m.wait = nil
		}
		return tea.Batch(listenWaits(m.opts.Waits), m.broadcast(common.WaitMsg{Event: ev}))
	}
	// The server's own 429 says more than the pacing it causes: while
	// one is counting down, a pacing wait that ends no later does not
	// take its place in the status bar.
	if !(m.wait != nil && m.wait.Reason == client.WaitRateLimited && ev.Reason == client.WaitPacing &&
		m.wait.Until.After(m.Now()) && !ev.Until.After(m.wait.Until)) {
		m.wait = &ev
	}
	return tea.Batch(listenWaits(m.opts.Waits), m.startTick(), m.broadcast(common.WaitMsg{Event: ev}))
}

// afterUpdate starts the spinner when the view began loading.
func (m *Model) afterUpdate(cmd tea.Cmd) tea.Cmd {
	if m.runState() != common.RunStopping { // what the first ctrl+c said no longer holds
		m.toast.End(interruptKey)
	}
	if m.loading() && !m.spinning {
		m.spinning = true
		return tea.Batch(cmd, m.spinner.Tick)
	}
	return cmd
}

func (m Model) loading() bool {
	v := m.view()
	return v != nil && v.Status().Loading
}

// broadcast gives a non-key message to every modal and the active view.
func (m Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, e := range m.modals {
		cmds = append(cmds, e.m.Update(msg))
	}
	// Every view: one not on screen still gets its own results (a load,
	// a bulk run's events); messages are typed per view.
	for _, v := range m.views {
		cmds = append(cmds, v.Update(msg))
	}
	return tea.Batch(cmds...)
}

// splitRunes turns a burst of typed characters (one read from the terminal:
// fast typing over SSH, tmux send-keys) into one key message per
// character. Whole, the burst "delete" would read as the Delete key to
// key.Matches (it compares msg.String()), and a text input would take it
// for "delete the next character" instead of the word. Bracketed pastes
// stay whole: they never match a binding.
func splitRunes(msg tea.KeyMsg) []tea.KeyMsg {
	if msg.Type != tea.KeyRunes || msg.Paste || len(msg.Runes) < 2 {
		return []tea.KeyMsg{msg}
	}
	out := make([]tea.KeyMsg, len(msg.Runes))
	for i, r := range msg.Runes {
		out[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
	}
	return out
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.keys.ForceQuit) {
		return m.forceQuit()
	}
	if m.tooSmall() {
		if key.Matches(msg, m.keys.Quit) && m.runState() == common.RunIdle {
			return tea.Quit
		}
		return nil
	}
	if top := m.top(); top != nil {
		if key.Matches(msg, m.keys.Help) && m.topID() != help.ID && !takesText(top) {
			// Every modal has its keys: ? lists them over it.
			m.push(help.ID, help.NewOverlay(m.Common, "this dialog", top.Keys(), nil))
			return nil
		}
		return top.Update(msg)
	}
	v := m.view()
	if v == nil {
		if key.Matches(msg, m.keys.Quit) {
			return tea.Quit
		}
		return nil
	}
	if !v.CapturesKeys() {
		switch {
		case key.Matches(msg, m.keys.Quit):
			if m.runState() != common.RunIdle {
				return m.forceQuit() // work in a view off screen is stopped first, as with ctrl+c
			}
			return tea.Quit
		case key.Matches(msg, m.keys.Help):
			global := m.keys.overlay()
			if len(m.views) > 1 {
				global = append(global, m.keys.NextView, m.keys.PrevView, m.keys.Command)
			}
			o := help.NewOverlay(m.Common, v.Title(), v.Keys(), global)
			if m.opts.Mouse {
				o.WithNote("Mouse: the wheel scrolls, a click selects (a second click opens), a click on the view's name " +
					"shows the next. To select text, hold shift while dragging (mouse: false in the settings turns the mouse off).")
			}
			m.push(help.ID, o)
			return nil
		case len(m.views) > 1 && key.Matches(msg, m.keys.NextView):
			return m.cycle(1)
		case len(m.views) > 1 && key.Matches(msg, m.keys.PrevView):
			return m.cycle(-1)
		case len(m.views) > 1 && key.Matches(msg, m.keys.Command):
			m.push(commandID, newCommandLine(m.Common, m.viewNames(), m.commandCompletions()))
			return nil
		}
	}
	return v.Update(msg)
}

// interruptibles lists the modals (top first) and the view that run work.
func (m Model) interruptibles() []common.Interruptible {
	var out []common.Interruptible
	for i := len(m.modals) - 1; i >= 0; i-- {
		if it, ok := m.modals[i].m.(common.Interruptible); ok {
			out = append(out, it)
		}
	}
	// Every view, the active one first: work running in a view that is
	// not on screen still counts (ctrl+c cancels it, q waits for it).
	views := append([]View{m.view()}, m.views...)
	for i, v := range views {
		if i > 0 && i-1 == m.active {
			continue
		}
		if it, ok := v.(common.Interruptible); ok {
			out = append(out, it)
		}
	}
	return out
}

// runState is the most active state of any running work.
func (m Model) runState() common.RunState {
	st := common.RunIdle
	for _, it := range m.interruptibles() {
		if s := it.RunState(); s == common.RunActive || (s == common.RunStopping && st == common.RunIdle) {
			st = s
		}
	}
	return st
}

// forceQuit is ctrl+c. Running work is interrupted first — a delete is
// cancelled (in-flight requests finish and are audited, queued ones
// stop), a create is only waited for, an uncopied secret or typed input
// is only warned about — and the user told how to quit at once; with
// nothing running, or a second time, it quits.
func (m Model) forceQuit() tea.Cmd {
	var cmds []tea.Cmd
	var described []describedRun
	undescribed := false
	for _, it := range m.interruptibles() {
		if it.RunState() == common.RunActive {
			cmds = append(cmds, it.Interrupt())
			if d, ok := it.(describedRun); ok {
				described = append(described, d)
			} else {
				undescribed = true
			}
		}
	}
	if len(cmds) == 0 {
		return tea.Quit
	}
	return tea.Batch(append(cmds, common.UnderWay(common.ToastWarning, interruptKey, interruptNotice(described, undescribed)))...)
}

// interruptNotice is the toast after the first ctrl+c. A delete being
// cancelled is the news (the modals say the rest); one other run speaks
// for itself; several are listed, top first.
func interruptNotice(described []describedRun, undescribed bool) string {
	switch {
	case undescribed || len(described) == 0:
		return cancellingText
	case len(described) == 1:
		return described[0].InterruptNotice()
	}
	labels := make([]string, len(described))
	for i, d := range described {
		labels[i] = d.RunLabel()
	}
	return "Press ctrl+c again to quit, although " + strings.Join(labels, " and ")
}

// interruptKey marks the first ctrl+c's toast: it goes once nothing runs.
const interruptKey = "shell.interrupt"

// cancellingText is the toast of the first ctrl+c during a delete.
const cancellingText = "Cancelling… press ctrl+c again to quit now"

// describedRun is running work other than a delete (a create, which
// cannot be cancelled usefully; a secret not yet copied; typed input): it
// names itself and says what the first ctrl+c did.
type describedRun interface {
	RunLabel() string        // "a create is in flight"
	InterruptNotice() string // the toast after the first ctrl+c
}

// runLabel names the most active running work for the "too small" screen.
func (m Model) runLabel(st common.RunState) string {
	for _, it := range m.interruptibles() {
		if it.RunState() != st {
			continue
		}
		if d, ok := it.(describedRun); ok {
			return d.RunLabel()
		}
		return ""
	}
	return ""
}

func (m *Model) resize(w, h int) {
	m.SetSize(w, h)
	for _, v := range m.views {
		v.SetSize(w, m.viewHeight())
	}
	for _, e := range m.modals {
		e.m.SetSize(w, m.viewHeight())
	}
}

// push opens a modal; a modal with the same id is replaced.
func (m *Model) push(id string, md common.Modal) {
	m.pop(id)
	md.SetSize(m.Width, m.viewHeight())
	m.modals = append(m.modals, modalEntry{id: id, m: md})
}

func (m *Model) pop(id string) {
	for i, e := range m.modals {
		if e.id == id {
			m.modals = append(m.modals[:i:i], m.modals[i+1:]...)
			return
		}
	}
}

// startTick starts the one-second heartbeat that redraws the countdown.
func (m *Model) startTick() tea.Cmd {
	if m.ticking {
		return nil
	}
	m.ticking = true
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return common.TickMsg{Time: t} })
}

func (m *Model) onTick() tea.Cmd {
	m.ticking = false
	if m.wait == nil {
		return nil
	}
	if !m.wait.Until.After(m.Now()) {
		m.wait = nil
		return nil
	}
	return m.startTick()
}

// takesText reports whether md's keys are typed text.
func takesText(md common.Modal) bool {
	t, ok := md.(common.TakesText)
	return ok && t.TakesText()
}
