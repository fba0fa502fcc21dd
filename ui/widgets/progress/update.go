package progress

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// Update applies progress messages and keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if run, ok := RunOf(msg); ok && run != m.run {
		return m, nil // another run's
	}
	switch msg := msg.(type) {
	case BatchMsg:
		var cmds []tea.Cmd
		for _, inner := range msg {
			var cmd tea.Cmd
			m, cmd = m.Update(inner)
			cmds = append(cmds, cmd)
		}
		return m, tea.Batch(cmds...)
	case ItemMsg:
		m.applyEvent(msg.Event)
		return m, nil
	case WaitMsg:
		return m.applyWait(msg.Event)
	case tickMsg:
		return m.applyTick(msg)
	case FinishedMsg:
		m.finished = true
		m.summary, m.auditPath, m.runErr = msg.Summary, msg.AuditPath, msg.Err
		m.wait, m.ticking = nil, false
		return m, nil
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

// applyEvent moves one row to its new state. Events for unknown items are
// ignored, and a final state is never overwritten by a late non-final one.
func (m *Model) applyEvent(ev client.BulkEvent) {
	i, ok := m.rowFor(ev)
	if !ok {
		return
	}
	r := &m.rows[i]
	if r.state.Final() && !ev.State.Final() {
		return
	}
	if int(ev.State) < 0 || int(ev.State) >= len(m.counts) {
		return
	}
	m.counts[r.state]--
	m.counts[ev.State]++
	if m.finished { // a late verdict (a list read after the run): the summary follows
		m.summary.Add(r.state, -1)
		m.summary.Add(ev.State, 1)
		if ev.Settled && !r.settled {
			m.summary.Settled++
		}
	}
	if notDone(ev.State) && !notDone(r.state) {
		m.failed = append(m.failed, i)
	}
	r.state, r.settled = ev.State, ev.Settled
	if ev.Err != nil && hasDetail(ev.State) {
		r.status, r.message, r.trackingID = describe(ev.Err)
	}
	if ev.State != client.ItemQueued { // queued events arrive for every row at once
		m.last = max(m.last, i)
	}
	for m.front < len(m.rows) && m.rows[m.front].state.Final() {
		m.front++
	}
}

// rowFor trusts Index when it matches the id (the common case), and falls
// back to the id otherwise.
func (m Model) rowFor(ev client.BulkEvent) (int, bool) {
	if ev.Index >= 0 && ev.Index < len(m.rows) && m.rows[ev.Index].id == ev.ID {
		return ev.Index, true
	}
	i, ok := m.byID[ev.ID]
	return i, ok
}

// describe pulls status, the server's message and trackingId from an
// error, sanitized for the terminal.
// notDone reports the states the failed-only list and the retry key
// cover: failed, or possibly not done.
func notDone(s client.ItemState) bool { return s == client.ItemFailed || s == client.ItemUnknown }

// hasDetail reports the states whose row shows the error's detail.
func hasDetail(s client.ItemState) bool {
	return s == client.ItemFailed || s == client.ItemUnknown || s == client.ItemChecking || s == client.ItemGoneAfterRetry
}

func describe(err error) (status int, message, trackingID string) {
	if e, ok := client.AsAPIError(err); ok {
		return e.Status, sanitize.Line(e.Message()), sanitize.Line(e.TrackingID)
	}
	return 0, sanitize.Line(err.Error()), ""
}

// applyWait records the latest-ending wait and starts the once-a-second
// countdown tick if none is running.
func (m Model) applyWait(ev client.WaitEvent) (Model, tea.Cmd) {
	if m.finished {
		return m, nil
	}
	if ev.Cancelled {
		if m.wait != nil && !m.wait.Until.After(ev.Until) {
			m.wait = nil
		}
		return m, nil
	}
	now := m.now()
	if !ev.Until.After(now) {
		return m, nil
	}
	if m.wait == nil || ev.Until.After(m.wait.Until) || !m.wait.Until.After(now) {
		w := ev
		m.wait = &w
	}
	if m.ticking {
		return m, nil
	}
	m.ticking = true
	m.seq++
	return m, m.tick(m.wait.Until.Sub(now))
}

func (m Model) applyTick(t tickMsg) (Model, tea.Cmd) {
	if t.tag != m.tag || t.seq != m.seq || !m.ticking {
		return m, nil
	}
	if m.wait == nil {
		m.ticking = false
		return m, nil
	}
	left := m.wait.Until.Sub(m.now())
	if left <= 0 {
		m.wait, m.ticking = nil, false
		return m, nil
	}
	return m, m.tick(left)
}

// tick fires when the displayed whole-second count next changes, so the
// countdown ticks once per second in step with the deadline.
func (m Model) tick(left time.Duration) tea.Cmd {
	d := left % time.Second
	if d <= 0 {
		d = time.Second
	}
	tag, seq := m.tag, m.seq
	return tea.Tick(d, func(time.Time) tea.Msg { return tickMsg{tag: tag, seq: seq} })
}

func (m Model) handleKey(k tea.KeyMsg) (Model, tea.Cmd) {
	keys := m.KeyMap()
	switch {
	case key.Matches(k, keys.Close):
		if m.closed {
			return m, nil
		}
		m.closed = true
		sum := m.summary
		run := m.run
		return m, func() tea.Msg { return ClosedMsg{Run: run, Summary: sum} }
	case key.Matches(k, keys.Retry):
		if m.closed {
			return m, nil
		}
		m.closed = true
		ids := make([]string, 0, len(m.failed))
		for _, i := range m.failed {
			if notDone(m.rows[i].state) {
				ids = append(ids, m.rows[i].id)
			}
		}
		sum := m.summary
		run := m.run
		return m, func() tea.Msg { return RetryMsg{Run: run, Summary: sum, IDs: ids} }
	case key.Matches(k, keys.Undo):
		if m.closed || !keys.Undo.Enabled() {
			return m, nil
		}
		m.closed = true
		var ids []string
		for _, r := range m.rows {
			if r.state == client.ItemDone {
				ids = append(ids, r.id)
			}
		}
		sum := m.summary
		run := m.run
		return m, func() tea.Msg { return UndoMsg{Run: run, Summary: sum, IDs: ids} }
	case key.Matches(k, keys.Cancel):
		return m.Interrupt()
	case key.Matches(k, keys.QuitBlocked):
		return m, common.Toast(common.ToastInfo, fmt.Sprintf(quitBlockedText, m.verbs.Noun))
	case key.Matches(k, keys.FailedOnly):
		m.failedOnly = !m.failedOnly
		m.offset, m.follow = 0, !m.failedOnly
	case key.Matches(k, keys.Up):
		m.scroll(-1)
	case key.Matches(k, keys.Down):
		m.scroll(+1)
	case key.Matches(k, keys.PageUp):
		m.scroll(-max(m.listHeight()-1, 1))
	case key.Matches(k, keys.PageDown):
		m.scroll(max(m.listHeight()-1, 1))
	case key.Matches(k, keys.Top):
		m.offset, m.follow = 0, false
	case key.Matches(k, keys.Bottom):
		m.offset, m.follow = m.maxOffset(), !m.failedOnly
	}
	return m, nil
}

// quitBlockedText answers q while the run goes on.
const quitBlockedText = "A %s is running: esc cancels it, q closes this panel once it ends, ctrl+c twice quits now"

// Interrupt cancels the run, like esc: the parent cancels the run's
// context, in-flight requests finish (and are audited), queued ones stop.
// It does nothing once the run is finished or already cancelling.
func (m Model) Interrupt() (Model, tea.Cmd) {
	if m.finished || m.cancelling {
		return m, nil
	}
	m.cancelling = true
	run := m.run
	return m, func() tea.Msg { return CancelMsg{Run: run} }
}

// RunState says whether quitting now would cut the run short.
func (m Model) RunState() common.RunState {
	switch {
	case m.finished:
		return common.RunIdle
	case m.cancelling:
		return common.RunStopping
	}
	return common.RunActive
}

// scroll moves the first visible entry; any manual scroll stops following.
func (m *Model) scroll(delta int) {
	if m.follow { // start from what is on screen, not a stale offset
		m.offset = m.visibleOffset()
	}
	m.follow = false
	m.offset = min(max(m.offset+delta, 0), m.maxOffset())
}

// entries is the number of entries in the current list.
func (m Model) entries() int {
	if m.failedOnly {
		return len(m.failed)
	}
	return len(m.rows)
}

// entry maps a list position to a row index.
func (m Model) entry(i int) int {
	if m.failedOnly {
		return m.failed[i]
	}
	return i
}

// rowHeight: failed and unsettled rows take a second line for the
// server's message.
func (m Model) rowHeight(i int) int {
	if r := &m.rows[i]; hasDetail(r.state) && r.message != "" {
		return 2
	}
	return 1
}

// maxOffset is the largest offset that still fills the list area.
func (m Model) maxOffset() int {
	h := m.listHeight()
	n := m.entries()
	used := 0
	for i := n - 1; i >= 0; i-- {
		used += m.rowHeight(m.entry(i))
		if used > h {
			return i + 1
		}
	}
	return 0
}

// visibleOffset is the offset View uses. Following, it keeps the work in
// view: the first request in flight near the top, with a few rows above
// it for context; once every row is final, the end of the list.
func (m Model) visibleOffset() int {
	off := min(m.offset, m.maxOffset())
	if !m.follow || m.failedOnly || len(m.rows) == 0 {
		return off
	}
	if m.front >= len(m.rows) {
		return m.maxOffset()
	}
	// The first request in flight; before any starts, the next queued.
	target := m.front
	for i := m.front; i < len(m.rows); i++ {
		if st := m.rows[i].state; st == client.ItemRunning || st == client.ItemChecking {
			target = i
			break
		}
	}
	context := min(2, m.listHeight()/4)
	return min(max(target-context, 0), m.maxOffset())
}
