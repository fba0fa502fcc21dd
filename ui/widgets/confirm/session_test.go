package confirm

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// flat is the dialog's text without its frame and line wrapping.
func flat(view string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("┃", " ", "│", " ").Replace(ansi.Strip(view))), " ")
}

// The session's own token is never counted, never offered, and the dialog
// says why it is missing.
func TestSessionTokenAlwaysLeftOut(t *testing.T) {
	m := newDialog(Request{Count: 4, Session: 1, Managed: 1, Examples: names("a", "b")})
	if m.DeleteCount() != 2 {
		t.Fatalf("DeleteCount = %d, want 2", m.DeleteCount())
	}
	if got := flat(m.View()); !strings.Contains(got, "1 token is the one sailtui is signed in with; it is left out.") ||
		!strings.Contains(got, "Delete 2 tokens?") || strings.Contains(got, "more") {
		t.Fatalf("view:\n%s", got)
	}
	m, _ = send(t, m, runes("m")) // include managed: still not the session token
	if m.DeleteCount() != 3 {
		t.Fatalf("with managed: DeleteCount = %d, want 3", m.DeleteCount())
	}
	// "and N more" counts what will be deleted beyond the examples.
	if got := flat(m.View()); !strings.Contains(got, "and 1 more") {
		t.Fatalf("view:\n%s", got)
	}
	_, res := send(t, m, append(typeString("3"), keyEnter)...)
	if res == nil || !res.Confirmed || res.Count != 3 {
		t.Fatalf("result %+v", res)
	}
}

func TestOnlySessionAndManagedNothingToDelete(t *testing.T) {
	m := newDialog(Request{Count: 2, Session: 1, Managed: 1})
	if got := flat(m.View()); !strings.Contains(got, "Nothing to delete") || strings.Contains(got, "Delete 0") ||
		!strings.Contains(got, "Every other selected token is managed") {
		t.Fatalf("view:\n%s", got)
	}
	if _, res := send(t, m, keyRight, keyEnter); res == nil || res.Confirmed { // there is no Delete to reach
		t.Fatalf("result %+v", res)
	}
	// Bad input in Request is clamped: Session never exceeds Count.
	if n := newDialog(Request{Count: 1, Session: 5, Managed: 3}).DeleteCount(); n != 0 {
		t.Fatalf("clamped DeleteCount = %d", n)
	}
}

func TestViewSession(t *testing.T) {
	m := New(testCommon(termenv.ANSI256), Request{Count: 3, Session: 1, Examples: names("nightly-export", "grafana")})
	m.SetSize(100, 30)
	golden.RequireEqual(t, []byte(m.View()))
}
