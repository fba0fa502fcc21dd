package sandbox

import (
	"sync"
	"time"

	"github.com/sailtui/sailtui/client"
)

// limiter is the gateway's rate limit: at most limit.Requests admitted
// requests in any sliding window of limit.Per, per key (client_id + API
// family). Requests are counted at receipt; rejected ones do not count.
type limiter struct {
	mu    sync.Mutex
	limit client.RateLimit
	hits  map[string]*window
}

// window is a ring of the admission times of the last Requests requests.
type window struct {
	times []time.Time
	next  int // index of the oldest entry once the ring is full
}

func newLimiter(l client.RateLimit) *limiter {
	return &limiter{limit: l, hits: map[string]*window{}}
}

// allow admits a request at now, or says how long until the window frees
// a slot.
func (l *limiter) allow(key string, now time.Time) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.hits[key]
	if w == nil {
		w = &window{} // grows to at most Requests entries
		l.hits[key] = w
	}
	if len(w.times) < l.limit.Requests {
		w.times = append(w.times, now)
		return 0, true
	}
	oldest := w.times[w.next]
	if free := oldest.Add(l.limit.Per); now.Before(free) {
		return free.Sub(now), false
	}
	w.times[w.next] = now
	w.next = (w.next + 1) % len(w.times)
	return 0, true
}
