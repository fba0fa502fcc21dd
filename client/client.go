// Package client is a typed client for the SailPoint ISC personal access
// token and source app APIs (../shared/docs/isc-api.md): client-credentials
// auth, proactive rate-limit pacing, safe retries, decoded errors and a
// headless bulk executor. It knows nothing about the UI.
package client

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// WaitReason says why a call is waiting before its next send.
type WaitReason int

const (
	// WaitRateLimited: the server answered 429; waiting for Retry-After.
	WaitRateLimited WaitReason = iota + 1
	// WaitBackoff: a 5xx or connection error; waiting before a safe retry.
	WaitBackoff
	// WaitPacing: the client's own pacer is keeping under the rate limit.
	WaitPacing
)

func (r WaitReason) String() string {
	switch r {
	case WaitRateLimited:
		return "rate limited"
	case WaitBackoff:
		return "backoff"
	case WaitPacing:
		return "pacing"
	}
	return "unknown"
}

// WaitEvent describes one wait, so the UI can show a countdown to Until.
type WaitEvent struct {
	Reason   WaitReason
	Duration time.Duration
	Until    time.Time
	Attempt  int // the attempt that will be sent after the wait
	// Since is when the call first waited on a 429 (rate-limited waits):
	// a storm of short waits reads as progress, not as one frozen "1s".
	Since        time.Time
	Method, Path string // the waiting call
	// Cancelled is set on a second event for the same wait when a context
	// ended it before Until (e.g. a bulk run was cancelled).
	Cancelled bool
	Err       error // what caused a backoff or rate-limit wait (nil for pacing)
}

// Config configures a Client. Only BaseURL, ClientID and ClientSecret are required.
type Config struct {
	BaseURL, ClientID, ClientSecret string

	Family        Family          // "" → FamilyV1
	HTTPClient    *http.Client    // nil → a default with timeouts
	Logger        *slog.Logger    // nil → discard
	RateLimit     RateLimit       // zero → 100 per 10s
	MaxRetryAfter time.Duration   // cap on one Retry-After wait; 0 → 60s
	MaxRetries    int             // 5xx/connection retries of safe requests; 0 → 4, <0 → none
	OnWait        func(WaitEvent) // may be called from any goroutine; must not block
	// Now is the clock for token expiry, pacing and wait events (nil →
	// time.Now). Waits themselves sleep in real time, so a frozen clock
	// makes every pacing slot count from the frozen instant.
	Now func() time.Time
	// SpreadVersions lets bulk deletes and patches spread their requests
	// over the API versions whose endpoints are equivalent for the
	// operation: ISC counts its budget per client id and per version, and
	// each version is paced under its own (see spread.go).
	SpreadVersions bool
}

const (
	defaultMaxRetryAfter = 60 * time.Second
	defaultMaxRetries    = 4
	// maxRateLimitRetries bounds how often one call waits out a 429 before
	// the 429 is returned; the server did not process it, so it is safe.
	maxRateLimitRetries = 10
	// maxReadRateLimitRetries is the same for a read (GET): reading again
	// is harmless, and a list that gives up during a burst leaves the
	// screen empty, so it waits the storm out for longer.
	maxReadRateLimitRetries = 40
	// noticeableWait is the shortest pacing wait worth reporting via OnWait.
	noticeableWait = 250 * time.Millisecond
	userAgent      = "sailtui"
)

// Client talks to one tenant with one set of credentials and one API family.
// It is safe for concurrent use; all calls share one token and one pacer.
type Client struct {
	base          string
	family        Family
	clientID      string
	clientSecret  string
	http          *http.Client
	log           *slog.Logger
	pacer         *pacer // the client's own family's
	limit         RateLimit
	pacersMu      sync.Mutex
	pacers        map[Family]*pacer // other families' (spread bulk runs)
	spread        bool
	maxRetryAfter time.Duration
	maxRetries    int
	onWait        func(WaitEvent)
	now           func() time.Time
	auth          tokenCache
	deprecated    sync.Once // warn once when the server flags the family as deprecated
	maxBody       int64     // response bodies beyond this are an error, not truncated JSON
}

// New validates cfg and builds a Client. It does not contact the server;
// call Authenticate to check the credentials.
func New(cfg Config) (*Client, error) {
	base, err := CheckBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("new client: %w", err)
	}
	if cfg.ClientID == "" || cfg.ClientSecret == "" {
		return nil, errors.New("new client: client id and client secret are required")
	}
	family, err := ParseFamily(string(cfg.Family))
	if err != nil {
		return nil, fmt.Errorf("new client: %w", err)
	}
	c := &Client{
		base:          base,
		family:        family,
		clientID:      cfg.ClientID,
		clientSecret:  cfg.ClientSecret,
		http:          cfg.HTTPClient,
		log:           cfg.Logger,
		pacer:         newPacer(cfg.RateLimit),
		limit:         cfg.RateLimit,
		spread:        cfg.SpreadVersions,
		maxRetryAfter: cfg.MaxRetryAfter,
		maxRetries:    cfg.MaxRetries,
		onWait:        cfg.OnWait,
		now:           cfg.Now,
		maxBody:       maxBodyBytes,
	}
	if c.http == nil {
		c.http = defaultHTTPClient()
	}
	if c.log == nil {
		c.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.maxRetryAfter <= 0 {
		c.maxRetryAfter = defaultMaxRetryAfter
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = defaultMaxRetries
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	if c.onWait == nil {
		c.onWait = func(WaitEvent) {}
	}
	if c.now == nil {
		c.now = time.Now
	}
	c.auth.init()
	return c, nil
}

// defaultHTTPClient has per-attempt timeouts and keeps enough idle
// connections for the bulk executor's workers (the stdlib default keeps 2).
func defaultHTTPClient() *http.Client {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Transport: tr, Timeout: 90 * time.Second}
}

// Family is the API family this client speaks.
func (c *Client) Family() Family { return c.family }

// BaseURL is the tenant base URL without a trailing slash.
func (c *Client) BaseURL() string { return c.base }

// RateLimit is the pacing budget in use.
func (c *Client) RateLimit() RateLimit {
	return c.pacer.limit
}

// CheckBaseURL validates a tenant base URL and returns it without a
// trailing slash. It must be an absolute http(s) URL with a host and no
// user name or password (ISC never uses them; a password there would be
// written to logs and the audit log), query or fragment (each request's
// path and query are appended to it, so either would break every call).
// Error texts never repeat a password.
func CheckBaseURL(raw string) (string, error) {
	base := strings.TrimRight(strings.TrimSpace(raw), "/")
	if base == "" {
		return "", errors.New("base URL is required")
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("base URL is not a URL: %w", redactURLError(err))
	}
	shown := u.Redacted()
	switch {
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Opaque != "":
		return "", fmt.Errorf("base URL %q must be an absolute http(s) URL, e.g. https://acme.api.identitynow.com", shown)
	case u.User != nil:
		u.User = nil
		return "", fmt.Errorf("base URL must not contain a user name or password (%q without them is %q); "+
			"ISC authenticates with the client id and secret (SAIL_CLIENT_ID, SAIL_CLIENT_SECRET)", shown, u.String())
	case u.RawQuery != "" || u.ForceQuery:
		return "", fmt.Errorf("base URL %q must not have a query (?...): every request adds its own path and query", shown)
	case u.Fragment != "" || strings.Contains(base, "#"):
		return "", fmt.Errorf("base URL %q must not have a fragment (#...)", shown)
	}
	return base, nil
}

// redactURLError drops the URL (which may hold a password) from a parse
// error, keeping the reason.
func redactURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
