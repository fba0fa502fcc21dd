// Package bulkrun is the one way a view runs an operation over many
// items: the progress panel, an audit intent flushed before each request
// and the outcome after (from the executor's goroutines, never from
// Update), unknown outcomes settled, cancel, retry, undo, and a clean
// stop when the program quits mid-run. The view says what is done to an
// item (a Spec); everything else is here, the same for tokens and apps.
package bulkrun

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/runs"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// Spec is what one run does to each item of type T.
type Spec[T any] struct {
	Verbs progress.Verbs
	Title string // "Deleting 12 tokens"
	// Run runs the executor over ids, reporting to onEvent.
	Run func(ctx context.Context, ids []string, opts client.BulkOptions, onEvent func(client.BulkEvent)) client.BulkSummary
	// Settle reports which ids the op did not happen to (see
	// client.BulkOptions.Settle); nil when no check is possible.
	Settle func(ctx context.Context, ids []string) (map[string]bool, error)
	// Intent and Outcome are the audit entries of one item.
	Intent  func(at time.Time, op string, item T) audit.Entry
	Outcome func(at time.Time, op string, item T, ev client.BulkEvent) audit.Entry
	// Undo builds the run that puts back what this one changed, for the
	// items it changed (nil: cannot be undone, e.g. a delete).
	Undo func(done []T) (Spec[T], []T)
	// Summary, when set, words the toast after the panel closes.
	Summary func(client.BulkSummary) (common.ToastLevel, string)
}

// Run is a run in progress. Its events arrive on ch; the listen command
// is re-armed after each one.
type Run[T any] struct {
	// ID is the run's seq in its view; Addr names it in every message of
	// the run (its panel's id and the seq), so only this run takes them.
	ID     int
	Addr   string
	ch     chan tea.Msg
	cancel context.CancelFunc
	done   bool
	// started and finished bracket the executor: Wait uses them after the
	// program has ended.
	started  atomic.Bool
	finished chan struct{}
	// interrupted: the program is ending with the run unfinished (Wait);
	// its journal stays, for the next start to offer the rest.
	interrupted atomic.Bool
	// auditErr is set by the executor before its FinishedMsg when an
	// entry could not be written (the channel orders the two).
	auditErr error
	rec      *audit.Recorder
	// Spec and Items are what runs, for undo and retry.
	Spec  Spec[T]
	Items []T
	modal string
	// byID and ops (written before the run starts, read once it has
	// finished) find an item and its audit op; unknown are the items
	// whose outcome stayed unknown (see TakeList).
	byID    map[string]T
	ops     map[string]string
	unknown map[string]bool
	ids     []string // Items' ids, in order
}

// Start runs spec over items in the background and pushes the progress
// panel as modal id modalID. key gives an item's id and its panel row.
// Each item's intent is written (flushed) before its request may be sent
// and its outcome after. Spec is what is recorded for undo and retry;
// run is what runs (it may carry more, e.g. an approved plan's name).
func Start[T any](c common.Common, seq int, log *audit.Log, modalID string, items []T,
	key func(T) progress.Item, asked, spec Spec[T]) (*Run[T], tea.Cmd) {
	ctx, cancel := context.WithCancel(context.Background())
	run := &Run[T]{ID: seq, Addr: modalID + "#" + strconv.Itoa(seq), ch: make(chan tea.Msg, 4*len(items)+8), cancel: cancel, finished: make(chan struct{}),
		rec: audit.NewRecorder(log), Spec: asked, Items: items, modal: modalID}

	ids := make([]string, len(items))
	rows := make([]progress.Item, len(items))
	byID := make(map[string]T, len(items))
	ops := make(map[string]string, len(ids)) // item id → audit op id; written now, read during and after the run
	for i, it := range items {
		rows[i] = key(it)
		ids[i] = rows[i].ID
		byID[ids[i]] = it
		ops[ids[i]] = audit.NewOp()
	}
	run.byID, run.ops, run.unknown, run.ids = byID, ops, map[string]bool{}, ids
	panel := progress.NewWith(c, spec.Title, rows, spec.Verbs).For(run.Addr)
	if spec.Undo != nil {
		panel = panel.Undoable()
	}
	now := c.Now
	journal := newJournal(log, spec, items, rows, ops, now())

	work := func() tea.Msg {
		run.started.Store(true)
		defer close(run.finished)
		defer cancel()
		// The journal is on disk before anything is sent and gone once
		// the run ends: only a killed run leaves one, to resume.
		if journal != nil && runs.Write(journal.dir, journal.Journal) == nil {
			defer func() {
				if !run.interrupted.Load() {
					_ = runs.Remove(journal.dir, journal.ID) // a leftover is only offered once
				}
			}()
		}
		rec := run.rec
		opts := client.BulkOptions{
			Now: now,
			// The intent is on disk before the request can be sent, so a
			// kill -9 mid-request leaves a trace the next start settles.
			// One that cannot be written stops the run.
			Before: func(id string) error {
				if err := rec.Intent(spec.Intent(now(), ops[id], byID[id])); err != nil {
					cancel()
					return err
				}
				return nil
			},
			// Outcomes a 5xx or a dropped connection left unknown are
			// settled with one check.
			Settle: spec.Settle,
		}
		sum := spec.Run(ctx, ids, opts, func(ev client.BulkEvent) {
			// Recorded before the panel hears of it. A failed entry stops
			// the queued items: nothing more is sent that cannot be
			// recorded; requests already sent finish.
			if ev.State.Final() && rec.Outcome(spec.Outcome(now(), ops[ev.ID], byID[ev.ID], ev)) {
				cancel()
			}
			run.ch <- progress.ItemMsg{Run: run.Addr, Event: ev}
		})
		fin := progress.FinishedMsg{Run: run.Addr, Summary: sum}
		fin.AuditPath, fin.Err, run.auditErr = rec.Summary(sum.Skipped)
		run.ch <- fin
		close(run.ch)
		return nil
	}
	// The panel must be on the stack before the first event arrives.
	return run, tea.Sequence(common.PushModal(modalID, NewModal(panel)), tea.Batch(work, progress.Listen(run.ch)))
}

// journal is a run's journal and where it goes.
type journal struct {
	runs.Journal
	dir string
}

// newJournal describes a run for its journal (nil without an audit log:
// nothing could settle it either).
func newJournal[T any](log *audit.Log, spec Spec[T], items []T, rows []progress.Item, ops map[string]string, at time.Time) *journal {
	if log == nil || len(items) == 0 || spec.Intent == nil {
		return nil
	}
	e := spec.Intent(at, "", items[0])
	j := &journal{dir: runs.Dir(log.Path()), Journal: runs.Journal{ID: at.UTC().Format("20060102T150405Z") + "-" + audit.NewOp(),
		Title: spec.Title, Action: e.Action, Kind: e.Kind, BaseURL: e.BaseURL, Started: at}}
	for _, r := range rows {
		j.Items = append(j.Items, runs.Item{ID: r.ID, Name: r.Name, Op: ops[r.ID]})
	}
	return j
}

// Done reports whether the executor has finished.
func (r *Run[T]) Done() bool { return r.done }

// AuditErr is why an entry of the run could not be written, if one
// could not.
func (r *Run[T]) AuditErr() error { return r.auditErr }

// Cancel stops queued items; requests already sent finish.
func (r *Run[T]) Cancel() { r.cancel() }

// Wait, after the program has ended, cancels a run that has not finished
// and waits until deadline for requests already sent to be answered and
// audited. running: it had not finished; clean: everything sent is
// recorded.
func (r *Run[T]) Wait(deadline <-chan struct{}) (running, clean bool) {
	if r == nil || r.done {
		return false, true
	}
	r.interrupted.Store(true)
	r.cancel()
	if !r.started.Load() { // nothing was sent
		return true, true
	}
	select {
	case <-r.finished:
		return true, !r.rec.Failed()
	case <-deadline:
		return true, false
	}
}

// Stop ends the run when the program has exited (see Wait) and says what
// that did; ok is false when it was not running. items names the run's
// items ("tokens").
func (r *Run[T]) Stop(deadline <-chan struct{}, items string) (st common.Stopped, ok bool) {
	running, clean := r.Wait(deadline)
	if !running {
		return st, false
	}
	return common.Stopped{Work: common.Article(r.Spec.Verbs.Noun), Queued: items + " were not sent", Clean: clean}, true
}

// Hooks are the view's part in a run's messages.
type Hooks struct {
	// Items sees the items' state changes, a batch at a time (drop the
	// marks, and the rows, of deleted items).
	Items func([]client.BulkEvent) tea.Cmd
	// Finished runs when the executor is done (refresh the list); the
	// panel stays until the user closes it.
	Finished func() tea.Cmd
	// Retry asks again for exactly the failed ids; Undo undoes the run.
	Retry func(ids []string) tea.Cmd
	Undo  func(progress.UndoMsg) tea.Cmd
}

// Update handles a run's messages. ok is false for anything else; closed
// is true when the view should forget the run (the panel closed).
func (r *Run[T]) Update(msg tea.Msg, h Hooks) (cmd tea.Cmd, ok, closed bool) {
	run, ok := progress.RunOf(msg)
	if !ok {
		return nil, false, false
	}
	if r == nil || run != r.Addr {
		return nil, true, false // another run's: its own view takes it
	}
	switch msg := msg.(type) {
	case progress.BatchMsg: // several events at once: one re-arm, one frame
		var cmds []tea.Cmd
		var events []client.BulkEvent
		finished := false
		for _, inner := range msg {
			switch inner := inner.(type) {
			case progress.ItemMsg:
				events = append(events, inner.Event)
			case progress.FinishedMsg:
				cmds = append(cmds, r.items(events, h)) // before the finish: its reload
				events, finished = nil, true
				cmds = append(cmds, r.finish(h))
			}
		}
		cmds = append(cmds, r.items(events, h))
		if !finished {
			cmds = append(cmds, progress.Listen(r.ch))
		}
		return tea.Batch(cmds...), true, false
	case progress.ItemMsg:
		return tea.Batch(r.items([]client.BulkEvent{msg.Event}, h), progress.Listen(r.ch)), true, false
	case progress.FinishedMsg:
		return r.finish(h), true, false
	case progress.CancelMsg:
		r.cancel()
		return nil, true, false
	case progress.ClosedMsg:
		return tea.Batch(common.PopModal(r.modal), r.closedToast(msg.Summary)), true, true
	case progress.UndoMsg:
		if h.Undo == nil {
			return common.PopModal(r.modal), true, true
		}
		return h.Undo(msg), true, false
	case progress.RetryMsg:
		var retry tea.Cmd
		if h.Retry != nil {
			retry = h.Retry(msg.IDs)
		}
		return tea.Batch(common.PopModal(r.modal), retry), true, true
	}
	return nil, false, false
}

func (r *Run[T]) items(events []client.BulkEvent, h Hooks) tea.Cmd {
	for _, ev := range events {
		switch {
		case ev.State == client.ItemUnknown:
			r.unknown[ev.ID] = true
		case ev.State.Final():
			delete(r.unknown, ev.ID)
		}
	}
	if h.Items == nil || len(events) == 0 {
		return nil
	}
	return h.Items(events)
}

// TakeList settles a finished delete run's unknown outcomes by a list
// read since: an item the list shows is still there, not deleted; one a
// complete list lacks is gone, by this run or by someone else. listed
// says, for an item, whether the list shows it and whether the list could
// (known: it covers that item's scope). Each settled item is recorded and
// goes to the panel and the view, like the run's own events.
func (r *Run[T]) TakeList(listed func(item T) (present, known bool), now time.Time) tea.Cmd {
	if r == nil || !r.done || !r.Spec.Verbs.CountsGone || len(r.unknown) == 0 {
		return nil
	}
	var batch progress.BatchMsg
	var entries []audit.Entry
	for id := range r.unknown {
		present, known := listed(r.byID[id])
		if !known {
			continue
		}
		delete(r.unknown, id) // settled now: a second list does not settle it again
		ev := client.BulkEvent{Index: -1, ID: id, At: now, Settled: true, State: client.ItemGoneAfterRetry,
			Err: errors.New("outcome unknown; gone from the list read after the run: deleted by this run or by someone else")}
		if present {
			ev.State, ev.Err = client.ItemFailed, errors.New("outcome unknown; still in the list read after the run: not deleted")
		}
		entries = append(entries, r.Spec.Outcome(now, r.ops[id], r.byID[id], ev))
		batch = append(batch, progress.ItemMsg{Run: r.Addr, Event: ev})
	}
	if len(batch) == 0 {
		return nil
	}
	rec := r.rec
	return func() tea.Msg { // recorded off the event loop, before the panel hears of it
		for _, e := range entries {
			rec.Outcome(e)
		}
		return batch
	}
}

func (r *Run[T]) finish(h Hooks) tea.Cmd {
	r.done = true
	if h.Finished != nil {
		return h.Finished()
	}
	return nil
}

// closedToast words the run's result after the panel closes.
func (r *Run[T]) closedToast(s client.BulkSummary) tea.Cmd {
	gone := ""
	if s.Gone > 0 || r.Spec.Verbs.CountsGone {
		gone = fmt.Sprintf(" already gone %d,", s.Gone)
	}
	text := fmt.Sprintf("%s %d,%s failed %d, skipped %d", capitalize(r.Spec.Verbs.Done), s.Done, gone, s.Failed, s.Skipped)
	level := common.ToastSuccess
	if s.Failed > 0 {
		level = common.ToastWarning
	}
	if r.Spec.Summary != nil {
		level, text = r.Spec.Summary(s)
	}
	if r.auditErr != nil {
		text += "; not all recorded in the audit log"
		level = common.ToastWarning
	}
	return common.Toast(level, text)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Pick is the run's items whose ids are in ids, in the run's order (a
// retry's or an undo's items).
func (r *Run[T]) Pick(ids []string) []T {
	if r == nil {
		return nil
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var out []T
	for i, id := range r.ids {
		if want[id] {
			out = append(out, r.Items[i])
		}
	}
	return out
}

// AuditReason is why changes must stop after this run: its audit log
// could not be written ("" when it could).
func (r *Run[T]) AuditReason() string {
	if r == nil || r.auditErr == nil {
		return ""
	}
	return "the audit log could not be written (" + r.auditErr.Error() + ")"
}

// Finished is the ids events end for good in a way that takes an item
// off the user's hands: done, or gone (deleted meanwhile). Their marks
// go; a delete's rows too.
func Finished(events []client.BulkEvent) []string {
	var out []string
	for _, ev := range events {
		switch ev.State {
		case client.ItemDone, client.ItemGone, client.ItemGoneAfterRetry:
			out = append(out, ev.ID)
		}
	}
	return out
}

// Stamped is spec naming the plan it carries out: label in every audit
// entry, name in the panel's title.
func Stamped[T any](spec Spec[T], label, name string) Spec[T] {
	intent, outcome := spec.Intent, spec.Outcome
	spec.Intent = func(at time.Time, op string, it T) audit.Entry {
		e := intent(at, op, it)
		e.Plan = label
		return e
	}
	spec.Outcome = func(at time.Time, op string, it T, ev client.BulkEvent) audit.Entry {
		e := outcome(at, op, it, ev)
		e.Plan = label
		return e
	}
	spec.Title += " · plan " + name
	return spec
}
