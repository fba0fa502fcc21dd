package statusbar

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func styles(t themes.Theme) *themes.Styles { return commontest.Styles(t, termenv.ANSI256) }

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
		"narrow_80":   {themes.Default(), 80},
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

// As the bar narrows it gives way in order, and whatever is cut ends
// with the ellipsis: the counts and badges stay to the last.
func TestNarrowingKeepsCountsAndBadges(t *testing.T) {
	in := info()
	in.Demo = true
	in.Host, in.Identity = "127.0.0.1:38211", "sandbox.admin@example.com"
	in.Wait = nil
	in.Status.Loading = false
	s := styles(themes.Default())
	for width := 140; width >= 60; width-- { // 60: the app's narrowest
		out := View(s, width, in)
		if w := ansi.StringWidth(out); w != width {
			t.Fatalf("width %d: bar is %d wide", width, w)
		}
		plain := ansi.Strip(out)
		for _, want := range []string{"DEMO", "READ-ONLY", "1200 tokens · 312 stale · 0 marked"} {
			if !strings.Contains(plain, want) {
				t.Fatalf("width %d lost %q: %q", width, want, plain)
			}
		}
		for _, f := range strings.Split(plain, "│") {
			f = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(f), "READ-ONLY"))
			if f == "" || strings.HasSuffix(f, "…") {
				continue
			}
			for _, whole := range []string{"127.0.0.1:38211", "sandbox.admin@example.com", "sailtui", "DEMO"} {
				if strings.HasPrefix(whole, f) && f != whole {
					t.Fatalf("width %d: %q cut without an ellipsis: %q", width, f, plain)
				}
			}
		}
	}
	want := map[int][]string{
		110: {"sailtui", "127.0.0.1:38211", "sandbox.admin@example.com"},
		100: {"127.0.0.1:38211", "sandbox.admin@example.com"},
		80:  {"127.0.0.1:38211", "sandb…"},
		66:  {"127.0.0.1…"},
	}
	for width, parts := range want {
		plain := ansi.Strip(View(s, width, in))
		for _, p := range parts {
			if !strings.Contains(plain, p) {
				t.Errorf("width %d lacks %q: %q", width, p, plain)
			}
		}
	}
}

// A view's badge (AUDIT OFF) stays on the bar at every width, like
// READ-ONLY.
func TestViewBadgeIsKept(t *testing.T) {
	in := info()
	in.ReadOnly = false
	in.Status.Badge = "AUDIT OFF"
	in.Host, in.Identity = "127.0.0.1:38211", "sandbox.admin@example.com"
	s := styles(themes.Default())
	for width := 120; width >= 60; width-- {
		out := View(s, width, in)
		if w := ansi.StringWidth(out); w != width || !strings.Contains(ansi.Strip(out), "AUDIT OFF") {
			t.Fatalf("width %d (%d wide): %q", width, w, ansi.Strip(out))
		}
	}
}

// A storm of short 429 waits says how long it has lasted, so "retry in
// 1s" over and over does not read as frozen.
func TestRateLimitStormShowsItsLength(t *testing.T) {
	in := info()
	in.Wait.Attempt, in.Wait.Since = 7, now.Add(-8*time.Second)
	if plain := ansi.Strip(View(styles(themes.Default()), 200, in)); !strings.Contains(plain, "rate limited: retry in 9s (attempt 7, waiting 8s)") {
		t.Fatalf("bar %q", plain)
	}
	if plain := ansi.Strip(View(styles(themes.Default()), 120, in)); !strings.Contains(plain, "retry in 9s (#7)") {
		t.Fatalf("narrow bar %q", plain)
	}
}
