package tokens

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/list/filterbox"
)

func TestMatchCount(t *testing.T) {
	for n, want := range map[int]string{0: "no matches", 1: "1 match", 2: "2 matches", 25: "25 matches"} {
		if got := filterbox.MatchCount(n); got != want {
			t.Errorf("MatchCount(%d) = %q, want %q", n, got, want)
		}
	}
}

// The filter line counts in English, while typing and once applied.
func TestFilterLineCount(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "/")
	for _, c := range []struct{ text, want string }{
		{"zzz", " no matches"},
		{"expired-one", " 1 match"},
		{"ali", " 3 matches"},
	} {
		press(t, m, "esc", "/")
		typeText(t, m, c.text)
		if line := ansi.Strip(m.filterLine()); !strings.HasSuffix(strings.TrimRight(line, " "), c.want) {
			t.Errorf("%q: filter line %q, want it to end in %q", c.text, line, c.want)
		}
	}
	press(t, m, "enter")
	if line := ansi.Strip(m.filterLine()); !strings.Contains(line, " 3 matches  (/ edit") {
		t.Errorf("applied: %q", line)
	}
}

// When the filter hides the cursor's row, the cursor goes to the first
// match, not the last.
func TestFilterHidingTheCursorRowGoesToTheFirstMatch(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "G")
	last := m.Visible()[len(m.Visible())-1]
	if m.selected().Tok.ID != last {
		t.Fatalf("G: cursor on %s", m.selected().Tok.ID)
	}
	press(t, m, "/")
	typeText(t, m, "never")
	vis := m.Visible()
	if len(vis) < 2 || slices.Contains(vis, last) {
		t.Fatalf("the filter should hide %s and keep several rows: %v", last, vis)
	}
	if m.rows.Cursor() != 0 || m.selected().Tok.ID != vis[0] {
		t.Fatalf("cursor %d on %s, want 0 on %s", m.rows.Cursor(), m.selected().Tok.ID, vis[0])
	}

	// A row still visible keeps the cursor while the terms stay the same
	// (a space typed before the next word).
	press(t, m, "down")
	keep := m.selected().Tok.ID
	typeText(t, m, " ")
	if m.rows.Cursor() != 1 || m.selected().Tok.ID != keep {
		t.Fatalf("cursor %d left %s, still visible", m.rows.Cursor(), keep)
	}

	// stale-only hiding the cursor's row also goes to the first match.
	m = newTestModel(t, nil, Options{})
	press(t, m, "G") // t1, used yesterday: not stale
	press(t, m, "s")
	if m.rows.Cursor() != 0 || m.selected().Tok.ID != m.Visible()[0] {
		t.Fatalf("stale only: cursor %d on %s, want the first match %s", m.rows.Cursor(), m.selected().Tok.ID, m.Visible()[0])
	}
}

// A refresh that removes the cursor's row (it was deleted) leaves the
// cursor in place, on the row that followed it.
func TestRefreshRemovingTheCursorRowKeepsItsPlace(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{})
	press(t, m, "down", "down")
	gone := m.selected().Tok.ID
	next := m.Visible()[3]
	svc.toks = slices.DeleteFunc(svc.toks, func(tk client.PersonalAccessToken) bool { return tk.ID == gone })
	press(t, m, "r")
	if m.rows.Cursor() != 2 || m.selected().Tok.ID != next {
		t.Fatalf("cursor %d on %s, want 2 on %s", m.rows.Cursor(), m.selected().Tok.ID, next)
	}
}
