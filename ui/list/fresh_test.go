package list

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/table"
)

// The title says when the list was read; a failed refresh says it is out
// of date until a read succeeds; the timer lists again only when due and
// not while its refresh is under way.
func TestFreshnessAndTimerRefresh(t *testing.T) {
	refreshes := 0
	d := def()
	d.Refresh = func() tea.Cmd { refreshes++; return nil }
	l := New(commontest.Common(termenv.Ascii, func() time.Time { return time.Unix(0, 0) }), d, table.Sort{})
	l.SetSize(60, 10)
	run(t, l, l.SetItems(fixture()))
	now := time.Unix(0, 0)
	timer := func() {
		if _, ok := l.HandleMsg(common.AutoRefreshMsg{Every: 5 * time.Minute}); !ok {
			t.Fatal("the list did not take the timer's message")
		}
	}

	timer()
	if refreshes != 0 {
		t.Fatal("a list never read whole was refreshed by the timer")
	}
	l.SetRead(now.Add(-3 * time.Minute))
	if label := ansi.Strip(l.SortLabel("")); !strings.HasPrefix(label, "read 3m ago") {
		t.Fatalf("label %q", label)
	}
	timer()
	if refreshes != 0 {
		t.Fatal("refreshed before it was due")
	}
	l.SetRead(now.Add(-6 * time.Minute))
	timer()
	timer() // its refresh is under way: not again
	if refreshes != 1 {
		t.Fatalf("%d refreshes when due, want 1", refreshes)
	}
	l.SetOutdated("503 Service Unavailable")
	if label := ansi.Strip(l.SortLabel("")); !strings.Contains(label, "out of date (r refreshes)") {
		t.Fatalf("label after a failed refresh %q", label)
	}
	timer() // a failed refresh may be tried again at the next tick
	if refreshes != 2 {
		t.Fatalf("%d refreshes after a failure, want 2", refreshes)
	}
	l.SetRead(now)
	if label := ansi.Strip(l.SortLabel("")); !strings.HasPrefix(label, "read just now") {
		t.Fatalf("label after a read %q", label)
	}
}

// The timer takes Reload when the view has one (less than r does).
func TestTimerPrefersReload(t *testing.T) {
	refreshes, reloads := 0, 0
	d := def()
	d.Refresh = func() tea.Cmd { refreshes++; return nil }
	d.Reload = func() tea.Cmd { reloads++; return nil }
	l := New(commontest.Common(termenv.Ascii, func() time.Time { return time.Unix(0, 0) }), d, table.Sort{})
	l.SetRead(time.Unix(0, 0).Add(-time.Hour))
	l.HandleMsg(common.AutoRefreshMsg{Every: time.Minute})
	if refreshes != 0 || reloads != 1 {
		t.Fatalf("refreshes %d, reloads %d", refreshes, reloads)
	}
}
