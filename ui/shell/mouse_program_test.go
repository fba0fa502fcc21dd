package shell_test

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client/sandbox"
)

// Mouse events through the whole program against the sandbox: the wheel
// moves the cursor, a click selects a row, a second click opens its
// details.
func TestProgramMouse(t *testing.T) {
	h := start(t, sandbox.Options{Seed: 3, Tokens: 40})
	h.waitFor(t, " tokens ·", 5*time.Second)
	h.tm.Send(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown, X: 5, Y: 10})
	h.waitFor(t, "· 4/", 3*time.Second) // three rows down from the first
	// Row 9 of the screen: the status bar, the info line, the titles,
	// then the rows: the seventh row.
	h.tm.Send(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonLeft, X: 5, Y: 9})
	h.waitFor(t, "· 7/", 3*time.Second)
	h.tm.Send(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonLeft, X: 5, Y: 9})
	h.waitFor(t, "Token →", 3*time.Second)
	h.finish(t)
	if v := ansi.Strip(h.tokens.View()); !strings.Contains(v, "· 7/") {
		t.Fatalf("the click moved the cursor:\n%s", v)
	}
}
