package shell

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/detail"
)

// The refresh timer reaches every view while nothing runs and no dialog
// is open; never under a dialog; and not at all without --refresh.
func TestRefreshTimerAsksOnlyWhenIdle(t *testing.T) {
	got := func(v *stubView) int {
		n := 0
		for _, msg := range v.got {
			if r, ok := msg.(common.AutoRefreshMsg); ok && r.Every == 5*time.Minute {
				n++
			}
		}
		return n
	}
	a, b := newStub(), newStub()
	m := New(testCommon(), Options{RefreshEvery: 5 * time.Minute}, a, b)
	m.Init()
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	if m.freshInterval() != 30*time.Second {
		t.Fatalf("interval %s", m.freshInterval())
	}
	m, _ = update(m, freshTickMsg{})
	if got(a) != 1 || got(b) != 1 {
		t.Fatalf("idle: %d/%d", got(a), got(b))
	}
	m, _ = update(m, common.PushModalMsg{ID: detail.ID, Modal: detail.NewText(testCommon(), "x", []string{"y"})})
	m, _ = update(m, freshTickMsg{})
	if got(a) != 1 {
		t.Fatal("refreshed under a dialog")
	}
	c := newStub()
	off := New(testCommon(), Options{}, c)
	update(off, freshTickMsg{})
	if got(c) != 0 {
		t.Fatal("refreshed without --refresh")
	}
}
