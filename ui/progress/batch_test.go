package progress

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
)

// Events already waiting arrive together, in order, and the panel applies
// them as if they came one by one.
func TestListenBatchesWaitingMessages(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 3)
	ch := make(chan tea.Msg, 8)
	for i := range 3 {
		ch <- ev(m, i, client.ItemRunning, nil)
		ch <- ev(m, i, client.ItemDone, nil)
	}
	ch <- FinishedMsg{Summary: client.BulkSummary{Done: 3}}
	close(ch)
	msg := Listen(ch)()
	batch, ok := msg.(BatchMsg)
	if !ok || len(batch) != 7 {
		t.Fatalf("got %#v", msg)
	}
	if _, ok := batch[6].(FinishedMsg); !ok {
		t.Fatalf("order lost: %#v", batch[6])
	}
	m, _ = m.Update(batch)
	if m.Count(client.ItemDone) != 3 || !m.Finished() {
		t.Fatalf("done %d finished %v", m.Count(client.ItemDone), m.Finished())
	}
	if Listen(ch)() != nil {
		t.Fatal("closed channel gave a message")
	}
	// A batch never exceeds maxBatch, so a backlog still shows progress.
	big := make(chan tea.Msg, maxBatch+10)
	for range maxBatch + 10 {
		big <- WaitMsg{}
	}
	if b := Listen(big)().(BatchMsg); len(b) != maxBatch {
		t.Fatalf("batch of %d", len(b))
	}
}
