// Package contracttest checks HTTP exchanges against the OpenAPI extracts
// of the ISC endpoints (../shared/openapi/pat-sourceapps.yaml and
// credentials-owners.yaml next to the repository). Client tests validate what the client sends and gets; the
// sandbox's handler tests validate what the sandbox answers. It is test
// support: a violation is reported with t.Errorf, never returned.
package contracttest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// SkipMessage says why a contract test did not run.
const SkipMessage = "../shared/openapi/pat-sourceapps.yaml and credentials-owners.yaml (relative to the repository root) are absent"

// specFiles are the extracts, the more specific first: the PAT bulk update
// (credentials-owners) would otherwise match pat-sourceapps' PATCH of the
// token with the id "bulk-update".
var specFiles = [...]string{"credentials-owners.yaml", "pat-sourceapps.yaml"}

// SpecPaths finds the extracts under ../shared/openapi relative to the
// repository root (the directory holding go.mod, found upwards from the
// working directory); nil when either is absent.
func SpecPaths() []string {
	dir := SpecDir()
	if dir == "" {
		return nil
	}
	var out []string
	for _, f := range specFiles {
		p := filepath.Join(dir, f)
		if _, err := os.Stat(p); err != nil {
			return nil
		}
		out = append(out, p)
	}
	return out
}

// SpecDir is ../shared/openapi relative to the repository root; "" when
// there is no such directory.
func SpecDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
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
	p := filepath.Join(dir, "..", "shared", "openapi")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// Options say what a Transport checks.
type Options struct {
	// Requests validates every request as well, and reports one that
	// matches no operation. Off for tests that send bad requests on purpose:
	// then only responses to requests that match an operation are checked.
	Requests bool
	// Unchecked are response statuses the spec does not document and the
	// sandbox only sends for its own reasons (405, the injected 503).
	Unchecked []int
}

// Transport is an http.RoundTripper that validates exchanges against the
// spec and reports violations to its testing.TB. /oauth/token is not part
// of the spec and passes unchecked.
type Transport struct {
	tb      testing.TB
	next    http.RoundTripper
	routers []routers.Router // one per extract, the more specific first
	check   Options
	opts    *openapi3filter.Options

	mu      sync.Mutex
	checked int
}

// New loads the spec with baseURL as its only server. When the spec file is
// absent it logs that the checks are off and returns nil.
func New(tb testing.TB, baseURL string, opts Options) *Transport {
	tb.Helper()
	paths := SpecPaths()
	if paths == nil {
		tb.Log("contract checks off: " + SkipMessage)
		return nil
	}
	var rs []routers.Router
	for _, path := range paths {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromFile(path)
		if err != nil {
			tb.Fatalf("load OpenAPI %s: %v", filepath.Base(path), err)
		}
		if err := doc.Validate(loader.Context); err != nil {
			tb.Fatalf("OpenAPI document %s invalid: %v", filepath.Base(path), err)
		}
		// The documents' servers are the production host and
		// localhost:{port}; the sandbox listens on a random loopback port.
		doc.Servers = openapi3.Servers{{URL: baseURL}}
		router, err := gorillamux.NewRouter(doc)
		if err != nil {
			tb.Fatalf("OpenAPI router %s: %v", filepath.Base(path), err)
		}
		rs = append(rs, router)
	}
	return &Transport{
		tb: tb, next: http.DefaultTransport.(*http.Transport).Clone(), routers: rs, check: opts,
		opts: &openapi3filter.Options{
			AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
			IncludeResponseStatus: true,
			MultiError:            true,
			ExcludeRequestBody:    !opts.Requests,
		},
	}
}

// Checked is how many responses were validated so far.
func (c *Transport) Checked() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.checked
}

// CloseIdleConnections closes the idle connections of the transport it
// sends through, so http.Client.CloseIdleConnections reaches them.
func (c *Transport) CloseIdleConnections() {
	if ci, ok := c.next.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

// RoundTrip sends req and validates the exchange.
func (c *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path == "/oauth/token" {
		return c.next.RoundTrip(req)
	}
	vreq, err := c.snapshot(req)
	if err != nil {
		return nil, err
	}
	route, params, err := c.findRoute(vreq)
	if err != nil {
		if c.check.Requests {
			c.tb.Errorf("contract: %s %s matches no operation: %v", req.Method, req.URL.Path, err)
		}
		return c.next.RoundTrip(req)
	}
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route, Options: c.opts}
	if c.check.Requests {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			c.tb.Errorf("contract: request %s %s (%s) violates the spec: %v", req.Method, req.URL.Path, route.Operation.OperationID, err)
		}
	}
	resp, err := c.next.RoundTrip(req)
	if err != nil || slices.Contains(c.check.Unchecked, resp.StatusCode) {
		return resp, err
	}
	data, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil {
		return resp, nil // the caller sees the truncated body and handles the error itself
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Options: c.opts}
	out.SetBodyBytes(data)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		shown := "(body not shown: it may hold a secret)"
		if resp.StatusCode >= 400 {
			shown = string(data[:min(len(data), 500)])
		}
		c.tb.Errorf("contract: response %d to %s %s (%s) violates the spec: %v\nbody: %s",
			resp.StatusCode, req.Method, req.URL.Path, route.Operation.OperationID, err, shown)
	}
	c.mu.Lock()
	c.checked++
	c.mu.Unlock()
	return resp, nil
}

// findRoute finds the operation of req in the first extract that has it.
func (c *Transport) findRoute(req *http.Request) (*routers.Route, map[string]string, error) {
	var first error
	for _, r := range c.routers {
		route, params, err := r.FindRoute(req)
		if err == nil {
			return route, params, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, nil, first
}

// snapshot buffers req's body (restoring it for sending) and returns a
// copy of req for the validator to read.
func (c *Transport) snapshot(req *http.Request) (*http.Request, error) {
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
	return vreq, nil
}
