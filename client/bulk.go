package client

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ItemState is where one item of a bulk run is.
type ItemState int

const (
	ItemQueued  ItemState = iota // waiting for a worker
	ItemRunning                  // op started
	ItemDone                     // op succeeded
	ItemGone                     // the server said 404: it was already gone
	ItemFailed                   // op failed; BulkEvent.Err says why
	ItemSkipped                  // cancelled before the server could act on it
)

func (s ItemState) String() string {
	switch s {
	case ItemQueued:
		return "queued"
	case ItemRunning:
		return "running"
	case ItemDone:
		return "done"
	case ItemGone:
		return "already gone"
	case ItemFailed:
		return "failed"
	case ItemSkipped:
		return "skipped"
	}
	return "unknown"
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
}

// BulkOptions tune RunBulk.
type BulkOptions struct {
	Concurrency int              // workers; 0 → 8
	Now         func() time.Time // clock for events and Elapsed; nil → time.Now
}

// BulkSummary counts final states; Skipped includes items never started.
type BulkSummary struct {
	Done, Gone, Failed, Skipped int
	Elapsed                     time.Duration
}

// Total is the number of distinct items the run covered.
func (s BulkSummary) Total() int { return s.Done + s.Gone + s.Failed + s.Skipped }

const defaultBulkConcurrency = 8

// RunBulk runs op once for every distinct id (duplicates are dropped: the
// user confirmed a set) with bounded concurrency. Pacing is not done here:
// ops that call the Client share its pacer, which is what bounds the rate.
//
// Every item gets ItemQueued first, then ItemRunning and one final state.
// Cancelling ctx stops queued items (ItemSkipped) while requests already
// sent finish: op receives a context that is not cancelled with ctx, but
// Client calls in it stop at their next wait before sending (reported as
// ItemSkipped when the server cannot have acted). A 404 is ItemGone.
// onEvent may be called from several goroutines at once; it must not block.
func RunBulk(ctx context.Context, ids []string, op func(ctx context.Context, id string) error, opts BulkOptions, onEvent func(BulkEvent)) BulkSummary {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	if onEvent == nil {
		onEvent = func(BulkEvent) {}
	}
	workers := opts.Concurrency
	if workers <= 0 {
		workers = defaultBulkConcurrency
	}
	start := now()

	type item struct {
		index int
		id    string
	}
	seen := make(map[string]bool, len(ids))
	items := make([]item, 0, len(ids))
	for i, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		items = append(items, item{i, id})
	}
	workers = min(workers, max(len(items), 1))

	for _, it := range items {
		onEvent(BulkEvent{Index: it.index, ID: it.id, State: ItemQueued, At: now()})
	}

	opCtx := withWaitContext(context.WithoutCancel(ctx), ctx)
	queue := make(chan item)
	var (
		mu  sync.Mutex
		sum BulkSummary
		wg  sync.WaitGroup
	)
	finish := func(it item, state ItemState, err error) {
		mu.Lock()
		switch state {
		case ItemDone:
			sum.Done++
		case ItemGone:
			sum.Gone++
		case ItemFailed:
			sum.Failed++
		case ItemSkipped:
			sum.Skipped++
		}
		mu.Unlock()
		onEvent(BulkEvent{Index: it.index, ID: it.id, State: state, Err: err, At: now()})
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range queue {
				if ctx.Err() != nil {
					finish(it, ItemSkipped, ctx.Err())
					continue
				}
				onEvent(BulkEvent{Index: it.index, ID: it.id, State: ItemRunning, At: now()})
				err := op(opCtx, it.id)
				var notSent *notSentError
				switch {
				case err == nil:
					finish(it, ItemDone, nil)
				case IsNotFound(err):
					finish(it, ItemGone, err)
				case errors.As(err, &notSent):
					finish(it, ItemSkipped, err)
				default:
					finish(it, ItemFailed, err)
				}
			}
		}()
	}
	for _, it := range items {
		queue <- it
	}
	close(queue)
	wg.Wait()
	sum.Elapsed = now().Sub(start)
	return sum
}

// DeletePATs deletes the given tokens through RunBulk and DeletePAT.
func (c *Client) DeletePATs(ctx context.Context, ids []string, opts BulkOptions, onEvent func(BulkEvent)) BulkSummary {
	if opts.Now == nil {
		opts.Now = c.now
	}
	return RunBulk(ctx, ids, c.DeletePAT, opts, onEvent)
}
