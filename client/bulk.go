package client

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// ItemState is where one item of a bulk run is.
type ItemState int

const (
	ItemQueued         ItemState = iota // waiting for a worker
	ItemRunning                         // its request has left (paced requests wait as queued)
	ItemChecking                        // the op's outcome is unknown; a check against the server will settle it
	ItemDone                            // op succeeded
	ItemGone                            // the server said 404 at once: it was already gone
	ItemFailed                          // op failed; BulkEvent.Err says why
	ItemSkipped                         // cancelled before the server could act on it
	ItemGoneAfterRetry                  // 404 after an attempt that may have acted: deleted by this run or by someone else
	ItemUnknown                         // an attempt may have acted and no check could settle it

	// NumItemStates sizes per-state counters.
	NumItemStates = int(ItemUnknown) + 1
)

func (s ItemState) String() string {
	switch s {
	case ItemQueued:
		return "queued"
	case ItemRunning:
		return "running"
	case ItemChecking:
		return "checking"
	case ItemDone:
		return "done"
	case ItemGone:
		return "already gone"
	case ItemFailed:
		return "failed"
	case ItemSkipped:
		return "skipped"
	case ItemGoneAfterRetry:
		return "gone (this run or another client)"
	case ItemUnknown:
		return "outcome unknown"
	}
	return "unknown state"
}

// Final reports whether the state is terminal.
func (s ItemState) Final() bool { return s >= ItemDone }

// BulkEvent is one state change of one item. Index is the item's position
// in the ids passed to RunBulk (its first position, for duplicates).
type BulkEvent struct {
	Index int
	ID    string
	State ItemState
	Err   error
	At    time.Time
	// Outcome is the success's status and tracking id (ItemDone).
	Outcome Outcome
	// Settled is set on a final state decided by BulkOptions.Settle after
	// the op's own outcome was unknown.
	Settled bool
}

// BulkOp is one item's operation. Outcome describes a success.
type BulkOp func(ctx context.Context, id string) (Outcome, error)

// ErrOnly adapts an op that reports only an error.
func ErrOnly(op func(ctx context.Context, id string) error) BulkOp {
	return func(ctx context.Context, id string) (Outcome, error) { return Outcome{}, op(ctx, id) }
}

// BulkOptions tune RunBulk.
type BulkOptions struct {
	Concurrency int              // workers; 0 → 8
	Now         func() time.Time // clock for events and Elapsed; nil → time.Now
	// Before runs just before an item's op (the audit intent, flushed to
	// disk before the request may be sent). An error skips the item with
	// that error; the caller cancels the run if nothing more may be sent.
	Before func(id string) error
	// Settle checks, once the workers are done, which of the items whose
	// outcome was unknown (IsOutcomeUnknown) still exist: present[id]
	// true means the op did not happen (ItemFailed), false that it did
	// (ItemDone, Settled). An error, or a nil Settle, leaves them
	// ItemUnknown. It runs even after cancellation: those requests were
	// sent.
	Settle func(ctx context.Context, ids []string) (present map[string]bool, err error)
	// SettledDone is the state of an item the check finds in effect;
	// zero means ItemDone (a change the check sees made). A delete's is
	// ItemGoneAfterRetry: gone may be this run's doing or someone else's.
	SettledDone ItemState
	// SettledNotDone says what the check found of an item not in effect
	// ("still present when checked afterwards: not deleted").
	SettledNotDone string
}

// Add counts n more items in the final state st (n < 0: fewer, as when a
// later verdict moves an item); other states are not counted.
func (s *BulkSummary) Add(st ItemState, n int) {
	if c := s.counter(st); c != nil {
		*c += n
	}
}

// counter is the count of final state st (nil for the others).
func (s *BulkSummary) counter(st ItemState) *int {
	switch st {
	case ItemDone:
		return &s.Done
	case ItemGone:
		return &s.Gone
	case ItemFailed:
		return &s.Failed
	case ItemSkipped:
		return &s.Skipped
	case ItemGoneAfterRetry:
		return &s.GoneAfterRetry
	case ItemUnknown:
		return &s.Unknown
	}
	return nil
}

// AsDeletes words a delete run's settling: an item the check finds gone
// is gone by this run or by someone else (ItemGoneAfterRetry), never
// claimed as this run's; one still present was not deleted.
func (o BulkOptions) AsDeletes() BulkOptions {
	o.SettledDone, o.SettledNotDone = ItemGoneAfterRetry, "still present when checked afterwards: not deleted"
	return o
}

// BulkSummary counts final states; Skipped includes items never started.
type BulkSummary struct {
	Done, Gone, Failed, Skipped int
	// GoneAfterRetry were gone when a retry reached them; Unknown could
	// not be settled.
	GoneAfterRetry, Unknown int
	// Settled is how many of Done and Failed a check decided.
	Settled int
	Elapsed time.Duration
}

// Total is the number of distinct items the run covered.
func (s BulkSummary) Total() int {
	return s.Done + s.Gone + s.Failed + s.Skipped + s.GoneAfterRetry + s.Unknown
}

// settleTimeout bounds the check that settles unknown outcomes.
const settleTimeout = 30 * time.Second

const defaultBulkConcurrency = 8

// RunBulk runs op once for every distinct id (duplicates are dropped: the
// user confirmed a set) with bounded concurrency. Pacing is not done here:
// ops that call the Client share its pacer, which is what bounds the rate.
//
// Every item gets ItemQueued first, then ItemRunning and one final state
// (an item whose outcome is unknown passes through ItemChecking until
// opts.Settle decides it). Cancelling ctx stops queued items
// (ItemSkipped) while requests already sent finish: op receives a
// context that is not cancelled with ctx, but Client calls in it stop at
// their next wait before sending (reported as ItemSkipped when the server
// cannot have acted). A 404 is ItemGone; a 404 after a retry is
// ItemGoneAfterRetry. onEvent may be called from several goroutines at
// once; it must not block.
func RunBulk(ctx context.Context, ids []string, op BulkOp, opts BulkOptions, onEvent func(BulkEvent)) BulkSummary {
	r := newBulkRun(opts, onEvent)
	start := r.now()
	items := distinct(ids)
	workers := opts.Concurrency
	if workers <= 0 {
		workers = defaultBulkConcurrency
	}
	workers = min(workers, max(len(items), 1))

	for _, it := range items {
		r.emit(BulkEvent{Index: it.index, ID: it.id, State: ItemQueued})
	}
	opCtx := withWaitContext(context.WithoutCancel(ctx), ctx)
	queue := make(chan bulkItem)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range queue {
				if ctx.Err() != nil {
					r.finish(BulkEvent{Index: it.index, ID: it.id, State: ItemSkipped, Err: errCancelledBeforeSend})
					continue
				}
				if !r.before(opts, it) {
					continue
				}
				out, err := r.runOp(opCtx, it, op)
				r.classify(it, out, err)
			}
		}()
	}
	for _, it := range items {
		queue <- it
	}
	close(queue)
	wg.Wait()
	r.settle(context.WithoutCancel(ctx), opts)
	r.sum.Elapsed = r.now().Sub(start)
	return r.sum
}

// runOp runs op for it. The item shows as running once its first request
// leaves the pacer (until then it is still queued); an op that ends
// without reaching the wire, other than unsent, passes through running
// all the same.
func (r *bulkRun) runOp(ctx context.Context, it bulkItem, op BulkOp) (Outcome, error) {
	var once sync.Once
	running := func() { once.Do(func() { r.emit(BulkEvent{Index: it.index, ID: it.id, State: ItemRunning}) }) }
	out, err := op(withSending(ctx, running), it.id)
	var notSent *notSentError
	if !errors.As(err, &notSent) {
		running()
	}
	return out, err
}

// before runs opts.Before for it (its audit intent); false, with the item
// ended as skipped, when that failed: nothing is sent that was not
// recorded first.
func (r *bulkRun) before(opts BulkOptions, it bulkItem) bool {
	if opts.Before == nil {
		return true
	}
	if err := opts.Before(it.id); err != nil {
		r.finish(BulkEvent{Index: it.index, ID: it.id, State: ItemSkipped, Err: fmt.Errorf("not sent: %w", err)})
		return false
	}
	return true
}

// errCancelledBeforeSend is a skipped item's error: said for people, not
// as Go's "context canceled".
var errCancelledBeforeSend = errors.New("cancelled before it was sent")

type bulkItem struct {
	index int
	id    string
}

// distinct keeps the first occurrence of each id.
func distinct(ids []string) []bulkItem {
	seen := make(map[string]bool, len(ids))
	items := make([]bulkItem, 0, len(ids))
	for i, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		items = append(items, bulkItem{i, id})
	}
	return items
}

// bulkRun is RunBulk's shared state: the summary and the items waiting
// for a check.
type bulkRun struct {
	now     func() time.Time
	onEvent func(BulkEvent)

	mu        sync.Mutex
	sum       BulkSummary
	unsettled []BulkEvent
}

func newBulkRun(opts BulkOptions, onEvent func(BulkEvent)) *bulkRun {
	r := &bulkRun{now: opts.Now, onEvent: onEvent}
	if r.now == nil {
		r.now = time.Now
	}
	if r.onEvent == nil {
		r.onEvent = func(BulkEvent) {}
	}
	return r
}

func (r *bulkRun) emit(ev BulkEvent) {
	ev.At = r.now()
	r.onEvent(ev)
}

// classify turns one op's result into the item's next state.
func (r *bulkRun) classify(it bulkItem, out Outcome, err error) {
	ev := BulkEvent{Index: it.index, ID: it.id, Err: err}
	var notSent *notSentError
	switch {
	case err == nil:
		ev.State, ev.Outcome = ItemDone, out
	case IsGoneAfterRetry(err):
		ev.State = ItemGoneAfterRetry
	case IsOutcomeUnknown(err):
		ev.State = ItemChecking
		r.mu.Lock()
		r.unsettled = append(r.unsettled, ev)
		r.mu.Unlock()
		r.emit(ev)
		return
	case IsNotFound(err):
		ev.State = ItemGone
	case errors.As(err, &notSent):
		ev.State, ev.Err = ItemSkipped, fmt.Errorf("%w (%w)", errCancelledBeforeSend, err)
	default:
		ev.State = ItemFailed
	}
	r.finish(ev)
}

// finish counts a final event and reports it.
func (r *bulkRun) finish(ev BulkEvent) {
	r.mu.Lock()
	r.sum.Add(ev.State, 1)
	if ev.Settled {
		r.sum.Settled++
	}
	r.mu.Unlock()
	r.emit(ev)
}

// settle decides the items whose outcome was unknown with one check.
func (r *bulkRun) settle(ctx context.Context, opts BulkOptions) {
	if len(r.unsettled) == 0 {
		return
	}
	check, done, notDone := opts.Settle, opts.SettledDone, opts.SettledNotDone
	if done == ItemQueued {
		done = ItemDone
	}
	if notDone == "" {
		notDone = "the check after the run found it not done"
	}
	var present map[string]bool
	err := errors.New("no check available")
	if check != nil {
		ids := make([]string, len(r.unsettled))
		for i, ev := range r.unsettled {
			ids[i] = ev.ID
		}
		cctx, cancel := context.WithTimeout(ctx, settleTimeout)
		present, err = check(cctx, ids)
		cancel()
	}
	for _, ev := range r.unsettled {
		switch {
		case err != nil:
			ev.State, ev.Err = ItemUnknown, fmt.Errorf("%w; checking the server failed: %w", ev.Err, err)
		case present[ev.ID]:
			ev.State, ev.Settled = ItemFailed, true
			ev.Err = fmt.Errorf("%w; %s", ev.Err, notDone)
		case done == ItemGoneAfterRetry: // the 5xx stays on record beside it
			ev.State, ev.Settled = done, true
			ev.Err = fmt.Errorf("%w; gone when checked after the run: deleted by this run or by someone else", ev.Err)
		default:
			ev.State, ev.Settled, ev.Err = done, true, nil
		}
		r.finish(ev)
	}
}

// DeletePATs deletes the given tokens through RunBulk and DeletePAT.
func (c *Client) DeletePATs(ctx context.Context, ids []string, opts BulkOptions, onEvent func(BulkEvent)) BulkSummary {
	if opts.Now == nil {
		opts.Now = c.now
	}
	// Spread over the versions whose delete is the same operation, each
	// under its own budget, when SpreadVersions is on (spread.go).
	fams := &rotate{fams: c.SpreadFamilies(false)}
	opts.Concurrency = spreadWorkers(opts, len(fams.fams))
	return RunBulk(ctx, ids, func(ctx context.Context, id string) (Outcome, error) {
		return c.deletePATIn(ctx, fams.next(), id)
	}, opts.AsDeletes(), onEvent)
}

// Present reads each id with get and reports whether it is still there
// (a 404: not); any other error stops. Settling a delete whose outcome
// stayed unknown reads the items so.
func Present(ctx context.Context, ids []string, get func(ctx context.Context, id string) error) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		switch err := get(ctx, id); {
		case err == nil:
			out[id] = true
		case IsNotFound(err):
			out[id] = false
		default:
			return nil, err
		}
	}
	return out, nil
}
