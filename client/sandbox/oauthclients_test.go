package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
)

func clientFamilies() map[family]string {
	return map[family]string{
		famBeta: "/beta/oauth-clients", famV3: "/v3/oauth-clients", famV2024: "/v2024/oauth-clients",
		famV2025: "/v2025/oauth-clients", famV2026: "/v2026/oauth-clients", famV1: "/oauth-clients/v1",
	}
}

const newClientBody = `{"name":"contract","description":"d","accessTokenValiditySeconds":750,` +
	`"grantTypes":["CLIENT_CREDENTIALS"],"accessType":"OFFLINE","enabled":true,"scope":["sp:oauth-client:read"]}`

// Every operation of every family, checked against the extract: list
// (filtered), create, get, patch, a refused patch of scope, delete, a
// second delete (404), and a caller without the right (403).
func TestClientResponsesMatchSpec(t *testing.T) {
	h := newHarness(t, Options{Tokens: 10, Apps: 5, Clients: 20})
	if h.checker == nil {
		t.Skip("skipping: the OpenAPI extracts are absent")
	}
	tok := h.adminToken()
	for fam, path := range clientFamilies() {
		h.do("GET", path, tok, "")
		h.do("GET", path+"?filters="+url.QueryEscape("lastUsed le 2026-01-01T00:00:00Z"), tok, "")
		h.do("GET", path+"?filters="+url.QueryEscape("name eq \"x\""), tok, "")
		r := h.do("POST", path, tok, newClientBody)
		var created client.CreatedOAuthClient
		r.decode(t, &created)
		if r.status != 200 || created.Secret == "" || created.ID == "" {
			t.Fatalf("%s create: %d %s", fam, r.status, r.body)
		}
		h.do("GET", path+"/"+created.ID, tok, "")
		h.do("PATCH", path+"/"+created.ID, tok, `[{"op":"replace","path":"/enabled","value":false}]`)
		h.do("PATCH", path+"/"+created.ID, tok, `[{"op":"replace","path":"/scope","value":["sp:scopes:all"]}]`)
		h.do("DELETE", path+"/"+created.ID, tok, "")
		h.do("DELETE", path+"/"+created.ID, tok, "")
		h.do("GET", path, h.userToken(), "")
	}
	if n := h.checker.Checked(); n < 6*9 {
		t.Errorf("the checker saw only %d responses", n)
	}
}

// The secret is in the create answer and nowhere after; the list filters
// on lastUsed; scope is not patchable; a delete is gone.
func TestClientLifecycle(t *testing.T) {
	h := newHarness(t, Options{Tokens: 10, Apps: 5, Clients: 14})
	tok := h.adminToken()
	r := h.do("POST", "/v2025/oauth-clients", tok, newClientBody)
	var created client.CreatedOAuthClient
	r.decode(t, &created)
	if !strings.Contains(created.ID, "-") || len(created.Secret) < 32 {
		t.Fatalf("created %+v", created)
	}
	for _, path := range []string{"/v2025/oauth-clients", "/v2025/oauth-clients/" + created.ID} {
		if r := h.do("GET", path, tok, ""); strings.Contains(string(r.body), created.Secret) || strings.Contains(string(r.body), `"secret":"`) {
			t.Fatalf("GET %s shows a secret: %s", path, r.body)
		}
	}
	var never []client.OAuthClient
	h.do("GET", "/v2025/oauth-clients?filters="+url.QueryEscape("lastUsed isnull"), tok, "").decode(t, &never)
	if len(never) == 0 || slices.ContainsFunc(never, func(c client.OAuthClient) bool { return c.LastUsed != nil }) {
		t.Fatalf("never used: %d", len(never))
	}
	r = h.do("PATCH", "/v2025/oauth-clients/"+created.ID, tok, `[{"op":"replace","path":"/scope","value":["sp:scopes:all"]}]`)
	if r.status != 400 || !strings.Contains(string(r.body), "scope") {
		t.Fatalf("scope patch: %d %s", r.status, r.body)
	}
	r = h.do("PATCH", "/v2025/oauth-clients/"+created.ID, tok, `[{"op":"replace","path":"/grantTypes","value":["AUTHORIZATION_CODE"]}]`)
	if r.status != 400 || !strings.Contains(string(r.body), "redirect URI") {
		t.Fatalf("authorization code without redirect URIs: %d %s", r.status, r.body)
	}
	if r := h.do("DELETE", "/v2025/oauth-clients/"+created.ID, tok, ""); r.status != 204 {
		t.Fatalf("delete %d", r.status)
	}
	if r := h.do("GET", "/v2025/oauth-clients/"+created.ID, tok, ""); r.status != 404 {
		t.Fatalf("after delete %d", r.status)
	}
	if r := h.do("GET", "/v2025/oauth-clients", h.userToken(), ""); r.status != 403 {
		t.Fatalf("non-admin list %d", r.status)
	}
}

// An API client signs in with the client credentials grant and its
// creator's rights narrowed by its scope; lastUsed moves at most once a
// day; a disabled client is refused.
func TestClientsSignIn(t *testing.T) {
	h := newHarness(t, Options{Tokens: 10, Apps: 5, Clients: 14})
	admin := h.adminToken()
	var created client.CreatedOAuthClient
	h.do("POST", "/oauth-clients/v1", admin, newClientBody).decode(t, &created)
	tok := h.token(created.ID, created.Secret)
	if r := h.do("GET", "/oauth-clients/v1", tok, ""); r.status != 200 {
		t.Fatalf("read with sp:oauth-client:read: %d", r.status)
	}
	if r := h.do("GET", "/v2025/personal-access-tokens", tok, ""); r.status != 403 {
		t.Fatalf("a right outside the scope: %d", r.status)
	}
	lastUsed := func() *time.Time {
		var c client.OAuthClient
		h.do("GET", "/oauth-clients/v1/"+created.ID, h.adminToken(), "").decode(t, &c) // a day on, the old token has expired
		return c.LastUsed
	}
	first := lastUsed()
	if first == nil || !first.Equal(testNow.Truncate(time.Millisecond)) {
		t.Fatalf("lastUsed after sign-in: %v", first)
	}
	h.clock.Advance(3 * time.Hour)
	h.token(created.ID, created.Secret)
	if got := lastUsed(); !got.Equal(*first) {
		t.Fatalf("lastUsed moved within the day: %v", got)
	}
	h.clock.Advance(22 * time.Hour)
	h.token(created.ID, created.Secret)
	if got := lastUsed(); !got.After(*first) {
		t.Fatalf("lastUsed did not move after a day: %v", got)
	}
	h.do("PATCH", "/oauth-clients/v1/"+created.ID, h.adminToken(), `[{"op":"replace","path":"/enabled","value":false}]`)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {created.ID}, "client_secret": {created.Secret}}
	resp, err := http.PostForm(h.http.URL+"/oauth/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var oe struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&oe)
	if resp.StatusCode != 401 || !strings.Contains(oe.ErrorDescription, "disabled") {
		t.Fatalf("a disabled client signed in: %d %+v", resp.StatusCode, oe)
	}
}

// The seed has every kind a tenant collects: in use, stale, never used,
// disabled, internal, both id shapes, every grant type with redirect URIs
// where the authorization code is used.
func TestSeedClients(t *testing.T) {
	h := newHarness(t, Options{Tokens: 10, Apps: 5, Clients: 28})
	cs := h.srv.OAuthClients()
	if len(cs) != 28 {
		t.Fatalf("%d clients", len(cs))
	}
	var daily, stale, never, disabled, internal, legacy, modern int
	grants := map[string]bool{}
	for _, c := range cs {
		switch {
		case c.LastUsed == nil:
			never++
		case testNow.Sub(*c.LastUsed) < 48*time.Hour:
			daily++
		case testNow.Sub(*c.LastUsed) > 90*24*time.Hour:
			stale++
		}
		if !c.Enabled {
			disabled++
		}
		if c.Internal {
			internal++
		}
		if strings.Contains(c.ID, "-") {
			modern++
		} else {
			legacy++
		}
		for _, g := range c.GrantTypes {
			grants[g] = true
		}
		if slices.Contains(c.GrantTypes, client.GrantAuthorizationCode) && len(c.RedirectURIs) == 0 {
			t.Errorf("%s: authorization code without redirect URIs", c.Name)
		}
	}
	if daily == 0 || stale == 0 || never == 0 || disabled == 0 || internal == 0 || legacy == 0 || modern == 0 || len(grants) != 3 {
		t.Fatalf("daily %d stale %d never %d disabled %d internal %d legacy %d modern %d grants %v",
			daily, stale, never, disabled, internal, legacy, modern, grants)
	}
}
