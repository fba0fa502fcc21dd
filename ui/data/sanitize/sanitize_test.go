package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLine(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain name", "plain name"},
		{"", ""},
		{"red\x1b[31mtext\x1b[0m", "redtext"},
		{"title\x1b]0;pwned\x07after", "titleafter"},
		{"clip\x1b]52;c;ZXZpbA==\x1b\\done", "clipdone"},
		{"tab\tand\nnewline\r", "tab and newline "},
		{"bell\x07", "bell "},
		{"c1 csi \u009b31m x", "c1 csi  x"},
		{"c1 osc \u009d0;t\u009c ok", "c1 osc  ok"},
		{"unicode ✓ naïve 日本", "unicode ✓ naïve 日本"},
		{"bidi \u202eevil", "bidi  evil"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"esc at end \x1b", "esc at end "},
		{"dcs \x1bPq#0;2;0;0;0\x1b\\ end", "dcs  end"},
		{"charset \x1b(B ok", "charset  ok"},
		{"cursor \x1b[2J\x1b[H home", "cursor  home"},
		{"unterminated \x1b]8;;http://x", "unterminated "},
		{"del\x7fx", "del x"},
	}
	for _, c := range cases {
		if got := Line(c.in); got != c.want {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLinesKeepsBreaks(t *testing.T) {
	got := Lines("one\x1b[1m\r\ntwo\tthree\nfour")
	if got != "one\ntwo three\nfour" {
		t.Fatalf("Lines = %q", got)
	}
}

// safe reports whether s is free of anything a terminal would interpret.
func safe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if isControl(r) {
			return false
		}
	}
	return true
}

func FuzzLine(f *testing.F) {
	seeds := []string{
		"", "name", "\x1b[31mred", "\x1b]0;title\x07", "\x1b]52;c;Zm9v\x1b\\",
		"\u009b2J", "\u009d0;x\u009c", "a\x1b", "\x1bP", "\xff\xfe", "tab\t", "\u202e", "\x1b[\x1b[31m",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Line(in)
		if !safe(out) {
			t.Fatalf("Line(%q) = %q still has control characters", in, out)
		}
		if strings.ContainsRune(out, '\n') {
			t.Fatalf("Line(%q) has a newline", in)
		}
		if again := Line(out); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", in, out, again)
		}
		if len(out) > 3*len(in) {
			t.Fatalf("output grew too much: %d → %d", len(in), len(out))
		}
	})
}

func BenchmarkLinePlain(b *testing.B) {
	s := strings.Repeat("token-name ", 4)
	for b.Loop() {
		_ = Line(s)
	}
}
