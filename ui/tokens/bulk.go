package tokens

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/audit"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/progress"
)

// bulkSpec is what one bulk run does to each token: delete it, set its
// expiry, put an expiry back. The run itself (progress panel, intents
// and outcomes in the audit log, settling unknown outcomes, cancel,
// retry) is the same for all of them.
type bulkSpec struct {
	verbs progress.Verbs
	title string // "Deleting 12 tokens"
	// run runs the executor over ids, reporting to onEvent.
	run func(ctx context.Context, ids []string, opts client.BulkOptions, onEvent func(client.BulkEvent)) client.BulkSummary
	// settle reports which ids the op did not happen to (see
	// client.BulkOptions.Settle); nil when no check is possible.
	settle func(ctx context.Context, ids []string) (map[string]bool, error)
	// intent and outcome are the audit entries of one token.
	intent  func(at time.Time, op string, tok client.PersonalAccessToken) audit.Entry
	outcome func(at time.Time, op string, tok client.PersonalAccessToken, ev client.BulkEvent) audit.Entry
	// undo builds the run that puts back what this one changed, for the
	// tokens it changed (nil: cannot be undone, e.g. a delete).
	undo func(done []client.PersonalAccessToken) (bulkSpec, []client.PersonalAccessToken)
	// summary, when set, words the toast after the panel closes.
	summary func(client.BulkSummary) (common.ToastLevel, string)
}

// bulkRun is a bulk run in progress. Its events arrive on ch; the listen
// command is re-armed after each one.
type bulkRun struct {
	id     int
	ch     chan tea.Msg
	cancel context.CancelFunc
	done   bool
	// started and finished bracket the executor: Stop waits on them
	// after the program has ended.
	started  atomic.Bool
	finished chan struct{}
	// auditErr is set by the executor before its FinishedMsg when an
	// entry could not be written (the channel orders the two).
	auditErr error
	// rec writes the run's audit entries; Stop asks it whether all were.
	rec *audit.Recorder
	// spec and toks are what runs, for undo and retry.
	spec bulkSpec
	toks []client.PersonalAccessToken
}

// auditCheckedMsg is the audit log's check after a delete was confirmed
// and before anything is sent.
type auditCheckedMsg struct {
	seq  int
	toks []client.PersonalAccessToken
	spec bulkSpec
	err  error
}

// StopResult says what Stop found.
type StopResult struct {
	// Running is true when a delete had not finished yet.
	Running bool
	// Clean is true when every delete request already sent was answered
	// and audited in time.
	Clean bool
	// Creating is true when a create request had not been answered yet;
	// CreateClean when its answer was audited in time.
	Creating, CreateClean bool
	// AuditPath is where the entries are ("" without an audit log).
	AuditPath string
}

// Stop ends work still running when the program exits (the second
// ctrl+c). A delete's queued items are cancelled and never sent; Stop
// waits up to grace for requests already sent (deletes and a create) to
// be answered, so each one is audited. Call it after the program has
// returned, never from Update.
func (m *Model) Stop(grace time.Duration) StopResult {
	res := StopResult{Clean: true, CreateClean: true}
	// One deadline for everything; Done stays closed once it passes.
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	deadline := ctx.Done()
	if m.opts.Audit != nil {
		res.AuditPath = m.opts.Audit.Path()
	}
	if run := m.bulk; run != nil && !run.done {
		res.Running = true
		run.cancel()
		if run.started.Load() { // else nothing was sent
			select {
			case <-run.finished:
				res.Clean = !run.rec.Failed()
			case <-deadline:
				res.Clean = false
			}
		}
	}
	for _, c := range m.creates {
		res.Creating = true
		select {
		case <-c.done:
		case <-deadline:
			res.CreateClean = false
		}
	}
	if !res.Running && !res.Creating {
		res.AuditPath = ""
	}
	return res
}

// runBulk runs spec over toks in the background and opens the progress
// panel. Each token's intent is written (flushed) before its request may
// be sent and its outcome after, from the executor's goroutines, never
// from Update.
func (m *Model) runBulk(toks []client.PersonalAccessToken, spec bulkSpec) tea.Cmd {
	asked := spec // kept for a retry or undo, which decide their own plan
	spec = stampPlan(spec, m.planFor(toks))
	m.runSeq++
	ctx, cancel := context.WithCancel(context.Background())
	run := &bulkRun{id: m.runSeq, ch: make(chan tea.Msg, 4*len(toks)+8), cancel: cancel, finished: make(chan struct{}),
		rec: audit.NewRecorder(m.opts.Audit), spec: asked, toks: toks}
	m.bulk = run

	ids := make([]string, len(toks))
	items := make([]progress.Item, len(toks))
	byID := make(map[string]client.PersonalAccessToken, len(toks))
	for i, t := range toks {
		ids[i] = t.ID
		name, owner := m.labels(&t)
		items[i] = progress.Item{ID: t.ID, Name: name, Owner: owner}
		byID[t.ID] = t
	}
	panel := progress.NewWith(m.Common, spec.title, items, spec.verbs)
	if spec.undo != nil {
		panel = panel.Undoable()
	}
	now := m.Now

	work := func() tea.Msg {
		run.started.Store(true)
		defer close(run.finished)
		defer cancel()
		rec := run.rec
		ops := make(map[string]string, len(ids)) // token id → audit op id; written before the run, read during it
		for _, id := range ids {
			ops[id] = audit.NewOp()
		}
		opts := client.BulkOptions{
			Now: now,
			// The intent is on disk before the request can be sent, so a
			// kill -9 mid-request leaves a trace the next start settles.
			// One that cannot be written stops the run.
			Before: func(id string) error {
				if err := rec.Intent(spec.intent(now(), ops[id], byID[id])); err != nil {
					cancel()
					return err
				}
				return nil
			},
			// Outcomes a 5xx or a dropped connection left unknown are
			// settled with one list.
			Settle: spec.settle,
		}
		sum := spec.run(ctx, ids, opts, func(ev client.BulkEvent) {
			// Recorded before the panel hears of it. A failed entry stops
			// the queued items: nothing more is sent that cannot be
			// recorded; requests already sent finish.
			if ev.State.Final() && rec.Outcome(spec.outcome(now(), ops[ev.ID], byID[ev.ID], ev)) {
				cancel()
			}
			run.ch <- progress.ItemMsg{Event: ev}
		})
		fin := progress.FinishedMsg{Summary: sum}
		fin.AuditPath, fin.Err, run.auditErr = rec.Summary(sum.Skipped)
		run.ch <- fin
		close(run.ch)
		return nil
	}
	// The panel must be on the stack before the first event arrives.
	return tea.Sequence(common.PushModal(progressID, newProgressModal(panel)), tea.Batch(work, progress.Listen(run.ch)))
}

// onItem drops the marks of tokens that are gone now.
func (m *Model) onItem(msg progress.ItemMsg) {
	switch msg.Event.State {
	case client.ItemDone, client.ItemGone, client.ItemGoneAfterRetry:
		m.marks.Remove(msg.Event.ID)
	}
}

// actor is the signed-in identity every audit entry names.
func (m *Model) actor() audit.Actor {
	return audit.Actor{ID: m.opts.IdentityID, Name: m.opts.IdentityName}
}

// onFinished ends the run (the panel stays until closed) and refreshes
// the list.
func (m *Model) onFinished() tea.Cmd {
	if m.bulk != nil {
		m.bulk.done = true
		if err := m.bulk.auditErr; err != nil {
			m.keys.DisableChanges(auditReason(err))
		}
	}
	return tea.Batch(m.load(), m.readSchedule())
}

// updateBulk handles the run's messages; ok is false for anything else.
func (m *Model) updateBulk(msg tea.Msg) (tea.Cmd, bool) {
	run := m.bulk
	switch msg := msg.(type) {
	case progress.BatchMsg: // several events at once: one re-arm, one frame
		var cmds []tea.Cmd
		finished := false
		for _, inner := range msg {
			switch inner := inner.(type) {
			case progress.ItemMsg:
				m.onItem(inner)
			case progress.FinishedMsg:
				finished = true
				cmds = append(cmds, m.onFinished())
			}
		}
		if run != nil && !finished {
			cmds = append(cmds, progress.Listen(run.ch))
		}
		return tea.Batch(cmds...), true
	case progress.ItemMsg:
		if run == nil {
			return nil, true
		}
		m.onItem(msg)
		return progress.Listen(run.ch), true
	case progress.FinishedMsg:
		return m.onFinished(), true
	case auditCheckedMsg:
		return m.onAuditChecked(msg), true
	case progress.CancelMsg:
		if run != nil {
			run.cancel()
		}
		return nil, true
	case progress.ClosedMsg:
		m.bulk = nil
		s := msg.Summary
		verbs := progress.DeleteVerbs()
		if run != nil {
			verbs = run.spec.verbs
		}
		text := fmt.Sprintf("%s %d, already gone %d, failed %d, skipped %d", capitalize(verbs.Done), s.Done, s.Gone, s.Failed, s.Skipped)
		level := common.ToastSuccess
		if s.Failed > 0 {
			level = common.ToastWarning
		}
		if run != nil && run.spec.summary != nil {
			level, text = run.spec.summary(s)
		}
		if run != nil && run.auditErr != nil {
			text += "; not all recorded in the audit log"
			level = common.ToastWarning
		}
		return tea.Batch(common.PopModal(progressID), common.Toast(level, text)), true
	case progress.UndoMsg:
		return m.onUndoRun(msg), true
	case progress.RetryMsg:
		m.bulk = nil
		return tea.Batch(common.PopModal(progressID), m.retry(msg.IDs)), true
	}
	return nil, false
}

// retry asks to delete exactly the items a run could not: the confirm
// dialog again, with those tokens as the server last listed them.
func (m *Model) retry(ids []string) tea.Cmd {
	var toks []client.PersonalAccessToken
	for _, id := range ids {
		if i, ok := m.byID[id]; ok {
			toks = append(toks, *m.rows[i].tok)
		} else if t, ok := m.marks.Get(id); ok {
			toks = append(toks, t)
		}
	}
	if len(toks) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to retry: the failed tokens are no longer listed")
	}
	return m.confirmDelete(toks, true)
}
