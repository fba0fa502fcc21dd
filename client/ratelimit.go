package client

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// RateLimit is a request budget: at most Requests sends in any window of
// length Per. The zero value is the documented ISC gateway default,
// 100 requests per 10 s per client id and API family.
type RateLimit struct {
	Requests int
	Per      time.Duration
}

// The gateway's documented budget (isc-api.md §3).
const (
	defaultRateRequests = 100
	defaultRatePer      = 10 * time.Second
)

func (r RateLimit) orDefault() RateLimit {
	if r.Requests <= 0 || r.Per <= 0 {
		return RateLimit{Requests: defaultRateRequests, Per: defaultRatePer}
	}
	return r
}

// Bounds of a parsed rate limit.
const (
	minRateWindow = time.Millisecond
	maxRateWindow = time.Hour
	maxRateCount  = 1_000_000
)

// ParseRateLimit parses "COUNT/WINDOW", e.g. "100/10s", "100/1s", "5/m"
// (a window without a number means one unit).

func ParseRateLimit(s string) (RateLimit, error) {
	count, window, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return RateLimit{}, fmt.Errorf("rate limit %q: want COUNT/WINDOW, e.g. 100/10s", s)
	}
	n, err := strconv.Atoi(strings.TrimSpace(count))
	if err != nil || n <= 0 {
		return RateLimit{}, fmt.Errorf("rate limit %q: count must be a positive integer", s)
	}
	window = strings.TrimSpace(window)
	if window != "" && !unicode.IsDigit(rune(window[0])) {
		window = "1" + window
	}
	per, err := time.ParseDuration(window)
	if err != nil || per <= 0 {
		return RateLimit{}, fmt.Errorf("rate limit %q: window must be a positive duration such as 10s", s)
	}
	// A gateway budget is counted over seconds or minutes; a window past
	// an hour is a typo that would pace sailtui to a standstill.
	if per > maxRateWindow {
		return RateLimit{}, fmt.Errorf("rate limit %q: window must be at most %s", s, maxRateWindow)
	}
	if per < minRateWindow {
		return RateLimit{}, fmt.Errorf("rate limit %q: window must be at least %s", s, minRateWindow)
	}
	if n > maxRateCount {
		return RateLimit{}, fmt.Errorf("rate limit %q: count must be at most %d", s, maxRateCount)
	}
	return RateLimit{Requests: n, Per: per}, nil
}

// String formats the limit so ParseRateLimit reads it back.
func (r RateLimit) String() string {
	r = r.orDefault()
	return strconv.Itoa(r.Requests) + "/" + r.Per.String()
}

// pacer is a sliding-window limiter: no more than limit sends in any window.
// A token bucket with burst N would allow N+1 sends in one server window
// (a burst at the end of one refill period plus the refill), so this keeps
// the times of the last N sends instead. The window carries a small safety
// margin so jitter between our send and the gateway's clock never lets the
// server see N+1.
//
// Why the invariant holds: reservation k+N is never earlier than slot k + W,
// reservations are handed out in non-decreasing order, and every send
// happens at or after its reservation. So among any N+1 sends, the one with
// the highest index is at least W after the one with the lowest.
type pacer struct {
	mu     sync.Mutex
	limit  RateLimit     // the configured budget
	window time.Duration // limit.Per plus the safety margin
	slots  []time.Time   // ring: slots[k%N] is the send time of reservation k
	seq    int           // reservations handed out so far
	last   time.Time     // the latest reservation (keeps them monotonic)
	hold   time.Time     // no sends before this (set after a 429)
}

// pacingMargin is the slack added to the window: 3 % of it, at least 50 ms
// (a loaded machine can delay a goroutine by tens of milliseconds, and one
// 429 costs a whole second of Retry-After).
func pacingMargin(per time.Duration) time.Duration {
	return max(per*3/100, 50*time.Millisecond)
}

func newPacer(r RateLimit) *pacer {
	r = r.orDefault()
	return &pacer{limit: r, window: r.Per + pacingMargin(r.Per), slots: make([]time.Time, r.Requests)}
}

// reservation is a booked send time; settle it with the real send time.
type reservation struct {
	at  time.Time
	seq int
}

// reserve books the earliest send time at or after now that keeps the
// window invariant.
func (p *pacer) reserve(now time.Time) reservation {
	p.mu.Lock()
	defer p.mu.Unlock()
	at := latest(now, p.last, p.hold)
	if prev := p.slots[p.seq%len(p.slots)]; !prev.IsZero() {
		at = latest(at, prev.Add(p.window))
	}
	r := reservation{at: at, seq: p.seq}
	p.slots[p.seq%len(p.slots)] = at
	p.seq++
	p.last = at
	return r
}

// settle records that reservation r was actually sent at sent (timers and
// the scheduler can be late), so the reservation N later keeps a full
// window from the real send. Too late once that reservation is booked.
func (p *pacer) settle(r reservation, sent time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.seq-r.seq <= len(p.slots) && sent.After(p.slots[r.seq%len(p.slots)]) {
		p.slots[r.seq%len(p.slots)] = sent
	}
}

// holdUntil stops every send until t: after a 429 the gateway's budget is
// spent for all of this client's concurrent calls, not just the one that saw it.
func (p *pacer) holdUntil(t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t.After(p.hold) {
		p.hold = t
	}
}

func latest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}
