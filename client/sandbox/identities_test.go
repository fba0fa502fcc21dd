package sandbox

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/client"
)

func identityFamilies() []string {
	return []string{"/v3", "/v2024", "/v2025", "/v2026", ""}
}

func identitiesPath(prefix string) string {
	if prefix == "" {
		return "/public-identities/v1"
	}
	return prefix + "/public-identities"
}

func authUsersPath(prefix string) string {
	if prefix == "" {
		return "/auth-users/v1"
	}
	return prefix + "/auth-users"
}

// Every family's public identities and auth users, checked against the
// extract: a page with its count, filters by id in and by alias, a
// refused filter, an auth user, a missing one, and a non-admin's 403.
func TestIdentityResponsesMatchSpec(t *testing.T) {
	h := newHarness(t, Options{Tokens: 30, Apps: 10, Clients: 5})
	tok, user := h.adminToken(), h.userToken()
	admin, _ := h.srv.Credentials()
	for _, fam := range identityFamilies() {
		p := identitiesPath(fam)
		r := h.do("GET", p+"?limit=5&offset=2&count=true&sorters=-name", tok, "")
		if r.status != 200 || r.header.Get("X-Total-Count") == "" {
			t.Fatalf("%s: %d %v", p, r.status, r.header)
		}
		h.do("GET", p+"?filters="+url.QueryEscape(`id in ("`+admin.IdentityID+`","x")`), user, "")
		h.do("GET", p+"?filters="+url.QueryEscape(`alias sw "ada"`), tok, "")
		h.do("GET", p+"?filters="+url.QueryEscape(`name eq "x"`), tok, "")
		h.do("GET", authUsersPath(fam)+"/"+admin.IdentityID, tok, "")
		h.do("GET", authUsersPath(fam)+"/nobody", tok, "")
		if r := h.do("GET", authUsersPath(fam)+"/"+admin.IdentityID, user, ""); r.status != 403 {
			t.Fatalf("non-admin auth user: %d", r.status)
		}
	}
	if r := h.do("GET", "/beta/public-identities", tok, ""); r.status != 404 {
		t.Fatalf("beta public identities: %d", r.status)
	}
}

// The seed has leavers (long and short term) who own tokens and apps,
// admins, and managers; id in finds exactly the asked ones.
func TestSeedIdentities(t *testing.T) {
	h := newHarness(t, Options{Tokens: 60, Apps: 40, Clients: 5})
	var all []client.PublicIdentity
	h.do("GET", "/v2025/public-identities?limit=250", h.adminToken(), "").decode(t, &all)
	owners := map[string]bool{}
	for _, p := range h.srv.PATs() {
		owners[p.Owner.ID] = true
	}
	appOwners := map[string]bool{}
	for _, a := range h.srv.SourceApps() {
		if a.Owner != nil {
			appOwners[a.Owner.ID] = true
		}
	}
	states := map[string]int{}
	leaverOwnsBoth, managed := false, 0
	for _, p := range all {
		states[p.State()]++
		if p.State() == client.IdentityInactiveLongTerm && owners[p.ID] && appOwners[p.ID] {
			leaverOwnsBoth = true
		}
		if p.Manager != nil {
			managed++
		}
	}
	if states[client.IdentityInactiveLongTerm] == 0 || states[client.IdentityInactiveShortTerm] == 0 || !leaverOwnsBoth || managed == 0 {
		t.Fatalf("states %v, a leaver owning tokens and apps %v, %d with a manager", states, leaverOwnsBoth, managed)
	}
	ids := []string{all[0].ID, all[3].ID, all[5].ID}
	var some []client.PublicIdentity
	q := `id in ("` + strings.Join(ids, `","`) + `")`
	h.do("GET", "/public-identities/v1?filters="+url.QueryEscape(q), h.userToken(), "").decode(t, &some)
	got := []string{}
	for _, p := range some {
		got = append(got, p.ID)
	}
	slices.Sort(got)
	slices.Sort(ids)
	if !slices.Equal(got, ids) {
		t.Fatalf("id in: %v, want %v", got, ids)
	}
	admins := 0
	for _, p := range all {
		var au client.AuthUser
		if r := h.do("GET", "/auth-users/v1/"+p.ID, h.adminToken(), ""); r.status == 200 {
			r.decode(t, &au)
			if slices.Contains(au.Capabilities, "ORG_ADMIN") || slices.Contains(au.Capabilities, "SOURCE_ADMIN") {
				admins++
			}
		}
	}
	if admins < 2 {
		t.Fatalf("%d admins among %s identities", admins, strconv.Itoa(len(all)))
	}
}

// A token whose scopes leave out sp:scopes:default is refused public
// identities.
func TestPublicIdentitiesNeedTheDefaultScope(t *testing.T) {
	h := newHarness(t, Options{Tokens: 10, Apps: 5, Clients: -1})
	var made struct{ ID, Secret string }
	h.do("POST", "/v2025/personal-access-tokens", h.adminToken(),
		`{"name":"narrow","scope":["sp:my-personal-access-tokens:read"],"userAwareTokenNeverExpires":true}`).decode(t, &made)
	narrow := h.token(made.ID, made.Secret)
	if r := h.do("GET", "/public-identities/v1", narrow, ""); r.status != 403 || !strings.Contains(string(r.body), "sp:scopes:default") {
		t.Fatalf("narrow token: %d %s", r.status, r.body)
	}
	if r := h.do("GET", "/public-identities/v1", h.userToken(), ""); r.status != 200 {
		t.Fatalf("default scope: %d", r.status)
	}
}
