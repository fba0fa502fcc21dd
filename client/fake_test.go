package client

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client/internal/testlog"
)

const (
	fakeClientID     = "fake-client-id"
	fakeClientSecret = "s3cr3t-client-secret-value"
)

// fakeISC is a scripted server for unit tests: it serves /oauth/token itself
// and hands every other request to the handler the test installs.
type fakeISC struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	tokenN   int // tokens issued
	ttl      int // expires_in
	tokenErr func() (int, string)
	requests []recorded
	handler  func(w http.ResponseWriter, r *http.Request, n int) // n counts API requests, from 1
}

type recorded struct {
	Method, Path, RawQuery string
	EscapedPath            string
	Header                 http.Header
	Body                   []byte
}

func newFakeISC(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, n int)) *fakeISC {
	t.Helper()
	f := &fakeISC{t: t, ttl: 3600, handler: handler}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeISC) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if r.URL.Path == "/oauth/token" {
		f.serveToken(w, r, body)
		return
	}
	f.mu.Lock()
	f.requests = append(f.requests, recorded{r.Method, r.URL.Path, r.URL.RawQuery, r.URL.EscapedPath(), r.Header.Clone(), body})
	n := len(f.requests)
	f.mu.Unlock()
	want := fmt.Sprintf("Bearer tok-%d", f.tokens())
	if got := r.Header.Get("Authorization"); got != want {
		// A stale token: the real gateway would answer 401 {"error"}.
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "JWT validation failed: JWT is expired"})
		return
	}
	f.handler(w, r, n)
}

func (f *fakeISC) serveToken(w http.ResponseWriter, r *http.Request, body []byte) {
	if f.tokenErr != nil {
		status, msg := f.tokenErr()
		if status != 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = io.WriteString(w, msg)
			return
		}
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		f.t.Errorf("token request content type %q", ct)
	}
	vals, _ := url.ParseQuery(string(body))
	if vals.Get("grant_type") != "client_credentials" || vals.Get("client_id") != fakeClientID || vals.Get("client_secret") != fakeClientSecret {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client: Bad credentials"})
		return
	}
	f.mu.Lock()
	f.tokenN++
	n, ttl := f.tokenN, f.ttl
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": fmt.Sprintf("tok-%d", n), "token_type": "bearer", "expires_in": ttl,
		"scope": "sp:scopes:all", "identity_id": "ident-1", "user_name": "admin", "org": "acme", "tenant_id": "t-1",
	})
}

func (f *fakeISC) tokens() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tokenN
}

// expireTokens makes the server reject every token issued so far.
func (f *fakeISC) expireTokens() {
	f.mu.Lock()
	f.tokenN += 1000
	f.mu.Unlock()
}

func (f *fakeISC) recorded() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

func (f *fakeISC) config() Config {
	return Config{BaseURL: f.srv.URL, ClientID: fakeClientID, ClientSecret: fakeClientSecret,
		RateLimit: RateLimit{Requests: 1000, Per: time.Second}}
}

func (f *fakeISC) client(mod func(*Config)) *Client {
	f.t.Helper()
	cfg := f.config()
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		f.t.Fatalf("New: %v", err)
	}
	return c
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func errorDto(status int, detail, text string) map[string]any {
	return map[string]any{
		"detailCode": detail, "trackingId": "b21b1f7ce4da4d639f2c62a57171b427",
		"messages": []map[string]any{{"locale": "en-US", "localeOrigin": "DEFAULT", "text": text}},
		"causes":   []any{},
	}
}

// waitLog collects OnWait events (OnWait: waits.Add).
type waitLog struct{ testlog.Events[WaitEvent] }

func (l *waitLog) of(r WaitReason) []WaitEvent {
	return l.Matching(func(e WaitEvent) bool { return e.Reason == r })
}

func debugLogger(buf *testlog.Buffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
