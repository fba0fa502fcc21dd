package client

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"
)

// eventLog records bulk events per id, checking they arrive in a legal order.
type eventLog struct {
	mu     sync.Mutex
	t      *testing.T
	states map[string][]ItemState
	index  map[string]int
}

func newEventLog(t *testing.T) *eventLog {
	return &eventLog{t: t, states: map[string][]ItemState{}, index: map[string]int{}}
}

func (l *eventLog) add(e BulkEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.states[e.ID] = append(l.states[e.ID], e.State)
	if i, ok := l.index[e.ID]; ok && i != e.Index {
		l.t.Errorf("%s: index changed %d → %d", e.ID, i, e.Index)
	}
	l.index[e.ID] = e.Index
	if e.At.IsZero() {
		l.t.Errorf("%s: event without time", e.ID)
	}
	if (e.State == ItemFailed) != (e.Err != nil) && e.State != ItemGone && e.State != ItemSkipped {
		l.t.Errorf("%s: state %v with err %v", e.ID, e.State, e.Err)
	}
}

// final checks each id went queued → [running →] final and returns the final state.
func (l *eventLog) final(id string) ItemState {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.states[id]
	if len(s) < 2 || s[0] != ItemQueued || !s[len(s)-1].Final() {
		l.t.Errorf("%s: events %v", id, s)
		return -1
	}
	if len(s) == 3 && s[1] != ItemRunning || len(s) > 3 || (len(s) == 2 && s[1] != ItemSkipped) {
		l.t.Errorf("%s: events %v", id, s)
	}
	return s[len(s)-1]
}

func TestRunBulkStatesAndDuplicates(t *testing.T) {
	var mu sync.Mutex
	calls := map[string]int{}
	op := func(ctx context.Context, id string) error {
		mu.Lock()
		calls[id]++
		mu.Unlock()
		switch id {
		case "gone":
			return &APIError{Status: 404, Method: "DELETE", Path: "/x"}
		case "bad":
			return errors.New("boom")
		}
		return nil
	}
	log := newEventLog(t)
	ids := []string{"a", "b", "gone", "a", "bad", "c", "b"}
	sum := RunBulk(context.Background(), ids, op, BulkOptions{Concurrency: 3}, log.add)
	if sum.Done != 3 || sum.Gone != 1 || sum.Failed != 1 || sum.Skipped != 0 || sum.Total() != 5 {
		t.Errorf("summary = %+v", sum)
	}
	for id, n := range calls {
		if n != 1 {
			t.Errorf("%s ran %d times", id, n)
		}
	}
	want := map[string]ItemState{"a": ItemDone, "b": ItemDone, "c": ItemDone, "gone": ItemGone, "bad": ItemFailed}
	for id, st := range want {
		if got := log.final(id); got != st {
			t.Errorf("%s final = %v, want %v", id, got, st)
		}
	}
	if log.index["bad"] != 4 || log.index["b"] != 1 {
		t.Errorf("indexes = %v (first occurrence in the input)", log.index)
	}
}

func TestRunBulkCancelLetsInFlightFinishAndSkipsQueued(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan string, 10)
	release := make(chan struct{})
	op := func(opCtx context.Context, id string) error {
		started <- id
		<-release
		if opCtx.Err() != nil {
			return errors.New("in-flight op saw the cancellation")
		}
		return nil
	}
	ids := []string{"1", "2", "3", "4", "5", "6"}
	log := newEventLog(t)
	done := make(chan BulkSummary)
	go func() { done <- RunBulk(ctx, ids, op, BulkOptions{Concurrency: 2}, log.add) }()
	first := []string{<-started, <-started}
	cancel()
	close(release)
	sum := <-done
	if sum.Done != 2 || sum.Skipped != 4 || sum.Failed != 0 {
		t.Fatalf("summary = %+v", sum)
	}
	for _, id := range first {
		if st := log.final(id); st != ItemDone {
			t.Errorf("in-flight %s = %v, want done", id, st)
		}
	}
	skipped := 0
	for _, id := range ids {
		if log.final(id) == ItemSkipped {
			skipped++
		}
	}
	if skipped != 4 {
		t.Errorf("skipped = %d", skipped)
	}
}

// Cancelling while a client call waits for its pacing slot stops it before
// it is sent: skipped, and the server never sees it.
func TestDeletePATsCancelDuringPacingSkipsUnsent(t *testing.T) {
	var mu sync.Mutex
	deleted := map[string]int{}
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		mu.Lock()
		deleted[r.URL.Path]++
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	ctx, cancel := context.WithCancel(context.Background())
	c := f.client(func(cfg *Config) {
		cfg.RateLimit = RateLimit{Requests: 2, Per: time.Hour}
		cfg.OnWait = func(e WaitEvent) {
			if e.Reason == WaitPacing {
				cancel()
			}
		}
	})
	log := newEventLog(t)
	ids := []string{"t1", "t2", "t3", "t4", "t5"}
	sum := c.DeletePATs(ctx, ids, BulkOptions{Concurrency: 3}, log.add)
	if sum.Done != 2 || sum.Skipped != 3 || sum.Failed != 0 {
		t.Errorf("summary = %+v", sum)
	}
	if len(deleted) != 2 {
		t.Errorf("server saw %v", deleted)
	}
	for _, id := range ids {
		st := log.final(id)
		_, sent := deleted["/personal-access-tokens/v1/"+id]
		if (st == ItemDone) != sent {
			t.Errorf("%s: state %v, sent %v", id, st, sent)
		}
	}
}

func TestPacerNeverExceedsLimitInAnyWindow(t *testing.T) {
	const n = 10
	per := time.Second
	p := newPacer(RateLimit{Requests: n, Per: per})
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var slots []time.Time
	now := start
	for i := range 95 {
		if i%7 == 0 {
			now = now.Add(37 * time.Millisecond) // callers arrive at uneven times
		}
		r := p.reserve(now)
		at := r.at
		if i%5 == 0 {
			late := at.Add(time.Duration(i) * time.Millisecond) // this send went out late
			p.settle(r, late)
			at = late
		}
		if i < n && !r.at.Equal(now) {
			t.Errorf("send %d of the first %d delayed to %v: a sliding window allows a full burst", i, n, at)
		}
		slots = append(slots, at)
	}
	sort.Slice(slots, func(i, j int) bool { return slots[i].Before(slots[j]) })
	for i := n; i < len(slots); i++ {
		if gap := slots[i].Sub(slots[i-n]); gap < per+pacingMargin(per) {
			t.Fatalf("sends %d and %d only %v apart: %d sends in one window", i-n, i, gap, n+1)
		}
	}
	p.holdUntil(now.Add(time.Hour))
	if r := p.reserve(now); !r.at.Equal(now.Add(time.Hour)) {
		t.Errorf("hold ignored: %v", r.at)
	}
}

func TestItemStateStrings(t *testing.T) {
	for s, want := range map[ItemState]string{ItemQueued: "queued", ItemRunning: "running", ItemDone: "done",
		ItemGone: "already gone", ItemFailed: "failed", ItemSkipped: "skipped"} {
		if s.String() != want {
			t.Errorf("%d = %q", s, s.String())
		}
	}
	if WaitPacing.String() != "pacing" || WaitBackoff.String() != "backoff" || WaitRateLimited.String() != "rate limited" {
		t.Error("wait reason strings")
	}
}
