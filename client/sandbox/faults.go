package sandbox

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

type faultKind int

const (
	faultNone       faultKind = iota
	faultBurst429             // forced 429 (Faults.Burst429)
	faultStatus               // injected 500 or 503
	faultDropBefore           // connection closed before the request is handled
	faultDropAfter            // handled (and committed), then the response is lost
)

type fault struct {
	kind       faultKind
	status     int
	retryAfter time.Duration
}

// faultInjector decides which API calls fail. Its RNG is seeded from
// Faults.Seed, so the sequence of decisions is reproducible.
type faultInjector struct {
	mu    sync.Mutex
	cfg   Faults
	burst int
	rng   *rand.Rand
}

func newFaultInjector(f Faults) *faultInjector {
	fi := &faultInjector{}
	fi.set(f)
	return fi
}

func (fi *faultInjector) set(f Faults) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.cfg = f
	fi.burst = f.Burst429
	fi.rng = rand.New(rand.NewPCG(uint64(f.Seed), 0x5a4db0c0))
}

func (fi *faultInjector) latency() time.Duration {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return fi.cfg.Latency
}

func (fi *faultInjector) expireEarly() bool {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return fi.cfg.EarlyExpiry > 0 && fi.rng.Float64() < fi.cfg.EarlyExpiry
}

// next decides the fate of one API call that passed auth and rate limiting.
func (fi *faultInjector) next() fault {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	if fi.burst > 0 {
		fi.burst--
		ra := fi.cfg.RetryAfter
		if ra <= 0 {
			ra = time.Second
		}
		return fault{kind: faultBurst429, retryAfter: ra}
	}
	if fi.cfg.ErrorRate > 0 && fi.rng.Float64() < fi.cfg.ErrorRate {
		status := http.StatusInternalServerError
		if fi.rng.IntN(2) == 1 {
			status = http.StatusServiceUnavailable
		}
		return fault{kind: faultStatus, status: status}
	}
	if fi.cfg.DropRate > 0 && fi.rng.Float64() < fi.cfg.DropRate {
		if fi.rng.IntN(2) == 1 {
			return fault{kind: faultDropAfter}
		}
		return fault{kind: faultDropBefore}
	}
	return fault{}
}

// drop closes the client connection without a response. It reports false
// when the writer cannot be hijacked (e.g. an httptest.ResponseRecorder);
// the caller then answers normally.
func (s *Server) drop(w http.ResponseWriter) bool {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return false
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return false
	}
	// Count before closing: the client sees the close at once.
	s.injected.Add(1)
	s.dropped.Add(1)
	_ = conn.Close()
	return true
}

// bufferedWriter holds a response so that it can be thrown away (a lost
// response after the change was committed) or forwarded.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBufferedWriter() *bufferedWriter { return &bufferedWriter{header: http.Header{}} }

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

func (b *bufferedWriter) flushTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(b.body.Bytes())
}
