package shell

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
)

// runModal is a modal running work, like the bulk-delete progress panel.
type runModal struct {
	state       common.RunState
	interrupted int
	keys        []string
}

type interruptedMsg struct{}

func (r *runModal) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		r.keys = append(r.keys, k.String())
	}
	return nil
}
func (r *runModal) View() string              { return "running" }
func (r *runModal) SetSize(int, int)          {}
func (r *runModal) Keys() common.KeyMap       { return common.HelpKeys{} }
func (r *runModal) RunState() common.RunState { return r.state }
func (r *runModal) Interrupt() tea.Cmd {
	r.interrupted++
	r.state = common.RunStopping
	return func() tea.Msg { return interruptedMsg{} }
}

// msgsOf runs cmd and flattens batches.
func msgsOf(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, msgsOf(c)...)
		}
		return out
	case nil:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

var ctrlC = tea.KeyMsg{Type: tea.KeyCtrlC}

func withRun(t *testing.T, w, h int) (Model, *runModal) {
	t.Helper()
	m := New(testCommon(), Options{}, newStub())
	m, _ = update(m, tea.WindowSizeMsg{Width: w, Height: h})
	r := &runModal{state: common.RunActive}
	m, _ = update(m, common.PushModalMsg{ID: "run", Modal: r})
	return m, r
}

// The first ctrl+c cancels the run and says how to quit at once; the
// second quits.
func TestCtrlCCancelsARunBeforeQuitting(t *testing.T) {
	m, r := withRun(t, 100, 30)
	m, cmd := update(m, ctrlC)
	msgs := msgsOf(cmd)
	var cancelled bool
	var toast string
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case tea.QuitMsg:
			t.Fatal("the first ctrl+c quit during a run")
		case interruptedMsg:
			cancelled = true
		case common.ToastMsg:
			toast = msg.Text
		}
	}
	if !cancelled || r.interrupted != 1 {
		t.Fatalf("run not interrupted: %v", msgs)
	}
	if toast != "Cancelling… press ctrl+c again to quit now" {
		t.Fatalf("toast %q", toast)
	}
	if _, cmd = update(m, ctrlC); !isQuit(cmd) {
		t.Fatal("the second ctrl+c did not quit")
	}
	if r.interrupted != 1 {
		t.Fatal("the second ctrl+c interrupted again instead of quitting")
	}
}

// Once the run has finished, ctrl+c quits at once.
func TestCtrlCQuitsWhenTheRunIsOver(t *testing.T) {
	m, r := withRun(t, 100, 30)
	r.state = common.RunIdle
	if _, cmd := update(m, ctrlC); !isQuit(cmd) || r.interrupted != 0 {
		t.Fatal("ctrl+c after the run did not quit")
	}
}

// q goes to the panel while it runs; it never quits from under it.
func TestQGoesToTheRunningPanel(t *testing.T) {
	m, r := withRun(t, 100, 30)
	if _, cmd := update(m, runes("q")); isQuit(cmd) {
		t.Fatal("q quit during a run")
	}
	if len(r.keys) != 1 || r.keys[0] != "q" {
		t.Fatalf("panel got %v", r.keys)
	}
}

// On the "too small" screen q quits only when nothing runs, and the
// screen says so.
func TestTooSmallDuringARun(t *testing.T) {
	m, r := withRun(t, 50, 10)
	if _, cmd := update(m, runes("q")); isQuit(cmd) {
		t.Fatal("q quit from the too-small screen during a run")
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "a delete is running · ctrl+c cancels it") {
		t.Fatalf("too-small screen:\n%s", v)
	}
	m, _ = update(m, ctrlC)
	if r.interrupted != 1 || !strings.Contains(ansi.Strip(m.View()), "ctrl+c quits now") {
		t.Fatalf("after ctrl+c: interrupted %d\n%s", r.interrupted, ansi.Strip(m.View()))
	}
	r.state = common.RunIdle
	if _, cmd := update(m, runes("q")); !isQuit(cmd) {
		t.Fatal("q did not quit the too-small screen after the run")
	}
}

// The ? overlay says what ctrl+c does.
func TestHelpOverlayExplainsCtrlC(t *testing.T) {
	m := New(testCommon(), Options{}, newStub())
	m, _ = update(m, tea.WindowSizeMsg{Width: 120, Height: 30})
	m, _ = update(m, runes("?"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "ctrl+c cancel delete, quit") {
		t.Fatalf("overlay:\n%s", v)
	}
}

// describedModal is running work that is not a delete, like a create in
// flight: it names itself and its first ctrl+c notice.
type describedModal struct{ runModal }

func (d *describedModal) RunLabel() string { return "a create is in flight" }
func (d *describedModal) InterruptNotice() string {
	return "A create is in flight; press ctrl+c again to quit"
}

// Work that names itself gets its own notice on the first ctrl+c and on
// the "too small" screen; the second ctrl+c quits.
func TestCtrlCDuringDescribedRunUsesItsNotice(t *testing.T) {
	m := New(testCommon(), Options{}, newStub())
	m, _ = update(m, tea.WindowSizeMsg{Width: 50, Height: 10})
	r := &describedModal{runModal{state: common.RunActive}}
	m, _ = update(m, common.PushModalMsg{ID: "run", Modal: r})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "a create is in flight · ctrl+c twice quits") {
		t.Fatalf("too-small screen:\n%s", v)
	}
	m, cmd := update(m, ctrlC)
	var toast string
	for _, msg := range msgsOf(cmd) {
		switch msg := msg.(type) {
		case tea.QuitMsg:
			t.Fatal("the first ctrl+c quit during a create")
		case common.ToastMsg:
			toast = msg.Text
		}
	}
	if toast != "A create is in flight; press ctrl+c again to quit" || r.interrupted != 1 {
		t.Fatalf("toast %q, interrupted %d", toast, r.interrupted)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "a create is in flight · ctrl+c quits now") {
		t.Fatalf("too-small screen after ctrl+c:\n%s", v)
	}
	if _, cmd = update(m, ctrlC); !isQuit(cmd) {
		t.Fatal("the second ctrl+c did not quit")
	}
}
