package tokens_test

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/shell"
	"github.com/sailtui/sailtui/ui/views/tokens"
)

// "delete" arriving in one read (fast typing over SSH, tmux send-keys)
// while the filter has focus is filter text: it reaches the input whole
// and never opens the delete dialog.
func TestFilterBurstDeleteIsText(t *testing.T) {
	svc := &slowService{started: make(chan struct{}), release: make(chan struct{})}
	svc.toks = []client.PersonalAccessToken{
		{ID: "x1", Name: "delete-me-later", Created: programNow.Add(-400 * 24 * time.Hour)},
		{ID: "x2", Name: "keep", Created: programNow.Add(-400 * 24 * time.Hour)},
	}
	p := startProgram(t, tokens.Options{Service: svc}, 20)
	p.waitFor(t, "2 tokens")
	p.tm.Send(key("/"))
	p.tm.Send(key("delete"))
	p.waitFor(t, "1 match")
	p.tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // keep the filter
	if err := p.tm.Quit(); err != nil {
		t.Fatal(err)
	}
	fm := p.tm.FinalModel(t, teatest.WithFinalTimeout(3*time.Second)).(shell.Model)
	if ids := fm.ModalIDs(); len(ids) != 0 {
		t.Fatalf("modals open: %v", ids)
	}
	if vis := p.tv.Visible(); len(vis) != 1 || vis[0] != "x1" {
		t.Fatalf("visible %v", vis)
	}
}
