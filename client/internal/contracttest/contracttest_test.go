package contracttest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
)

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

func (r *recordingTB) take() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := strings.Join(r.errs, "\n")
	r.errs = nil
	return s
}

// A response-only checker reports an off-spec response, and lets through
// unknown paths and unchecked statuses.
func TestResponseOnlyChecker(t *testing.T) {
	if SpecPaths() == nil {
		t.Skip("skipping: " + SkipMessage)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("answer") {
		case "object":
			_, _ = w.Write([]byte(`{"not":"an array"}`))
		case "405":
			w.WriteHeader(http.StatusMethodNotAllowed)
		default:
			_, _ = w.Write([]byte(`[]`))
		}
	}))
	defer srv.Close()
	rec := &recordingTB{TB: t}
	ct := New(rec, srv.URL, Options{Unchecked: []int{http.StatusMethodNotAllowed}})
	get := func(path string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		resp, err := ct.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
	}
	get("/personal-access-tokens/v1?answer=object")
	if got := rec.take(); !strings.Contains(got, "listPersonalAccessTokensV1") {
		t.Errorf("an object for a list was not reported: %q", got)
	}
	get("/personal-access-tokens/v1?answer=405")
	get("/nowhere")
	if got := rec.take(); got != "" {
		t.Errorf("reported %q", got)
	}
	if ct.Checked() != 1 {
		t.Errorf("Checked() = %d, want 1", ct.Checked())
	}
}

// A full checker catches what it exists to catch in an exchange with the
// sandbox: a missing experimental header, a bad body, an unknown path, and
// a bad patch operation.
func TestRequestChecker(t *testing.T) {
	if SpecPaths() == nil {
		t.Skip("skipping: " + SkipMessage)
	}
	srv, err := sandbox.New(sandbox.Options{Seed: 21, Tokens: 5, Apps: 3})
	if err != nil {
		t.Fatal(err)
	}
	base, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	rec := &recordingTB{TB: t}
	ct := New(rec, base, Options{Requests: true})
	token := bearer(t, base, srv)
	send := func(method, path, contentType, body string) {
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
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
		send(tc.method, tc.path, tc.ct, tc.body)
		if got := rec.take(); !strings.Contains(got, tc.want) {
			t.Errorf("%s %s: checker reported %q, want a mention of %q", tc.method, tc.path, got, tc.want)
		}
	}
	send("GET", "/personal-access-tokens/v1", "", "")
	if got := rec.take(); got != "" {
		t.Errorf("a valid exchange was reported: %s", got)
	}
}

// bearer fetches an access token for raw requests.
func bearer(t *testing.T, base string, srv *sandbox.Server) string {
	t.Helper()
	admin, _ := srv.Credentials()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {admin.ClientID}, "client_secret": {admin.ClientSecret}}
	resp, err := http.PostForm(base+"/oauth/token", form)
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
