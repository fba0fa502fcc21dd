package client_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/internal/contracttest"
	"github.com/sailtui/sailtui/client/sandbox"
)

// clientContract checks both directions: what the client sends must match
// the spec as much as what it gets. Only the fault injector answers 503 (a
// gateway-level failure); the spec documents 500 as the server error.
func clientContract() contracttest.Options {
	return contracttest.Options{Requests: true, Unchecked: []int{http.StatusServiceUnavailable}}
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
	if contracttest.SpecPath() == "" {
		t.Skip("skipping contract test: " + contracttest.SkipMessage)
	}
	rec := &recordingTB{TB: t}
	ct := contracttest.New(rec, tn.base, clientContract())
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
