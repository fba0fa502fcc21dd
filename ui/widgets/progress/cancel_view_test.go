package progress

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
)

// After a cancel the bar and the header say how much was done and how
// much was skipped: never a full bar and 100%.
func TestViewCancelledRun(t *testing.T) {
	m, clk := newPanel(t, termenv.Ascii, 50)
	for i := range 15 {
		m = apply(t, m, ev(m, i, client.ItemRunning, nil), ev(m, i, client.ItemDone, nil))
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	for i := 15; i < 50; i++ {
		m = apply(t, m, ev(m, i, client.ItemSkipped, nil))
	}
	clk.Advance(12 * time.Second)
	m = apply(t, m, FinishedMsg{Summary: client.BulkSummary{Done: 15, Skipped: 35, Elapsed: 12 * time.Second}})

	lines := strings.Split(ansi.Strip(m.View()), "\n")
	if !strings.HasSuffix(lines[0], "15 deleted · 35 skipped of 50 · 0:12") || strings.Contains(lines[0], "100%") {
		t.Fatalf("header: %q", lines[0])
	}
	g := m.Styles.Glyphs
	full, skip := strings.Count(lines[1], g.BarFull), strings.Count(lines[1], g.BarSkip)
	if full != 90*15/50 || full+skip != 90 {
		t.Fatalf("bar %q: %d full, %d skipped", lines[1], full, skip)
	}
	golden.RequireEqual(t, m.View())
}

// Mixed outcomes: the header counts everything that was attempted.
func TestTallyMixedOutcomes(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 12)
	m = midRun(t, m) // 4 deleted, 1 gone, 2 failed, 2 running, 3 queued
	if got := m.tally(); got != "7/12 · 58%" {
		t.Fatalf("running: %q", got)
	}
	m = apply(t, m, ev(m, 7, client.ItemDone, nil), ev(m, 8, client.ItemDone, nil),
		ev(m, 9, client.ItemSkipped, nil), ev(m, 10, client.ItemSkipped, nil), ev(m, 11, client.ItemSkipped, nil))
	if got := m.tally(); got != "9 processed · 3 skipped of 12" {
		t.Fatalf("after cancel: %q", got)
	}
}
