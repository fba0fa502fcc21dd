package sandbox

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/client"
)

// ownerlessApps returns the seeded apps without an owner (seed 1 has
// f276f4c30af709ad5d460950f081b402, among others).
func ownerlessApps(t *testing.T, s *Server) []client.SourceApp {
	t.Helper()
	var out []client.SourceApp
	for _, a := range s.SourceApps() {
		if a.Owner == nil {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		t.Fatal("the seed has no app without an owner")
	}
	return out
}

// The rule "name, description and owner can't be empty or null" is about
// what a patch sets: an app whose owner is already null can still be
// patched, and stays ownerless until a patch gives it an owner.
func TestPatchOwnerlessApp(t *testing.T) {
	h := newHarness(t, Options{Seed: 1})
	tok := h.adminToken()
	a := ownerlessApps(t, h.srv)[0]
	_, user := h.srv.Credentials()
	path := "/source-apps/v1/" + a.ID
	tests := []struct {
		name, body string
		status     int
		wantText   string // part of the 400 message
	}{
		{"flag", `[{"op":"replace","path":"/enabled","value":true}]`, 200, ""},
		{"name", `[{"op":"replace","path":"/name","value":"Renamed"}]`, 200, ""},
		{"test owner null", `[{"op":"test","path":"/owner","value":null},{"op":"replace","path":"/matchAllAccounts","value":true}]`, 200, ""},
		{"copy name into description", `[{"op":"copy","from":"/name","path":"/description"}]`, 200, ""},
		{"replace owner null", `[{"op":"replace","path":"/owner","value":null}]`, 400, "owner cannot be empty or null"},
		{"remove owner", `[{"op":"remove","path":"/owner"}]`, 400, "owner cannot be empty or null"},
		{"owner empty string", `[{"op":"replace","path":"/owner","value":""}]`, 400, "non-empty id"},
		{"owner empty object", `[{"op":"replace","path":"/owner","value":{}}]`, 400, "non-empty id"},
		{"owner empty id", `[{"op":"replace","path":"/owner","value":{"id":""}}]`, 400, "non-empty id"},
		{"owner unknown id", `[{"op":"replace","path":"/owner","value":{"id":"nobody"}}]`, 400, "does not exist"},
		{"move name away", `[{"op":"move","from":"/name","path":"/description"}]`, 400, "name"},
		{"description empty", `[{"op":"replace","path":"/description","value":" "}]`, 400, "description cannot be empty"},
	}
	for _, tt := range tests {
		r := h.do("PATCH", path, tok, tt.body, experimental)
		if r.status != tt.status {
			t.Errorf("%s: %d, want %d: %s", tt.name, r.status, tt.status, r.body)
			continue
		}
		if r.status != 200 {
			if e := r.errorDto(t); !strings.Contains(e.Messages[0].Text, tt.wantText) {
				t.Errorf("%s: message %q lacks %q", tt.name, e.Messages[0].Text, tt.wantText)
			}
			continue
		}
		var got map[string]json.RawMessage
		r.decode(t, &got)
		if string(got["owner"]) != "null" {
			t.Errorf("%s: owner became %s", tt.name, got["owner"])
		}
	}
	if got := h.srv.SourceApps(); !appByID(got, a.ID).Enabled || appByID(got, a.ID).Name != "Renamed" {
		t.Errorf("patches were not stored: %+v", appByID(got, a.ID))
	}
	// Giving it an owner works, and then the owner cannot be taken away.
	r := h.do("PATCH", path, tok, `[{"op":"replace","path":"/owner","value":{"id":"`+user.IdentityID+`"}}]`, experimental)
	if r.status != 200 || appByID(h.srv.SourceApps(), a.ID).Owner == nil {
		t.Fatalf("set owner: %d %s", r.status, r.body)
	}
	if r := h.do("PATCH", path, tok, `[{"op":"remove","path":"/owner"}]`, experimental); r.status != 400 {
		t.Errorf("remove a real owner: %d, want 400", r.status)
	}
}

// A bulk update may list ownerless apps next to owned ones.
func TestBulkUpdateWithOwnerlessApp(t *testing.T) {
	h := newHarness(t, Options{Seed: 1})
	tok := h.adminToken()
	ownerless := ownerlessApps(t, h.srv)[0]
	owned := appWithProfiles(t, h.srv)
	body := `{"appIds":["` + ownerless.ID + `","` + owned.ID + `"],"jsonPatch":[{"op":"replace","path":"/provisionRequestEnabled","value":true}]}`
	if r := h.do("POST", "/v2025/source-apps/bulk-update", tok, body, experimental); r.status != 204 {
		t.Fatalf("bulk update: %d %s", r.status, r.body)
	}
	apps := h.srv.SourceApps()
	for _, id := range []string{ownerless.ID, owned.ID} {
		if a := appByID(apps, id); !a.ProvisionRequestEnabled {
			t.Errorf("app %s not updated", id)
		}
	}
	if appByID(apps, ownerless.ID).Owner != nil {
		t.Error("the ownerless app gained an owner")
	}
	body = `{"appIds":["` + ownerless.ID + `","` + owned.ID + `"],"jsonPatch":[{"op":"replace","path":"/owner","value":null}]}`
	if r := h.do("POST", "/v2025/source-apps/bulk-update", tok, body, experimental); r.status != 400 {
		t.Errorf("bulk owner null: %d, want 400", r.status)
	}
	if appByID(h.srv.SourceApps(), owned.ID).Owner == nil {
		t.Error("a rejected bulk update removed an owner")
	}
}

// Stored data the sandbox would not accept today (a state file written by
// an older build, say) must not block patches of other fields: only what a
// patch touches is validated.
func TestPatchKeepsUntouchedStoredFields(t *testing.T) {
	h := newHarness(t, Options{Seed: 1, Tokens: 3, Apps: 5})
	tok := h.adminToken()
	id := h.srv.SourceApps()[0].ID
	h.srv.mu.Lock()
	h.srv.st.apps[id].Description = ""
	h.srv.mu.Unlock()
	r := h.do("PATCH", "/source-apps/v1/"+id, tok, `[{"op":"replace","path":"/enabled","value":false}]`, experimental)
	if r.status != 200 {
		t.Fatalf("patch with an empty stored description: %d %s", r.status, r.body)
	}
	if r := h.do("PATCH", "/source-apps/v1/"+id, tok, `[{"op":"replace","path":"/description","value":""}]`, experimental); r.status != 400 {
		t.Errorf("setting an empty description: %d, want 400", r.status)
	}
}

func appByID(apps []client.SourceApp, id string) client.SourceApp {
	for _, a := range apps {
		if a.ID == id {
			return a
		}
	}
	return client.SourceApp{}
}

// bulk-remove takes a non-empty JSON array of access profile ids; anything
// else is a 400 that says so, and nothing is removed.
func TestBulkRemoveAccessProfilesValidation(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 30})
	tok := h.adminToken()
	a := appWithProfiles(t, h.srv)
	path := "/v2025/source-apps/" + a.ID + "/access-profiles/bulk-remove"
	tests := []struct{ body, wantText string }{
		{`[]`, "at least one"},
		{`[null]`, "item 0"},
		{`["` + a.AccessProfiles[0] + `",null]`, "item 1"},
		{`[""]`, "item 0"},
		{`["  "]`, "item 0"},
		{`[1]`, "item 0"},
		{`[["x"]]`, "item 0"},
		{`[{"id":"x"}]`, "item 0"},
		{`null`, "JSON array"},
		{`{"ids":["x"]}`, "JSON array"},
		{`"x"`, "JSON array"},
		{`[`, "JSON array"},
		{``, "JSON array"},
	}
	for _, tt := range tests {
		r := h.do("POST", path, tok, tt.body, experimental, contentType("application/json"))
		if r.status != 400 {
			t.Errorf("%q: %d, want 400: %s", tt.body, r.status, r.body)
			continue
		}
		if e := r.errorDto(t); !strings.Contains(strings.ToLower(e.Messages[0].Text), strings.ToLower(tt.wantText)) {
			t.Errorf("%q: message %q lacks %q", tt.body, e.Messages[0].Text, tt.wantText)
		}
	}
	if got := appByID(h.srv.SourceApps(), a.ID).AccessProfiles; len(got) != len(a.AccessProfiles) {
		t.Errorf("a rejected bulk-remove removed profiles: %d left of %d", len(got), len(a.AccessProfiles))
	}
	if r := h.do("POST", path, tok, `["`+a.AccessProfiles[0]+`"]`, experimental, contentType("text/plain")); r.status != 400 {
		t.Errorf("text/plain: %d, want 400", r.status)
	}
}

// bulk-remove's limit (the spec's standard limit, 0..250) caps the list of
// profiles left that the answer carries.
func TestBulkRemoveAccessProfilesLimit(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 30})
	tok := h.adminToken()
	a := appWithProfiles(t, h.srv)
	path := "/v2025/source-apps/" + a.ID + "/access-profiles/bulk-remove"
	for _, q := range []string{"?limit=251", "?limit=-1", "?limit=x"} {
		if r := h.do("POST", path+q, tok, `["not-attached"]`, experimental); r.status != 400 {
			t.Errorf("%s: %d, want 400", q, r.status)
		} else if e := r.errorDto(t); !strings.Contains(e.Messages[0].Text, "limit") {
			t.Errorf("%s: message %q does not name limit", q, e.Messages[0].Text)
		}
	}
	r := h.do("POST", path+"?limit=1", tok, `["not-attached"]`, experimental)
	var left []client.AccessProfileDetails
	r.decode(t, &left)
	if r.status != 200 || len(left) != 1 || left[0].ID != a.AccessProfiles[0] {
		t.Errorf("limit=1: %d, %d profiles", r.status, len(left))
	}
}

// GET P/{id}/access-profiles takes limit, offset and filters (id eq,in ·
// name eq,in · created and modified gt,lt,ge,le); anything else in them is
// a 400. It has no count or sorters: like the PAT list's paging, they are
// ignored, so no X-Total-Count and the app's own order.
func TestAccessProfilesQuery(t *testing.T) {
	h := newHarness(t, Options{Tokens: 3, Apps: 30})
	tok := h.adminToken()
	a := appWithProfiles(t, h.srv)
	path := "/source-apps/v1/" + a.ID + "/access-profiles"
	first := a.AccessProfiles[0]
	get := func(query string) response {
		return h.do("GET", path+"?"+query, tok, "", experimental)
	}
	filters := func(f string) string { return "filters=" + url.QueryEscape(f) }
	ok := []struct {
		query string
		want  int // profiles returned
	}{
		{"limit=250", len(a.AccessProfiles)},
		{"limit=0", 0},
		{"limit=1", 1},
		{"offset=1", len(a.AccessProfiles) - 1},
		{"offset=1000", 0},
		{filters(`id eq "` + first + `"`), 1},
		{filters(`id in ("` + first + `","other")`), 1},
		{filters(`created le 2100-01-01T00:00:00Z and modified gt 1990-01-01T00:00:00Z`), len(a.AccessProfiles)},
		{filters(`created lt 1990-01-01T00:00:00Z or modified ge 2100-01-01T00:00:00Z`), 0},
		{filters(`not (id eq "` + first + `")`), len(a.AccessProfiles) - 1},
	}
	for _, tt := range ok {
		r := get(tt.query)
		var aps []client.AccessProfileDetails
		if r.status != 200 {
			t.Errorf("%s: %d, want 200: %s", tt.query, r.status, r.body)
			continue
		}
		if r.decode(t, &aps); len(aps) != tt.want {
			t.Errorf("%s: %d profiles, want %d", tt.query, len(aps), tt.want)
		}
	}
	var one []client.AccessProfileDetails
	get(filters(`id eq "`+first+`"`)).decode(t, &one)
	if r := get(filters(`name in ("` + one[0].Name + `")`)); r.status != 200 || !strings.Contains(string(r.body), first) {
		t.Errorf("name in: %d", r.status)
	}
	bad := []string{
		"limit=251", "limit=-1", "limit=x", "limit=1.5", "offset=-1", "offset=x",
		filters(`name co "a"`), filters(`name sw "a"`), filters(`id ne "x"`), filters(`created eq 2020-01-01T00:00:00Z`),
		filters(`modified co "2020"`), filters(`accountSource.id eq "x"`), filters(`owner.id eq "x"`),
		filters(`enabled eq true`), filters(`disabled eq true`), filters(`sourceId eq 1`), filters(`id EQ "x"`),
		filters(`created gt "yesterday"`), filters(`name eq 5`), filters(`id isnull`), filters(`pr id`), filters(`id eq`),
	}
	for _, q := range bad {
		if r := get(q); r.status != 400 {
			t.Errorf("%s: %d, want 400: %s", q, r.status, r.body)
		} else {
			r.errorDto(t)
		}
	}
	r := get("count=true&sorters=-name")
	var aps []client.AccessProfileDetails
	r.decode(t, &aps)
	if r.status != 200 || r.header.Get("X-Total-Count") != "" || len(aps) != len(a.AccessProfiles) || aps[0].ID != first {
		t.Errorf("count and sorters: %d, X-Total-Count %q, %d profiles", r.status, r.header.Get("X-Total-Count"), len(aps))
	}
}
