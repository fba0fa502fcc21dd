// Package sandbox is an emulated ISC tenant: an http.Handler and an
// in-memory store that speak the wire protocol of ../shared/docs/isc-api.md
// for personal access tokens and source apps. It is the demo backend and the
// test double for every client and UI test.
//
// Identities. The org admin ("Sandbox Admin", ORG_ADMIN, every right) signs
// in with Options.ClientID/ClientSecret (default DefaultClientID /
// DefaultClientSecret). The non-admin "Uma Nonadmin" always signs in with
// DefaultUserClientID / DefaultUserClientSecret; she may list only her own
// tokens (owner-id=me), gets 403 on tenant-wide token listing and on
// /source-apps/all, and can read but not change source apps. Both
// credentials are PATs in the store, so lastUsed is real and deleting them
// locks their owner out, as on a real tenant. Twelve more identities own
// tokens and apps; their names include unicode and control sequences. Seeds
// over 200 tokens add a generated workforce, about one person per ten
// tokens, so a 100,000-token demo looks like a large tenant.
//
// Seed data (deterministic for a seed, sizes and clock): Options.Tokens
// tokens in rotation recent, stale, never used (old and new), expired,
// never-expiring and managed (workflow tokens: in use, or orphaned by a
// deleted workflow and stale), with varied scopes and validity; Options.Apps
// source apps with owners, account sources (8) and access profiles; names
// include CJK, emoji, right-to-left, 200+ character and terminal-escape
// ("\x1b[2J", OSC 52) strings.
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sailtui/sailtui/client"
)

// Default credentials. The admin pair is used when Options leaves them
// empty; the user pair always belongs to the seeded non-admin identity.
// Both are PATs in the store (ids are 32-hex like real PAT ids).
const (
	DefaultClientID         = "5a4db0c0ad1e4e11a5a11dba5e000001"
	DefaultClientSecret     = "5a4db0c05ec2e7000000000000000000000000000000000000000000000000a1"
	DefaultUserClientID     = "5a4db0c0ad1e4e11a5a11dba5e000002"
	DefaultUserClientSecret = "5a4db0c05ec2e7000000000000000000000000000000000000000000000000b2"
)

// Default sizes and limits.
const (
	DefaultTokens   = 60
	DefaultApps     = 40
	DefaultClients  = 28
	DefaultTokenTTL = 12 * time.Hour

	// MaxTokens and MaxApps bound a seed: past them start-up takes seconds
	// and the unpaged token list outgrows what a client should read in one
	// response (250,000 tokens are about 95 MiB of JSON).
	MaxTokens  = 250_000
	MaxApps    = 100_000
	MaxClients = 20_000
)

// Options configure a sandbox tenant. The zero value is a usable default.
type Options struct {
	Seed         int64
	Tokens, Apps int              // seed sizes; 0 → DefaultTokens / DefaultApps; negative → none
	Clients      int              // API clients; 0 → DefaultClients; negative → none
	ClientID     string           // org admin credentials; "" → DefaultClientID
	ClientSecret string           // "" → DefaultClientSecret
	RateLimit    client.RateLimit // zero → 100 per 10 s per client_id per API family
	TokenTTL     time.Duration    // access token lifetime; 0 → DefaultTokenTTL
	StatePath    string           // "" → memory only; else load if present and save changes (in the background; Close flushes)
	Faults       Faults
	Now          func() time.Time // nil → time.Now
	Logger       *slog.Logger     // nil → discard
	// ReadTimeout bounds reading one request, body included, on Listen's
	// server (0 → 15 s): a half-sent body cannot hold a connection open.
	ReadTimeout time.Duration
	// LenientOwnerPatch lets the single-token PATCH change another
	// owner's token (with the all-tokens right), as a tenant that allows
	// more than the contract's security does. By default it answers 403:
	// that PATCH declares only the owner's scope (isc-api.md §10).
	LenientOwnerPatch bool
	// NoPATBulkUpdate hides the PAT bulk update (404), as a tenant that
	// predates it.
	NoPATBulkUpdate bool
}

// Faults configure injected failures for reliability tests and the demo's
// chaos mode. Randomness comes from Seed, so a run is reproducible for a
// given request order.
type Faults struct {
	ErrorRate   float64       // fraction of API calls answered 500 or 503
	Latency     time.Duration // added to every request
	DropRate    float64       // fraction of API calls whose connection is closed without a response
	Burst429    int           // the next N API calls get 429
	RetryAfter  time.Duration // Retry-After for forced 429s; 0 → 1s
	EarlyExpiry float64       // fraction of API calls whose access token is expired early (401)
	Seed        int64
}

// defaultReadTimeout bounds reading one request, body included.
const defaultReadTimeout = 15 * time.Second

func (o Options) readTimeout() time.Duration {
	if o.ReadTimeout > 0 {
		return o.ReadTimeout
	}
	return defaultReadTimeout
}

// Credential is a client id/secret pair of a seeded identity.
type Credential struct {
	ClientID, ClientSecret string
	IdentityID, Name       string
}

// Stats counts what the sandbox did, for tests and benchmarks.
type Stats struct {
	Requests       int64 // every request, including /oauth/token
	TokensIssued   int64
	RateLimited    int64 // 429s served (real and forced)
	FaultsInjected int64 // injected 5xx, drops and early expiries
	Dropped        int64 // connections dropped (part of FaultsInjected)
	Expired        int64 // early expiries (part of FaultsInjected)
}

// Server is the emulated tenant. It is an http.Handler; Listen serves it on
// a loopback address.
type Server struct {
	opts   Options
	now    func() time.Time
	log    *slog.Logger
	tenant tenantInfo

	mu       sync.Mutex // guards st, sessions, deletes
	st       *store
	sessions map[string]*session
	expiry   sessionExpiry // sessions by issued expiry, for pruning
	deletes  map[string]int

	limiter *limiter
	faults  *faultInjector
	persist *persister

	admin, user Credential

	requests, issued, limited, injected, dropped, expired atomic.Int64

	httpMu  sync.Mutex
	httpSrv *http.Server
}

// New builds a sandbox: it loads Options.StatePath when it exists, else
// seeds deterministic data from Options.Seed.
func New(opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.ClientID == "" {
		opts.ClientID = DefaultClientID
	}
	if opts.ClientSecret == "" {
		opts.ClientSecret = DefaultClientSecret
	}
	if opts.ClientID == DefaultUserClientID {
		return nil, fmt.Errorf("sandbox: client id %s is reserved for the seeded non-admin identity", DefaultUserClientID)
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = DefaultTokenTTL
	}
	if opts.Tokens == 0 {
		opts.Tokens = DefaultTokens
	}
	if opts.Apps == 0 {
		opts.Apps = DefaultApps
	}
	if opts.Clients == 0 {
		opts.Clients = DefaultClients
	}
	if opts.Tokens > MaxTokens || opts.Apps > MaxApps || opts.Clients > MaxClients {
		return nil, fmt.Errorf("sandbox: a seed holds at most %d tokens, %d apps and %d API clients (asked for %d, %d and %d)",
			MaxTokens, MaxApps, MaxClients, opts.Tokens, opts.Apps, opts.Clients)
	}
	if opts.RateLimit.Requests <= 0 || opts.RateLimit.Per <= 0 {
		opts.RateLimit = client.RateLimit{Requests: 100, Per: 10 * time.Second}
	}
	s := &Server{
		opts:     opts,
		now:      func() time.Time { return opts.Now().UTC() },
		log:      opts.Logger,
		tenant:   defaultTenant(),
		sessions: map[string]*session{},
		deletes:  map[string]int{},
		limiter:  newLimiter(opts.RateLimit),
		faults:   newFaultInjector(opts.Faults),
	}
	var err error
	if opts.StatePath != "" {
		s.persist = &persister{path: opts.StatePath, log: opts.Logger}
		s.st, err = s.persist.load()
		if err != nil {
			return nil, fmt.Errorf("sandbox: %w", err)
		}
	}
	if s.st == nil {
		s.st = seed(opts.Seed, opts.Tokens, opts.Apps, opts.Clients, s.now())
	}
	s.admin, s.user = s.st.ensureCredentials(opts.ClientID, opts.ClientSecret, s.now())
	if s.persist != nil {
		if err := s.persist.write(s.st.version, s.st.stateCopy().encode()); err != nil {
			return nil, fmt.Errorf("sandbox: %w", err)
		}
	}
	return s, nil
}

// Credentials returns the org admin's and the non-admin user's credentials.
func (s *Server) Credentials() (admin, user Credential) { return s.admin, s.user }

// SetFaults replaces the fault configuration (the demo's chaos toggle).
func (s *Server) SetFaults(f Faults) { s.faults.set(f) }

// Stats returns the counters so far.
func (s *Server) Stats() Stats {
	return Stats{
		Requests:       s.requests.Load(),
		TokensIssued:   s.issued.Load(),
		RateLimited:    s.limited.Load(),
		FaultsInjected: s.injected.Load(),
		Dropped:        s.dropped.Load(),
		Expired:        s.expired.Load(),
	}
}

// SetPATOwner gives token id to another identity, as the tenant does
// when an owner leaves and their tokens are reassigned. The API has no
// such call; tests use it to make a plan's token change hands.
func (s *Server) SetPATOwner(id, identityID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.st.pats[id]
	if !ok {
		return fmt.Errorf("sandbox: no token %s", id)
	}
	if s.st.idents[identityID] == nil {
		return fmt.Errorf("sandbox: no identity %s", identityID)
	}
	p.OwnerID = identityID
	return nil
}

// DeleteCount says how many successful deletes hit id (PAT or source app).
func (s *Server) DeleteCount(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.deletes[id]
}

// PATs returns a snapshot of every token in the store, in the v2025+ shape.
func (s *Server) PATs() []client.PersonalAccessToken {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]client.PersonalAccessToken, 0, len(s.st.patOrder))
	for _, id := range s.st.patOrder {
		out = append(out, s.st.patModel(s.st.pats[id]))
	}
	return out
}

// SourceApps returns a snapshot of every source app, with AccessProfiles.
func (s *Server) SourceApps() []client.SourceApp {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]client.SourceApp, 0, len(s.st.appOrder))
	for _, id := range s.st.appOrder {
		a := s.st.apps[id].clone()
		out = append(out, a.SourceApp)
	}
	return out
}

// Listen serves the sandbox on addr ("127.0.0.1:0" picks a free port) in
// the background and returns its base URL.
func (s *Server) Listen(addr string) (string, error) {
	s.httpMu.Lock()
	defer s.httpMu.Unlock()
	if s.httpSrv != nil {
		return "", errors.New("sandbox: already listening")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("sandbox: listen %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		// A client that stops half-way through a body (or never sends it)
		// is cut off instead of holding a connection and a goroutine.
		ReadTimeout: s.opts.readTimeout(),
		IdleTimeout: 2 * time.Minute,
		ErrorLog:    slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
	s.httpSrv = srv
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("sandbox serve", "err", err)
		}
	}()
	return "http://" + ln.Addr().String(), nil
}

// Close shuts the listener (if any) down gracefully (in-flight requests
// finish, for up to 5 seconds) and waits until the state file, if any,
// holds every change. Mutations are saved in the background, so a sandbox
// killed without Close may lose its last moments.
func (s *Server) Close() error {
	s.httpMu.Lock()
	srv := s.httpSrv
	s.httpSrv = nil
	s.httpMu.Unlock()
	var err error
	if srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if serr := srv.Shutdown(ctx); serr != nil {
			err = fmt.Errorf("sandbox: shutdown: %w", serr)
		}
	}
	s.flushState()
	return err
}
