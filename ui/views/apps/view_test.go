package apps

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common/commontest"
)

// TestView snapshots the list at several widths and states. Run with
// -update to rewrite testdata.
func TestView(t *testing.T) {
	cases := []struct {
		name  string
		w, h  int
		setup func(t *testing.T, m *Model)
	}{
		{"wide", 120, 12, func(*testing.T, *Model) {}},
		{"standard_80", 80, 12, func(*testing.T, *Model) {}},
		{"narrow_60", 60, 12, func(*testing.T, *Model) {}},
		{"marked_sorted_modified_desc", 120, 12, func(t *testing.T, m *Model) { press(t, m, "space", "space", "9", "9") }},
		{"filter_typing", 120, 12, func(t *testing.T, m *Model) { press(t, m, "/"); typeText(t, m, "ada") }},
		{"filter_no_match", 100, 10, func(t *testing.T, m *Model) { press(t, m, "/"); typeText(t, m, "zzz"); press(t, m, "enter") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newTestModel(t, nil, Options{})
			m.SetSize(c.w, c.h)
			c.setup(t, m)
			v := m.View()
			for i, line := range strings.Split(v, "\n") {
				if w := ansi.StringWidth(line); w > c.w {
					t.Fatalf("line %d is %d wide, screen %d: %q", i, w, c.w, line)
				}
			}
			if strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\x07") {
				t.Fatal("a control sequence from an app name reached the frame")
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// While pages arrive the title counts them, never claiming the list
// whole; an error mid-way says the list is incomplete.
func TestLoadedLabel(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	m.loading, m.total = &loadRun{}, 9800
	m.rows.Reset()
	m.rows.Append(many(1250))
	if got := m.loadedLabel(); got != "1,250 of 9,800 loaded" {
		t.Fatalf("loading: %q", got)
	}
	m.loading, m.loadErr = nil, errTest
	if got := m.loadedLabel(); got != "only 1,250 of 9,800 (r: retry)" {
		t.Fatalf("failed: %q", got)
	}
	if thousands(1234567) != "1,234,567" || thousands(999) != "999" {
		t.Fatal("thousands")
	}
}

// In colour: disabled rows dimmed, marked rows in the mark colour, the
// cursor row reversed; pinned to 256 colours on a dark background.
func TestViewColour(t *testing.T) {
	m := New(commontest.Common(termenv.ANSI256, clock), Options{Service: &fakeService{apps: fixture()}})
	m.SetSize(120, 10)
	drain(t, m, m.Init())
	press(t, m, "down", "space")
	golden.RequireEqual(t, []byte(m.View()))
}
