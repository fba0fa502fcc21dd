package shell

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
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
	} else if p, ok := msg.(common.PushModalMsg); !ok || p.ID != envID {
		t.Fatalf("picker %#v", msg)
	} else {
		p.Modal.SetSize(100, 30)
		v := ansi.Strip(p.Modal.View())
		for _, want := range []string{"prod", "› sandbox", "current", "test"} {
			if !strings.Contains(v, want) {
				t.Fatalf("the picker lacks %q:\n%s", want, v)
			}
		}
	}
	for _, c := range []struct{ text, toast string }{{"env staging", "No environment staging"}, {"env sandbox", "Already on sandbox"}} {
		var cmd tea.Cmd
		m, cmd = command(m, c.text)
		if tm, ok := cmd().(common.ToastMsg); !ok || !strings.Contains(tm.Text, c.toast) {
			t.Fatalf("%s: %#v", c.text, cmd())
		}
	}
	// With marks, it asks first; esc keeps them and stays.
	m, cmd = command(m, "env TEST")
	push, ok := cmd().(common.PushModalMsg)
	if !ok || push.ID != envConfirmID || m.Switch().Env != "" {
		t.Fatalf("with marks: %#v", cmd())
	}
	m, _ = update(m, push)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Drop 3 marks?") || !strings.Contains(v, "Switching to test drops them") {
		t.Fatalf("the question:\n%s", v)
	}
	m, cmd = update(m, confirm.ResultMsg{ID: envConfirmID, Confirmed: false})
	if msgs := msgsOf(cmd); m.Switch().Env != "" || !hasToast(msgs, "Still on sandbox: marks kept") {
		t.Fatalf("kept: %#v", msgs)
	}
	m, cmd = command(m, "env TEST")
	m, _ = update(m, cmd())
	m, cmd = update(m, confirm.ResultMsg{ID: envConfirmID, Confirmed: true, Count: 3})
	if !slices.ContainsFunc(msgsOf(cmd), func(msg tea.Msg) bool { _, q := msg.(tea.QuitMsg); return q }) ||
		m.Switch() != (SwitchRequest{Env: "test", MarksDropped: 3}) {
		t.Fatalf("switch %+v", m.Switch())
	}
}

func hasToast(msgs []tea.Msg, text string) bool {
	return slices.ContainsFunc(msgs, func(msg tea.Msg) bool { tm, ok := msg.(common.ToastMsg); return ok && tm.Text == text })
}

// With PrepareEnv, the other tenant is signed in to while this one stays
// on screen; only a ready tenant ends the program, and a failure leaves
// everything as it was.
func TestEnvSignsInBeforeTheSwitch(t *testing.T) {
	fail := true
	prepare := func(_ context.Context, name string) (any, error) {
		if fail {
			return nil, errors.New("401 invalid_client")
		}
		return "tenant " + name, nil
	}
	m := New(testCommon(), Options{Envs: []string{"prod", "test"}, Env: "test", PrepareEnv: prepare}, newStub())
	m.Init()
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, cmd := command(m, "env prod")
	var ready tea.Msg
	for _, msg := range msgsOf(cmd) {
		switch msg := msg.(type) {
		case tea.QuitMsg:
			t.Fatal("quit before signing in")
		case common.ToastMsg:
			m, _ = update(m, msg)
		case envReadyMsg:
			ready = msg
		}
	}
	if !strings.Contains(ansi.Strip(m.View()), "Signing in to prod…") {
		t.Fatalf("no sign-in toast:\n%s", ansi.Strip(m.View()))
	}
	if _, again := command(m, "env prod"); !strings.Contains(again().(common.ToastMsg).Text, "Signing in to prod already") {
		t.Fatal("a second switch during the sign-in")
	}
	m, cmd = update(m, ready)
	for _, msg := range msgsOf(cmd) {
		if _, q := msg.(tea.QuitMsg); q {
			t.Fatal("a failed sign-in ended the program")
		}
		m, _ = update(m, msg)
	}
	if v := ansi.Strip(m.View()); m.Switch().Env != "" || !strings.Contains(v, "Could not switch to prod; still on test") || strings.Contains(v, "Signing in") {
		t.Fatalf("after the failure: %+v\n%s", m.Switch(), v)
	}
	fail = false
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyEsc}) // the error dialog
	m, cmd = command(m, "env prod")
	for _, msg := range msgsOf(cmd) {
		if r, ok := msg.(envReadyMsg); ok {
			m, cmd = update(m, r)
		}
	}
	if !slices.ContainsFunc(msgsOf(cmd), func(msg tea.Msg) bool { _, q := msg.(tea.QuitMsg); return q }) ||
		m.Switch() != (SwitchRequest{Env: "prod", Tenant: "tenant prod"}) {
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

// Settling at start covers every view's kind, shown or not (only a
// view's Init waits for its first visit), in one pass with one toast.
func TestSettlingAtStartCoversViewsNotShown(t *testing.T) {
	log := audit.Open(filepath.Join(t.TempDir(), audit.FileName))
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	if err := log.Append(
		audit.Entry{Time: at, Action: audit.ActionDeleteApp, BaseURL: "https://t", Op: "a", Kind: audit.KindApp, ResourceID: "a1", Result: audit.ResultIntent},
		audit.Entry{Time: at, Action: audit.ActionDeletePAT, BaseURL: "https://t", Op: "p", Kind: audit.KindPAT, ResourceID: "t1", Result: audit.ResultIntent},
	); err != nil {
		t.Fatal(err)
	}
	tokens := &settlingView{stubView: newStub(), kind: audit.KindPAT, noun: "token"}
	apps := &settlingView{stubView: newStub(), kind: audit.KindApp, noun: "app"}
	m := New(testCommon(), Options{Settling: &audit.Settling{Log: log, BaseURL: "https://t"}}, tokens, apps)
	var toasts []string
	for _, msg := range drainShell(m, m.Init()) {
		if tm, ok := msg.(common.ToastMsg); ok {
			toasts = append(toasts, tm.Text)
		}
	}
	if apps.inits != 0 || tokens.asked != 1 || apps.asked != 1 {
		t.Fatalf("apps started %d, asked tokens %d apps %d", apps.inits, tokens.asked, apps.asked)
	}
	if len(toasts) != 1 || !strings.Contains(toasts[0], "1 token delete confirmed") || !strings.Contains(toasts[0], "1 app delete confirmed") {
		t.Fatalf("toasts %q", toasts)
	}
}

// settlingView settles its kind: every resource is gone.
type settlingView struct {
	*stubView
	kind  audit.Kind
	noun  string
	asked int
}

func (v *settlingView) Settler() audit.Settler {
	return audit.Settler{Kind: v.kind, Noun: v.noun, Deletes: func(string) bool { return true },
		Present: func(_ context.Context, intents []audit.Entry) (map[string]bool, string, error) {
			v.asked++
			out := map[string]bool{}
			for _, e := range intents {
				out[e.ResourceID] = false
			}
			return out, "", nil
		}}
}

// drainShell runs cmd through the shell and returns the messages the
// shell's own Update handled, settled and toasts included.
func drainShell(m Model, cmd tea.Cmd) []tea.Msg {
	var seen []tea.Msg
	for queue := []tea.Cmd{cmd}; len(queue) > 0; queue = queue[1:] {
		if queue[0] == nil {
			continue
		}
		switch msg := queue[0]().(type) {
		case nil, spinner.TickMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			seen = append(seen, msg)
			if _, ok := msg.(settledMsg); ok {
				var next tea.Cmd
				var mm tea.Model
				mm, next = m.Update(msg)
				m = mm.(Model)
				queue = append(queue, next)
			}
		}
	}
	return seen
}

// The picker shows each environment's base URL and whether it starts
// read-only; typing narrows, enter switches through :env NAME.
func TestEnvPickerNarrowsAndSwitches(t *testing.T) {
	m := New(testCommon(), Options{Envs: []string{"acme-prod", "acme-test"}, Env: "acme-test", EnvChoices: []EnvChoice{
		{Name: "acme-prod", BaseURL: "https://acme.api.identitynow.com", ReadOnly: true, Why: "prod starts read-only without --write"},
		{Name: "acme-test", BaseURL: "https://acme-sb.api.identitynow.com"}}}, newStub())
	m.Init()
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, cmd := command(m, "env")
	m, _ = update(m, cmd())
	v := ansi.Strip(m.View())
	for _, want := range []string{"acme-prod  https://acme.api.identitynow.com     read-only", "acme-test  https://acme-sb.api.identitynow.com  current"} {
		if !strings.Contains(v, want) {
			t.Fatalf("picker lacks %q:\n%s", want, v)
		}
	}
	m, _ = update(m, runes("p"))
	m, _ = update(m, runes("r"))
	if v = ansi.Strip(m.View()); strings.Contains(v, "acme-sb") || !strings.Contains(v, "prod starts read-only") {
		t.Fatalf("typing pr:\n%s", v)
	}
	m, cmd = update(m, tea.KeyMsg{Type: tea.KeyEnter})
	for _, msg := range msgsOf(cmd) {
		m, _ = update(m, msg)
	}
	if m.Switch().Env != "acme-prod" {
		t.Fatalf("enter: switch %+v, modals %v", m.Switch(), m.ModalIDs())
	}
}

// The picker as drawn: names, base URLs, read-only and current.
func TestEnvPickerGolden(t *testing.T) {
	p := newEnvPicker(testCommon(), []EnvChoice{
		{Name: "acme-prod", BaseURL: "https://acme.api.identitynow.com", ReadOnly: true, Why: "environment acme-prod starts read-only; start with --write to make changes"},
		{Name: "acme-sandbox", BaseURL: "https://acme-sb.api.identitynow.com"},
		{Name: "partner", BaseURL: "https://partner.api.identitynow.com", ReadOnly: true, Why: "the settings make partner read-only"}},
		"acme-sandbox")
	p.SetSize(100, 30)
	p.Update(tea.KeyMsg{Type: tea.KeyUp})
	golden.RequireEqual(t, []byte(p.View()))
}
