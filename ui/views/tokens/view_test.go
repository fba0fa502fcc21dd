package tokens

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
)

// TestView snapshots the table: stale, managed and marked rows, the sort
// header, the filter line, awkward names sanitized. Run with -update to
// rewrite testdata/TestView/*.golden.
func TestView(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, m *Model)
	}{
		{"default", func(*testing.T, *Model) {}},
		{"marked_stale_only", func(t *testing.T, m *Model) { press(t, m, "s", "a", "down", "down") }},
		{"sorted_by_name_desc", func(t *testing.T, m *Model) { press(t, m, "1", "1") }},
		{"filter_typing", func(t *testing.T, m *Model) { press(t, m, "/"); typeText(t, m, "ali") }},
		{"filter_applied_no_match", func(t *testing.T, m *Model) {
			press(t, m, "/")
			typeText(t, m, "zzz")
			press(t, m, "enter")
		}},
		{"narrow", func(t *testing.T, m *Model) { m.SetSize(60, 12) }},
		{"scrolled", func(t *testing.T, m *Model) { m.SetSize(120, 6); press(t, m, "G") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newTestModel(t, nil, Options{})
			c.setup(t, m)
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}

func TestViewMonoTheme(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	c := common.New(testStyles(themes.Mono()), clock)
	m := New(c, Options{Service: svc})
	m.SetSize(120, 14)
	drain(t, m, m.Init())
	press(t, m, "space")
	golden.RequireEqual(t, []byte(m.View()))
}

// No control character from a token name may reach the frame except the
// SGR colour sequences the view itself emits.
func TestViewSanitizesServerStrings(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	v := m.View()
	plain := ansi.Strip(v)
	for _, bad := range []string{"\x1b]", "\x07", "pwned\x07", "\x1b[2J"} {
		if strings.Contains(v, bad) {
			t.Fatalf("frame contains %q", bad)
		}
	}
	if !strings.Contains(plain, "evilname") || !strings.Contains(plain, "mallory") {
		t.Fatalf("sanitized names missing:\n%s", plain)
	}
}

// Every line of a frame fits the width, whatever the content.
func TestViewLinesFitWidth(t *testing.T) {
	for _, w := range []int{60, 80, 120, 200} {
		m := newTestModel(t, nil, Options{})
		m.SetSize(w, 20)
		for i, l := range strings.Split(m.View(), "\n") {
			if lw := ansi.StringWidth(l); lw > w {
				t.Fatalf("width %d: line %d is %d wide: %q", w, i, lw, ansi.Strip(l))
			}
		}
		if n := strings.Count(m.View(), "\n") + 1; n != 20 {
			t.Fatalf("width %d: %d lines, want 20", w, n)
		}
	}
}
