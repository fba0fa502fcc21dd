package textprompt

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common/commontest"
)

func newPrompt(o Options) *Model {
	p := New(commontest.Common(termenv.ANSI256, time.Now), o)
	p.SetSize(100, 30)
	return p
}

func answer(t *testing.T, cmd tea.Cmd) AnswerMsg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no answer")
	}
	a, ok := cmd().(AnswerMsg)
	if !ok {
		t.Fatalf("answer %#v", cmd())
	}
	return a
}

func TestEnterAnswersWithTheTextAndEscCancels(t *testing.T) {
	p := newPrompt(Options{ID: "x", Title: "Save", Value: "/tmp/r.csv"})
	p.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("v")})
	if a := answer(t, p.Update(tea.KeyMsg{Type: tea.KeyEnter})); a != (AnswerMsg{ID: "x", Text: "/tmp/r.csv", OK: true}) {
		t.Fatalf("%#v", a)
	}
	if a := answer(t, p.Update(tea.KeyMsg{Type: tea.KeyEsc})); a.OK || a.ID != "x" {
		t.Fatalf("%#v", a)
	}
	if out := ansi.Strip(p.View()); !strings.Contains(out, "Save") || !strings.Contains(out, "/tmp/r.csv") {
		t.Fatalf("view:\n%s", out)
	}
}

func TestTabCompletesFirstMatch(t *testing.T) {
	p := newPrompt(Options{ID: "c", Prompt: ":", Completions: []string{"tokens", "audit", "apps"}, Hint: "views"})
	if out := ansi.Strip(p.View()); !strings.Contains(out, "views") {
		t.Fatalf("hint missing:\n%s", out)
	}
	p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("A")})
	if out := ansi.Strip(p.View()); !strings.Contains(out, "tab → audit") {
		t.Fatalf("offer missing:\n%s", out)
	}
	p.Update(tea.KeyMsg{Type: tea.KeyTab})
	if p.Value() != "audit" {
		t.Fatalf("completed to %q", p.Value())
	}
	p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	p.Update(tea.KeyMsg{Type: tea.KeyTab}) // nothing matches: unchanged
	if p.Value() != "auditx" {
		t.Fatalf("value %q", p.Value())
	}
}

func TestValidateKeepsThePromptOpenWithTheReason(t *testing.T) {
	m := newPrompt(Options{ID: "x", Value: "bad", Validate: func(s string) error {
		if s == "bad" {
			return errors.New("bad is not allowed")
		}
		return nil
	}, Completions: []string{"enabled", "name"}, CompleteWord: true})
	if cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter}); cmd != nil {
		t.Fatal("an invalid text was answered")
	}
	if !strings.Contains(m.View(), "bad is not allowed") {
		t.Fatalf("no reason shown:\n%s", m.View())
	}
	m.input.SetValue("name eq x and ena")
	m.Update(tea.KeyMsg{Type: tea.KeyTab})
	if m.Value() != "name eq x and enabled" {
		t.Fatalf("word completion: %q", m.Value())
	}
	if a := answer(t, m.Update(tea.KeyMsg{Type: tea.KeyEnter})); !a.OK || a.Text != "name eq x and enabled" {
		t.Fatalf("answer %+v", a)
	}
}

// ↑/↓ put a choice in the input, wrapping; typing its text marks it
// chosen, and editing it makes the text the user's own.
func TestChoicesFillTheInput(t *testing.T) {
	p := newPrompt(Options{ID: "f", Title: "Filter", Value: "b",
		Choices: []Choice{{Label: "none", Text: ""}, {Label: "A", Text: "a"}, {Label: "B", Text: "b"}}})
	if p.chosen != 2 {
		t.Fatalf("the value in force is not chosen: %d", p.chosen)
	}
	p.Update(tea.KeyMsg{Type: tea.KeyDown})
	if p.Value() != "" || p.chosen != 0 {
		t.Fatalf("down from the last: %q %d", p.Value(), p.chosen)
	}
	p.Update(tea.KeyMsg{Type: tea.KeyUp})
	p.Update(tea.KeyMsg{Type: tea.KeyUp})
	if p.Value() != "a" || !strings.Contains(ansi.Strip(p.View()), "→ A") {
		t.Fatalf("up twice: %q\n%s", p.Value(), ansi.Strip(p.View()))
	}
	p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	if p.chosen != -1 || strings.Contains(ansi.Strip(p.View()), "→ A") {
		t.Fatalf("an edited choice still marked: %d", p.chosen)
	}
	if a := answer(t, p.Update(tea.KeyMsg{Type: tea.KeyEnter})); a.Text != "ax" {
		t.Fatalf("answer %#v", a)
	}
}
