package common

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

func TestOverlayAndFit(t *testing.T) {
	bg := Fit("aaaaaaaaaa\nbbbbbbbbbb\ncccccccccc", 10, 3)
	out := Overlay(bg, "XX\nYY", 10, 3)
	lines := strings.Split(out, "\n")
	if lines[0] != "aaaaXXaaaa" || lines[1] != "bbbbYYbbbb" || lines[2] != "cccccccccc" {
		t.Fatalf("overlay:\n%s", out)
	}
	fit := Fit("\x1b[1mlong line here\x1b[0m\nx", 5, 3)
	for _, l := range strings.Split(fit, "\n") {
		if ansi.StringWidth(l) != 5 {
			t.Fatalf("Fit line %q is %d wide", l, ansi.StringWidth(l))
		}
	}
}

func TestDisabler(t *testing.T) {
	var d Disabler
	b := NewBinding("d", "delete", "d")
	if d.DisabledReason(b) != "" {
		t.Fatal("zero Disabler disables")
	}
	d.Disable(b, "read-only")
	if d.DisabledReason(b) != "read-only" {
		t.Fatal("reason lost")
	}
	d.Enable(b)
	if d.DisabledReason(b) != "" {
		t.Fatal("Enable did not clear")
	}
}

// A box drawn over wide characters keeps every line exactly as wide as
// the screen, whichever cell its edges fall on, and never shows half a
// character (or U+FFFD) at either edge.
func TestOverlayOverWideCharacters(t *testing.T) {
	bg := strings.Repeat("日本語のトークン", 5) // 80 cells
	for fw := 1; fw <= 12; fw++ {
		for _, w := range []int{80, 81} {
			out := Overlay(bg, strings.Repeat("x", fw), w, 1)
			if got := ansi.StringWidth(out); got != 80 {
				t.Errorf("box %d over CJK, screen %d: line %d wide: %q", fw, w, got, out)
			}
			if strings.ContainsRune(out, utf8.RuneError) || !strings.Contains(out, strings.Repeat("x", fw)) {
				t.Errorf("box %d: %q", fw, out)
			}
		}
	}
}

func TestScroll(t *testing.T) {
	keys := ScrollKeys{Up: NewBinding("↑", "up", "up"), Down: NewBinding("↓", "down", "down"),
		PageDown: NewBinding("pgdn", "page", "pgdown"), Bottom: NewBinding("G", "end", "G")}
	var s Scroll
	press := func(k tea.KeyMsg) bool { return s.Handle(k, keys, 20, 5) }
	if !press(tea.KeyMsg{Type: tea.KeyUp}) || s.Offset != 0 {
		t.Fatalf("up at the top: %d", s.Offset)
	}
	press(tea.KeyMsg{Type: tea.KeyPgDown})
	if s.Offset != 4 {
		t.Fatalf("page down: %d (a page keeps one line)", s.Offset)
	}
	press(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	if from, to := s.Window(20, 5); from != 15 || to != 20 {
		t.Fatalf("bottom: %d–%d", from, to)
	}
	if press(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}) {
		t.Fatal("x scrolled")
	}
	if press(tea.KeyMsg{Type: tea.KeyPgUp}) {
		t.Fatal("a key without a binding scrolled")
	}
}

func TestMoveCursor(t *testing.T) {
	keys := ScrollKeys{Up: NewBinding("k", "", "k"), Down: NewBinding("j", "", "j"), PageDown: NewBinding("pgdn", "", "pgdown"),
		Bottom: NewBinding("G", "", "G")}
	for _, c := range []struct {
		k    tea.KeyMsg
		want int
		ok   bool
	}{
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}, 6, true},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("k")}, 4, true},
		{tea.KeyMsg{Type: tea.KeyPgDown}, 15, true},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")}, 99, true},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}, 5, false},
	} {
		if got, ok := MoveCursor(c.k, keys, 5, 100, 10); got != c.want || ok != c.ok {
			t.Errorf("%s: %d %v, want %d %v", c.k, got, ok, c.want, c.ok)
		}
	}
}

func TestPadAndSpread(t *testing.T) {
	for _, c := range []struct {
		s    string
		w    int
		want string
	}{
		{"abc", 5, "abc  "}, {"abcdef", 4, "abc…"}, {"日本語", 5, "日本…"}, {"日本語", 4, "日… "}, {"x", 0, ""},
	} {
		if got := Pad(c.s, c.w, "…"); got != c.want {
			t.Errorf("Pad(%q, %d) = %q, want %q", c.s, c.w, got, c.want)
		}
	}
	if got := Spread("title", "1/9", 12); got != "title    1/9" {
		t.Errorf("Spread = %q", got)
	}
	if got := Spread("a long title", "1/9", 10); got != "a lon… 1/9" {
		t.Errorf("Spread cut = %q", got)
	}
}
