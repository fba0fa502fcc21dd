package progress

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common/commontest"
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

// A panel takes only its own run's events: another run's (another view's
// panel is on the stack too) leave its rows alone.
func TestPanelTakesOnlyItsRunsEvents(t *testing.T) {
	m := NewWith(commontest.Common(termenv.Ascii, time.Now), "Deleting 1 token", []Item{{ID: "a", Name: "A"}}, Verbs{}).For("tokens.progress#1")
	m, _ = m.Update(BatchMsg{ItemMsg{Run: "apps.progress#1", Event: client.BulkEvent{ID: "a", State: client.ItemDone}}})
	m, _ = m.Update(FinishedMsg{Run: "apps.progress#1"})
	if m.Finished() || m.counts[client.ItemDone] != 0 {
		t.Fatal("another run's events were applied")
	}
	m, _ = m.Update(ItemMsg{Run: "tokens.progress#1", Event: client.BulkEvent{ID: "a", State: client.ItemDone}})
	if m.counts[client.ItemDone] != 1 {
		t.Fatal("its own event was not applied")
	}
}
