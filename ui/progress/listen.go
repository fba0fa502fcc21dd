package progress

import tea "github.com/charmbracelet/bubbletea"

// Listen returns a Cmd that delivers the next message from ch (ItemMsg,
// WaitMsg, FinishedMsg — whatever the run goroutine sends), or nil once ch
// is closed. The parent issues it again after each message it routes, the
// bubbletea "realtime" example pattern:
//
//	ch := make(chan tea.Msg, 256)
//	go func() {
//		defer close(ch)
//		sum := c.DeletePATs(ctx, ids, client.BulkOptions{}, func(e client.BulkEvent) {
//			if e.State.Final() { _ = auditLog.Append(audit.DeleteEntry(now(), base, tokens[e.ID], e)) }
//			ch <- progress.ItemMsg{Event: e}
//		})
//		ch <- progress.FinishedMsg{Summary: sum, AuditPath: auditLog.Path()}
//	}()
//	return progress.Listen(ch)
//
// The client's OnWait must not block: forward it with p.Send or a
// non-blocking send to the same channel.
func Listen(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}
