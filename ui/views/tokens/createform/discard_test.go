package createform

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common"
)

// flat is the view's text without styling, border or line breaks, so a
// sentence is found however it wrapped.
func flat(view string) string {
	view = strings.NewReplacer("│", " ", "┃", " ").Replace(ansi.Strip(view))
	return strings.Join(strings.Fields(view), " ")
}

// esc on a form with typed input warns first; the second esc discards.
// Any other key in between means the user went on editing.
func TestEscWithTypedInputWarnsFirst(t *testing.T) {
	m := typeText(newForm(termenv.Ascii, Options{}), "nightly")
	m, msgs := press(m, kmsg(tea.KeyEsc))
	if len(msgs) != 0 {
		t.Fatalf("the first esc discarded typed input: %#v", msgs)
	}
	v := flat(m.View())
	if !strings.Contains(v, "Your input will be lost — press esc again to discard") || !strings.Contains(v, "esc discard") {
		t.Fatalf("no warning:\n%s", v)
	}
	m = typeText(m, "-2")
	if m, msgs = press(m, kmsg(tea.KeyEsc)); len(msgs) != 0 {
		t.Fatal("an esc after more typing discarded without a new warning")
	}
	_, msgs = press(m, kmsg(tea.KeyEsc))
	if len(msgs) != 1 {
		t.Fatalf("the second esc: %#v", msgs)
	}
	if _, ok := msgs[0].(CancelMsg); !ok {
		t.Fatalf("got %#v", msgs[0])
	}
}

// A changed default counts as input; changing it back does not.
func TestDirtyComparesWithTheOpeningValues(t *testing.T) {
	m := newForm(termenv.Ascii, Options{})
	if m.Dirty() {
		t.Fatal("a fresh form is dirty")
	}
	m, _ = press(m, kmsg(tea.KeyTab), kmsg(tea.KeyTab), kmsg(tea.KeyBackspace)) // validity 43200 → 4320
	if !m.Dirty() {
		t.Fatal("an edited default is not dirty")
	}
	m = typeText(m, "0")
	if m.Dirty() {
		t.Fatal("a default typed back is dirty")
	}
}

// ctrl+c (the shell's) on a form with typed input warns first: the form
// is Interruptible until then, and the second ctrl+c quits.
func TestCtrlCWithTypedInputWarnsFirst(t *testing.T) {
	d := NewModal(newForm(termenv.Ascii, Options{}))
	var it common.Interruptible = d
	if it.RunState() != common.RunIdle {
		t.Fatalf("an untouched form holds ctrl+c: %v", it.RunState())
	}
	d.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	if it.RunState() != common.RunActive {
		t.Fatalf("typed input: %v", it.RunState())
	}
	if cmd := it.Interrupt(); cmd != nil {
		t.Fatal("the first ctrl+c must only warn")
	}
	if it.RunState() != common.RunStopping {
		t.Fatalf("after the warning: %v; the next ctrl+c must quit", it.RunState())
	}
	want := "Your input in the create form will be lost — press ctrl+c again to quit"
	if d.InterruptNotice() != want || !strings.Contains(flat(d.View()), want) {
		t.Fatalf("notice %q, view:\n%s", d.InterruptNotice(), flat(d.View()))
	}
	d.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")})
	if it.RunState() != common.RunActive {
		t.Fatal("the warning outlived more typing")
	}
	// Once submitted, the create in flight is the view's to warn about.
	d.Model.inputs[fieldName].SetValue("fresh")
	d.Model.inputs[fieldScopes].SetValue("sp:scopes:default")
	d.Update(tea.KeyMsg{Type: tea.KeyCtrlS})
	if !d.Model.Submitting() || it.RunState() != common.RunIdle {
		t.Fatalf("submitting %v, run state %v", d.Model.Submitting(), it.RunState())
	}
}
