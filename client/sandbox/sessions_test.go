package sandbox

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// issueToken runs one client_credentials request through ServeHTTP.
func issueToken(tb testing.TB, s *Server) {
	a, _ := s.Credentials()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {a.ClientID}, "client_secret": {a.ClientSecret}}
	req := httptest.NewRequest(http.MethodPost, "/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		tb.Fatalf("token: %d %s", rec.Code, rec.Body)
	}
}

// Sessions that have expired are dropped as new ones are issued, so a
// long run (a flood of token requests, --early-expiry) keeps the store
// small; live ones are kept.
func TestIssuingPrunesExpiredSessions(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	s, err := New(Options{Seed: 1, Tokens: 10, TokenTTL: time.Minute, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	for range 500 {
		issueToken(t, s)
	}
	if n := len(s.sessions); n != 500 {
		t.Fatalf("%d live sessions, want 500", n)
	}
	advance(2 * time.Minute)
	issueToken(t, s)
	if n, h := len(s.sessions), s.expiry.Len(); n != 1 || h != 1 {
		t.Fatalf("after expiry: %d sessions, %d queued; want 1 and 1", n, h)
	}
}

// A client that stops sending half-way through a body is cut off after
// the read timeout instead of holding the connection open.
func TestHalfSentBodyIsCutOff(t *testing.T) {
	s, err := New(Options{Seed: 1, Tokens: 10, ReadTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	base, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = conn.Write([]byte("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
		"Content-Length: 1000\r\n\r\ngrant_type=client_"))
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	start := time.Now()
	_, _ = bufio.NewReader(conn).ReadString(0) // until the server answers or closes
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("connection held %v", d)
	}
}

// BenchmarkTokenIssue issues tokens back to back: the cost per token must
// not grow with the number issued (it scanned every live session: three
// floods of 50k took 36 s, 3 min 41 s, then 8 min 56 s). The log line
// compares the first and the last tenth of the run.
func BenchmarkTokenIssue(b *testing.B) {
	s, err := New(Options{Seed: 1, Tokens: 10})
	if err != nil {
		b.Fatal(err)
	}
	tenth := max(b.N/10, 1)
	var first, last time.Duration
	start := time.Now()
	b.ResetTimer()
	for i := range b.N {
		issueToken(b, s)
		switch i + 1 {
		case tenth:
			first = time.Since(start)
		case b.N - tenth:
			start = time.Now()
		}
	}
	last = time.Since(start)
	if b.N >= 1000 {
		b.Logf("%d tokens issued; first tenth %v/token, last tenth %v/token (%.2f×); %d live sessions",
			b.N, first/time.Duration(tenth), last/time.Duration(tenth), float64(last)/float64(first), len(s.sessions))
	}
}
