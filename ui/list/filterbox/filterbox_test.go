package filterbox

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common/commontest"
)

func TestTypeKeepClearMove(t *testing.T) {
	c := commontest.Common(termenv.Ascii, time.Now)
	m := New(c, "search")
	m.Focus()
	if ev, _ := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ab")}); ev != Changed || m.Value() != "ab" {
		t.Fatalf("typing: %v %q", ev, m.Value())
	}
	if ev, _ := m.Update(tea.KeyMsg{Type: tea.KeyDown}); ev != Move || !m.Focused() {
		t.Fatal("arrow")
	}
	if ev, _ := m.Update(tea.KeyMsg{Type: tea.KeyEnter}); ev != Kept || m.Focused() || m.Value() != "ab" || !m.Shown() {
		t.Fatal("enter")
	}
	if got := ansi.Strip(m.View(c, 3, 80)); got != "/ ab 3 matches  (/ edit · esc clear)" {
		t.Fatalf("line %q", got)
	}
	m.Focus()
	if ev, _ := m.Update(tea.KeyMsg{Type: tea.KeyEsc}); ev != Cleared || m.Value() != "" || m.Shown() {
		t.Fatal("esc")
	}
	if MatchCount(1) != "1 match" || MatchCount(0) != "no matches" {
		t.Fatal("count")
	}
}
