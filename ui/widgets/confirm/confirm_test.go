package confirm

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

func testCommon(profile termenv.Profile) common.Common {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	c := commontest.Common(profile, func() time.Time { return now })
	c.SetSize(100, 30)
	return c
}

func newDialog(req Request) Model {
	m := New(testCommon(termenv.Ascii), req)
	m.SetSize(100, 30)
	return m
}

var (
	keyEnter    = tea.KeyMsg{Type: tea.KeyEnter}
	keyEsc      = tea.KeyMsg{Type: tea.KeyEsc}
	keyTab      = tea.KeyMsg{Type: tea.KeyTab}
	keyShiftTab = tea.KeyMsg{Type: tea.KeyShiftTab}
	keyRight    = tea.KeyMsg{Type: tea.KeyRight}
	keyLeft     = tea.KeyMsg{Type: tea.KeyLeft}
)

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// send feeds keys and returns the model plus the ResultMsg, if any came back.
func send(t *testing.T, m Model, keys ...tea.KeyMsg) (Model, *ResultMsg) {
	t.Helper()
	var res *ResultMsg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		if r := resultOf(cmd); r != nil {
			if res != nil {
				t.Fatalf("second ResultMsg after %v", k)
			}
			res = r
		}
	}
	return m, res
}

// resultOf runs cmd (and batches) looking for a ResultMsg; blink commands
// are not run because they sleep.
func resultOf(cmd tea.Cmd) *ResultMsg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case ResultMsg:
		return &msg
	case tea.BatchMsg:
		for _, c := range msg {
			if r := resultOf(c); r != nil {
				return r
			}
		}
	}
	return nil
}

func typeString(s string) []tea.KeyMsg {
	var ks []tea.KeyMsg
	for _, r := range s {
		ks = append(ks, runes(string(r)))
	}
	return ks
}

func TestCancelFocusedByDefault(t *testing.T) {
	m := newDialog(Request{Count: 2, Examples: names("a", "b")})
	if m.focus != elemCancel {
		t.Fatalf("focus = %v, want Cancel", m.focus)
	}
	_, res := send(t, m, keyEnter)
	if res == nil || res.Confirmed {
		t.Fatalf("enter on the default focus must cancel, got %+v", res)
	}
}

func TestSmallDeleteConfirmsWithoutTyping(t *testing.T) {
	m := newDialog(Request{Count: 2})
	if m.NeedsTyping() {
		t.Fatal("2 tokens should not need typing")
	}
	m, res := send(t, m, keyRight)
	if res != nil || m.focus != elemDelete {
		t.Fatalf("→ should focus Delete without answering")
	}
	_, res = send(t, m, keyEnter)
	if res == nil || !res.Confirmed || res.Count != 2 || res.IncludeManaged {
		t.Fatalf("got %+v", res)
	}
}

func TestEscCancelsFromAnywhere(t *testing.T) {
	m := newDialog(Request{Count: 7})
	m, _ = send(t, m, append(typeString("7"), keyTab)...)
	_, res := send(t, m, keyEsc)
	if res == nil || res.Confirmed {
		t.Fatalf("esc: %+v", res)
	}
}

func TestLargeDeleteNeedsTheTypedCount(t *testing.T) {
	m := newDialog(Request{Count: 12, Hidden: 3})
	if !m.NeedsTyping() {
		t.Fatal("12 tokens must need typing")
	}
	// Delete button without typing: no action, an inline error, focus to the input.
	m, res := send(t, m, keyRight, keyEnter)
	if res != nil {
		t.Fatalf("confirmed without typing: %+v", res)
	}
	if !m.InputFocused() || !strings.Contains(m.problem, "Type 12") {
		t.Fatalf("focus=%v problem=%q", m.focus, m.problem)
	}
	// Wrong count: still nothing.
	m, res = send(t, m, append(typeString("11"), keyEnter)...)
	if res != nil {
		t.Fatalf("wrong count confirmed: %+v", res)
	}
	if !strings.Contains(m.problem, `"11" is not 12`) {
		t.Fatalf("problem = %q", m.problem)
	}
	// Typing clears the error; the right count confirms.
	m, _ = send(t, m, tea.KeyMsg{Type: tea.KeyBackspace}, tea.KeyMsg{Type: tea.KeyBackspace})
	if m.problem != "" {
		t.Fatalf("error should clear on typing, got %q", m.problem)
	}
	_, res = send(t, m, append(typeString("12"), keyEnter)...)
	if res == nil || !res.Confirmed || res.Count != 12 {
		t.Fatalf("got %+v", res)
	}
}

func TestTypeAheadFromButtons(t *testing.T) {
	m := newDialog(Request{Count: 5})
	m, _ = send(t, m, typeString("5")...)
	if !m.InputFocused() || m.input.Value() != "5" {
		t.Fatalf("digits on a button should go to the input: focus=%v value=%q", m.focus, m.input.Value())
	}
	// Enter on Cancel after typing the right number still cancels.
	m, _ = send(t, m, keyTab)
	if m.focus != elemCancel {
		t.Fatalf("focus = %v", m.focus)
	}
	_, res := send(t, m, keyEnter)
	if res == nil || res.Confirmed {
		t.Fatalf("enter on Cancel must not confirm: %+v", res)
	}
}

// The count input takes digits only; m still toggles "include managed"
// while it has focus (as the help bar says), and clears the count, which
// changed with it.
func TestInputTakesDigitsOnly(t *testing.T) {
	m := newDialog(Request{Count: 6, Managed: 1})
	m, _ = send(t, m, keyShiftTab, keyShiftTab) // Cancel → managed → input
	if !m.InputFocused() {
		t.Fatalf("focus = %v", m.focus)
	}
	m, _ = send(t, m, runes("3"), runes("l"), runes("2"), runes("x"), runes(" "),
		tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a"), Alt: true})
	if m.IncludeManaged() || m.input.Value() != "32" {
		t.Fatalf("include=%v value=%q, want 32", m.IncludeManaged(), m.input.Value())
	}
	m, _ = send(t, m, runes("m"))
	if !m.IncludeManaged() || m.input.Value() != "" || !m.InputFocused() {
		t.Fatalf("m in the input: include=%v value=%q focus=%v", m.IncludeManaged(), m.input.Value(), m.focus)
	}
	m, _ = send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("7m!"), Paste: true})
	if m.input.Value() != "7" || !m.IncludeManaged() {
		t.Fatalf("paste: include=%v value=%q", m.IncludeManaged(), m.input.Value())
	}
	if k := m.KeyMap().IncludeManaged; !k.Enabled() || !strings.Contains(m.hint(), "m managed") {
		t.Fatalf("help hides m while the input has focus: %q", m.hint())
	}
	_, res := send(t, m, tea.KeyMsg{Type: tea.KeyBackspace}, runes("6"), keyEnter)
	if res == nil || !res.Confirmed || res.Count != 6 || !res.IncludeManaged {
		t.Fatalf("confirm: %+v", res)
	}
}

func TestManagedExcludedByDefault(t *testing.T) {
	m := newDialog(Request{Count: 3, Managed: 1})
	if m.DeleteCount() != 2 || m.NeedsTyping() {
		t.Fatalf("count=%d typing=%v", m.DeleteCount(), m.NeedsTyping())
	}
	m, res := send(t, m, keyRight, keyEnter)
	if res == nil || !res.Confirmed || res.IncludeManaged || res.Count != 2 {
		t.Fatalf("got %+v", res)
	}
}

func TestIncludeManagedNeedsTyping(t *testing.T) {
	m := newDialog(Request{Count: 3, Managed: 1})
	m, _ = send(t, m, runes("m"))
	if !m.IncludeManaged() || m.DeleteCount() != 3 || !m.NeedsTyping() {
		t.Fatalf("include=%v count=%d typing=%v", m.IncludeManaged(), m.DeleteCount(), m.NeedsTyping())
	}
	m, res := send(t, m, keyRight, keyEnter)
	if res != nil {
		t.Fatal("including a managed token must require typing")
	}
	_, res = send(t, m, append(typeString("3"), keyEnter)...)
	if res == nil || !res.Confirmed || !res.IncludeManaged || res.Count != 3 {
		t.Fatalf("got %+v", res)
	}
}

func TestToggleClearsTypedCount(t *testing.T) {
	m := newDialog(Request{Count: 9, Managed: 2})
	m, _ = send(t, m, typeString("7")...)
	m, _ = send(t, m, keyTab, runes(" ")) // focus the checkbox, toggle it
	if !m.IncludeManaged() || m.input.Value() != "" {
		t.Fatalf("include=%v value=%q", m.IncludeManaged(), m.input.Value())
	}
	_, res := send(t, m, keyShiftTab, keyEnter) // back to the empty input
	if res != nil {
		t.Fatal("the old count must not confirm the new total")
	}
}

// When only managed tokens are selected there is no Delete button: the
// dialog says why and how to include them.
func TestOnlyManagedSelected(t *testing.T) {
	m := newDialog(Request{Count: 2, Managed: 2})
	v := flat(m.View())
	if strings.Contains(v, "Delete 0") || !strings.Contains(v, "Every selected token is managed. Press m to include them.") {
		t.Fatalf("view:\n%s", v)
	}
	m, _ = send(t, m, keyRight)
	if m.focus != elemCancel {
		t.Fatalf("→ went to a Delete button that is not there: %v", m.focus)
	}
	m, _ = send(t, m, keyTab, keyTab)
	if m.focus == elemDelete {
		t.Fatal("tab reached the missing Delete button")
	}
	m, _ = send(t, m, runes("m"))
	if v := flat(m.View()); !strings.Contains(v, "Delete 2") {
		t.Fatalf("included, no Delete button:\n%s", v)
	}
	// Excluding them again from the Delete button leaves focus on Cancel.
	m, _ = send(t, m, runes("2"))
	m.focus = elemDelete
	m, _ = send(t, m, runes("m"))
	if m.focus != elemCancel {
		t.Fatalf("focus on a removed button: %v", m.focus)
	}
	_, res := send(t, m, keyEnter)
	if res == nil || res.Confirmed {
		t.Fatalf("enter on Cancel: %+v", res)
	}
}

func TestManagedProtected(t *testing.T) {
	m := newDialog(Request{Count: 4, Managed: 1, ManagedProtected: true})
	m, _ = send(t, m, runes("m"))
	if m.IncludeManaged() {
		t.Fatal("protected managed tokens were included")
	}
	if !strings.Contains(m.problem, "protected") {
		t.Fatalf("no reason given: %q", m.problem)
	}
	only := newDialog(Request{Count: 1, Managed: 1, ManagedProtected: true})
	if v := flat(only.View()); !strings.Contains(v, "Nothing to delete") || strings.Contains(v, "Delete 0") ||
		!strings.Contains(v, "The selected token is managed, and managed tokens are protected.") {
		t.Fatalf("view:\n%s", v)
	}
	_, res := send(t, only, keyRight, keyEnter)
	if res == nil || res.Confirmed {
		t.Fatalf("res=%+v", res)
	}
	if m.KeyMap().IncludeManaged.Enabled() {
		t.Fatal("the include key should be disabled in help")
	}
}

func TestNoSecondAnswer(t *testing.T) {
	m := newDialog(Request{Count: 1})
	m, res := send(t, m, keyRight, keyEnter)
	if res == nil || !res.Confirmed {
		t.Fatal("no answer")
	}
	_, cmd := m.Update(keyEnter)
	if cmd != nil {
		t.Fatal("answered dialog reacted to another key")
	}
}

func TestFocusCycle(t *testing.T) {
	m := newDialog(Request{Count: 8, Managed: 1})
	want := []element{elemDelete, elemInput, elemManaged, elemCancel}
	for _, w := range want {
		m, _ = send(t, m, keyTab)
		if m.focus != w {
			t.Fatalf("focus = %v, want %v", m.focus, w)
		}
	}
	m, _ = send(t, m, keyRight, keyLeft)
	if m.focus != elemCancel {
		t.Fatalf("← from Delete: %v", m.focus)
	}
}

func TestViewSmall(t *testing.T) {
	m := New(testCommon(termenv.ANSI256), Request{Count: 2, Examples: names("ci-bot", "old-laptop")})
	m.SetSize(80, 24)
	golden.RequireEqual(t, m.View())
}

func TestViewLargeWithTyping(t *testing.T) {
	m := newDialog(Request{Count: 12, Hidden: 3, Examples: names("jenkins-2019", "old-laptop", "a-very-long-token-name-that-keeps-going-and-going-past-the-edge", "x")})
	m, _ = send(t, m, append(typeString("11"), keyEnter)...)
	golden.RequireEqual(t, m.View())
}

func TestViewManaged(t *testing.T) {
	m := New(testCommon(termenv.ANSI256), Request{Count: 3, Managed: 1, Examples: names("ci-bot", "workflow-sync", "old")})
	m.SetSize(80, 24)
	m, _ = send(t, m, runes("m"))
	golden.RequireEqual(t, m.View())
}

func TestViewManagedDefaultAscii(t *testing.T) {
	m := newDialog(Request{Count: 3, Managed: 1, Examples: names("ci-bot", "workflow-sync", "old")})
	golden.RequireEqual(t, m.View())
}

// names are examples without owners.
func names(ns ...string) []Example {
	out := make([]Example, len(ns))
	for i, n := range ns {
		out[i] = Example{Name: n}
	}
	return out
}

// An answer meets its question by the dialog's id: another dialog's
// answer is left alone, and a question is answered once.
func TestAskedAnswersOnlyItsDialog(t *testing.T) {
	var a Asked[[]string]
	if _, _, ok := a.Answer(ResultMsg{ID: "d", Confirmed: true}); ok {
		t.Fatal("an answer with no question open was taken")
	}
	a.Ask("d", []string{"t1", "t2"})
	if _, _, ok := a.Answer(ResultMsg{ID: "other", Confirmed: true}); ok || !a.Open() {
		t.Fatal("another dialog's answer was taken")
	}
	v, closeDialog, ok := a.Answer(ResultMsg{ID: "d", Confirmed: true})
	if !ok || len(v) != 2 || closeDialog == nil || a.Open() {
		t.Fatalf("answer: %v %v open=%v", v, ok, a.Open())
	}
	if pop, isPop := closeDialog().(common.PopModalMsg); !isPop || pop.ID != "d" {
		t.Fatalf("close: %#v", closeDialog())
	}
	if _, _, ok := a.Answer(ResultMsg{ID: "d"}); ok {
		t.Fatal("a question was answered twice")
	}
}
