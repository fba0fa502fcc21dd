package sandbox

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/client"
)

func TestExperimentalHeader(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 5})
	tok := h.adminToken()
	for fam, path := range appFamilies() {
		r := h.do("GET", path, tok, "")
		if fam == famBeta {
			if r.status != 200 {
				t.Errorf("beta without header: %d", r.status)
			}
			continue
		}
		var m map[string]string
		r.decode(t, &m)
		if r.status != 400 || !strings.Contains(m["error"], "X-SailPoint-Experimental") {
			t.Errorf("%s without header: %d %s", fam, r.status, r.body)
		}
		if r := h.do("GET", path, tok, "", experimental); r.status != 200 {
			t.Errorf("%s with header: %d", fam, r.status)
		}
	}
	if r := h.do("GET", "/v3/source-apps", tok, "", experimental); r.status != 404 {
		t.Errorf("v3 source apps: %d, want 404", r.status)
	}
	// PAT endpoints accept the header harmlessly.
	if r := h.do("GET", "/v2025/personal-access-tokens", tok, "", experimental); r.status != 200 {
		t.Errorf("PAT list with header: %d", r.status)
	}
}

func listApps(t *testing.T, h *harness, tok, path string) ([]client.SourceApp, response) {
	t.Helper()
	r := h.do("GET", path, tok, "", experimental)
	var out []client.SourceApp
	if r.status == 200 {
		r.decode(t, &out)
	}
	return out, r
}

func TestAppListPagingSortingFiltering(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 60})
	tok := h.adminToken()
	all, r := listApps(t, h, tok, "/source-apps/v1/all?count=true")
	if r.status != 200 || len(all) != 60 || r.header.Get("X-Total-Count") != "60" {
		t.Fatalf("all: %d, %d apps, total %q", r.status, len(all), r.header.Get("X-Total-Count"))
	}
	// Paging walks the whole list exactly once.
	var seen []string
	for off := 0; ; off += 7 {
		page, r := listApps(t, h, tok, fmt.Sprintf("/v2025/source-apps/all?limit=7&offset=%d&sorters=name", off))
		if r.status != 200 {
			t.Fatal(r.status)
		}
		if r.header.Get("X-Total-Count") != "" {
			t.Error("X-Total-Count without count=true")
		}
		for _, a := range page {
			seen = append(seen, a.ID)
		}
		if len(page) < 7 {
			break
		}
	}
	if len(seen) != 60 || len(slices.Compact(slices.Sorted(slices.Values(seen)))) != 60 {
		t.Errorf("paging saw %d ids", len(seen))
	}
	byName, _ := listApps(t, h, tok, "/beta/source-apps/all?sorters=name")
	if !sort.SliceIsSorted(byName, func(i, j int) bool { return strings.ToLower(byName[i].Name) < strings.ToLower(byName[j].Name) }) {
		t.Error("sorters=name not sorted")
	}
	byCreated, _ := listApps(t, h, tok, "/beta/source-apps/all?sorters=-created")
	for i := 1; i < len(byCreated); i++ {
		if byCreated[i].Created.After(byCreated[i-1].Created) {
			t.Fatal("sorters=-created not descending")
		}
	}
	enabled, r := listApps(t, h, tok, "/beta/source-apps/all?count=true&filters="+url.QueryEscape("enabled eq true"))
	for _, a := range enabled {
		if !a.Enabled {
			t.Error("enabled filter returned a disabled app")
		}
	}
	if n, _ := strconv.Atoi(r.header.Get("X-Total-Count")); n != len(enabled) || n == 0 || n == 60 {
		t.Errorf("enabled count %d of %d", n, len(enabled))
	}
	avail, _ := listApps(t, h, tok, "/beta/source-apps?limit=250")
	for _, a := range avail {
		if !a.Enabled || !a.AppCenterEnabled {
			t.Errorf("available list has %+v", a)
		}
	}
	sw, _ := listApps(t, h, tok, "/beta/source-apps/all?filters="+url.QueryEscape(`name sw "jira" or id eq "`+all[5].ID+`"`))
	if len(sw) < 2 {
		t.Errorf("name sw / id eq: %d apps", len(sw))
	}
	src := all[0].AccountSource
	for _, a := range all {
		if a.AccountSource != nil {
			src = a.AccountSource
		}
	}
	bySrc, _ := listApps(t, h, tok, "/beta/source-apps?filters="+url.QueryEscape(`accountSource.id in ("`+src.ID+`")`))
	for _, a := range bySrc {
		if a.AccountSource == nil || a.AccountSource.ID != src.ID {
			t.Error("accountSource.id filter mismatch")
		}
	}

	bad := []string{
		"/beta/source-apps?limit=251", "/beta/source-apps?limit=-1", "/beta/source-apps?limit=x",
		"/beta/source-apps?offset=-1", "/beta/source-apps?count=maybe",
		"/beta/source-apps?sorters=description", "/beta/source-apps/assigned?sorters=owner.id",
		"/beta/source-apps?filters=" + url.QueryEscape("enabled eq true"),
		"/beta/source-apps/all?filters=" + url.QueryEscape("modified lt 2025-01-01T00:00:00Z"),
		"/beta/source-apps/all?filters=" + url.QueryEscape(`accountSource.id eq "x"`),
		"/beta/source-apps?filters=" + url.QueryEscape(`owner.id eq "x"`),
		"/beta/source-apps?filters=" + url.QueryEscape(`id co "x"`),
		"/beta/source-apps?filters=" + url.QueryEscape(`name EQ "x"`),
	}
	for _, p := range bad {
		if _, r := listApps(t, h, tok, p); r.status != 400 {
			t.Errorf("%s: %d, want 400", p, r.status)
		} else {
			r.errorDto(t)
		}
	}
	good := []string{
		"/beta/source-apps?limit=0", "/beta/source-apps/all?filters=" + url.QueryEscape(`owner.id eq "x"`),
		"/beta/source-apps/all?filters=" + url.QueryEscape("modified ge 2025-01-01T00:00:00Z"),
		"/beta/source-apps/assigned?filters=" + url.QueryEscape("modified lt 2025-01-01T00:00:00Z"),
		"/beta/source-apps?sorters=owner.id,-accountSource.id",
	}
	for _, p := range good {
		if _, r := listApps(t, h, tok, p); r.status != 200 {
			t.Errorf("%s: %d %s", p, r.status, r.body)
		}
	}
}

func TestAppListRights(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 40})
	utok := h.userToken()
	if _, r := listApps(t, h, utok, "/source-apps/v1/all"); r.status != 403 {
		t.Errorf("user /all: %d, want 403", r.status)
	} else {
		r.errorDto(t)
	}
	assigned, r := listApps(t, h, utok, "/source-apps/v1/assigned")
	if r.status != 200 || len(assigned) == 0 {
		t.Fatalf("user assigned: %d, %d apps", r.status, len(assigned))
	}
	if _, r := listApps(t, h, utok, "/source-apps/v1"); r.status != 200 {
		t.Errorf("user available: %d", r.status)
	}
	if r := h.do("GET", "/source-apps/v1/"+assigned[0].ID, utok, "", experimental); r.status != 200 {
		t.Errorf("user get: %d", r.status)
	}
	for _, c := range []struct{ method, path, body string }{
		{"POST", "/source-apps/v1", `{"name":"x","description":"y","accountSource":{"id":"z"}}`},
		{"PATCH", "/source-apps/v1/" + assigned[0].ID, `[{"op":"replace","path":"/enabled","value":true}]`},
		{"DELETE", "/source-apps/v1/" + assigned[0].ID, ""},
		{"GET", "/source-apps/v1/" + assigned[0].ID + "/access-profiles", ""},
	} {
		if r := h.do(c.method, c.path, utok, c.body, experimental); r.status != 403 {
			t.Errorf("user %s %s: %d, want 403", c.method, c.path, r.status)
		}
	}
}

func appWithProfiles(t *testing.T, s *Server) client.SourceApp {
	t.Helper()
	for _, a := range s.SourceApps() {
		if len(a.AccessProfiles) >= 2 && a.Owner != nil {
			return a
		}
	}
	t.Fatal("no app with access profiles")
	return client.SourceApp{}
}

func TestGetCreateDeleteApp(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 20})
	tok := h.adminToken()
	a := appWithProfiles(t, h.srv)
	r := h.do("GET", "/v2024/source-apps/"+a.ID, tok, "", experimental)
	var m map[string]json.RawMessage
	r.decode(t, &m)
	if r.status != 200 || string(m["id"]) != `"`+a.ID+`"` {
		t.Fatalf("get: %d %s", r.status, r.body)
	}
	if _, ok := m["accessProfiles"]; ok {
		t.Error("GET must not return accessProfiles")
	}
	if r := h.do("GET", "/v2024/source-apps/nope", tok, "", experimental); r.status != 404 {
		t.Errorf("get unknown: %d", r.status)
	}

	src := a.AccountSource.ID
	cases := []struct {
		body   string
		status int
	}{
		{`{"name":"new app","description":"d","matchAllAccounts":true,"accountSource":{"id":"` + src + `"}}`, 200},
		{`{"name":"new app","description":"d","accountSource":{"id":"unknown"}}`, 400},
		{`{"name":"new app","accountSource":{"id":"` + src + `"}}`, 400},
		{`{"name":"","description":"d","accountSource":{"id":"` + src + `"}}`, 400},
		{`{"name":"x","description":"d"}`, 400},
		{`{"name":"x","description":"d","accountSource":{}}`, 400},
		{`{"name":"x","description":"d","accountSource":{"id":"` + src + `"},"matchAllAccounts":"yes"}`, 400},
		{`[]`, 400},
	}
	var created client.SourceApp
	for _, c := range cases {
		r := h.do("POST", "/beta/source-apps", tok, c.body)
		if r.status != c.status {
			t.Errorf("create %s: %d, want %d (%s)", c.body, r.status, c.status, r.body)
			continue
		}
		if r.status == 200 {
			r.decode(t, &created)
		} else {
			r.errorDto(t)
		}
	}
	admin, _ := h.srv.Credentials()
	if created.Name != "new app" || !created.MatchAllAccounts || !created.AppCenterEnabled || created.Enabled ||
		created.AccountSource == nil || created.AccountSource.Name == "" || created.Owner == nil || created.Owner.ID != admin.IdentityID {
		t.Errorf("created %+v", created)
	}

	r = h.do("DELETE", "/v2026/source-apps/"+created.ID, tok, "", experimental)
	var deleted client.SourceApp
	r.decode(t, &deleted)
	if r.status != 200 || deleted.ID != created.ID || deleted.Name != "new app" {
		t.Errorf("delete: %d %s", r.status, r.body)
	}
	// The spec lists no 404 for delete: an unknown id is a 400.
	if r := h.do("DELETE", "/v2026/source-apps/"+created.ID, tok, "", experimental); r.status != 400 {
		t.Errorf("delete again: %d", r.status)
	}
	if h.srv.DeleteCount(created.ID) != 1 {
		t.Error("DeleteCount")
	}
}

func TestPatchApp(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 30})
	tok := h.adminToken()
	a := appWithProfiles(t, h.srv)
	_, user := h.srv.Credentials()
	var spare string
	for _, ap := range h.srv.SourceApps() {
		for _, id := range ap.AccessProfiles {
			if !slices.Contains(a.AccessProfiles, id) {
				spare = id
			}
		}
	}
	tests := []struct {
		body   string
		status int
		check  func(t *testing.T, got map[string]json.RawMessage)
	}{
		{`[{"op":"replace","path":"/enabled","value":true},{"op":"replace","path":"/description","value":"new desc"}]`, 200, func(t *testing.T, got map[string]json.RawMessage) {
			if string(got["enabled"]) != "true" || string(got["description"]) != `"new desc"` {
				t.Errorf("got %s %s", got["enabled"], got["description"])
			}
			if _, ok := got["accessProfiles"]; !ok {
				t.Error("PATCH response lacks accessProfiles")
			}
		}},
		{`[{"op":"replace","path":"/owner","value":{"id":"` + user.IdentityID + `"}}]`, 200, func(t *testing.T, got map[string]json.RawMessage) {
			var o client.BaseReference
			_ = json.Unmarshal(got["owner"], &o)
			if o.ID != user.IdentityID || o.Name != user.Name || o.Type != "IDENTITY" {
				t.Errorf("owner %+v", o)
			}
		}},
		{`[{"op":"add","path":"/accessProfiles/-","value":"` + spare + `"}]`, 200, func(t *testing.T, got map[string]json.RawMessage) {
			if !strings.Contains(string(got["accessProfiles"]), spare) {
				t.Errorf("accessProfiles %s", got["accessProfiles"])
			}
		}},
		{`[{"op":"remove","path":"/accessProfiles/0"}]`, 200, nil},
		{`[{"op":"replace","path":"/name","value":""}]`, 400, nil},
		{`[{"op":"replace","path":"/name","value":null}]`, 400, nil},
		{`[{"op":"remove","path":"/description"}]`, 400, nil},
		{`[{"op":"replace","path":"/owner","value":null}]`, 400, nil},
		{`[{"op":"remove","path":"/owner"}]`, 400, nil},
		{`[{"op":"replace","path":"/owner","value":{"id":"nobody"}}]`, 400, nil},
		{`[{"op":"replace","path":"/accessProfiles","value":["nope"]}]`, 400, nil},
		{`[{"op":"replace","path":"/enabled","value":"yes"}]`, 400, nil},
		{`[{"op":"replace","path":"/id","value":"x"}]`, 400, nil},
		{`[{"op":"replace","path":"/created","value":"2020-01-01T00:00:00Z"}]`, 400, nil},
		{`[{"op":"test","path":"/name","value":"not it"},{"op":"replace","path":"/enabled","value":false}]`, 400, nil},
		{`[{"op":"replace","path":"/accountSource","value":{"id":"` + a.AccountSource.ID + `"}}]`, 200, nil},
	}
	for _, tt := range tests {
		r := h.do("PATCH", "/source-apps/v1/"+a.ID, tok, tt.body, experimental)
		if r.status != tt.status {
			t.Errorf("%s: %d, want %d: %s", tt.body, r.status, tt.status, r.body)
			continue
		}
		if r.status != 200 {
			r.errorDto(t)
			continue
		}
		if tt.check != nil {
			var got map[string]json.RawMessage
			r.decode(t, &got)
			tt.check(t, got)
		}
	}
	if r := h.do("PATCH", "/source-apps/v1/nope", tok, `[{"op":"replace","path":"/enabled","value":true}]`, experimental); r.status != 404 {
		t.Errorf("unknown: %d", r.status)
	}
}

func TestBulkUpdateApps(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 60})
	tok := h.adminToken()
	apps := h.srv.SourceApps()
	ids := func(n int) string {
		var s []string
		for _, a := range apps[:n] {
			s = append(s, `"`+a.ID+`"`)
		}
		return "[" + strings.Join(s, ",") + "]"
	}
	disable := `[{"op":"replace","path":"/enabled","value":false}]`
	if r := h.do("POST", "/v2025/source-apps/bulk-update", tok, `{"appIds":`+ids(50)+`,"jsonPatch":`+disable+`}`, experimental); r.status != 204 || len(r.body) != 0 {
		t.Fatalf("bulk update: %d %s", r.status, r.body)
	}
	for _, a := range h.srv.SourceApps()[:50] {
		if a.Enabled {
			t.Fatalf("app %s still enabled", a.ID)
		}
	}
	cases := []struct {
		body   string
		status int
	}{
		{`{"appIds":` + ids(51) + `,"jsonPatch":` + disable + `}`, 400},
		{`{"appIds":[],"jsonPatch":` + disable + `}`, 400},
		{`{"appIds":` + ids(2) + `}`, 400},
		{`{"jsonPatch":` + disable + `}`, 400},
		{`{"appIds":["missing"],"jsonPatch":` + disable + `}`, 404},
		{`{"appIds":` + ids(3) + `,"jsonPatch":[{"op":"replace","path":"/name","value":""}]}`, 400},
		{`{"appIds":` + ids(3) + `,"jsonPatch":{"op":"x"}}`, 400},
		{`nonsense`, 400},
	}
	for _, c := range cases {
		if r := h.do("POST", "/v2025/source-apps/bulk-update", tok, c.body, experimental); r.status != c.status {
			t.Errorf("%s: %d, want %d", c.body, r.status, c.status)
		} else {
			r.errorDto(t)
		}
	}
	// All or nothing: one bad app leaves the others untouched.
	before := h.srv.SourceApps()[0].Name
	body := `{"appIds":["` + apps[0].ID + `","missing"],"jsonPatch":[{"op":"replace","path":"/name","value":"changed"}]}`
	h.do("POST", "/v2025/source-apps/bulk-update", tok, body, experimental)
	if h.srv.SourceApps()[0].Name != before {
		t.Error("partial bulk update was applied")
	}
}

func TestAccessProfiles(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 30})
	tok := h.adminToken()
	a := appWithProfiles(t, h.srv)
	path := "/v2025/source-apps/" + a.ID + "/access-profiles"
	r := h.do("GET", path, tok, "", experimental)
	var aps []client.AccessProfileDetails
	r.decode(t, &aps)
	if r.status != 200 || len(aps) != len(a.AccessProfiles) || aps[0].ID != a.AccessProfiles[0] || aps[0].SourceName == "" {
		t.Fatalf("list: %d %d", r.status, len(aps))
	}
	r = h.do("GET", path+"?limit=1&offset=1", tok, "", experimental)
	var one []client.AccessProfileDetails
	r.decode(t, &one)
	if len(one) != 1 || one[0].ID != a.AccessProfiles[1] {
		t.Errorf("paging: %+v", one)
	}
	r = h.do("GET", path+"?filters="+url.QueryEscape(`id in ("`+a.AccessProfiles[0]+`")`), tok, "", experimental)
	r.decode(t, &one)
	if len(one) != 1 {
		t.Errorf("filter: %d", len(one))
	}
	if r := h.do("GET", path+"?filters="+url.QueryEscape(`name co "x"`), tok, "", experimental); r.status != 400 {
		t.Errorf("name co on access profiles: %d, want 400", r.status)
	}
	if r := h.do("GET", "/v2025/source-apps/nope/access-profiles", tok, "", experimental); r.status != 400 {
		t.Errorf("unknown app: %d", r.status)
	}

	r = h.do("POST", path+"/bulk-remove", tok, `["`+a.AccessProfiles[0]+`","not-attached"]`, experimental)
	var left []client.AccessProfileDetails
	r.decode(t, &left)
	if r.status != 200 || len(left) != len(a.AccessProfiles)-1 {
		t.Fatalf("bulk-remove: %d, %d left", r.status, len(left))
	}
	for _, body := range []string{`{"ids":[]}`, `null`, `[1,2]`, ``} {
		if r := h.do("POST", path+"/bulk-remove", tok, body, experimental, contentType("application/json")); r.status != 400 {
			t.Errorf("bulk-remove %q: %d, want 400", body, r.status)
		}
	}
}
