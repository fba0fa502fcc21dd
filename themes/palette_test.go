package themes

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func renderer(p termenv.Profile, dark bool) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(p)
	r.SetHasDarkBackground(dark)
	return r
}

// Colours reach lipgloss already converted to the profile, picked for the
// background once.
func TestPaletteConvertsOnce(t *testing.T) {
	c := Color{Light: "#0969da", Dark: "#6cb6ff"}
	cases := []struct {
		p    termenv.Profile
		dark bool
		want lipgloss.TerminalColor
	}{
		{termenv.TrueColor, true, lipgloss.Color("#6cb6ff")},
		{termenv.TrueColor, false, lipgloss.Color("#0969da")},
		{termenv.ANSI256, true, lipgloss.Color("75")},
		{termenv.ANSI256, false, lipgloss.Color("26")},
		{termenv.ANSI, true, lipgloss.Color("12")},
		{termenv.Ascii, true, lipgloss.NoColor{}},
	}
	for _, k := range cases {
		pal := newPalette(renderer(k.p, k.dark), Default())
		if got := pal.color(c); got != k.want {
			t.Errorf("%s dark=%v: %#v, want %#v", k.p.Name(), k.dark, got, k.want)
		}
	}
	pal := newPalette(renderer(termenv.ANSI256, false), Default())
	for _, c := range []Color{{}, {Dark: "4"}, Same("not-a-colour")} {
		if got := pal.color(c); got != (lipgloss.NoColor{}) {
			t.Errorf("%+v on light: %#v, want no colour", c, got)
		}
	}
	if got := pal.color(Same("200")); got != lipgloss.Color("200") {
		t.Errorf("ANSI index: %#v", got)
	}
}

// The converted colours render exactly what lipgloss's own conversion
// would have: the change is when the work happens, not what is drawn.
func TestResolvedStylesRenderLikeLipgloss(t *testing.T) {
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI} {
		for _, dark := range []bool{true, false} {
			r := renderer(p, dark)
			s := NewStyles(Default(), r)
			want := r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#9a6700", Dark: "#daaa3f"}).Render("stale")
			if got := s.Table.Stale.Render("stale"); got != want {
				t.Errorf("%s dark=%v: %q, want %q", p.Name(), dark, got, want)
			}
		}
	}
}

type env map[string]string

func (e env) Getenv(k string) string { return e[k] }
func (e env) Environ() []string {
	var out []string
	for k, v := range e {
		out = append(out, k+"="+v)
	}
	return out
}

// NO_COLOR on a colour terminal keeps bold and reverse for mono (the
// cursor row and focused buttons are drawn with them) and emits no colour.
func TestNewRendererNoColorKeepsAttributes(t *testing.T) {
	opts := func(e env) []termenv.OutputOption {
		return []termenv.OutputOption{termenv.WithEnvironment(e), termenv.WithTTY(true)}
	}
	r := NewRenderer(io.Discard, Mono(), opts(env{"TERM": "xterm-256color", "NO_COLOR": "1"})...)
	if p := r.ColorProfile(); p != termenv.ANSI {
		t.Fatalf("profile %s, want ANSI", p.Name())
	}
	s := NewStyles(Mono(), r)
	out := s.Table.Selected.Render("row") + s.Dialog.ButtonFocused.Render("ok") + s.Table.Stale.Render("x")
	if !strings.Contains(out, "\x1b[1;7m") || strings.Contains(out, "38;") || strings.Contains(out, "48;") || strings.Contains(out, "[3") {
		t.Fatalf("mono under NO_COLOR: %q", out)
	}
	// Without NO_COLOR the terminal's own profile stands; a terminal that
	// is not one (a pipe) stays plain.
	if p := NewRenderer(io.Discard, Mono(), opts(env{"TERM": "xterm-256color"})...).ColorProfile(); p != termenv.ANSI256 {
		t.Errorf("no NO_COLOR: profile %s", p.Name())
	}
	if p := NewRenderer(io.Discard, Mono(), termenv.WithEnvironment(env{"NO_COLOR": "1"})).ColorProfile(); p != termenv.Ascii {
		t.Errorf("not a terminal: profile %s", p.Name())
	}
}
