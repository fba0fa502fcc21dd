package client

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func okPATs(w http.ResponseWriter, r *http.Request, n int) {
	writeJSON(w, http.StatusOK, []PersonalAccessToken{})
}

func TestAuthenticateCachesTokenAndReportsSession(t *testing.T) {
	f := newFakeISC(t, okPATs)
	c := f.client(nil)
	ctx := context.Background()
	s, err := c.Authenticate(ctx)
	if err != nil {
		t.Fatalf("Authenticate: %v", err)
	}
	if s.IdentityID != "ident-1" || s.UserName != "admin" || s.Org != "acme" || s.TenantID != "t-1" {
		t.Errorf("session = %+v", s)
	}
	if len(s.Scopes) != 1 || s.Scopes[0] != "sp:scopes:all" {
		t.Errorf("scopes = %v", s.Scopes)
	}
	for range 3 {
		if _, err := c.ListPATs(ctx, ListPATsOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.tokens(); n != 1 {
		t.Errorf("token fetched %d times, want 1 (cached)", n)
	}
}

func TestConcurrentCallersShareOneTokenFetch(t *testing.T) {
	f := newFakeISC(t, okPATs)
	c := f.client(nil)
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.ListPATs(context.Background(), ListPATsOptions{}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := f.tokens(); n != 1 {
		t.Errorf("token fetched %d times, want 1", n)
	}
}

func TestBadCredentialsGiveUnauthorizedWithServerMessage(t *testing.T) {
	f := newFakeISC(t, okPATs)
	c := f.client(func(cfg *Config) { cfg.ClientSecret = "wrong-secret-xyz" })
	_, err := c.Authenticate(context.Background())
	if !IsUnauthorized(err) {
		t.Fatalf("err = %v, want 401", err)
	}
	e, _ := AsAPIError(err)
	if e.Message() != "invalid_client: Bad credentials" {
		t.Errorf("message = %q", e.Message())
	}
	if e.Attempts != 1 {
		t.Errorf("attempts = %d, a 401 from the token endpoint is final", e.Attempts)
	}
	if strings.Contains(err.Error(), "wrong-secret-xyz") {
		t.Errorf("error leaks the secret: %v", err)
	}
}

func TestTokenEndpointEchoingTheSecretIsRedacted(t *testing.T) {
	f := newFakeISC(t, okPATs)
	f.tokenErr = func() (int, string) {
		return http.StatusBadRequest, `{"error":"bad client_secret ` + fakeClientSecret + `"}`
	}
	_, err := f.client(nil).Authenticate(context.Background())
	e, ok := AsAPIError(err)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	for _, s := range []string{err.Error(), e.Message(), string(e.Body)} {
		if strings.Contains(s, fakeClientSecret) {
			t.Errorf("secret not redacted: %q", s)
		}
	}
}

func TestUnauthorizedCallRefreshesTokenAndRetriesOnce(t *testing.T) {
	f := newFakeISC(t, okPATs)
	c := f.client(nil)
	ctx := context.Background()
	if _, err := c.ListPATs(ctx, ListPATsOptions{}); err != nil {
		t.Fatal(err)
	}
	f.expireTokens() // the server now rejects the cached token
	if _, err := c.ListPATs(ctx, ListPATsOptions{}); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	reqs := f.recorded()
	if len(reqs) != 3 {
		t.Fatalf("%d API requests, want 3 (ok, 401, retried ok)", len(reqs))
	}
	if reqs[1].Header.Get("Authorization") == reqs[2].Header.Get("Authorization") {
		t.Error("retry reused the rejected token")
	}
}

// A server that calls every token expired, none ever accepted: a few
// fresh tokens are tried (an early expiry is recoverable), then one forced
// re-auth, then the 401 is returned.
func TestPersistentUnauthorizedIsReturnedAfterBoundedRetries(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "JWT validation failed: JWT is expired"})
	})
	_, err := f.client(nil).ListPATs(context.Background(), ListPATsOptions{})
	if !IsUnauthorized(err) {
		t.Fatalf("err = %v, want 401", err)
	}
	if n := len(f.recorded()); n != 2+maxUnprovenRetries {
		t.Errorf("%d requests, want %d", n, 2+maxUnprovenRetries)
	}
	if e, _ := AsAPIError(err); e.Message() != "JWT validation failed: JWT is expired" {
		t.Errorf("message = %q", e.Message())
	}
}

func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	f := newFakeISC(t, okPATs)
	f.ttl = 100
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	c := f.client(func(cfg *Config) { cfg.Now = clock })
	ctx := context.Background()
	if _, err := c.ListPATs(ctx, ListPATsOptions{}); err != nil {
		t.Fatal(err)
	}
	advance(60 * time.Second) // well inside the lifetime
	if _, err := c.ListPATs(ctx, ListPATsOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := f.tokens(); n != 1 {
		t.Fatalf("tokens = %d after 60 s of 100 s, want 1", n)
	}
	advance(15 * time.Second) // 75 s: inside the refresh lead, still valid
	if _, err := c.ListPATs(ctx, ListPATsOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := f.tokens(); n != 2 {
		t.Errorf("tokens = %d at 75 s of 100 s, want a proactive refresh", n)
	}
	for _, r := range f.recorded() {
		if r.Header.Get("Authorization") == "" {
			t.Error("request without a bearer token")
		}
	}
}

func TestRefreshLead(t *testing.T) {
	cases := map[time.Duration]time.Duration{
		12 * time.Hour:    12 * time.Hour / 5,
		100 * time.Second: 30 * time.Second,
		20 * time.Second:  10 * time.Second,
	}
	for ttl, want := range cases {
		if got := refreshLead(ttl); got != want {
			t.Errorf("refreshLead(%v) = %v, want %v", ttl, got, want)
		}
	}
}

func TestSessionFallsBackToJWTClaims(t *testing.T) {
	// header.payload.signature with payload {"identity_id":"i9","user_name":"u9","org":"o9","tenant_id":"t9","scope":["a","b"]}
	tok := "eyJhbGciOiJub25lIn0.eyJpZGVudGl0eV9pZCI6Imk5IiwidXNlcl9uYW1lIjoidTkiLCJvcmciOiJvOSIsInRlbmFudF9pZCI6InQ5Iiwic2NvcGUiOlsiYSIsImIiXX0.sig"
	s := sessionFrom(TokenResponse{AccessToken: tok}, time.Time{})
	if s.IdentityID != "i9" || s.UserName != "u9" || s.Org != "o9" || s.TenantID != "t9" || len(s.Scopes) != 2 {
		t.Errorf("session = %+v", s)
	}
	if s := sessionFrom(TokenResponse{AccessToken: "opaque"}, time.Time{}); s.IdentityID != "" {
		t.Errorf("opaque token gave %+v", s)
	}
}

// Tokens rotate every half second (expires_in 1 s) while pacing holds calls
// back for longer: a call must send the token that is current when it
// leaves the pacer, and a 401 for a token replaced while in flight must not
// use up its one forced re-auth. The fake rejects every token but the newest.
func TestPacedConcurrentCallsSurviveTokenRotation(t *testing.T) {
	f := newFakeISC(t, okPATs)
	f.ttl = 1
	var waits waitLog
	c := f.client(func(cfg *Config) {
		cfg.RateLimit = RateLimit{Requests: 2, Per: 200 * time.Millisecond}
		cfg.OnWait = waits.Add
	})
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 2 {
				if _, err := c.ListPATs(context.Background(), ListPATsOptions{}); err != nil {
					t.Errorf("caller %d call %d: %v", i, j, err)
				}
			}
		}()
	}
	wg.Wait()
	if n := f.tokens(); n < 3 {
		t.Errorf("%d tokens issued: the rotation this test needs did not happen", n)
	}
	long := 0
	for _, w := range waits.of(WaitPacing) {
		if w.Duration > refreshLead(time.Second) {
			long++
		}
	}
	if long == 0 {
		t.Error("no pacing wait outlasted a token: the test proves nothing")
	}
}

// A 401 for a token another caller has replaced in the meantime says
// nothing about this call's credentials, so it keeps its forced re-auth
// for a 401 on the token that is current.
func TestUnauthorizedForAReplacedTokenKeepsTheReauth(t *testing.T) {
	var c *Client
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch n {
		case 1: // another caller refreshes while this request is in flight
			c.auth.reject("tok-1")
			if _, err := c.Authenticate(r.Context()); err != nil {
				t.Errorf("concurrent refresh: %v", err)
			}
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "JWT validation failed: JWT is expired"})
		case 2: // the current token is revoked early
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "JWT validation failed: JWT is expired"})
		default:
			okPATs(w, r, n)
		}
	})
	c = f.client(nil)
	if _, err := c.ListPATs(context.Background(), ListPATsOptions{}); err != nil {
		t.Fatalf("ListPATs: %v", err)
	}
	var sent []string
	for _, r := range f.recorded() {
		sent = append(sent, r.Header.Get("Authorization"))
	}
	if want := []string{"Bearer tok-1", "Bearer tok-2", "Bearer tok-3"}; !slices.Equal(sent, want) {
		t.Errorf("sent %q, want %q", sent, want)
	}
}

// A server that rejects every token while concurrent callers keep
// replacing it cannot keep a call retrying for ever.
func TestUnauthorizedRetriesAreBoundedWhileTokensKeepChanging(t *testing.T) {
	var c *Client
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		c.auth.reject(tok)
		if _, err := c.Authenticate(r.Context()); err != nil {
			t.Errorf("concurrent refresh: %v", err)
		}
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "JWT validation failed: JWT is expired"})
	})
	c = f.client(nil)
	_, err := c.ListPATs(context.Background(), ListPATsOptions{})
	if !IsUnauthorized(err) {
		t.Fatalf("err = %v, want 401", err)
	}
	if e, _ := AsAPIError(err); e.Message() != "JWT validation failed: JWT is expired" {
		t.Errorf("message = %q", e.Message())
	}
	// No token was ever accepted, so the unproven budget applies.
	if n := len(f.recorded()); n != maxUnprovenRetries+2 {
		t.Errorf("%d requests, want %d (free retries, one forced re-auth, first attempt)", n, maxUnprovenRetries+2)
	}
}

// A token that worked and is then rejected has expired or been revoked
// early; refreshing cures that, so it does not use up the forced re-auth a
// token that never worked gets.
func TestTokenThatWorkedThenExpiredKeepsTheReauth(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch n {
		case 2, 3: // tok-1 expires early; then its replacement is rejected too
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "JWT validation failed: JWT is expired"})
		default:
			okPATs(w, r, n)
		}
	})
	c := f.client(nil)
	for i := range 2 {
		if _, err := c.ListPATs(context.Background(), ListPATsOptions{}); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if n, tokens := len(f.recorded()), f.tokens(); n != 4 || tokens != 3 {
		t.Errorf("%d requests with %d tokens, want 4 with 3", n, tokens)
	}
}
