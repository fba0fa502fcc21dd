package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/internal/contracttest"
)

// testNow is the fixed clock of most tests.
var testNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// fakeClock is a settable clock, safe for concurrent use.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// harness is a sandbox behind an httptest server.
type harness struct {
	t       *testing.T
	srv     *Server
	http    *httptest.Server
	clock   *fakeClock
	client  *http.Client
	checker *contracttest.Transport // nil when the OpenAPI file is absent
}

func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	clock := &fakeClock{t: testNow}
	if opts.Now == nil {
		opts.Now = clock.Now
	}
	if opts.RateLimit.Requests == 0 {
		opts.RateLimit = client.RateLimit{Requests: 100000, Per: time.Second}
	}
	s, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() }) // waits for background state writes
	h := &harness{t: t, srv: s, http: httptest.NewServer(s), clock: clock, client: &http.Client{}}
	t.Cleanup(h.http.Close)
	// Every response of every handler test is checked against the spec.
	if h.checker = contracttest.New(t, h.http.URL, responseContract()); h.checker != nil {
		h.client.Transport = h.checker
	}
	return h
}

// token fetches an access token with the given credentials.
func (h *harness) token(id, secret string) string {
	h.t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	resp, err := http.PostForm(h.http.URL+"/oauth/token", form)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	var tr client.TokenResponse
	if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&tr) != nil {
		h.t.Fatalf("token: status %d", resp.StatusCode)
	}
	return tr.AccessToken
}

func (h *harness) adminToken() string {
	a, _ := h.srv.Credentials()
	return h.token(a.ClientID, a.ClientSecret)
}

func (h *harness) userToken() string {
	_, u := h.srv.Credentials()
	return h.token(u.ClientID, u.ClientSecret)
}

// response is a finished HTTP exchange.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// errorDto decodes an ErrorResponseDto and checks its shape.
func (r response) errorDto(t *testing.T) client.ErrorResponse {
	t.Helper()
	var e client.ErrorResponse
	r.decode(t, &e)
	if len(e.TrackingID) != 32 || strings.Trim(e.TrackingID, "0123456789abcdef") != "" {
		t.Errorf("trackingId %q is not 32 hex", e.TrackingID)
	}
	if e.DetailCode == "" || len(e.Messages) == 0 || e.Messages[0].Text == "" {
		t.Errorf("incomplete ErrorResponseDto: %s", r.body)
	}
	return e
}

type reqOpt func(*http.Request)

func experimental(r *http.Request) { r.Header.Set("X-SailPoint-Experimental", "true") }

func contentType(ct string) reqOpt { return func(r *http.Request) { r.Header.Set("Content-Type", ct) } }

// do sends a request with a bearer token. A non-empty body defaults to
// application/json (PATCH: application/json-patch+json).
func (h *harness) do(method, path, token, body string, opts ...reqOpt) response {
	h.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, h.http.URL+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		ct := "application/json"
		if method == http.MethodPatch {
			ct = "application/json-patch+json"
		}
		req.Header.Set("Content-Type", ct)
	}
	for _, o := range opts {
		o(req)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, b}
}

// patFamilies maps each family to its PAT collection path.
func patFamilies() map[family]string {
	return map[family]string{
		famBeta: "/beta/personal-access-tokens", famV3: "/v3/personal-access-tokens",
		famV2024: "/v2024/personal-access-tokens", famV2025: "/v2025/personal-access-tokens",
		famV2026: "/v2026/personal-access-tokens", famV1: "/personal-access-tokens/v1",
	}
}

// appFamilies maps each family with source apps to its collection path.
func appFamilies() map[family]string {
	return map[family]string{
		famBeta: "/beta/source-apps", famV2024: "/v2024/source-apps", famV2025: "/v2025/source-apps",
		famV2026: "/v2026/source-apps", famV1: "/source-apps/v1",
	}
}
