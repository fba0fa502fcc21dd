package testlog

import (
	"strings"
	"sync"
	"testing"
)

func TestConcurrentWrites(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				_, _ = b.Write([]byte("line\n"))
				_ = b.String()
			}
		})
	}
	wg.Wait()
	if n := strings.Count(b.String(), "line\n"); n != 800 {
		t.Fatalf("%d lines, want 800", n)
	}
}

func TestEventsFromManyGoroutines(t *testing.T) {
	var l Events[int]
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				l.Add(g*100 + i)
			}
		})
	}
	wg.Wait()
	if n := len(l.All()); n != 200 {
		t.Fatalf("%d events, want 200", n)
	}
	odd := l.Matching(func(v int) bool { return v%2 == 1 })
	if len(odd) != 100 {
		t.Errorf("%d odd events, want 100", len(odd))
	}
}
