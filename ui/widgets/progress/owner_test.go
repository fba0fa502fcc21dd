package progress

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

// ownedPanel: the same name under several owners, wide and hostile owner
// names among them.
func ownedPanel(t testing.TB, profile termenv.Profile) Model {
	t.Helper()
	c := commontest.Common(profile, func() time.Time { return t0 })
	items := []Item{
		{ID: "b1", Name: "Backup job", Owner: "Ada Lovelace"},
		{ID: "b2", Name: "Backup job", Owner: "田中 太郎"},
		{ID: "b3", Name: "Backup job", Owner: "Mallory\x1b]0;owned\x07 Evil\x1b[2J"},
		{ID: "b4", Name: "Backup job", Owner: "José Álvarez-Núñez, Head of an Extremely Long Department Name"},
		{ID: "n1", Name: "Nightly export", Owner: ""},
	}
	m := New(c, "Deleting 5 tokens", items)
	m.SetSize(90, 14)
	return apply(t.(*testing.T), m,
		ItemMsg{Event: client.BulkEvent{Index: 0, ID: "b1", State: client.ItemDone}},
		ItemMsg{Event: client.BulkEvent{Index: 1, ID: "b2", State: client.ItemRunning}})
}

func TestRowsShowTheOwnerAligned(t *testing.T) {
	m := ownedPanel(t, termenv.Ascii)
	plain := ansi.Strip(m.View())
	if strings.ContainsAny(plain, "\x1b\x07") {
		t.Fatal("control characters reached the view")
	}
	col := -1
	rows := 0
	for _, l := range strings.Split(plain, "\n") {
		if !strings.Contains(l, "Backup job") && !strings.Contains(l, "Nightly export") {
			continue
		}
		rows++
		// The state column starts at the same cell on every row.
		i := strings.Index(l, "deleted")
		for _, s := range []string{"deleting", "queued"} {
			if j := strings.Index(l, s); j >= 0 {
				i = j
			}
		}
		at := ansi.StringWidth(l[:i])
		if col >= 0 && at != col {
			t.Errorf("state at cell %d, want %d: %q", at, col, l)
		}
		col = at
	}
	if rows != 5 {
		t.Fatalf("%d rows:\n%s", rows, plain)
	}
	for _, want := range []string{"Ada Lovelace", "田中 太郎", "Mallory Evil", "José Álvarez-Núñez, H…"} {
		if !strings.Contains(plain, want) {
			t.Errorf("owner %q missing:\n%s", want, plain)
		}
	}
}

func TestViewOwners(t *testing.T) {
	golden.RequireEqual(t, ownedPanel(t, termenv.ANSI256).View())
}
