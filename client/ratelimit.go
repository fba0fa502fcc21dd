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
// the times of the last N reservations instead. The window carries a small
// safety margin so latency jitter between our send and the gateway's clock
// never lets the server see N+1.
type pacer struct {
	mu     sync.Mutex
	limit  RateLimit     // the configured budget
	window time.Duration // limit.Per plus the safety margin
	slots  []time.Time   // ring of the last len(slots) reserved send times, oldest at next
	next   int
	hold   time.Time // no sends before this (set after a 429)
}

// pacingMargin is the slack added to the window: 3 % of it, at least 30 ms.
func pacingMargin(per time.Duration) time.Duration {
	return max(per*3/100, 30*time.Millisecond)
}

func newPacer(r RateLimit) *pacer {
	r = r.orDefault()
	return &pacer{limit: r, window: r.Per + pacingMargin(r.Per), slots: make([]time.Time, r.Requests)}
}

// reserve books the earliest send time at or after now that keeps the
// window invariant, and returns it. Reservations are handed out in
// non-decreasing order, so the ring stays sorted and slots[next] is always
// the oldest of the last N.
func (p *pacer) reserve(now time.Time) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	at := now
	if oldest := p.slots[p.next]; !oldest.IsZero() {
		if free := oldest.Add(p.window); free.After(at) {
			at = free
		}
	}
	if p.hold.After(at) {
		at = p.hold
	}
	p.slots[p.next] = at
	p.next = (p.next + 1) % len(p.slots)
	return at
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
