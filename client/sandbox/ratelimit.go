package sandbox

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/sailtui/sailtui/client"
)

// limiter is the gateway's rate limit: at most limit.Requests admitted
// requests in any sliding window of limit.Per, per key (client_id + API
// family). Requests are counted at receipt; rejected ones do not count.
type limiter struct {
	mu        sync.Mutex
	limit     client.RateLimit
	hits      map[string]*window
	lastPrune time.Time
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
	l.prune(now)
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

// prune forgets keys whose newest request has left the window, so a
// long-running sandbox seeing many client ids keeps bounded memory. It runs
// at most once per window.
func (l *limiter) prune(now time.Time) {
	if now.Sub(l.lastPrune) < l.limit.Per {
		return
	}
	l.lastPrune = now
	for k, w := range l.hits {
		if now.Sub(w.newest()) >= l.limit.Per {
			delete(l.hits, k)
		}
	}
}

// newest is the latest admission time in the ring.
func (w *window) newest() time.Time {
	if len(w.times) == 0 {
		return time.Time{}
	}
	// next only moves once the ring is full; the newest entry sits just
	// before it (or at the end while filling, when next is 0).
	if w.next == 0 {
		return w.times[len(w.times)-1]
	}
	return w.times[w.next-1]
}

// write429 renders the 429 shape with Retry-After in whole seconds
// (rounded up, at least 1, so a client never retries too early).
func write429(w http.ResponseWriter, wait time.Duration) {
	secs := int((wait + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeJSON(w, http.StatusTooManyRequests, map[string]string{"message": " Rate Limit Exceeded "})
}
