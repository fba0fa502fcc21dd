package sandbox

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestTokenEndpointForms(t *testing.T) {
	h := newHarness(t, Options{Tokens: 5, Apps: 2, TokenTTL: 90 * time.Minute})
	admin, _ := h.srv.Credentials()
	creds := url.Values{"grant_type": {"client_credentials"}, "client_id": {admin.ClientID}, "client_secret": {admin.ClientSecret}}

	multipartBody := func() (*bytes.Buffer, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for k, v := range creds {
			_ = mw.WriteField(k, v[0])
		}
		_ = mw.Close()
		return &b, mw.FormDataContentType()
	}
	mpBody, mpType := multipartBody()
	tests := []struct {
		name string
		req  func() *http.Request
	}{
		{"urlencoded body", func() *http.Request {
			r, _ := http.NewRequest("POST", h.http.URL+"/oauth/token", strings.NewReader(creds.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}},
		{"query string", func() *http.Request {
			r, _ := http.NewRequest("POST", h.http.URL+"/oauth/token?"+creds.Encode(), nil)
			return r
		}},
		{"grant in query, credentials in body", func() *http.Request {
			body := url.Values{"client_id": creds["client_id"], "client_secret": creds["client_secret"]}
			r, _ := http.NewRequest("POST", h.http.URL+"/oauth/token?grant_type=client_credentials", strings.NewReader(body.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}},
		{"multipart form-data", func() *http.Request {
			r, _ := http.NewRequest("POST", h.http.URL+"/oauth/token", mpBody)
			r.Header.Set("Content-Type", mpType)
			return r
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.DefaultClient.Do(tt.req())
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]any
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 {
				t.Fatalf("status %d err %v", resp.StatusCode, err)
			}
			want := map[string]any{"token_type": "bearer", "expires_in": float64(5400), "identity_id": admin.IdentityID,
				"user_name": "sandbox.admin", "scope": "sp:scopes:all", "user_id": admin.IdentityID}
			for k, v := range want {
				if body[k] != v {
					t.Errorf("%s = %v, want %v", k, body[k], v)
				}
			}
			for _, k := range []string{"access_token", "tenant_id", "org", "pod", "jti", "accessType", "internal", "strong_auth", "enabled", "strong_auth_supported"} {
				if _, ok := body[k]; !ok {
					t.Errorf("response lacks %s", k)
				}
			}
			if _, ok := body["refresh_token"]; ok {
				t.Error("client_credentials must not return a refresh_token")
			}
			if tok, _ := body["access_token"].(string); strings.Count(tok, ".") != 2 {
				t.Errorf("access_token %q is not a JWT", tok)
			}
		})
	}
}

func TestTokenEndpointErrors(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 1})
	admin, _ := h.srv.Credentials()
	post := func(v url.Values) (int, map[string]string) {
		resp, err := http.PostForm(h.http.URL+"/oauth/token", v)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]string
		_ = json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	tests := []struct {
		name   string
		v      url.Values
		status int
		errStr string
	}{
		{"wrong secret", url.Values{"grant_type": {"client_credentials"}, "client_id": {admin.ClientID}, "client_secret": {"nope"}}, 401, "invalid_client"},
		{"unknown client", url.Values{"grant_type": {"client_credentials"}, "client_id": {"abc"}, "client_secret": {"x"}}, 401, "invalid_client"},
		{"missing secret", url.Values{"grant_type": {"client_credentials"}, "client_id": {admin.ClientID}}, 401, "invalid_client"},
		{"wrong grant", url.Values{"grant_type": {"password"}, "client_id": {admin.ClientID}, "client_secret": {admin.ClientSecret}}, 400, "unsupported_grant_type"},
		{"uppercase grant is accepted", url.Values{"grant_type": {"CLIENT_CREDENTIALS"}, "client_id": {admin.ClientID}, "client_secret": {admin.ClientSecret}}, 200, ""},
		{"missing grant", url.Values{"client_id": {admin.ClientID}, "client_secret": {admin.ClientSecret}}, 400, "invalid_request"},
		{"empty grant", url.Values{"grant_type": {""}, "client_id": {admin.ClientID}, "client_secret": {admin.ClientSecret}}, 400, "invalid_request"},
		{"grant twice, different", url.Values{"grant_type": {"client_credentials", "password"}, "client_id": {admin.ClientID}, "client_secret": {admin.ClientSecret}}, 400, "invalid_request"},
		{"secret twice, different", url.Values{"grant_type": {"client_credentials"}, "client_id": {admin.ClientID}, "client_secret": {"nope", admin.ClientSecret}}, 400, "invalid_request"},
		{"same grant twice is tolerated", url.Values{"grant_type": {"client_credentials", "client_credentials"}, "client_id": {admin.ClientID}, "client_secret": {admin.ClientSecret}}, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, m := post(tt.v)
			if status != tt.status || m["error"] != tt.errStr && tt.errStr != "" {
				t.Errorf("got %d %v, want %d %s", status, m, tt.status, tt.errStr)
			}
		})
	}
	if r := h.do("GET", "/oauth/token", "", ""); r.status != 405 {
		t.Errorf("GET /oauth/token = %d", r.status)
	}
}

// Requests the token endpoint cannot read get invalid_request with a
// description that says what to send instead.
func TestTokenEndpointUnreadableRequests(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 1})
	admin, _ := h.srv.Credentials()
	jsonBody := `{"grant_type":"client_credentials","client_id":"` + admin.ClientID + `","client_secret":"` + admin.ClientSecret + `"}`
	tests := []struct {
		name, query, ctype, body, wantDesc string
	}{
		{"JSON body", "", "application/json", jsonBody, "form"},
		{"bad query escape", "grant_type=%zz", "", "", "parse"},
		{"semicolon in query", "grant_type=client_credentials;client_id=x", "", "", "parse"},
		{"multipart without boundary", "", "multipart/form-data", "x", "parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", h.http.URL+"/oauth/token", strings.NewReader(tt.body))
			req.URL.RawQuery = tt.query
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var m map[string]string
			_ = json.NewDecoder(resp.Body).Decode(&m)
			if resp.StatusCode != 400 || m["error"] != "invalid_request" || !strings.Contains(m["error_description"], tt.wantDesc) {
				t.Errorf("got %d %v, want 400 invalid_request mentioning %q", resp.StatusCode, m, tt.wantDesc)
			}
			if strings.Contains(m["error_description"], admin.ClientSecret) {
				t.Error("the error repeats the client secret")
			}
		})
	}
}

func TestBearerChecks(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 1, TokenTTL: time.Hour})
	tok := h.adminToken()
	check := func(name, token, wantErr string) {
		t.Helper()
		r := h.do("GET", "/v3/personal-access-tokens", token, "")
		var m map[string]string
		r.decode(t, &m)
		if r.status != 401 || m["error"] != wantErr {
			t.Errorf("%s: %d %s, want 401 %q", name, r.status, r.body, wantErr)
		}
	}
	check("missing", "", "JWT validation failed: JWT is missing")
	check("forged", tok+"x", "JWT validation failed: JWT is invalid")
	if r := h.do("GET", "/v3/personal-access-tokens", tok, ""); r.status != 200 {
		t.Fatalf("valid token: %d", r.status)
	}
	h.clock.Advance(time.Hour)
	check("expired", tok, "JWT validation failed: JWT is expired")
}

func TestCreatedPATWorksAsCredentials(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 1, TokenTTL: time.Hour})
	r := h.do("POST", "/v2025/personal-access-tokens", h.adminToken(),
		`{"name":"short lived","accessTokenValiditySeconds":60,"expirationDate":null,"userAwareTokenNeverExpires":true}`)
	var created struct{ ID, Secret string }
	r.decode(t, &created)
	if r.status != 200 || len(created.Secret) != 64 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	if p := findPAT(h.srv, created.ID); p == nil || p.LastUsed != nil {
		t.Fatalf("new PAT should exist, never used: %+v", p)
	}
	h.clock.Advance(time.Minute)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {created.ID}, "client_secret": {created.Secret}}
	resp, err := http.PostForm(h.http.URL+"/oauth/token", form)
	if err != nil {
		t.Fatal(err)
	}
	var tr struct {
		ExpiresIn  int    `json:"expires_in"`
		IdentityID string `json:"identity_id"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&tr)
	resp.Body.Close()
	admin, _ := h.srv.Credentials()
	if resp.StatusCode != 200 || tr.ExpiresIn != 60 || tr.IdentityID != admin.IdentityID {
		t.Fatalf("token with new PAT: %d %+v (expires_in should be the PAT's validity)", resp.StatusCode, tr)
	}
	p := findPAT(h.srv, created.ID)
	if p.LastUsed == nil || !p.LastUsed.Equal(testNow.Add(time.Minute)) {
		t.Errorf("lastUsed = %v, want %v", p.LastUsed, testNow.Add(time.Minute))
	}
	// lastUsed moves at most once a day.
	h.clock.Advance(time.Hour)
	h.token(created.ID, created.Secret)
	if p := findPAT(h.srv, created.ID); !p.LastUsed.Equal(testNow.Add(time.Minute)) {
		t.Errorf("lastUsed moved within a day: %v", p.LastUsed)
	}
}

func TestScopesNarrowRights(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 1})
	r := h.do("POST", "/personal-access-tokens/v1", h.adminToken(),
		`{"name":"read only","scope":["sp:my-personal-access-tokens:read"],"userAwareTokenNeverExpires":true}`)
	var created struct{ ID, Secret string }
	r.decode(t, &created)
	tok := h.token(created.ID, created.Secret)
	if r := h.do("GET", "/personal-access-tokens/v1?owner-id=me", tok, ""); r.status != 200 {
		t.Errorf("list own with read scope: %d", r.status)
	}
	if r := h.do("GET", "/personal-access-tokens/v1", tok, ""); r.status != 403 {
		t.Errorf("tenant-wide list with a my-read scope: %d, want 403", r.status)
	}
	if r := h.do("POST", "/personal-access-tokens/v1", tok, `{"name":"x"}`); r.status != 403 {
		t.Errorf("create with a read scope: %d, want 403", r.status)
	} else {
		r.errorDto(t)
	}
}

func TestExpiredPATCannotAuthenticate(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 1})
	r := h.do("POST", "/v2025/personal-access-tokens", h.adminToken(),
		`{"name":"soon","expirationDate":"2026-11-01T13:00:00Z"}`)
	var created struct{ ID, Secret string }
	r.decode(t, &created)
	h.clock.Advance(2 * time.Hour)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {created.ID}, "client_secret": {created.Secret}}
	resp, err := http.PostForm(h.http.URL+"/oauth/token", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("expired PAT: %d, want 401", resp.StatusCode)
	}
}

func findPAT(s *Server, id string) *patSnapshot {
	for _, p := range s.PATs() {
		if p.ID == id {
			return &patSnapshot{p.ID, p.Name, p.LastUsed}
		}
	}
	return nil
}

type patSnapshot struct {
	ID, Name string
	LastUsed *time.Time
}

func TestTokenEndpointBasicAuth(t *testing.T) {
	h := newHarness(t, Options{Tokens: 2, Apps: 1})
	admin, _ := h.srv.Credentials()
	req, _ := http.NewRequest("POST", h.http.URL+"/oauth/token", strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(admin.ClientID, admin.ClientSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("basic auth: %d", resp.StatusCode)
	}
}
