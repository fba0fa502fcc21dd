package secret

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// At the smallest sizes the shell accepts (60×12 and 60×15, less its
// three bars), the whole secret, the answer to the last key and the key
// hint stay on screen: the warning after ctrl+c and the copy
// confirmation must be seen to mean anything.
func TestFitsSmallScreens(t *testing.T) {
	for _, h := range []int{9, 12} {
		m := tmuxModal(&bytes.Buffer{})
		m.SetSize(60, h)
		check := func(state string, want ...string) {
			t.Helper()
			v := m.View()
			if got := lipgloss.Height(v); got > h {
				t.Errorf("60×%d %s: %d rows", h+3, state, got)
			}
			if !strings.Contains(strings.ReplaceAll(flat(v), " ", ""), theSecret) {
				t.Errorf("60×%d %s: the secret is cut:\n%s", h+3, state, v)
			}
			for _, w := range append(want, "enter close") {
				if !strings.Contains(flat(v), w) {
					t.Errorf("60×%d %s: %q off-screen:\n%s", h+3, state, w, v)
				}
			}
		}
		check("fresh", "Client secret")
		m, _ = m.Interrupt()
		check("after ctrl+c", "The secret will not be shown again — press ctrl+c")
		m = copyVia(t, m, runeKey("c"))
		check("after copy", "Secret sent to your terminal's clipboard (OSC52)")
	}
}

// Too long to indent, the secret starts on the row after its label, not
// after a blank row left by the indent.
func TestLongSecretWrapsWithoutABlankRow(t *testing.T) {
	m := newModal(termenv.Ascii, &bytes.Buffer{})
	m.SetSize(60, 40)
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	for i, l := range lines {
		if strings.Contains(l, "Client secret") {
			if next := strings.Trim(lines[i+1], "│┃ "); !strings.HasPrefix(theSecret, next) || next == "" {
				t.Fatalf("row after the label: %q", lines[i+1])
			}
			return
		}
	}
	t.Fatal("no secret label")
}

// 60×15 after the first ctrl+c: the compact layout.
func TestViewAt60x15(t *testing.T) {
	m := newModal(termenv.ANSI256, &bytes.Buffer{})
	m.SetSize(60, 12)
	m, _ = m.Interrupt()
	golden.RequireEqual(t, m.View())
}
