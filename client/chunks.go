package client

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// ErrChangedMeanwhile is an item a chunked run left out: it changed on the
// server since the user saw it, and the request that would have changed
// it has no guard of its own. It was never sent (IsConflict is true).
var ErrChangedMeanwhile = errors.New("changed on the server since it was shown: left out, not sent")

// ErrNotListed is an item a chunked run left out because the check before
// sending did not find it: gone from the server (ItemGone), never sent.
var ErrNotListed = errors.New("no longer listed: left out, not sent")

// Chunked is a run whose items go many to a request, such as the PAT bulk
// update: one request per chunk of at most Size items.
type Chunked struct {
	Size int
	// Check runs just before a chunk is sent: the items to leave out
	// (each with why, usually ErrChangedMeanwhile). A request that changes
	// many items at once has no per-item guard; this is its guard. An
	// error leaves the whole chunk unsent. Nil checks nothing.
	Check func(ctx context.Context, ids []string) (leftOut map[string]error, err error)
	// Send sends one request for the chunk's items. On success, wrong
	// names the items the answer shows were not changed as asked (each
	// fails with its error); the rest are done.
	Send func(ctx context.Context, ids []string) (out Outcome, wrong map[string]error, err error)
	// Fallback, when set, is the one-item operation to use instead once
	// Send fails with an error Unsupported accepts (a tenant without the
	// endpoint): for that chunk and every later one.
	Fallback    BulkOp
	Unsupported func(error) bool
	// Concurrency is how many chunks are in flight at once; 0 → 1.
	Concurrency int
	// Group, when set, keeps items of different groups out of one chunk:
	// a chunk's items all have one group (one request, one body, e.g.
	// the same patch). Groups go in order of their first item.
	Group func(id string) string
}

// RunChunks runs ch over the distinct ids, one chunk at a time, with the
// events and summary of RunBulk: every item is queued; BulkOptions.Before
// runs for each item of a chunk before its request may be sent; the
// request's answer is every sent item's (a success's Outcome, or the
// error); an outcome a 5xx or a dropped connection left unknown is
// settled once, after the last chunk, by BulkOptions.Settle, never
// guessed. Cancelling ctx skips the chunks not yet sent.
func RunChunks(ctx context.Context, ids []string, ch Chunked, opts BulkOptions, onEvent func(BulkEvent)) BulkSummary {
	r := newBulkRun(opts, onEvent)
	start := r.now()
	items := distinct(ids)
	for _, it := range items {
		r.emit(BulkEvent{Index: it.index, ID: it.id, State: ItemQueued})
	}
	size := max(ch.Size, 1)
	opCtx := withWaitContext(context.WithoutCancel(ctx), ctx)
	chunks := make(chan []bulkItem)
	var fellBack atomic.Bool // the fallback from then on
	var wg sync.WaitGroup
	for range max(ch.Concurrency, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for chunk := range chunks {
				c := ch
				if fellBack.Load() {
					c.Send = nil
				}
				if r.runChunk(ctx, opCtx, chunk, c, opts) {
					fellBack.Store(true)
				}
			}
		}()
	}
	for _, chunk := range chunksOf(items, size, ch.Group) {
		chunks <- chunk
	}
	close(chunks)
	wg.Wait()
	r.settle(context.WithoutCancel(ctx), opts)
	r.sum.Elapsed = r.now().Sub(start)
	return r.sum
}

// chunksOf cuts items into chunks of at most size, none holding two
// groups (group nil: one group).
func chunksOf(items []bulkItem, size int, group func(string) string) [][]bulkItem {
	var order []string
	byGroup := map[string][]bulkItem{}
	for _, it := range items {
		g := ""
		if group != nil {
			g = group(it.id)
		}
		if _, ok := byGroup[g]; !ok {
			order = append(order, g)
		}
		byGroup[g] = append(byGroup[g], it)
	}
	var out [][]bulkItem
	for _, g := range order {
		its := byGroup[g]
		for from := 0; from < len(its); from += size {
			out = append(out, its[from:min(from+size, len(its))])
		}
	}
	return out
}

// runChunk checks, records and sends one chunk; fellBack says it went
// item by item because the tenant lacks Send's endpoint.
func (r *bulkRun) runChunk(ctx, opCtx context.Context, chunk []bulkItem, ch Chunked, opts BulkOptions) (fellBack bool) {
	if ctx.Err() != nil {
		r.skip(chunk, errCancelledBeforeSend)
		return false
	}
	ids := make([]string, len(chunk))
	for i, it := range chunk {
		ids[i] = it.id
	}
	var leftOut map[string]error
	if ch.Check != nil {
		var err error
		if leftOut, err = ch.Check(opCtx, ids); err != nil {
			r.skip(chunk, fmt.Errorf("not sent: the check before sending failed: %w", err))
			return false
		}
	}
	send := make([]bulkItem, 0, len(chunk))
	for _, it := range chunk {
		if why, ok := leftOut[it.id]; ok {
			st := ItemFailed
			if errors.Is(why, ErrNotListed) {
				st = ItemGone
			}
			r.finish(BulkEvent{Index: it.index, ID: it.id, State: st, Err: why})
			continue
		}
		if !r.before(opts, it) {
			continue
		}
		send = append(send, it)
	}
	if len(send) == 0 {
		return false
	}
	sendIDs := make([]string, len(send))
	for i, it := range send {
		sendIDs[i] = it.id
	}
	var once sync.Once
	running := func() { // as the chunk's request leaves the pacer
		once.Do(func() {
			for _, it := range send {
				r.emit(BulkEvent{Index: it.index, ID: it.id, State: ItemRunning})
			}
		})
	}
	if ch.Send != nil {
		out, wrong, err := ch.Send(withSending(opCtx, running), sendIDs)
		var notSent *notSentError
		if !errors.As(err, &notSent) {
			running()
		}
		if ch.Fallback == nil || ch.Unsupported == nil || !ch.Unsupported(err) {
			for _, it := range send {
				switch why, ok := wrong[it.id]; {
				case ok && err == nil:
					r.finish(BulkEvent{Index: it.index, ID: it.id, State: ItemFailed, Err: why, Outcome: out})
				case IsNotFound(err):
					// A chunk's 404 is the request's (an id the server
					// lacks, or no such endpoint): the request did nothing,
					// so no item is "gone" by it.
					r.finish(BulkEvent{Index: it.index, ID: it.id, State: ItemFailed, Err: err})
				default:
					r.classify(it, out, err)
				}
			}
			return false
		}
	}
	for _, it := range send { // one by one: the tenant has no such endpoint (running since its 404)
		out, err := ch.Fallback(opCtx, it.id)
		r.classify(it, out, err)
	}
	return true
}

// skip ends every item of a chunk as not sent.
func (r *bulkRun) skip(chunk []bulkItem, err error) {
	for _, it := range chunk {
		r.finish(BulkEvent{Index: it.index, ID: it.id, State: ItemSkipped, Err: err})
	}
}
