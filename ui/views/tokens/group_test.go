package tokens

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// O groups by owner: one header per owner, most stale first, with the
// counts; ← folds the cursor's group, → unfolds it; a on a header marks
// that owner's stale tokens only; the filter still applies inside groups.
func TestGroupByOwner(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "O")
	var headers []string
	for pos := range m.rows.Result().Entries {
		if g := m.rows.EntryGroup(pos); g != nil {
			headers = append(headers, g.Label)
		}
	}
	if len(headers) != 7 || len(m.rows.Result().Entries) != len(fixture())+7 {
		t.Fatalf("headers %v, %d entries", headers, len(m.rows.Result().Entries))
	}
	golden.RequireEqual(t, []byte(m.View()))

	// Find bob's header (one stale token, t2): fold it, unfold it.
	pos := slices.IndexFunc(m.rows.Result().Entries, func(e int32) bool { return e < 0 && m.rows.Result().Groups[-e-1].Label == "bob" })
	m.rows.MoveTo(pos)
	press(t, m, "left")
	if g := m.rows.EntryGroup(m.rows.Cursor()); g == nil || g.Label != "bob" || !g.Collapsed || len(m.rows.Result().Entries) != len(fixture())+7-1 {
		t.Fatalf("fold: cursor on %v, %d entries", g, len(m.rows.Result().Entries))
	}
	if v := ansi.Strip(m.View()); strings.Contains(v, "old-report") || !strings.Contains(v, "▸ bob  1 token · 1 stale") {
		t.Fatalf("folded view:\n%s", v)
	}
	press(t, m, "a")
	if got := m.Marked(); len(got) != 1 || got[0] != "t2" {
		t.Fatalf("a on bob's header marked %v", got)
	}
	press(t, m, "right")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "old-report") || !strings.Contains(v, "1 marked") {
		t.Fatalf("unfolded view:\n%s", v)
	}

	// The filter applies inside groups: only matching owners keep a header.
	press(t, m, "/")
	typeText(t, m, "deploy")
	press(t, m, "enter")
	if n := len(m.rows.Result().Groups); n != 1 || m.rows.Result().Groups[0].Label != "alice" {
		t.Fatalf("groups after the filter: %+v", m.rows.Result().Groups)
	}
	// O again: a flat list.
	press(t, m, "O")
	if len(m.rows.Result().Entries) != len(m.rows.Result().Visible) {
		t.Fatal("headers left after ungrouping")
	}
}
