package tokens_test

import (
	"bytes"
	"io"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/app"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/tokens"
)

// "delete" arriving in one read (fast typing over SSH, tmux send-keys)
// while the filter has focus is filter text: it reaches the input whole
// and never opens the delete dialog.
func TestFilterBurstDeleteIsText(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	svc := &slowService{started: make(chan struct{}), release: make(chan struct{})}
	svc.toks = []client.PersonalAccessToken{
		{ID: "x1", Name: "delete-me-later", Created: now.Add(-400 * 24 * time.Hour)},
		{ID: "x2", Name: "keep", Created: now.Add(-400 * 24 * time.Hour)},
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := common.New(themes.NewStyles(themes.Default(), r), func() time.Time { return now })
	tv := tokens.New(c, tokens.Options{Service: svc})
	tm := teatest.NewTestModel(t, app.New(c, app.Options{}, tv), teatest.WithInitialTermSize(120, 20))
	t.Cleanup(func() { _ = tm.Quit() })
	waitFor := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(3*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	waitFor("2 tokens")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("delete")})
	waitFor("1 match")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // keep the filter
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(3*time.Second)).(app.Model)
	if ids := fm.ModalIDs(); len(ids) != 0 {
		t.Fatalf("modals open: %v", ids)
	}
	if vis := tv.Visible(); len(vis) != 1 || vis[0] != "x1" {
		t.Fatalf("visible %v", vis)
	}
}
