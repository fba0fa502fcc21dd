package client

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strings"
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
	if (e.State == ItemFailed || e.State == ItemUnknown || e.State == ItemChecking || e.State == ItemGoneAfterRetry) != (e.Err != nil) &&
		e.State != ItemGone && e.State != ItemSkipped {
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
	checked := len(s) == 4 && s[1] == ItemRunning && s[2] == ItemChecking
	if len(s) == 3 && s[1] != ItemRunning || len(s) > 3 && !checked || (len(s) == 2 && s[1] != ItemSkipped) {
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
	sum := RunBulk(context.Background(), ids, ErrOnly(op), BulkOptions{Concurrency: 3}, log.add)
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
	go func() { done <- RunBulk(ctx, ids, ErrOnly(op), BulkOptions{Concurrency: 2}, log.add) }()
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
	// The cancel comes once the two paced-in deletes are answered: on a
	// loaded machine the third worker may start waiting for its slot
	// before the first two are even sent, and those must still go.
	twoDone := make(chan struct{})
	var once sync.Once
	c := f.client(func(cfg *Config) {
		cfg.RateLimit = RateLimit{Requests: 2, Per: time.Hour}
		cfg.OnWait = func(e WaitEvent) {
			if e.Reason == WaitPacing {
				once.Do(func() {
					go func() {
						select {
						case <-twoDone:
						case <-time.After(10 * time.Second):
						}
						cancel()
					}()
				})
			}
		}
	})
	log := newEventLog(t)
	ids := []string{"t1", "t2", "t3", "t4", "t5"}
	var dmu sync.Mutex
	done := 0
	sum := c.DeletePATs(ctx, ids, BulkOptions{Concurrency: 3}, func(ev BulkEvent) {
		log.add(ev)
		if ev.State == ItemDone {
			dmu.Lock()
			if done++; done == 2 {
				close(twoDone)
			}
			dmu.Unlock()
		}
	})
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
		// One held by the pacer was queued, never shown as sending.
		if !sent && slices.Contains(log.states[id], ItemRunning) {
			t.Errorf("%s: shown running while the pacer held it: %v", id, log.states[id])
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

// Items whose outcome is unknown wait in ItemChecking for one Settle call
// after the workers are done: gone → done (settled), present → failed
// (settled); a failed check, or none, leaves them ItemUnknown.
func TestRunBulkSettlesUnknownOutcomes(t *testing.T) {
	unknown := func(id string) error {
		return &outcomeError{ErrOutcomeUnknown, &APIError{Status: 500, Method: "DELETE", Path: "/x/" + id}}
	}
	op := func(_ context.Context, id string) (Outcome, error) {
		switch id {
		case "u-gone", "u-present":
			return Outcome{}, unknown(id)
		case "retry-404":
			return Outcome{}, &outcomeError{ErrGoneAfterRetry, &APIError{Status: 404, TrackingID: "t404"}}
		}
		return Outcome{Status: 204, TrackingID: "trk-" + id}, nil
	}
	ids := []string{"ok", "u-gone", "u-present", "retry-404"}
	var asked []string
	settle := func(_ context.Context, ids []string) (map[string]bool, error) {
		asked = append(asked, ids...)
		return map[string]bool{"u-present": true, "ok": true}, nil
	}
	log := newEventLog(t)
	var mu sync.Mutex
	events := map[string]BulkEvent{}
	sum := RunBulk(context.Background(), ids, op, BulkOptions{Concurrency: 2, Settle: settle}, func(e BulkEvent) {
		log.add(e)
		mu.Lock()
		events[e.ID] = e
		mu.Unlock()
	})
	sort.Strings(asked)
	if len(asked) != 2 || asked[0] != "u-gone" || asked[1] != "u-present" {
		t.Errorf("settle asked about %v, want the two unknown ones", asked)
	}
	want := map[string]ItemState{"ok": ItemDone, "u-gone": ItemDone, "u-present": ItemFailed, "retry-404": ItemGoneAfterRetry}
	for id, st := range want {
		if got := log.final(id); got != st {
			t.Errorf("%s final = %v, want %v", id, got, st)
		}
	}
	if !events["u-gone"].Settled || !events["u-present"].Settled || events["ok"].Settled {
		t.Errorf("settled flags: %+v", events)
	}
	if events["ok"].Outcome.TrackingID != "trk-ok" {
		t.Errorf("success outcome = %+v, want its tracking id", events["ok"].Outcome)
	}
	if sum.Done != 2 || sum.Failed != 1 || sum.GoneAfterRetry != 1 || sum.Settled != 2 || sum.Unknown != 0 || sum.Total() != 4 {
		t.Errorf("summary = %+v", sum)
	}

	// A delete's settling never claims a gone item as its own: someone
	// else may have deleted it (gone-after-retry); one still present was
	// not deleted, and says so.
	log = newEventLog(t)
	events = map[string]BulkEvent{}
	sum = RunBulk(context.Background(), ids, op, BulkOptions{Concurrency: 2, Settle: settle}.AsDeletes(), func(e BulkEvent) {
		log.add(e)
		mu.Lock()
		events[e.ID] = e
		mu.Unlock()
	})
	if got := log.final("u-gone"); got != ItemGoneAfterRetry || !events["u-gone"].Settled || sum.Done != 1 || sum.GoneAfterRetry != 2 {
		t.Errorf("delete settling: u-gone %v, summary %+v", got, sum)
	}
	if err := events["u-present"].Err; err == nil || !strings.Contains(err.Error(), "still present when checked afterwards: not deleted") {
		t.Errorf("delete settling, present: %v", err)
	}
	// A change's settling words what it did not find without speaking of
	// deletes.
	log = newEventLog(t)
	events = map[string]BulkEvent{}
	RunBulk(context.Background(), ids, op, BulkOptions{Concurrency: 2, Settle: settle, SettledNotDone: "not changed"}, func(e BulkEvent) {
		log.add(e)
		mu.Lock()
		events[e.ID] = e
		mu.Unlock()
	})
	if err := events["u-present"].Err; err == nil || !strings.HasSuffix(err.Error(), "; not changed") || log.final("u-gone") != ItemDone {
		t.Errorf("change settling: %v, u-gone %v", err, log.final("u-gone"))
	}

	// Without a check the unknown stay unknown, never "failed" or "done".
	log = newEventLog(t)
	sum = RunBulk(context.Background(), []string{"u-gone"}, op, BulkOptions{}, log.add)
	if got := log.final("u-gone"); got != ItemUnknown || sum.Unknown != 1 {
		t.Errorf("no settle: final %v, summary %+v", got, sum)
	}
	log = newEventLog(t)
	failing := func(context.Context, []string) (map[string]bool, error) { return nil, errors.New("list: 503") }
	sum = RunBulk(context.Background(), []string{"u-gone"}, op, BulkOptions{Settle: failing}, log.add)
	if got := log.final("u-gone"); got != ItemUnknown || sum.Unknown != 1 {
		t.Errorf("failed settle: final %v, summary %+v", got, sum)
	}
}

// A skipped item says why in words, not as Go's "context canceled".
func TestRunBulkSkippedItemsSayWhy(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var got []BulkEvent
	var mu sync.Mutex
	RunBulk(ctx, []string{"a", "b"}, ErrOnly(func(context.Context, string) error { return nil }), BulkOptions{}, func(e BulkEvent) {
		mu.Lock()
		got = append(got, e)
		mu.Unlock()
	})
	for _, e := range got {
		if e.State == ItemSkipped && (e.Err == nil || e.Err.Error() != "cancelled before it was sent") {
			t.Errorf("skipped %s: err %v", e.ID, e.Err)
		}
	}
}

func TestPresent(t *testing.T) {
	got, err := Present(context.Background(), []string{"a", "b"}, func(_ context.Context, id string) error {
		if id == "b" {
			return &APIError{Status: 404}
		}
		return nil
	})
	if err != nil || !got["a"] || got["b"] || len(got) != 2 {
		t.Fatalf("%v %v", got, err)
	}
	if _, err := Present(context.Background(), []string{"a"}, func(context.Context, string) error { return &APIError{Status: 500} }); err == nil {
		t.Fatal("a 500 did not stop")
	}
}
