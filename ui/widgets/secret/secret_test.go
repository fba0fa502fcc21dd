package secret

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
)

const theSecret = "f4b5a0c7e2d94b6f8a1c3e5d7f9b2a4c6e8d0f1a3b5c7d9e2f4a6b8c0d1e3f5a"

var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func newModal(profile termenv.Profile, out io.Writer) Model {
	c := commontest.Common(profile, func() time.Time { return now })
	exp := time.Date(2027, 5, 22, 0, 0, 0, 0, time.UTC)
	created := client.CreatedPAT{ID: "2c9180835d2e5168015d32f890ca1581", Secret: theSecret, Name: "ci-pipeline",
		Scope: []string{"sp:scopes:all"}, ExpirationDate: &exp}
	var clip clipboard.Clipboard
	if out != nil {
		clip = clipboard.New(out, clipboard.Env{})
	}
	m := New(c, created, false, clip)
	m.SetSize(100, 30)
	return m
}

func runeKey(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

var enter = tea.KeyMsg{Type: tea.KeyEnter}

// copyVia presses k and feeds the clipboard's answer back.
func copyVia(t *testing.T, m Model, k tea.KeyMsg) Model {
	t.Helper()
	m, cmd := m.Update(k)
	if cmd == nil {
		t.Fatalf("%v: no copy command", k)
	}
	msg := cmd()
	m, _ = m.Update(msg)
	return m
}

func TestCopySecretWritesOSC52(t *testing.T) {
	var term bytes.Buffer
	m := newModal(termenv.Ascii, &term)
	m = copyVia(t, m, runeKey("c"))
	want, _ := clipboard.Sequence(theSecret, clipboard.Direct, 0)
	if term.String() != want {
		t.Fatalf("terminal got %q, want %q", term.String(), want)
	}
	if !m.Copied() || !strings.Contains(m.View(), "Secret sent to your terminal's clipboard (OSC52) — paste to check.") {
		t.Fatalf("copied=%v view:\n%s", m.Copied(), m.View())
	}
	// One enter closes once copied.
	_, cmd := m.Update(enter)
	if cmd == nil {
		t.Fatal("enter did not close")
	}
	if got := cmd().(ClosedMsg); !got.Copied {
		t.Fatalf("got %+v", got)
	}
}

func TestCopyClientIDDoesNotCountAsSecret(t *testing.T) {
	var term bytes.Buffer
	m := newModal(termenv.Ascii, &term)
	m = copyVia(t, m, runeKey("i"))
	if !strings.Contains(term.String(), "MmM5MTgw") || m.Copied() { // base64 of "2c9180…"
		t.Fatalf("wrote %q copied=%v", term.String(), m.Copied())
	}
}

func TestCloseWithoutCopyAsksFirst(t *testing.T) {
	m := newModal(termenv.Ascii, &bytes.Buffer{})
	m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if cmd != nil {
		t.Fatal("closed without warning although the secret was never copied")
	}
	if !strings.Contains(m.View(), "cannot be shown again") {
		t.Fatal("no warning shown")
	}
	// Copying in between resets the question.
	m, _ = m.Update(runeKey("i"))
	if m.confirmClose {
		t.Fatal("confirmation survived another action")
	}
	m, _ = m.Update(enter)
	_, cmd = m.Update(enter)
	if cmd == nil {
		t.Fatal("second enter did not close")
	}
	if got := cmd().(ClosedMsg); got.Copied {
		t.Fatalf("got %+v", got)
	}
}

func TestCopyFailureShown(t *testing.T) {
	m := newModal(termenv.Ascii, &bytes.Buffer{})
	m, _ = m.Update(clipboard.CopiedMsg{What: WhatSecret, Err: errors.New("copy secret: tty gone")})
	if m.Copied() || !strings.Contains(m.View(), "Could not copy the secret") {
		t.Fatalf("copied=%v view:\n%s", m.Copied(), m.View())
	}
	// Copies from elsewhere in the app are not ours.
	m, _ = m.Update(clipboard.CopiedMsg{What: "token id"})
	if m.Copied() {
		t.Fatal("foreign copy counted")
	}
}

func TestNoClipboard(t *testing.T) {
	m := newModal(termenv.Ascii, nil)
	if m.KeyMap().CopySecret.Enabled() {
		t.Fatal("copy key enabled without a terminal")
	}
	m, cmd := m.Update(runeKey("c"))
	if cmd == nil || !strings.Contains(m.View(), "unavailable") {
		t.Fatal("no explanation for the disabled copy")
	}
}

func TestNoticeClearsItself(t *testing.T) {
	m := newModal(termenv.Ascii, &bytes.Buffer{})
	m, _ = m.Update(clipboard.CopiedMsg{What: WhatSecret, Err: errors.New("copy secret: tty gone")})
	stale := clearNoticeMsg{tag: m.tag, seq: m.seq - 1}
	m, _ = m.Update(stale)
	if m.notice == "" {
		t.Fatal("stale clear removed the current notice")
	}
	m, _ = m.Update(clearNoticeMsg{tag: m.tag, seq: m.seq})
	if m.notice != "" {
		t.Fatal("notice not cleared")
	}
}

func TestSecretNeverInFmtOrMessages(t *testing.T) {
	var term bytes.Buffer
	m := newModal(termenv.Ascii, &term)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		if out := fmt.Sprintf(verb, m); strings.Contains(out, theSecret) {
			t.Fatalf("%s leaks the secret: %s", verb, out)
		}
	}
	type parent struct{ modal Model }
	if out := fmt.Sprintf("%+v", parent{m}); strings.Contains(out, theSecret) {
		t.Fatalf("a parent's dump leaks the secret: %s", out)
	}
	_, cmd := m.Update(runeKey("c"))
	msg := cmd()
	if out := fmt.Sprintf("%#v", msg); strings.Contains(out, theSecret) {
		t.Fatalf("CopiedMsg carries the secret: %s", out)
	}
}

func TestViewBeforeCopy(t *testing.T) {
	m := newModal(termenv.Ascii, &bytes.Buffer{})
	golden.RequireEqual(t, m.View())
}

func TestViewAfterCopy(t *testing.T) {
	m := newModal(termenv.ANSI256, &bytes.Buffer{})
	m = copyVia(t, m, runeKey("c"))
	golden.RequireEqual(t, m.View())
}

// The modal and the token list say the same thing of one expiry: 58 days
// and 21 hours away reads "in 58d" in both (it read "in 59 days" here).
func TestExpiryReadsAsInTheList(t *testing.T) {
	c := commontest.Common(termenv.Ascii, func() time.Time { return now })
	exp := now.Add(58*24*time.Hour + 21*time.Hour)
	m := New(c, client.CreatedPAT{ID: "x", Secret: theSecret, Name: "n", ExpirationDate: &exp}, false, clipboard.Clipboard{})
	m.SetSize(100, 30)
	want := timefmt.Relative(now, exp)
	if want != "in 58d" || !strings.Contains(m.View(), "("+want+")") {
		t.Fatalf("list says %q; modal:\n%s", want, m.View())
	}
}

// A rotation's secret says what closing it does next.
func TestViewRotationNext(t *testing.T) {
	m := newModal(termenv.Ascii, nil).WithNext(`Rotation: when you close this, having stored the secret, the old token "ci" is deleted.`)
	golden.RequireEqual(t, []byte(m.View()))
}
