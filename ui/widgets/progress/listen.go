package progress

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
)

// BatchMsg is several run messages that were waiting at once, in order.
// A fast run (a local tenant) sends hundreds of events a second; handing
// them over together costs one update and one frame instead of one each.
type BatchMsg []tea.Msg

// maxBatch bounds a batch, so a long backlog still shows progress.
const maxBatch = 256

// Listen returns a Cmd that delivers the next message from ch (ItemMsg,
// WaitMsg, FinishedMsg — whatever the run goroutine sends), or nil once ch
// is closed. Messages already waiting behind it come along in a BatchMsg
// (the panel applies them in order). The parent issues Listen again after
// each message or batch it routes, the bubbletea "realtime" example
// pattern:
//
//	ch := make(chan tea.Msg, 256)
//	go func() {
//		defer close(ch)
//		sum := c.DeletePATs(ctx, ids, client.BulkOptions{}, func(e client.BulkEvent) {
//			if e.State.Final() { record(audit.DeleteEntry(now(), base, tokens[e.ID], e)) } // cancel on failure
//			ch <- progress.ItemMsg{Event: e}
//		})
//		ch <- progress.FinishedMsg{Summary: sum, AuditPath: pathIfWritten, Err: auditErr}
//	}()
//	return progress.Listen(ch)
//
// The client's OnWait must not block: forward it with p.Send or a
// non-blocking send to the same channel.
func Listen(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		switch msgs := common.Receive(ch, maxBatch); len(msgs) {
		case 0:
			return nil
		case 1:
			return msgs[0]
		default:
			return BatchMsg(msgs)
		}
	}
}
