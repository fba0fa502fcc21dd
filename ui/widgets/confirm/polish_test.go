package confirm

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// Names repeat across owners, so each example names its owner too:
// "Backup job — Ada Lovelace". Both are sanitized; a long pair is cut so
// the owner still shows.
func TestViewExamplesWithOwners(t *testing.T) {
	m := New(testCommon(termenv.ANSI256), Request{Count: 6, Managed: 1,
		Examples: []Example{
			{Name: "Backup job", Owner: "Ada Lovelace"},
			{Name: "Backup job", Owner: "Grace\x1b[31m Hopper"},
			{Name: "a-very-long-token-name-that-keeps-going-and-going-past-the-edge", Owner: "Katherine Johnson of Flight Research"},
		},
		ManagedExamples: []Example{{Name: "Workflow: sync", Owner: "system"}},
	})
	m.SetSize(80, 24)
	v := flat(m.View())
	for _, want := range []string{"• Backup job — Ada Lovelace", "• Backup job — Grace Hopper", "— Katherine"} {
		if !strings.Contains(v, want) {
			t.Errorf("lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(m.View(), "\x1b[31m Hopper") {
		t.Fatal("owner not sanitized")
	}
	golden.RequireEqual(t, []byte(m.View()))
}

func TestExampleText(t *testing.T) {
	for _, c := range []struct {
		e    Example
		w    int
		want string
	}{
		{Example{"Backup job", "Ada Lovelace"}, 40, "Backup job — Ada Lovelace"},
		{Example{"Backup job", ""}, 40, "Backup job"},
		{Example{"", "Ada"}, 40, "(no name) — Ada"},
		// Too long: the owner keeps a third of the room, the name the rest.
		{Example{"a-very-long-token-name", "Katherine Johnson"}, 24, "a-very-long-t… — Kather…"},
		// A short name leaves the owner more than a third.
		{Example{"ci", "Katherine Johnson of Flight Research"}, 24, "ci — Katherine Johnson…"},
		// No room for both: the name alone.
		{Example{"Backup job", "Ada Lovelace"}, 9, "Backup j…"},
	} {
		got := exampleText(c.e, c.w, "…")
		if got != c.want {
			t.Errorf("exampleText(%+v, %d) = %q, want %q", c.e, c.w, got, c.want)
		}
		if w := len([]rune(got)); w > c.w {
			t.Errorf("%q is %d wide, more than %d", got, w, c.w)
		}
	}
}

// The filter note says how many of the selection it hides, in English.
func TestHiddenNote(t *testing.T) {
	for _, c := range []struct {
		count, hidden int
		want          string
	}{
		{1, 1, "The 1 selected token is hidden by the current filter."},
		{3, 3, "All 3 selected tokens are hidden by the current filter."},
		{5, 1, "1 of the 5 selected is hidden by the current filter."},
		{12, 3, "3 of the 12 selected are hidden by the current filter."},
	} {
		m := newDialog(Request{Count: c.count, Hidden: c.hidden})
		if got := m.hiddenNote(); got != c.want {
			t.Errorf("%d of %d: %q, want %q", c.hidden, c.count, got, c.want)
		}
		if v := flat(m.View()); !strings.Contains(v, c.want) {
			t.Errorf("%d of %d: view lacks the note:\n%s", c.hidden, c.count, v)
		}
	}
}

func TestViewHiddenSingle(t *testing.T) {
	m := New(testCommon(termenv.ANSI256), Request{Count: 1, Hidden: 1, Examples: []Example{{Name: "old-laptop", Owner: "Ada Lovelace"}}})
	m.SetSize(80, 24)
	golden.RequireEqual(t, []byte(m.View()))
}

// Nothing to delete: no "Delete 0" button, and the reason in its place.
func TestViewNothingToDelete(t *testing.T) {
	m := New(testCommon(termenv.ANSI256), Request{Count: 2, Managed: 2,
		ManagedExamples: []Example{{Name: "Workflow: sync", Owner: "system"}}})
	m.SetSize(80, 24)
	golden.RequireEqual(t, []byte(m.View()))
}

// On a short screen the notes close up by whole notes: none is shown
// from its middle, and the choice to include stays.
func TestShortScreenCutsWholeNotes(t *testing.T) {
	ex := make([]Example, 20)
	for i := range ex {
		ex[i] = Example{Name: "client", Owner: "id"}
	}
	m := New(testCommon(termenv.ANSI256), Request{Count: 25, Session: 1, Managed: 4, Hidden: 3, Examples: ex, Noun: "API client",
		Special: "internal", SpecialWhy: "used inside the product itself", Verb: "Disable",
		Details: []string{"sent per client: a patch long enough to wrap over the dialog's lines twice over, at least"}})
	m.SetSize(78, 19)
	v := ansi.Strip(m.View())
	if strings.Contains(v, "product itself).") && !strings.Contains(v, "internal API clients are left out") {
		t.Fatalf("a note shown from its middle:\n%s", v)
	}
	if !strings.Contains(v, "Include the internal API clients (m)") {
		t.Fatalf("the choice is gone:\n%s", v)
	}
}
