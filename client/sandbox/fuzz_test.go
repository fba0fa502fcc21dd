package sandbox

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
)

// fuzzTarget is a sandbox driven through ServeHTTP directly (no sockets),
// with an admin access token.
type fuzzTarget struct {
	srv   *Server
	token string
}

func newFuzzTarget(f *testing.F) *fuzzTarget {
	f.Helper()
	s, err := New(Options{Tokens: 8, Apps: 6, // real clock, so the rate-limit window slides
		RateLimit: client.RateLimit{Requests: 1000, Per: time.Nanosecond}})
	if err != nil {
		f.Fatal(err)
	}
	a, _ := s.Credentials()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {a.ClientID}, "client_secret": {a.ClientSecret}}
	req := httptest.NewRequest("POST", "/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var tr client.TokenResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &tr); err != nil || rec.Code != 200 {
		f.Fatalf("token: %d %s", rec.Code, rec.Body)
	}
	return &fuzzTarget{srv: s, token: tr.AccessToken}
}

func (ft *fuzzTarget) serve(method, path, ctype, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+ft.token)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("X-SailPoint-Experimental", "true")
	rec := httptest.NewRecorder()
	ft.srv.ServeHTTP(rec, req)
	return rec
}

// expectClientError fails on anything but the allowed statuses; a 5xx is
// always a sandbox bug here.
func expectClientError(t *testing.T, rec *httptest.ResponseRecorder, body string, allowed ...int) {
	t.Helper()
	for _, s := range allowed {
		if rec.Code == s {
			return
		}
	}
	t.Fatalf("body %q: status %d: %s", body, rec.Code, rec.Body)
}

func patchSeeds() []string {
	return []string{
		`[{"op":"replace","path":"/name","value":"x"}]`,
		`[{"op":"test","path":"/name","value":"nope"}]`,
		`[{"op":"replace","path":"/expirationDate","value":null},{"op":"replace","path":"/userAwareTokenNeverExpires","value":true}]`,
		`[{"op":"add","path":"/scope/-","value":"sp:x"}]`,
		`[{"op":"copy","from":"/scope","path":"/scope/-"}]`,
		`[{"op":"move","from":"/name","path":"/description"}]`,
		`[{"op":"remove","path":"/owner"}]`,
		`[{"op":"replace","path":"/accessProfiles","value":[]}]`,
		`[{"op":"replace","path":"/owner","value":{"id":5}}]`,
		`[{"op":"replace","path":"","value":{}}]`,
		`[{"op":"replace","path":"/name/~1x","value":1}]`,
		`[{"op":"add","path":"/scope/-","value":null},{"op":"test","path":"/scope","value":["sp:scopes:all",null]}]`,
		`[{"op":"add","path":"/accessProfiles/-","value":null},{"op":"test","path":"/accessProfiles","value":[null]}]`,
		`[null]`, `[]`, `{}`, `null`, `"`, `[{"op":1}]`, "\x00\xff",
	}
}

func FuzzPATPatch(f *testing.F) {
	ft := newFuzzTarget(f)
	var id string
	for _, p := range ft.srv.PATs() {
		if !p.Managed {
			id = p.ID
		}
	}
	for i, s := range patchSeeds() {
		f.Add(s, uint8(i))
	}
	paths := []string{"/beta/personal-access-tokens/", "/v3/personal-access-tokens/", "/v2024/personal-access-tokens/",
		"/v2025/personal-access-tokens/", "/v2026/personal-access-tokens/", "/personal-access-tokens/v1/"}
	f.Fuzz(func(t *testing.T, body string, fam uint8) {
		rec := ft.serve("PATCH", paths[int(fam)%len(paths)]+id, "application/json-patch+json", body)
		expectClientError(t, rec, body, 200, 400)
	})
}

func FuzzPATCreate(f *testing.F) {
	ft := newFuzzTarget(f)
	seeds := []string{
		`{"name":"a"}`, `{"name":"b","scope":null,"userAwareTokenNeverExpires":true}`,
		`{"name":"c","accessTokenValiditySeconds":1e400}`, `{"name":"d","expirationDate":"2099-01-01T00:00:00Z"}`,
		`{"name":"e","expirationDate":"yesterday"}`, `{"name":["x"]}`, `{"name":"\u0000"}`,
		`{"name":"f","scope":[1,2]}`, `{"name":"g","accessTokenValiditySeconds":-9223372036854775809}`,
		`[]`, `null`, `{`, "", `{"name":"h","userAwareTokenNeverExpires":"true"}`,
	}
	for i, s := range seeds {
		f.Add(s, uint8(i))
	}
	paths := []string{"/beta/personal-access-tokens", "/v3/personal-access-tokens", "/v2024/personal-access-tokens",
		"/v2025/personal-access-tokens", "/v2026/personal-access-tokens", "/personal-access-tokens/v1"}
	f.Fuzz(func(t *testing.T, body string, fam uint8) {
		rec := ft.serve("POST", paths[int(fam)%len(paths)], "application/json", body)
		expectClientError(t, rec, body, 200, 400)
	})
}

func FuzzSourceAppPatch(f *testing.F) {
	ft := newFuzzTarget(f)
	id := ft.srv.SourceApps()[0].ID
	for i, s := range patchSeeds() {
		f.Add(s, uint8(i))
	}
	f.Add(`[{"op":"replace","path":"/accountSource","value":null}]`, uint8(0))
	f.Add(`[{"op":"replace","path":"/enabled","value":"false"}]`, uint8(1))
	f.Fuzz(func(t *testing.T, body string, mode uint8) {
		if mode%2 == 0 {
			rec := ft.serve("PATCH", "/source-apps/v1/"+id, "application/json-patch+json", body)
			expectClientError(t, rec, body, 200, 400)
			return
		}
		bulk := `{"appIds":["` + id + `"],"jsonPatch":` + body + `}`
		rec := ft.serve("POST", "/v2025/source-apps/bulk-update", "application/json", bulk)
		expectClientError(t, rec, bulk, http.StatusNoContent, 400)
	})
}

func FuzzSourceAppCreate(f *testing.F) {
	ft := newFuzzTarget(f)
	src := ft.srv.SourceApps()[0].AccountSource
	srcID := "x"
	if src != nil {
		srcID = src.ID
	}
	f.Add(`{"name":"n","description":"d","accountSource":{"id":"` + srcID + `"}}`)
	f.Add(`{"name":"n","description":"d","accountSource":{"id":null}}`)
	f.Add(`{"name":"n","description":"d","accountSource":[]}`)
	f.Add(`{"name":"n"}`)
	f.Add(`nonsense`)
	f.Fuzz(func(t *testing.T, body string) {
		rec := ft.serve("POST", "/beta/source-apps", "application/json", body)
		expectClientError(t, rec, body, 200, 400)
	})
}
