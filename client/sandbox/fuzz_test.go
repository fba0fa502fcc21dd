package sandbox

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
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
	admin, _ := ft.srv.Credentials()
	for _, p := range ft.srv.PATs() {
		if !p.Managed && p.Owner.ID == admin.IdentityID { // only the owner may patch
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

// FuzzSourceAppPatch patches an app with an owner and one without (mode
// picks the app and PATCH or bulk-update).
func FuzzSourceAppPatch(f *testing.F) {
	ft := newFuzzTarget(f)
	apps := ft.srv.SourceApps()
	ownerless := apps[1].ID
	ft.srv.mu.Lock()
	ft.srv.st.apps[ownerless].Owner = nil
	ft.srv.mu.Unlock()
	for i, s := range patchSeeds() {
		f.Add(s, uint8(i))
	}
	f.Add(`[{"op":"replace","path":"/accountSource","value":null}]`, uint8(0))
	f.Add(`[{"op":"replace","path":"/enabled","value":"false"}]`, uint8(1))
	f.Add(`[{"op":"test","path":"/owner","value":null},{"op":"replace","path":"/enabled","value":true}]`, uint8(2))
	f.Add(`[{"op":"replace","path":"/owner/id","value":"x"}]`, uint8(3))
	f.Fuzz(func(t *testing.T, body string, mode uint8) {
		id := apps[0].ID
		if mode&2 != 0 {
			id = ownerless
		}
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

// FuzzAccessProfilesBulkRemove sends any body and query string to
// bulk-remove. The answer is 200 exactly when the body is a non-empty JSON
// array of non-empty id strings and limit is absent or 0..250; then it is a
// list of at most limit profiles. Anything else is a 400 ErrorResponseDto.
func FuzzAccessProfilesBulkRemove(f *testing.F) {
	ft := newFuzzTarget(f)
	var app client.SourceApp
	for _, a := range ft.srv.SourceApps() {
		if len(a.AccessProfiles) > len(app.AccessProfiles) {
			app = a
		}
	}
	if len(app.AccessProfiles) == 0 {
		f.Fatal("the fuzz seed has no app with access profiles")
	}
	ap := app.AccessProfiles[0]
	seeds := []struct{ body, query string }{
		{`["` + ap + `"]`, ""}, {`["` + ap + `","not-attached"]`, "limit=1"}, {`["x","x"]`, "limit=0"},
		{`[]`, ""}, {`[null]`, ""}, {`[""]`, ""}, {`[" "]`, ""}, {`[1]`, ""}, {`[true]`, ""}, {`[["x"]]`, ""},
		{`[{"id":"x"}]`, ""}, {`null`, ""}, {`{}`, ""}, {`"x"`, ""}, {`[`, ""}, {"", ""},
		{`["x"]`, "limit=251"}, {`["x"]`, "limit=-1"}, {`["x"]`, "limit=1e3"}, {`["x"]`, "limit=%zz"},
		{`["\u0000"]`, "limit=250&limit=300"}, {"[\"\xff\"]", ";;"},
	}
	for _, s := range seeds {
		f.Add(s.body, s.query)
	}
	f.Fuzz(func(t *testing.T, body, query string) {
		// Put the profiles back so every input meets an app with profiles.
		ft.srv.mu.Lock()
		ft.srv.st.apps[app.ID].AccessProfiles = slices.Clone(app.AccessProfiles)
		ft.srv.mu.Unlock()
		req := httptest.NewRequest("POST", "/v2025/source-apps/"+app.ID+"/access-profiles/bulk-remove", strings.NewReader(body))
		req.URL.RawQuery = query
		req.Header.Set("Authorization", "Bearer "+ft.token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-SailPoint-Experimental", "true")
		rec := httptest.NewRecorder()
		ft.srv.ServeHTTP(rec, req)

		q, _ := url.ParseQuery(query) // as r.URL.Query does: bad pairs dropped
		limit, limitOK := 250, true
		if v := q.Get("limit"); v != "" {
			n, err := strconv.Atoi(v)
			limit, limitOK = n, err == nil && n >= 0 && n <= 250
		}
		switch want := limitOK && validIDList(body); {
		case want && rec.Code == 200:
			var left []client.AccessProfileDetails
			if err := json.Unmarshal(rec.Body.Bytes(), &left); err != nil || left == nil || len(left) > limit {
				t.Fatalf("body %q query %q: 200 with %s", body, query, rec.Body)
			}
		case !want && rec.Code == 400:
			var e client.ErrorResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || len(e.Messages) == 0 || e.Messages[0].Text == "" {
				t.Fatalf("body %q query %q: 400 without an ErrorResponseDto: %s", body, query, rec.Body)
			}
		default:
			t.Fatalf("body %q query %q: status %d (valid request: %v): %s", body, query, rec.Code, want, rec.Body)
		}
	})
}

// validIDList is the fuzz oracle for bulk-remove's body, written apart from
// the handler: a non-empty JSON array of strings that are not blank.
func validIDList(body string) bool {
	var items []any
	if json.Unmarshal([]byte(body), &items) != nil || len(items) == 0 {
		return false
	}
	for _, it := range items {
		if s, ok := it.(string); !ok || strings.TrimSpace(s) == "" {
			return false
		}
	}
	return true
}

// FuzzOAuthToken sends any query string and body, with one of several
// content types, to /oauth/token. "{id}" and "{secret}" in the input stand
// for the admin's credentials, so the fuzzer can reach every outcome. It
// must answer 200 with an access token, 400 (invalid_request,
// unsupported_grant_type) or 401 (invalid_client); 200 only when the real
// secret was sent; and the secret is never in the response.
func FuzzOAuthToken(f *testing.F) {
	s, err := New(Options{Tokens: 4, Apps: 1, TokenTTL: time.Millisecond}) // sessions expire and are pruned at once
	if err != nil {
		f.Fatal(err)
	}
	admin, _ := s.Credentials()
	ctypes := []string{"application/x-www-form-urlencoded", "", "multipart/form-data; boundary=XyZ",
		"application/json", "text/plain", "multipart/form-data", "application/x-www-form-urlencoded; charset=\xff"}
	creds := "grant_type=client_credentials&client_id={id}&client_secret={secret}"
	multipartCreds := "--XyZ\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n" +
		"--XyZ\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\n{id}\r\n" +
		"--XyZ\r\nContent-Disposition: form-data; name=\"client_secret\"\r\n\r\n{secret}\r\n--XyZ--\r\n"
	seeds := []struct {
		query, body string
		ctype       uint8
	}{
		{"", creds, 0}, {creds, "", 1}, {"grant_type=client_credentials", "client_id={id}&client_secret={secret}", 0},
		{"", multipartCreds, 2}, {"", `{"grant_type":"client_credentials","client_id":"{id}","client_secret":"{secret}"}`, 3},
		{"client_id={id}&client_secret={secret}", "", 1}, {"grant_type=password&client_id={id}&client_secret={secret}", "", 1},
		{"grant_type=client_credentials&client_id={id}&client_secret=nope", "", 1},
		{"grant_type=client_credentials&grant_type=x&client_id={id}&client_secret={secret}", "", 1},
		{"grant_type=%zz", "", 1}, {"a;b", "", 1}, {"", "%%%", 0}, {"", "--XyZ\r\n", 2}, {"", "x", 5}, {"", creds, 6},
		{"grant_type=CLIENT_CREDENTIALS&client_id={id}&client_secret={secret}", creds, 0},
	}
	for _, sd := range seeds {
		f.Add(sd.query, sd.body, sd.ctype)
	}
	expand := strings.NewReplacer("{id}", admin.ClientID, "{secret}", admin.ClientSecret)
	f.Fuzz(func(t *testing.T, query, body string, ctype uint8) {
		query, body = expand.Replace(query), expand.Replace(body)
		req := httptest.NewRequest("POST", "/oauth/token", strings.NewReader(body))
		req.URL.RawQuery = query
		if ct := ctypes[int(ctype)%len(ctypes)]; ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if strings.Contains(rec.Body.String(), admin.ClientSecret) {
			t.Fatalf("query %q body %q: the response contains the client secret", query, body)
		}
		var m map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
			t.Fatalf("query %q body %q: status %d, not JSON: %s", query, body, rec.Code, rec.Body)
		}
		wantErr := map[int][]string{400: {"invalid_request", "unsupported_grant_type"}, 401: {"invalid_client"}}
		switch rec.Code {
		case 200:
			if tok, _ := m["access_token"].(string); tok == "" || !strings.Contains(query+body, admin.ClientSecret) {
				t.Fatalf("query %q body %q: 200 %s", query, body, rec.Body)
			}
		case 400, 401:
			if e, _ := m["error"].(string); !slices.Contains(wantErr[rec.Code], e) {
				t.Fatalf("query %q body %q: %d with error %q", query, body, rec.Code, e)
			}
		default:
			t.Fatalf("query %q body %q: status %d: %s", query, body, rec.Code, rec.Body)
		}
	})
}
