package shell

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
)

func twoViews(t *testing.T) (Model, *stubView, *stubView) {
	t.Helper()
	a, b := newStub(), newStub()
	a.title, b.title = "Tokens", "Audit"
	m := New(testCommon(), Options{}, a, b)
	m.Init()
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	return m, a, b
}

// run feeds a command's message back in, as the program would.
func run(m Model, cmd tea.Cmd) Model {
	if cmd == nil {
		return m
	}
	if msg := cmd(); msg != nil {
		m, _ = update(m, msg)
	}
	return m
}

func TestTabCyclesViewsAndStartsEachOnce(t *testing.T) {
	m, a, b := twoViews(t)
	if a.inits != 1 || b.inits != 0 {
		t.Fatalf("inits before switching: %d %d", a.inits, b.inits)
	}
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyTab})
	if m.view() != View(b) || b.inits != 1 {
		t.Fatalf("tab: active %s, audit inits %d", m.view().Title(), b.inits)
	}
	if b.w != 100 || b.h != 27 {
		t.Fatalf("switched-to view size %dx%d", b.w, b.h)
	}
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyShiftTab})
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyTab})
	if m.view() != View(b) || b.inits != 1 || a.inits != 1 {
		t.Fatalf("views restarted on return: inits %d %d", a.inits, b.inits)
	}
	m, _ = update(m, runes("d"))
	if len(b.got) != 1 || len(a.got) != 0 {
		t.Fatalf("key went to %d/%d messages (tokens/audit)", len(a.got), len(b.got))
	}
	if out := ansi.Strip(m.View()); !strings.Contains(out, "Audit 2/2") {
		t.Fatalf("status bar does not name the view:\n%s", out)
	}
}

func TestAsyncResultsReachViewsOffScreen(t *testing.T) {
	m, a, b := twoViews(t)
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyTab})
	type loaded struct{}
	update(m, loaded{})
	if len(a.got) != 1 || len(b.got) != 1 {
		t.Fatalf("result reached %d/%d views", len(a.got), len(b.got))
	}
}

func TestCommandLineJumpsWithCompletion(t *testing.T) {
	m, _, b := twoViews(t)
	m, _ = update(m, runes(":"))
	if ids := m.ModalIDs(); len(ids) != 1 || ids[0] != commandID {
		t.Fatalf("modals %v", ids)
	}
	m, _ = update(m, runes("au"))
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyTab})
	if out := ansi.Strip(m.View()); !strings.Contains(out, ":audit") {
		t.Fatalf("tab did not complete:\n%s", out)
	}
	m, cmd := update(m, tea.KeyMsg{Type: tea.KeyEnter})
	m = run(m, cmd)
	if len(m.ModalIDs()) != 0 || m.view() != View(b) {
		t.Fatalf("after :audit modals %v, view %s", m.ModalIDs(), m.view().Title())
	}
	// An unambiguous start of a name is enough; ":" is forgiven.
	m, _ = update(m, runes(":"))
	m, _ = update(m, runes(":tok"))
	m, cmd = update(m, tea.KeyMsg{Type: tea.KeyEnter})
	m = run(m, cmd)
	if m.view().Title() != "Tokens" {
		t.Fatalf(":tok went to %s", m.view().Title())
	}
}

func TestCommandLineUnknownAndCancel(t *testing.T) {
	m, _, _ := twoViews(t)
	m, _ = update(m, runes(":"))
	m, _ = update(m, runes("apps"))
	m, cmd := update(m, tea.KeyMsg{Type: tea.KeyEnter})
	m, cmd = update(m, cmd())
	if cmd == nil {
		t.Fatal("unknown command gave no answer")
	}
	toast, ok := cmd().(common.ToastMsg)
	if !ok || !strings.Contains(toast.Text, "No command apps") || !strings.Contains(toast.Text, ":audit") {
		t.Fatalf("unknown command answer %#v", toast)
	}
	if m.view().Title() != "Tokens" {
		t.Fatalf("unknown command switched to %s", m.view().Title())
	}
	m, _ = update(m, runes(":"))
	m, cmd = update(m, tea.KeyMsg{Type: tea.KeyEsc})
	m = run(m, cmd)
	if len(m.ModalIDs()) != 0 || m.view().Title() != "Tokens" {
		t.Fatalf("esc: modals %v view %s", m.ModalIDs(), m.view().Title())
	}
}

func TestOneViewHasNoSwitchKeys(t *testing.T) {
	v := newStub()
	m := New(testCommon(), Options{}, v)
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyTab})
	m, _ = update(m, runes(":"))
	if len(m.ModalIDs()) != 0 || len(v.got) != 2 {
		t.Fatalf("with one view tab and : belong to it: modals %v, view got %d", m.ModalIDs(), len(v.got))
	}
	if out := ansi.Strip(m.View()); strings.Contains(out, "next view") || strings.Contains(out, "1/1") {
		t.Fatalf("single view advertises switching:\n%s", out)
	}
}

// busyView is a view with work running (a delete in progress).
type busyView struct {
	*stubView
	interrupted bool
}

func (b *busyView) RunState() common.RunState { return common.RunActive }
func (b *busyView) Interrupt() tea.Cmd        { b.interrupted = true; return nil }

func TestCtrlCInterruptsWorkInAViewOffScreen(t *testing.T) {
	busy := &busyView{stubView: newStub()}
	busy.title = "Tokens"
	other := newStub()
	other.title = "Audit"
	m := New(testCommon(), Options{}, busy, other)
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyTab})
	for _, k := range []tea.KeyMsg{{Type: tea.KeyCtrlC}, runes("q")} {
		busy.interrupted = false
		_, cmd := update(m, k)
		if !busy.interrupted || isQuit(cmd) {
			t.Fatalf("%s on another view: interrupted %v, quit %v", k, busy.interrupted, isQuit(cmd))
		}
	}
}

// refreshingView counts how often it was brought back on screen.
type refreshingView struct {
	*stubView
	shown int
}

func (r *refreshingView) Shown() tea.Cmd { r.shown++; return nil }

func TestRefresherIsToldEachReturn(t *testing.T) {
	a := newStub()
	a.title = "Tokens"
	r := &refreshingView{stubView: newStub()}
	r.title = "Audit"
	m := New(testCommon(), Options{}, a, r)
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	for range 3 {
		m, _ = update(m, tea.KeyMsg{Type: tea.KeyTab})
	}
	// Tab 1 started it (Init), tab 3 brought it back (Shown).
	if r.inits != 1 || r.shown != 1 {
		t.Fatalf("inits %d, shown %d", r.inits, r.shown)
	}
}

// :q quits as q does.
func TestCommandLineQuit(t *testing.T) {
	for _, word := range []string{"q", "quit"} {
		m, _, _ := twoViews(t)
		m, _ = update(m, runes(":"))
		m, _ = update(m, runes(word))
		m, cmd := update(m, tea.KeyMsg{Type: tea.KeyEnter})
		_, cmd = update(m, cmd())
		if !isQuit(cmd) {
			t.Fatalf(":%s did not quit", word)
		}
	}
}

// :messages shows every message of the session whole, newest first: a
// toast's text the status line cut, and an error dialog's.
func TestMessagesLogShowsThemWhole(t *testing.T) {
	m, _, _ := twoViews(t)
	long := "Crash recovery: 3 token deletes confirmed after restart (2 deleted, 1 still present); 1 app change recorded as outcome unknown (:audit shows them)"
	m, _ = update(m, common.ToastMsg{Level: common.ToastWarning, Text: long})
	m, _ = update(m, common.ErrorMsg{Title: "Could not list tokens", Err: errors.New("dial tcp: connection refused")})
	m, _ = update(m, common.PopModalMsg{ID: errorID})
	m, _ = update(m, runes(":"))
	m, _ = update(m, runes("messages"))
	m, cmd := update(m, tea.KeyMsg{Type: tea.KeyEnter})
	m = run(m, cmd)
	v := ansi.Strip(m.View())
	flat := strings.Join(strings.Fields(v), " ")
	if !strings.Contains(flat, "1 app change recorded as outcome unknown") || !strings.Contains(flat, "Could not list tokens: dial tcp") {
		t.Fatalf("messages:\n%s", v)
	}
	if strings.Index(flat, "Could not list tokens") > strings.Index(flat, "Crash recovery") {
		t.Fatal("not newest first")
	}
}
