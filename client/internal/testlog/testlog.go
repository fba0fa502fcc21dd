// Package testlog is test support shared by the client and the sandbox:
// a log sink and an event list that concurrent HTTP handlers, client calls
// and callbacks may write to while the test reads what was recorded.
package testlog

import (
	"bytes"
	"sync"
)

// Buffer is an io.Writer safe for concurrent use. The zero value is ready.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String is everything written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Events collects values (wait events, bulk progress) that callbacks
// report from many goroutines. The zero value is ready; Add has the shape
// of a callback.
type Events[E any] struct {
	mu   sync.Mutex
	list []E
}

// Add records e.
func (l *Events[E]) Add(e E) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.list = append(l.list, e)
}

// All returns what was recorded, in order.
func (l *Events[E]) All() []E {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]E(nil), l.list...)
}

// Matching returns the recorded values keep accepts, in order.
func (l *Events[E]) Matching(keep func(E) bool) []E {
	var out []E
	for _, e := range l.All() {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}
