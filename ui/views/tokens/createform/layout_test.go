package createform

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common/commontest"
)

// sizedForm is the form as the shell sizes it on a w×h terminal: the
// status bar, toast line and help bar take three rows.
func sizedForm(profile termenv.Profile, w, h int) Model {
	m := New(commontest.Common(profile, func() time.Time { return now }), Options{NeverExpiring: true})
	m.SetSize(w, h-3)
	return m
}

// At every size the shell accepts, tabbing through the form shows each
// field and the Create button in turn, the form never outgrows its area,
// and a marker says when there is more above or below.
func TestEveryFieldReachableOnSmallScreens(t *testing.T) {
	focusLabels := []string{"Name", "Scopes", "Access-token validity", "Expires on", "[ Create ]"}
	for _, size := range [][2]int{{60, 12}, {60, 15}, {80, 18}, {60, 24}} {
		m := sizedForm(termenv.Ascii, size[0], size[1])
		for i, want := range focusLabels {
			v := ansi.Strip(m.View())
			if h := lipgloss.Height(v); h > m.Height {
				t.Errorf("%v focus %d: %d rows for %d", size, i, h, m.Height)
			}
			if !strings.Contains(v, want) {
				t.Errorf("%v: focus on %q, which is off-screen:\n%s", size, want, v)
			}
			if i == 0 && strings.Contains(v, "more above") {
				t.Errorf("%v: a marker above the first field:\n%s", size, v)
			}
			if !strings.Contains(v, "esc cancel") {
				t.Errorf("%v: the key hint is cut off:\n%s", size, v)
			}
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyTab})
		}
	}
}

// When the form scrolls, the rows left out are announced.
func TestScrollMarkers(t *testing.T) {
	m := sizedForm(termenv.Ascii, 60, 15)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "more below") || strings.Contains(v, "more above") {
		t.Fatalf("first field:\n%s", v)
	}
	m, _ = press(m, kmsg(tea.KeyShiftTab)) // to the Create button
	if v := ansi.Strip(m.View()); !strings.Contains(v, "more above") || strings.Contains(v, "more below") {
		t.Fatalf("Create button:\n%s", v)
	}
}

// The warnings and the server's verdict stay in sight in the compact
// layout, whatever is focused.
func TestCompactKeepsWarningAndServerErrorInSight(t *testing.T) {
	m := typeText(sizedForm(termenv.Ascii, 60, 12), "abc")
	m, _ = press(m, kmsg(tea.KeyEsc))
	if v := flat(m.View()); !strings.Contains(v, "press esc again to discard") {
		t.Fatalf("warning cut off:\n%s", v)
	}
	// The longer ctrl+c warning wraps; the form still fits.
	for range 4 {
		m, _ = press(m, kmsg(tea.KeyTab))
	}
	m = m.Interrupt()
	if v := flat(m.View()); !strings.Contains(v, "press ctrl+c again to quit") || lipgloss.Height(m.View()) > m.Height {
		t.Fatalf("%d rows for %d:\n%s", lipgloss.Height(m.View()), m.Height, m.View())
	}
	m, _ = press(m, kmsg(tea.KeyCtrlS))
	m, _ = m.Update(ServerErrorMsg{Err: errTest("duplicate name")})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Could not create the token") {
		t.Fatalf("server error out of sight:\n%s", v)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

// 60×15: the compact layout, focus on the expiry field.
func TestViewAt60x15(t *testing.T) {
	m := sizedForm(termenv.ANSI256, 60, 15)
	m, _ = press(m, kmsg(tea.KeyShiftTab), kmsg(tea.KeyShiftTab))
	golden.RequireEqual(t, m.View())
}

// 120×40: the full layout.
func TestViewAt120x40(t *testing.T) {
	m := sizedForm(termenv.ANSI256, 120, 40)
	golden.RequireEqual(t, m.View())
}
