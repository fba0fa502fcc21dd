package detail

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func model() *Model { return modelWith(Info{Stale: true, StaleText: "stale: expired 2d ago"}) }

func modelWith(info Info) *Model {
	c := commontest.Common(termenv.ANSI256, func() time.Time { return now })
	used := now.Add(-200 * 24 * time.Hour)
	exp := now.Add(-48 * time.Hour)
	tok := client.PersonalAccessToken{
		ID: "2c9180835d2e5168015d32f890ca1581", Name: "old\x1b[31m-report", Managed: true,
		Owner:   client.PatOwner{Type: "IDENTITY", ID: "id-bob", Name: "Bob \x1b]0;t\x07Builder"},
		Scope:   []string{"sp:scopes:default", "idn:sources:read", "idn:identity:read"},
		Created: now.Add(-500 * 24 * time.Hour), LastUsed: &used, ExpirationDate: &exp, AccessTokenValiditySeconds: 3600,
	}
	m := New(c, tok, info)
	m.SetSize(110, 30)
	return m
}

func TestView(t *testing.T) {
	golden.RequireEqual(t, []byte(model().View()))
}

func TestEveryFieldSanitizedAndCloses(t *testing.T) {
	m := model()
	plain := ansi.Strip(m.View())
	for _, want := range []string{"old-report", "Bob Builder", "2c9180835d2e5168015d32f890ca1581", "idn:identity:read",
		"2025-01-17 12:00:00 UTC", "(6mo ago)", "expired", "3600 s (1h)", "⚙ yes", "⚠ stale: expired 2d ago"} {
		if !strings.Contains(plain, want) {
			t.Errorf("detail lacks %q", want)
		}
	}
	if strings.Contains(m.View(), "\x07") {
		t.Fatal("control character reached the view")
	}
	cmd := m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if pop, ok := cmd().(common.PopModalMsg); !ok || pop.ID != ID {
		t.Fatalf("esc → %#v", cmd())
	}
}

// The session's own token says so; a token that is not stale says why not.
func TestViewSessionNotStale(t *testing.T) {
	m := modelWith(Info{StaleText: "not stale: never used, created 3d ago (threshold 90d)", Session: true})
	plain := ansi.Strip(m.View())
	for _, want := range []string{"◆ sailtui is signed in with this token", "not stale: never used, created 3d ago (threshold 90d)"} {
		if !strings.Contains(plain, want) {
			t.Errorf("detail lacks %q:\n%s", want, plain)
		}
	}
	if strings.Contains(plain, "⚠") {
		t.Error("a token that is not stale shows the stale glyph")
	}
	if strings.Contains(ansi.Strip(model().View()), "signed in with") {
		t.Error("another token claims to be the session's")
	}
	golden.RequireEqual(t, []byte(m.View()))
}

// A long name is wrapped under its label, every character readable.
func TestLongNameWraps(t *testing.T) {
	m := model()
	long := strings.Repeat("nightly-export-", 14) + "end" // 213 characters
	m.tok.Name = long
	m.SetSize(100, 40)
	plain := ansi.Strip(m.View())
	var got strings.Builder
	for _, l := range strings.Split(plain, "\n") {
		l = strings.Trim(l, "│ ")
		if strings.HasPrefix(l, "Name") || (got.Len() > 0 && got.Len() < len(long) && !strings.HasPrefix(l, "ID")) {
			got.WriteString(strings.TrimSpace(strings.TrimPrefix(l, "Name")))
		}
	}
	if got.String() != long {
		t.Fatalf("name read back as %q\n%s", got.String(), plain)
	}
}

// At 80 columns a long name wraps between words, never inside one.
func TestLongNameWrapsAtWords(t *testing.T) {
	m := model()
	m.tok.Name = "Quarterly compliance evidence export for the external auditors of the finance department in Europe"
	m.SetSize(80, 30)
	plain := ansi.Strip(m.View())
	for _, w := range strings.Fields(m.tok.Name) {
		if !strings.Contains(plain, w) {
			t.Fatalf("%q cut in two:\n%s", w, plain)
		}
	}
}
