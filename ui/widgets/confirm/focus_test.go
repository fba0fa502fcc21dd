package confirm

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// In plain text (Ascii profile: no colour, no reverse video) the focused
// button is still told apart: it is bracketed, and moving the focus moves
// the brackets, not the buttons.
func TestViewFocusVisibleWithoutColour(t *testing.T) {
	m := newDialog(Request{Count: 2, Examples: names("ci-bot", "old-laptop")})
	cancelFocused := buttonsLine(t, m.View())
	if !strings.Contains(cancelFocused, "[ Cancel ]") || strings.Contains(cancelFocused, "[ Delete") {
		t.Fatalf("Cancel focused: %q", cancelFocused)
	}
	m, _ = send(t, m, keyTab)
	deleteFocused := buttonsLine(t, m.View())
	if !strings.Contains(deleteFocused, "[ Delete 2 ]") || strings.Contains(deleteFocused, "[ Cancel") {
		t.Fatalf("Delete focused: %q", deleteFocused)
	}
	if len(cancelFocused) != len(deleteFocused) ||
		strings.Index(cancelFocused, "Cancel") != strings.Index(deleteFocused, "Cancel") {
		t.Fatalf("buttons moved:\n%q\n%q", cancelFocused, deleteFocused)
	}
	golden.RequireEqual(t, m.View())
}

func buttonsLine(t *testing.T, v string) string {
	t.Helper()
	for _, l := range strings.Split(v, "\n") {
		if strings.Contains(l, "Cancel") && strings.Contains(l, "Delete") {
			return l
		}
	}
	t.Fatalf("no buttons in\n%s", v)
	return ""
}

// Every focus stop (count input, managed checkbox, Cancel, Delete) is
// marked in plain text, and only one at a time.
func TestEveryFocusStopIsMarked(t *testing.T) {
	m := newDialog(Request{Count: 6, Managed: 1, Examples: names("a", "b")})
	seen := map[element]bool{}
	for range 8 {
		v := m.View()
		marks := strings.Count(v, "› ") + strings.Count(v, "[ Cancel ]") + strings.Count(v, "[ Delete")
		if marks != 1 {
			t.Fatalf("focus %v: %d focus marks in\n%s", m.focus, marks, v)
		}
		seen[m.focus] = true
		m, _ = send(t, m, keyTab)
	}
	if len(seen) != 4 {
		t.Fatalf("focus stops visited: %v", seen)
	}
}
