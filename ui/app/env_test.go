package app

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/textprompt"
)

func command(m Model, text string) (Model, tea.Cmd) {
	return update(m, textprompt.AnswerMsg{ID: commandID, Text: text, OK: true})
}

// :env NAME ends the program with the request (and the marks it drops);
// :env alone offers the environments; unknown names and the current one
// are said, nothing ends.
func TestEnvCommandRequestsTheSwitch(t *testing.T) {
	a := newStub()
	a.status.Counts[2].N = 3 // marked
	m := New(testCommon(), Options{Envs: []string{"prod", "sandbox", "test"}, Env: "sandbox"}, a)
	m.Init()
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})

	m, cmd := command(m, "env")
	if msg := cmd(); msg == nil {
		t.Fatal("no picker")
	} else if p, ok := msg.(common.PushModalMsg); !ok || !strings.Contains(ansi.Strip(p.Modal.View()), "prod, sandbox, test") {
		t.Fatalf("picker %#v", msg)
	}
	for _, c := range []struct{ text, toast string }{{"env staging", "No environment staging"}, {"env sandbox", "Already on sandbox"}} {
		var cmd tea.Cmd
		m, cmd = command(m, c.text)
		if tm, ok := cmd().(common.ToastMsg); !ok || !strings.Contains(tm.Text, c.toast) {
			t.Fatalf("%s: %#v", c.text, cmd())
		}
	}
	m, cmd = command(m, "env TEST")
	if !isQuit(cmd) || m.Switch() != (SwitchRequest{Env: "test", MarksDropped: 3}) {
		t.Fatalf("switch %+v", m.Switch())
	}
}

// While a run is active, the switch is refused with what is running.
func TestEnvSwitchRefusedWhileWorkRuns(t *testing.T) {
	v := &runningView{stubView: newStub(), state: common.RunActive}
	m := New(testCommon(), Options{Envs: []string{"a", "b"}, Env: "a"}, v)
	m.Init()
	m, cmd := command(m, "env b")
	if tm, ok := cmd().(common.ToastMsg); !ok || !strings.Contains(tm.Text, "Cannot switch to b while") || m.Switch().Env != "" {
		t.Fatalf("%#v %+v", cmd(), m.Switch())
	}
	none := New(testCommon(), Options{}, newStub())
	if _, cmd := command(none, "env b"); !strings.Contains(cmd().(common.ToastMsg).Text, "No sail CLI environments") {
		t.Fatal("no environments")
	}
}

type runningView struct {
	*stubView
	state common.RunState
}

func (v *runningView) RunState() common.RunState { return v.state }
func (v *runningView) Interrupt() tea.Cmd        { return nil }

// A view's start-up work runs when the program starts, even when the
// view is not shown (only its Init waits for the first visit).
func TestBackgroundRunsForViewsNotShown(t *testing.T) {
	bg := &backgroundView{stubView: newStub()}
	m := New(testCommon(), Options{}, newStub(), bg)
	cmd := m.Init()
	if bg.inits != 0 {
		t.Fatal("the second view was started")
	}
	for _, c := range cmd().(tea.BatchMsg) {
		if c != nil {
			c()
		}
	}
	if bg.ran != 1 {
		t.Fatalf("background ran %d times", bg.ran)
	}
}

type backgroundView struct {
	*stubView
	ran int
}

func (v *backgroundView) Background() tea.Cmd {
	return func() tea.Msg { v.ran++; return nil }
}
