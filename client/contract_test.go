package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
)

// openAPIPath finds ../shared/openapi/pat-sourceapps.yaml relative to the
// repository root (the directory holding go.mod); "" when absent.
func openAPIPath(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "openapi", "pat-sourceapps.yaml")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// contractTransport validates every request the client sends and every
// response it gets against the OpenAPI extract; a mismatch fails the test.
// /oauth/token is not part of the extract and passes unchecked.
type contractTransport struct {
	t      testing.TB
	next   http.RoundTripper
	router routers.Router
	opts   *openapi3filter.Options

	mu      sync.Mutex
	checked int
}

// newContractTransport loads the spec with baseURL as its only server, or
// returns nil (after t.Log) when the spec file is absent.
func newContractTransport(t testing.TB, baseURL string) *contractTransport {
	t.Helper()
	path := openAPIPath(t)
	if path == "" {
		t.Log("contract checks off: ../shared/openapi/pat-sourceapps.yaml not found next to the repository")
		return nil
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		t.Fatalf("load OpenAPI: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("OpenAPI document invalid: %v", err)
	}
	// The document's servers are the production host and localhost:{port};
	// the sandbox listens on a random loopback port.
	doc.Servers = openapi3.Servers{{URL: baseURL}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("OpenAPI router: %v", err)
	}
	return &contractTransport{
		t:      t,
		next:   http.DefaultTransport.(*http.Transport).Clone(),
		router: router,
		opts: &openapi3filter.Options{
			AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
			IncludeResponseStatus: true,
			MultiError:            true,
		},
	}
}

// requireContract is newContractTransport that skips the test when the
// spec is absent: for tests whose whole point is the contract.
func requireContract(t *testing.T, baseURL string) *contractTransport {
	ct := newContractTransport(t, baseURL)
	if ct == nil {
		t.Skip("skipping contract test: ../shared/openapi/pat-sourceapps.yaml (relative to the repository root) is absent")
	}
	return ct
}

func (c *contractTransport) Checked() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.checked
}

func (c *contractTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path == "/oauth/token" {
		return c.next.RoundTrip(req)
	}
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		_ = req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	vreq := req.Clone(context.Background())
	vreq.Body = io.NopCloser(bytes.NewReader(body))
	route, params, err := c.router.FindRoute(vreq)
	if err != nil {
		c.t.Errorf("contract: %s %s matches no operation: %v", req.Method, req.URL.Path, err)
		return c.next.RoundTrip(req)
	}
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route, Options: c.opts}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		c.t.Errorf("contract: request %s %s (%s) violates the spec: %v", req.Method, req.URL.Path, route.Operation.OperationID, err)
	}
	resp, err := c.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	data, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil {
		return resp, nil // the client sees the truncated body and handles the error itself
	}
	c.mu.Lock()
	c.checked++
	c.mu.Unlock()
	if resp.StatusCode == http.StatusServiceUnavailable {
		// Only the fault injector answers 503 (a gateway-level failure);
		// the spec documents 500 as the server-error response.
		return resp, nil
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Options: c.opts}
	out.SetBodyBytes(data)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		shown := "(body not shown: it may hold a secret)"
		if resp.StatusCode >= 400 {
			shown = string(data[:min(len(data), 500)])
		}
		c.t.Errorf("contract: response %d to %s %s (%s) violates the spec: %v\nbody: %s", resp.StatusCode, req.Method, req.URL.Path, route.Operation.OperationID, err, shown)
	}
	return resp, nil
}

// recordingTB captures Errorf so the checker itself can be tested.
type recordingTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// The checker must catch what it exists to catch: a missing experimental
// header, a bad body, an unknown path, and a response off the spec.
func TestContractCheckerCatchesViolations(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 21})
	rec := &recordingTB{TB: t}
	ct := requireContract(t, tn.base)
	ct.t = rec
	token := bearer(t, tn)
	send := func(method, path, contentType, body string) {
		req, _ := http.NewRequest(method, tn.base+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		resp, err := ct.RoundTrip(req)
		if err == nil {
			_ = resp.Body.Close()
		}
	}
	cases := []struct{ method, path, ct, body, want string }{
		{"GET", "/source-apps/v1", "", "", "X-SailPoint-Experimental"},
		{"POST", "/personal-access-tokens/v1", "application/json", `{"scope":["sp:scopes:all"]}`, "name"},
		{"GET", "/personal-access-tokens/v9", "", "", "matches no operation"},
		{"PATCH", "/personal-access-tokens/v1/x", "application/json-patch+json", `[{"op":"frobnicate","path":"/name"}]`, "op"},
	}
	for _, tc := range cases {
		rec.errs = nil
		send(tc.method, tc.path, tc.ct, tc.body)
		if len(rec.errs) == 0 || !strings.Contains(strings.Join(rec.errs, "\n"), tc.want) {
			t.Errorf("%s %s: checker reported %q, want a mention of %q", tc.method, tc.path, rec.errs, tc.want)
		}
	}
}

// bearer fetches an access token for raw requests.
func bearer(t *testing.T, tn *tenant) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {tn.admin.ClientID}, "client_secret": {tn.admin.ClientSecret}}
	resp, err := http.PostForm(tn.base+"/oauth/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tr client.TokenResponse
	if err := json.NewDecoder(resp.Body).Decode(&tr); err != nil || tr.AccessToken == "" {
		t.Fatalf("token: %v", err)
	}
	return tr.AccessToken
}
