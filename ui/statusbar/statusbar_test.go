package statusbar

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func styles(t themes.Theme) *themes.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	r.SetHasDarkBackground(true)
	return themes.NewStyles(t, r)
}

func info() Info {
	return Info{
		Host: "acme.api.identitynow.com", Identity: "jane\x1b]0;x\x07.admin", ReadOnly: true, Now: now, Spinner: "⠋",
		Status: common.Status{Loading: true, Counts: []common.Count{
			{Label: "tokens", N: 1200}, {Label: "stale", N: 312, Emphasis: true}, {Label: "marked", N: 0, Emphasis: true}}},
		Wait: &client.WaitEvent{Reason: client.WaitRateLimited, Duration: 9 * time.Second, Until: now.Add(8500 * time.Millisecond)},
	}
}

func TestView(t *testing.T) {
	cases := map[string]struct {
		theme themes.Theme
		width int
	}{
		"default_120": {themes.Default(), 120},
		"mono_120":    {themes.Mono(), 120},
		"narrow_60":   {themes.Default(), 60},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			out := View(styles(c.theme), c.width, info())
			if w := ansi.StringWidth(out); w != c.width {
				t.Fatalf("width %d, want %d", w, c.width)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}

func TestCountdownText(t *testing.T) {
	in := info()
	plain := ansi.Strip(View(styles(themes.Default()), 160, in))
	for _, want := range []string{"rate limited: retry in 9s", "loading", "1200 tokens", "312 stale", "READ-ONLY", "jane.admin"} {
		if !strings.Contains(plain, want) {
			t.Errorf("bar lacks %q: %q", want, plain)
		}
	}
	in.Wait.Until = now.Add(-time.Second) // over: no countdown
	in.Status.Loading = false
	plain = ansi.Strip(View(styles(themes.Default()), 160, in))
	if strings.Contains(plain, "retry") || strings.Contains(plain, "loading") {
		t.Errorf("stale countdown or spinner: %q", plain)
	}
	in.Wait = &client.WaitEvent{Reason: client.WaitPacing, Duration: 200 * time.Millisecond, Until: now.Add(200 * time.Millisecond)}
	if plain = ansi.Strip(View(styles(themes.Default()), 160, in)); strings.Contains(plain, "pacing") {
		t.Errorf("short pacing waits must not flicker in the bar: %q", plain)
	}
}
