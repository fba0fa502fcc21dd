package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/internal/contracttest"
	"github.com/sailtui/sailtui/client/internal/testlog"
	"github.com/sailtui/sailtui/client/sandbox"
)

// tenant is a sandbox listening on loopback plus a contract checker.
type tenant struct {
	srv         *sandbox.Server
	base        string
	admin, user sandbox.Credential
	contract    *contracttest.Transport // nil when the spec file is absent
}

func startTenant(t testing.TB, opts sandbox.Options) *tenant {
	t.Helper()
	srv, err := sandbox.New(opts)
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	base, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatalf("sandbox.Listen: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	admin, user := srv.Credentials()
	return &tenant{srv: srv, base: base, admin: admin, user: user, contract: contracttest.New(t, base, clientContract())}
}

// clientContract checks both directions: what the client sends must match
// the spec as much as what it gets. Only the fault injector answers 503 (a
// gateway-level failure); the spec documents 500 as the server error.
func clientContract() contracttest.Options {
	return contracttest.Options{Requests: true, Unchecked: []int{http.StatusServiceUnavailable}}
}

// client builds a client for cred; every exchange goes through the contract
// checker when the spec is present.
func (tn *tenant) client(t testing.TB, cred sandbox.Credential, family client.Family, mod func(*client.Config)) *client.Client {
	t.Helper()
	hc := &http.Client{Timeout: 30 * time.Second}
	if tn.contract != nil {
		hc.Transport = tn.contract
	}
	// Runs before the sandbox closes (cleanups run last first): a dialled
	// but never used connection would hold its graceful shutdown for 5 s.
	t.Cleanup(hc.CloseIdleConnections)
	cfg := client.Config{
		BaseURL: tn.base, ClientID: cred.ClientID, ClientSecret: cred.ClientSecret,
		Family: family, HTTPClient: hc,
		RateLimit:     client.RateLimit{Requests: 1000, Per: time.Second},
		MaxRetryAfter: 2 * time.Second,
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return c
}

// fastTenant has a generous rate limit so functional tests are not paced.
func fastTenant(t testing.TB, opts sandbox.Options) *tenant {
	if opts.RateLimit.Requests == 0 {
		opts.RateLimit = client.RateLimit{Requests: 10000, Per: time.Second}
	}
	return startTenant(t, opts)
}

func raw(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func patByID(pats []client.PersonalAccessToken) map[string]client.PersonalAccessToken {
	m := make(map[string]client.PersonalAccessToken, len(pats))
	for _, p := range pats {
		m[p.ID] = p
	}
	return m
}

// waitRecorder is a concurrency-safe OnWait sink (OnWait: waits.Add).
type waitRecorder struct {
	testlog.Events[client.WaitEvent]
}

func (w *waitRecorder) count(r client.WaitReason) int {
	return len(w.Matching(func(e client.WaitEvent) bool { return e.Reason == r }))
}

func bg() context.Context { return context.Background() }

// bulkLog keeps the events of a bulk run (the callback: log.Add).
type bulkLog struct {
	testlog.Events[client.BulkEvent]
}

// final is the last state reported for id (-1 if none).
func (l *bulkLog) final(id string) client.ItemState {
	st := client.ItemState(-1)
	for _, e := range l.Matching(func(e client.BulkEvent) bool { return e.ID == id }) {
		st = e.State
	}
	return st
}

func (l *bulkLog) failures() []client.BulkEvent {
	return l.Matching(func(e client.BulkEvent) bool { return e.State == client.ItemFailed })
}
