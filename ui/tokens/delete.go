package tokens

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/audit"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/confirm"
	"github.com/sailtui/sailtui/ui/progress"
	"github.com/sailtui/sailtui/ui/sanitize"
)

// pendingDelete is what the confirm dialog is asking about.
type pendingDelete struct {
	toks []client.PersonalAccessToken // marked (or the selected one), in table order
}

// bulkRun is a delete in progress. Its events arrive on ch; the listen
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
	rec *recorder
}

// auditCheckedMsg is the audit log's check after a delete was confirmed
// and before anything is sent.
type auditCheckedMsg struct {
	seq  int
	toks []client.PersonalAccessToken
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
				res.Clean = !run.rec.failed()
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

// startDelete opens the confirm dialog for the marked tokens, or for the
// selected one when nothing is marked.
func (m *Model) startDelete() tea.Cmd {
	if m.bulk != nil || m.checking != 0 {
		return common.Toast(common.ToastWarning, "A delete is already running")
	}
	var toks []client.PersonalAccessToken
	marked := len(m.marks) > 0
	if marked {
		for _, i := range m.res.order { // in the table's order, hidden rows included
			if _, ok := m.marks[m.rows[i].tok.ID]; ok {
				toks = append(toks, *m.rows[i].tok)
			}
		}
		// then those the server filter or owner scope does not list
		toks = append(toks, m.unlistedMarks()...)
	} else if r := m.selected(); r != nil {
		toks = append(toks, *r.tok)
	}
	if len(toks) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to delete: mark tokens with space, or select one")
	}
	if len(toks) == 1 && m.isSession(&toks[0]) {
		return common.Toast(common.ToastWarning, "Not deleted: sailtui is signed in with this token; deleting it would end this session")
	}
	return m.confirmDelete(toks, marked)
}

// confirmDelete opens the confirm dialog for toks; marked says they were
// chosen by marks (some may be hidden by the filter), not by the cursor.
func (m *Model) confirmDelete(toks []client.PersonalAccessToken, marked bool) tea.Cmd {
	visible := make(map[string]struct{}, len(m.res.visible))
	if marked { // the selected token is in view by definition
		for _, i := range m.res.visible {
			visible[m.rows[i].tok.ID] = struct{}{}
		}
	}
	req := confirm.Request{Count: len(toks)}
	for i := range toks {
		t := &toks[i]
		if m.isSession(t) {
			req.Session++
			continue // never deleted, so neither hidden nor an example
		}
		if t.Managed {
			req.Managed++
		}
		if _, ok := visible[t.ID]; marked && !ok {
			req.Hidden++
		}
		name, owner := m.labels(t)
		ex := confirm.Example{Name: name, Owner: owner}
		// Every one: the dialog's list scrolls, so all can be read.
		if t.Managed {
			req.ManagedExamples = append(req.ManagedExamples, ex)
		} else {
			req.Examples = append(req.Examples, ex)
		}
	}
	m.pending = &pendingDelete{toks: toks}
	dlg := confirm.New(m.Common, req)
	return common.PushModal(confirmID, common.NewValueModal(dlg))
}

// onConfirm starts the run once the user confirmed.
func (m *Model) onConfirm(msg confirm.ResultMsg) tea.Cmd {
	pend := m.pending
	m.pending = nil
	pop := common.PopModal(confirmID)
	if pend == nil {
		return pop
	}
	if !msg.Confirmed {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing deleted"))
	}
	var toks []client.PersonalAccessToken
	for _, t := range pend.toks {
		if m.isSession(&t) || (t.Managed && !msg.IncludeManaged) {
			continue
		}
		toks = append(toks, t)
	}
	if len(toks) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing deleted: only managed tokens were selected"))
	}
	log := m.opts.Audit
	if log == nil { // auditing disabled (tests): the summary says so
		return tea.Batch(pop, m.runDelete(toks))
	}
	// The log was writable at start-up; make sure it still is before
	// anything is sent.
	m.runSeq++
	seq := m.runSeq
	m.checking = seq
	return tea.Batch(pop, func() tea.Msg { return auditCheckedMsg{seq: seq, toks: toks, err: log.Check()} })
}

// onAuditChecked starts the confirmed delete, or refuses it when the
// audit log cannot be written; delete and create then stay disabled.
func (m *Model) onAuditChecked(msg auditCheckedMsg) tea.Cmd {
	if msg.seq != m.checking {
		return nil
	}
	m.checking = 0
	if msg.err != nil {
		reason := auditReason(msg.err)
		m.keys.DisableChanges(reason)
		return common.Toast(common.ToastError, "Nothing deleted: "+reason)
	}
	return m.runDelete(msg.toks)
}

// auditReason is the disabled reason for an audit log that cannot be
// written: "audit log not writable: <path>: <cause>", one line.
func auditReason(err error) string {
	const prefix = "audit log not writable"
	text := sanitize.Line(err.Error())
	if !strings.HasPrefix(text, prefix) {
		text = prefix + ": " + text
	}
	return text
}

// runDelete starts client.DeletePATs in the background and opens the
// progress panel. Audit entries are written from the executor's callback,
// off the UI goroutine, as each item finishes.
func (m *Model) runDelete(toks []client.PersonalAccessToken) tea.Cmd {
	m.runSeq++
	ctx, cancel := context.WithCancel(context.Background())
	run := &bulkRun{id: m.runSeq, ch: make(chan tea.Msg, 4*len(toks)+8), cancel: cancel, finished: make(chan struct{}),
		rec: &recorder{log: m.opts.Audit}}
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
	panel := progress.New(m.Common, "Deleting "+plural(len(toks), "token"), items)
	svc, baseURL, now, actor, owner := m.opts.Service, m.opts.BaseURL, m.Now, m.actor(), m.scope.ownerID()

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
				if err := rec.intent(audit.DeleteIntent(now(), baseURL, ops[id], actor, byID[id])); err != nil {
					cancel()
					return err
				}
				return nil
			},
			// Outcomes a 5xx or a dropped connection left unknown are
			// settled with one list in the scope the tokens came from.
			Settle: func(ctx context.Context, ids []string) (map[string]bool, error) {
				return svc.PresentPATs(ctx, owner, ids)
			},
		}
		sum := svc.DeletePATs(ctx, ids, opts, func(ev client.BulkEvent) {
			// Recorded before the panel hears of it. A failed entry stops
			// the queued deletes: nothing more is sent that cannot be
			// recorded; requests already sent finish.
			if ev.State.Final() && rec.append(audit.DeleteEntry(now(), baseURL, ops[ev.ID], actor, byID[ev.ID], ev)) {
				cancel()
			}
			run.ch <- progress.ItemMsg{Event: ev}
		})
		fin := progress.FinishedMsg{Summary: sum}
		fin.AuditPath, fin.Err, run.auditErr = rec.outcome(sum.Skipped)
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
		delete(m.marks, msg.Event.ID)
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
	return m.load()
}

// recorder writes a run's audit entries (from several executor goroutines
// at once) and keeps count, so the summary never names a log that holds
// nothing of this run.
type recorder struct {
	log *audit.Log

	mu            sync.Mutex
	written, lost int
	firstErr      error
}

// append writes e; it reports true on the first failure, when the run
// must stop sending.
func (r *recorder) append(e audit.Entry) (firstFailure bool) {
	if r.log == nil {
		return false
	}
	err := r.log.Append(e)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err == nil {
		r.written++
		return false
	}
	r.lost++
	if r.firstErr == nil {
		r.firstErr = err
		return true
	}
	return false
}

// intent writes an intent (counted apart from outcomes: an item whose
// intent fails is never sent, so it has nothing to record). It returns
// the write error; after an earlier failure nothing more is written.
func (r *recorder) intent(e audit.Entry) error {
	if r.log == nil {
		return nil
	}
	if err := r.failure(); err != nil {
		return err
	}
	err := r.log.Append(e)
	if err != nil {
		r.mu.Lock()
		if r.firstErr == nil {
			r.firstErr = err
		}
		r.mu.Unlock()
	}
	return err
}

// failed reports whether an entry could not be written.
func (r *recorder) failed() bool { return r.failure() != nil }

// failure is the first write error, or nil.
func (r *recorder) failure() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.firstErr
}

// outcome is what the summary shows: where the entries are ("" when
// none were written) and what went wrong; auditErr is the write failure.
// skipped is how many items were never sent.
func (r *recorder) outcome(skipped int) (path string, runErr, auditErr error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.log == nil {
		return "", errors.New("audit log disabled: no record was written"), nil
	}
	if r.written > 0 {
		path = r.log.Path()
	}
	if r.firstErr == nil {
		return path, nil, nil
	}
	what := "nothing was recorded"
	if r.written > 0 {
		what = fmt.Sprintf("%d of %d entries not recorded", r.lost, r.written+r.lost)
	}
	if skipped > 0 {
		what += fmt.Sprintf("; %d queued not sent", skipped)
	}
	return path, fmt.Errorf("%w (%s)", r.firstErr, what), r.firstErr
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
		text := fmt.Sprintf("Deleted %d, already gone %d, failed %d, skipped %d", s.Done, s.Gone, s.Failed, s.Skipped)
		level := common.ToastSuccess
		if s.Failed > 0 {
			level = common.ToastWarning
		}
		if run != nil && run.auditErr != nil {
			text += "; not all recorded in the audit log"
			level = common.ToastWarning
		}
		return tea.Batch(common.PopModal(progressID), common.Toast(level, text)), true
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
		} else if t, ok := m.marks[id]; ok {
			toks = append(toks, t)
		}
	}
	if len(toks) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to retry: the failed tokens are no longer listed")
	}
	return m.confirmDelete(toks, true)
}
