package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// A chunked run checks each chunk just before sending it, leaves out what
// changed (never sent, a conflict), records intents before each request,
// gives every sent item the request's answer, and settles a chunk whose
// outcome is unknown by the check after the run, never by guessing.
func TestRunChunks(t *testing.T) {
	var mu sync.Mutex
	var sent [][]string
	var before []string
	unknown := &outcomeError{ErrOutcomeUnknown, errors.New("connection reset")}
	ch := Chunked{
		Size: 3,
		Check: func(_ context.Context, ids []string) (map[string]error, error) {
			if slices.Contains(ids, "c") {
				return map[string]error{"c": ErrChangedMeanwhile}, nil
			}
			return nil, nil
		},
		Send: func(_ context.Context, ids []string) (Outcome, map[string]error, error) {
			mu.Lock()
			defer mu.Unlock()
			sent = append(sent, slices.Clone(ids))
			switch {
			case slices.Contains(ids, "d"):
				return Outcome{}, nil, unknown
			case slices.Contains(ids, "g"):
				return Outcome{}, nil, &APIError{Status: 400, Messages: []ErrorMessage{{Text: "bad"}}}
			}
			// The answer shows b unchanged.
			return Outcome{Status: 200, TrackingID: fmt.Sprint("trk", len(sent))}, map[string]error{"b": errors.New("not changed")}, nil
		},
	}
	opts := BulkOptions{
		Before: func(id string) error { before = append(before, id); return nil },
		Settle: func(_ context.Context, ids []string) (map[string]bool, error) {
			return map[string]bool{"e": true}, nil // d took effect, e did not
		},
	}
	final := map[string]BulkEvent{}
	sum := RunChunks(context.Background(), []string{"a", "b", "c", "d", "e", "f", "g", "a"}, ch, opts, func(ev BulkEvent) {
		if ev.State.Final() {
			final[ev.ID] = ev
		}
	})
	if got := fmt.Sprint(sent); got != "[[a b] [d e f] [g]]" {
		t.Fatalf("requests %s", got)
	}
	if strings.Join(before, "") != "abdefg" {
		t.Fatalf("intents before sending: %v", before)
	}
	if c := final["c"]; c.State != ItemFailed || !IsConflict(c.Err) {
		t.Fatalf("c: %+v", c)
	}
	if final["a"].Outcome.TrackingID != "trk1" || final["b"].State != ItemFailed || final["f"].State != ItemDone || !final["f"].Settled ||
		final["d"].State != ItemDone || final["e"].State != ItemFailed || final["g"].State != ItemFailed {
		t.Fatalf("outcomes %+v", final)
	}
	if sum.Done != 3 || sum.Failed != 4 || sum.Settled != 3 || sum.Total() != 7 {
		t.Fatalf("summary %+v", sum)
	}
	// Cancelled: nothing more is sent; a failed check sends nothing of its
	// chunk.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sent = nil
	if sum := RunChunks(ctx, []string{"a", "b"}, ch, BulkOptions{}, nil); sum.Skipped != 2 || len(sent) != 0 {
		t.Fatalf("cancelled: %+v, sent %v", sum, sent)
	}
	ch.Check = func(context.Context, []string) (map[string]error, error) { return nil, errors.New("list failed") }
	if sum := RunChunks(context.Background(), []string{"a", "b"}, ch, BulkOptions{}, nil); sum.Skipped != 2 || len(sent) != 0 {
		t.Fatalf("failed check: %+v, sent %v", sum, sent)
	}
}

// A tenant without the chunk endpoint (404): that chunk and the rest go
// item by item through the fallback, and nothing is counted twice.
func TestRunChunksFallsBack(t *testing.T) {
	var bulk, single int
	ch := Chunked{
		Size: 2,
		Send: func(context.Context, []string) (Outcome, map[string]error, error) {
			bulk++
			return Outcome{}, nil, &APIError{Status: 404}
		},
		Fallback: func(_ context.Context, id string) (Outcome, error) {
			single++
			if id == "c" {
				return Outcome{}, &APIError{Status: 403, Messages: []ErrorMessage{{Text: "only the owner may patch"}}}
			}
			return Outcome{Status: 200}, nil
		},
		Unsupported: IsUnsupported,
	}
	failed := ""
	sum := RunChunks(context.Background(), []string{"a", "b", "c", "d", "e"}, ch, BulkOptions{}, func(ev BulkEvent) {
		if ev.State == ItemFailed {
			failed = ev.ID + ": " + ev.Err.Error()
		}
	})
	if bulk != 1 || single != 5 || sum.Done != 4 || sum.Failed != 1 || !strings.Contains(failed, "only the owner") {
		t.Fatalf("bulk %d, single %d, %+v, failed %q", bulk, single, sum, failed)
	}
}

// A chunk's 404 is the request's: its items failed, none is "gone".
func TestRunChunksNotFoundFailsTheChunk(t *testing.T) {
	notFound := &APIError{Status: 404, Messages: []ErrorMessage{{Text: "app zz not found"}}}
	sum := RunChunks(context.Background(), []string{"a", "b", "c"}, Chunked{Size: 2,
		Send: func(_ context.Context, ids []string) (Outcome, map[string]error, error) {
			if ids[0] == "a" {
				return Outcome{}, nil, notFound
			}
			return Outcome{Status: 204}, nil, nil
		}}, BulkOptions{}, nil)
	if sum.Failed != 2 || sum.Gone != 0 || sum.Done != 1 {
		t.Fatalf("summary %+v", sum)
	}
}

// With Group, no chunk holds two groups (each request has one body), and
// every item keeps its own index in the events.
func TestRunChunksKeepsGroupsApart(t *testing.T) {
	var mu sync.Mutex
	var sent []string
	ch := Chunked{Size: 2, Group: func(id string) string { return id[:1] },
		Send: func(_ context.Context, ids []string) (Outcome, map[string]error, error) {
			mu.Lock()
			defer mu.Unlock()
			sent = append(sent, strings.Join(ids, ","))
			return Outcome{Status: 204}, nil, nil
		}}
	index := map[string]int{}
	sum := RunChunks(context.Background(), []string{"a1", "b1", "a2", "a3", "b2", "c1"}, ch, BulkOptions{}, func(ev BulkEvent) {
		if ev.State.Final() {
			index[ev.ID] = ev.Index
		}
	})
	if got := fmt.Sprint(sent); got != "[a1,a2 a3 b1,b2 c1]" {
		t.Fatalf("requests %s", got)
	}
	if sum.Done != 6 || index["b1"] != 1 || index["c1"] != 5 {
		t.Fatalf("summary %+v, indexes %v", sum, index)
	}
}
