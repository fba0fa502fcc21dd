package shell

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

var fixedNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func testCommon() common.Common {
	return commontest.Common(termenv.ANSI256, func() time.Time { return fixedNow })
}

// stubView is a minimal View that records what it receives.
type stubView struct {
	w, h     int
	capture  bool
	got      []tea.Msg
	status   common.Status
	disabled common.Disabler
	del      key.Binding
	title    string // "Stub" unless set
	inits    int
}

func newStub() *stubView {
	v := &stubView{del: common.NewBinding("d", "delete", "d"), status: common.Status{Counts: []common.Count{
		{Label: "tokens", N: 62}, {Label: "stale", N: 12, Emphasis: true}, {Label: "marked", N: 0, Emphasis: true}}}}
	v.disabled.Disable(v.del, "read-only mode")
	return v
}

func (v *stubView) Init() tea.Cmd              { v.inits++; return nil }
func (v *stubView) Update(msg tea.Msg) tea.Cmd { v.got = append(v.got, msg); return nil }
func (v *stubView) View() string               { return "body line 1\nbody line 2" }
func (v *stubView) SetSize(w, h int)           { v.w, v.h = w, h }
func (v *stubView) Status() common.Status      { return v.status }
func (v *stubView) CapturesKeys() bool         { return v.capture }
func (v *stubView) Title() string {
	if v.title == "" {
		return "Stub"
	}
	return v.title
}
func (v *stubView) Keys() common.KeyMap                 { return v }
func (v *stubView) ShortHelp() []key.Binding            { return []key.Binding{v.del} }
func (v *stubView) FullHelp() [][]key.Binding           { return [][]key.Binding{{v.del}} }
func (v *stubView) DisabledReason(b key.Binding) string { return v.disabled.DisabledReason(b) }

func update(m Model, msg tea.Msg) (Model, tea.Cmd) {
	nm, cmd := m.Update(msg)
	return nm.(Model), cmd
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestQuitUnlessTyping(t *testing.T) {
	v := newStub()
	m := New(testCommon(), Options{}, v)
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	v.capture = true
	_, cmd := update(m, runes("q"))
	if isQuit(cmd) || len(v.got) != 1 {
		t.Fatal("q quit while the view was capturing keys")
	}
	v.capture = false
	if _, cmd = update(m, runes("q")); !isQuit(cmd) {
		t.Fatal("q did not quit")
	}
	v.capture = true
	if _, cmd = update(m, tea.KeyMsg{Type: tea.KeyCtrlC}); !isQuit(cmd) {
		t.Fatal("ctrl+c must always quit")
	}
}

func TestResizeGivesViewTheBody(t *testing.T) {
	v := newStub()
	m := New(testCommon(), Options{}, v)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	if v.w != 100 || v.h != 27 {
		t.Fatalf("view size %dx%d", v.w, v.h)
	}
}

func TestHelpModalTakesKeysAndCloses(t *testing.T) {
	v := newStub()
	m := New(testCommon(), Options{}, v)
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, _ = update(m, runes("?"))
	if ids := m.ModalIDs(); len(ids) != 1 || ids[0] != "help" {
		t.Fatalf("modals %v", ids)
	}
	out := ansi.Strip(m.View())
	if !strings.Contains(out, "Keys: Stub") || !strings.Contains(out, "read-only mode") {
		t.Fatalf("help overlay:\n%s", out)
	}
	m, cmd := update(m, runes("d")) // goes to the modal, not the view
	if len(v.got) != 0 || cmd != nil {
		t.Fatal("key leaked to the view under a modal")
	}
	m, cmd = update(m, tea.KeyMsg{Type: tea.KeyEsc})
	m, _ = update(m, cmd())
	if len(m.ModalIDs()) != 0 {
		t.Fatal("esc did not close help")
	}
}

func TestNonKeyMessagesReachModalsAndView(t *testing.T) {
	v := newStub()
	m := New(testCommon(), Options{}, v)
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, _ = update(m, common.ErrorMsg{Title: "Could not list tokens", Err: &client.APIError{
		Status: 500, Method: "GET", Path: "/personal-access-tokens/v1", DetailCode: "500.0 Internal Fault",
		TrackingID: "abc123", Messages: []client.ErrorMessage{{Text: "boom \x1b[2J"}}}})
	type ping struct{}
	update(m, ping{})
	if len(v.got) != 1 {
		t.Fatalf("view got %v", v.got)
	}
	out := ansi.Strip(m.View())
	for _, want := range []string{"Could not list tokens", "boom", "abc123", "500.0 Internal Fault"} {
		if !strings.Contains(out, want) {
			t.Errorf("error modal lacks %q", want)
		}
	}
	if strings.Contains(m.View(), "\x1b[2J") {
		t.Fatal("server text not sanitized")
	}
}

func TestWaitEventsShowCountdownAndReArm(t *testing.T) {
	v := newStub()
	ch := make(chan client.WaitEvent, 1)
	m := New(testCommon(), Options{Waits: ch}, v)
	m, _ = update(m, tea.WindowSizeMsg{Width: 120, Height: 30})
	ch <- client.WaitEvent{Reason: client.WaitRateLimited, Duration: 7 * time.Second, Until: fixedNow.Add(7 * time.Second)}
	msg := listenWaits(ch)()
	m, cmd := update(m, msg)
	if cmd == nil {
		t.Fatal("listener not re-armed")
	}
	if out := ansi.Strip(m.View()); !strings.Contains(out, "rate limited: retry in 7s") {
		t.Fatalf("no countdown:\n%s", out)
	}
	if _, ok := v.got[0].(common.WaitMsg); !ok {
		t.Fatalf("view got %T, want common.WaitMsg", v.got[0])
	}
	// The pacing the 429 causes does not hide it; a longer wait does.
	ch <- client.WaitEvent{Reason: client.WaitPacing, Duration: 2 * time.Second, Until: fixedNow.Add(2 * time.Second)}
	m, _ = update(m, listenWaits(ch)())
	if out := ansi.Strip(m.View()); !strings.Contains(out, "rate limited: retry in 7s") {
		t.Fatalf("pacing replaced the 429:\n%s", out)
	}
	ch <- client.WaitEvent{Reason: client.WaitPacing, Duration: 9 * time.Second, Until: fixedNow.Add(9 * time.Second)}
	m, _ = update(m, listenWaits(ch)())
	if out := ansi.Strip(m.View()); strings.Contains(out, "rate limited") {
		t.Fatalf("a longer pacing wait is not shown:\n%s", out)
	}
}

func TestToastShownAndCleared(t *testing.T) {
	v := newStub()
	m := New(testCommon(), Options{}, v)
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, cmd := update(m, common.ToastMsg{Level: common.ToastWarning, Text: "Delete is disabled: read-only"})
	if cmd == nil || !strings.Contains(ansi.Strip(m.View()), "Delete is disabled") {
		t.Fatal("toast not shown")
	}
}

// Golden frames of the whole shell: status bar, body, toast and help bar;
// and the too-small screen.
func TestShellView(t *testing.T) {
	cases := map[string]struct {
		w, h int
		opts Options
	}{
		"normal":    {120, 12, Options{Host: "acme.api.identitynow.com", Identity: "jane.admin"}},
		"read_only": {120, 12, Options{Host: "acme.api.identitynow.com", Identity: "jane.admin", ReadOnly: true}},
		"demo":      {80, 12, Options{Host: "127.0.0.1:4444", Identity: "sandbox.admin", Demo: true}},
		"too_small": {50, 10, Options{}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			m := New(testCommon(), c.opts, newStub())
			m, _ = update(m, tea.WindowSizeMsg{Width: c.w, Height: c.h})
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}

func TestTooSmallOnlyQuits(t *testing.T) {
	v := newStub()
	m := New(testCommon(), Options{}, v)
	m, _ = update(m, tea.WindowSizeMsg{Width: 40, Height: 8})
	if !strings.Contains(ansi.Strip(m.View()), "Terminal too small") {
		t.Fatal("no too-small screen")
	}
	m, _ = update(m, runes("d"))
	if len(v.got) != 0 {
		t.Fatal("keys reach the view on the too-small screen")
	}
	if _, cmd := update(m, runes("q")); !isQuit(cmd) {
		t.Fatal("q must quit on the too-small screen")
	}
}

// A cancelled wait (e.g. a delete run cancelled while pacing) clears the
// status-bar countdown at once; the listener stays armed.
func TestCancelledWaitClearsCountdown(t *testing.T) {
	v := newStub()
	ch := make(chan client.WaitEvent, 2)
	m := New(testCommon(), Options{Waits: ch}, v)
	m, _ = update(m, tea.WindowSizeMsg{Width: 120, Height: 30})
	ev := client.WaitEvent{Reason: client.WaitPacing, Duration: 7 * time.Second, Until: fixedNow.Add(7 * time.Second)}
	ch <- ev
	m, _ = update(m, listenWaits(ch)())
	if out := ansi.Strip(m.View()); !strings.Contains(out, "7s") {
		t.Fatalf("no countdown:\n%s", out)
	}
	ev.Cancelled = true
	ch <- ev
	m, cmd := update(m, listenWaits(ch)())
	if cmd == nil {
		t.Fatal("listener not re-armed")
	}
	if out := ansi.Strip(m.View()); strings.Contains(out, "7s") {
		t.Fatalf("countdown still shown after the wait was cancelled:\n%s", out)
	}
}
