package secret

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
)

// The modal on the shell's stack is Interruptible while its secret is
// neither copied nor given up: the first ctrl+c warns (in the modal and
// through the shell's toast), the second quits.
func TestCtrlCWarnsWhileTheSecretIsNotCopied(t *testing.T) {
	var it common.Interruptible = NewModal(newModal(termenv.Ascii, &bytes.Buffer{}))
	d := it.(*Modal)
	if it.RunState() != common.RunActive {
		t.Fatalf("run state %v with the secret not copied", it.RunState())
	}
	if cmd := it.Interrupt(); cmd != nil {
		t.Fatal("the first ctrl+c must only warn")
	}
	if it.RunState() != common.RunStopping {
		t.Fatalf("after the warning: %v; the next ctrl+c must quit", it.RunState())
	}
	if d.InterruptNotice() != "The secret will not be shown again — press ctrl+c again to quit" {
		t.Fatalf("notice %q", d.InterruptNotice())
	}
	if v := ansi.Strip(d.View()); !strings.Contains(v, "The secret will not be shown again — press ctrl+c again") {
		t.Fatalf("the modal does not warn:\n%s", v)
	}
	// Any other key means the user went on: ctrl+c warns again.
	d.Update(runeKey("x"))
	if it.RunState() != common.RunActive {
		t.Fatalf("a later key kept the warning armed: %v", it.RunState())
	}
}

// Once the secret was copied, or the user confirmed closing without it,
// quitting loses nothing the user was not told about.
func TestCtrlCQuitsOnceCopiedOrGivenUp(t *testing.T) {
	copied := NewModal(newModal(termenv.Ascii, &bytes.Buffer{}))
	copied.Model = copyVia(t, copied.Model, runeKey("c"))
	if copied.RunState() != common.RunIdle {
		t.Fatalf("copied: %v", copied.RunState())
	}
	givenUp := NewModal(newModal(termenv.Ascii, &bytes.Buffer{}))
	givenUp.Update(enter) // "press enter again to close anyway"
	if givenUp.RunState() != common.RunIdle {
		t.Fatalf("close confirmed: %v", givenUp.RunState())
	}
	// Copying only the client id does not count.
	id := NewModal(newModal(termenv.Ascii, &bytes.Buffer{}))
	id.Model = copyVia(t, id.Model, runeKey("i"))
	if id.RunState() != common.RunActive {
		t.Fatalf("client id copied: %v", id.RunState())
	}
}

func tmuxModal(out io.Writer) Model {
	c := commontest.Common(termenv.Ascii, func() time.Time { return now })
	created := client.CreatedPAT{ID: "2c9180835d2e5168015d32f890ca1581", Secret: theSecret, Name: "ci-pipeline"}
	m := New(c, created, false, clipboard.New(out, clipboard.Env{TMUX: "/tmp/tmux-1000/default,1,0", TERM: "screen"}))
	m.SetSize(100, 30)
	return m
}

// The confirmation says the secret was sent, not that it arrived; inside
// tmux it also says what tmux needs, and both forms go out in one write.
func TestCopyConfirmationDoesNotOverclaim(t *testing.T) {
	var direct bytes.Buffer
	m := copyVia(t, newModal(termenv.Ascii, &direct), runeKey("c"))
	v := flat(m.View())
	for _, want := range []string{
		"Secret sent to your terminal's clipboard (OSC52) — paste to check.",
		"if the paste did not work, copy the secret by selecting it",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("outside tmux the view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "tmux") {
		t.Errorf("outside tmux the view mentions tmux:\n%s", v)
	}

	var term bytes.Buffer
	m = copyVia(t, tmuxModal(&term), runeKey("c"))
	v = flat(m.View())
	if want := "In tmux this needs `set -g set-clipboard on` or `allow-passthrough on`."; !strings.Contains(v, want) {
		t.Errorf("inside tmux the view lacks %q:\n%s", want, v)
	}
	plain, _ := clipboard.Sequence(theSecret, clipboard.Direct, 0)
	if got := term.String(); !strings.HasPrefix(got, plain) || !strings.Contains(got, "\x1bPtmux;") {
		t.Errorf("inside tmux wrote %q; want the plain sequence, then the passthrough", got)
	}
	// The confirmation stays until the next key: it is not a 4-second flash.
	if _, cmd := m.Update(clipboard.CopiedMsg{What: WhatSecret}); cmd != nil {
		t.Error("the confirmation schedules its own removal")
	}
}

// The close warning is asked for until the first copy; after it, the
// header keeps saying the secret will not be shown again.
func TestHeaderAfterCopyKeepsTheFallback(t *testing.T) {
	m := newModal(termenv.Ascii, &bytes.Buffer{})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Copy the secret now. It will not be shown again.") {
		t.Fatalf("before copy:\n%s", v)
	}
	m = copyVia(t, m, runeKey("c"))
	v := flat(m.View())
	if !strings.Contains(v, "It will not be shown again: if the paste did not work, copy the secret by selecting it.") {
		t.Fatalf("after copy:\n%s", v)
	}
}

// flat is the view's text without styling, border or line breaks, so a
// sentence is found however it wrapped.
func flat(view string) string {
	view = strings.NewReplacer("│", " ", "┃", " ").Replace(ansi.Strip(view))
	return strings.Join(strings.Fields(view), " ")
}
