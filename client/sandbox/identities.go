package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
)

// Public identities (any signed-in user whose token has the default
// scope may list them: state, lifecycle status, manager) and auth users (capabilities and logins, with
// sp:auth-user:read: a non-admin gets 403). Families: v3, v2024, v2025,
// v2026 and v1; beta mounts neither.

// rightAuthUserRead is the auth user endpoint's right.
const rightAuthUserRead = "idn:auth-user:read"

func (s *Server) identityHandler(method string, rest []string) (func(http.ResponseWriter, *http.Request, route, *session), string) {
	if len(rest) != 0 {
		return nil, ""
	}
	if method == http.MethodGet {
		return s.listPublicIdentities, ""
	}
	return nil, "GET"
}

func (s *Server) authUserHandler(method string, rest []string) (func(http.ResponseWriter, *http.Request, route, *session), string) {
	if len(rest) != 1 {
		return nil, ""
	}
	if method == http.MethodGet {
		return s.getAuthUser, ""
	}
	return nil, "GET"
}

// publicWire is an identity as the public identity list shows it.
func (st *store) publicWire(i *identityRec) client.PublicIdentity {
	state, status := i.State, i.Status
	if state == "" {
		state = client.IdentityActive
	}
	if status == "" {
		status = "Active"
	}
	p := client.PublicIdentity{ID: i.ID, Name: i.Name, Alias: i.Alias, Status: &status, IdentityState: &state,
		Attributes: []client.PublicAttribute{}}
	if i.Email != "" {
		email := i.Email
		p.Email = &email
	}
	if m, ok := st.idents[i.ManagerID]; ok {
		p.Manager = &client.IdentityReference{Type: "IDENTITY", ID: m.ID, Name: m.Name}
	}
	return p
}

// identityField is what a filter reads of an identity: firstname and
// lastname are the name's first and last words.
func identityField(i *identityRec, f string) any {
	words := strings.Fields(i.Name)
	switch f {
	case "id":
		return i.ID
	case "alias":
		return i.Alias
	case "email":
		return i.Email
	case "firstname":
		if len(words) > 0 {
			return words[0]
		}
	case "lastname":
		if len(words) > 0 {
			return words[len(words)-1]
		}
	}
	return ""
}

// listPublicIdentities is GET …/public-identities: paged (limit, offset,
// count), filtered, sorted by name.
func (s *Server) listPublicIdentities(w http.ResponseWriter, r *http.Request, _ route, sess *session) {
	if !sess.basic {
		writeAPIError(w, forbidden("The server understood the request but refuses to authorize it: listing public identities needs the scope sp:scopes:default, which this token's scopes do not include."))
		return
	}
	q := r.URL.Query()
	pg, aerr := parsePage(q, true)
	var keys []sortKey
	var expr filter.Expr
	if aerr == nil {
		keys, aerr = parseSorters(q, []string{"name"})
	}
	if aerr == nil {
		expr, aerr = parseFilters(q, client.PublicIdentityFilters())
	}
	if v := q.Get("add-core-filters"); aerr == nil && v != "" {
		if _, err := strconv.ParseBool(v); err != nil {
			aerr = badRequest("add-core-filters must be true or false, got %q.", v)
		}
	}
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	s.mu.Lock()
	var matched []*identityRec
	for _, id := range s.st.identOrd {
		i := s.st.idents[id]
		if expr == nil || filter.Eval(expr, func(f string) (any, bool) { return identityField(i, f), true }) {
			matched = append(matched, i)
		}
	}
	sortBy(matched, keys, func(i *identityRec, _ string) string { return i.Name })
	out := make([]client.PublicIdentity, 0, min(len(matched), pg.limit))
	for _, i := range pageOf(matched, pg) {
		out = append(out, s.st.publicWire(i))
	}
	s.mu.Unlock()
	if pg.count {
		w.Header().Set("X-Total-Count", strconv.Itoa(len(matched)))
	}
	writeJSON(w, http.StatusOK, out)
}

// getAuthUser is GET …/auth-users/{identity id}.
func (s *Server) getAuthUser(w http.ResponseWriter, _ *http.Request, rt route, sess *session) {
	if !sess.can(rightAuthUserRead) {
		writeAPIError(w, forbidden("The server understood the request but refuses to authorize it: reading auth users needs the right %s.", rightAuthUserRead))
		return
	}
	s.mu.Lock()
	i, ok := s.st.idents[rt.rest[0]]
	var out client.AuthUser
	if ok {
		out = client.AuthUser{Tenant: s.tenant.Name, ID: i.ID, UID: i.Alias, Profile: "2c918085" + i.ID[:24], DisplayName: i.Name,
			Alias: i.Alias, Capabilities: append([]string{}, i.Capabilities...)}
		if i.Email != "" {
			email := i.Email
			out.Email = &email
		}
		if i.LastLogin != nil {
			out.LastLoginTimestamp = i.LastLogin.UnixMilli()
			out.CurrentLoginTimestamp = out.LastLoginTimestamp
		}
	}
	s.mu.Unlock()
	if !ok {
		writeAPIError(w, notFound("Auth user %s was not found.", rt.rest[0]))
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// people gives the seeded identities what the identity APIs tell, after
// everything else is seeded and without the random source, so a seed's
// tokens, apps and clients stay as they were. Leavers are chosen among
// the owners of both tokens and apps: the first is gone for good
// (INACTIVE_LONG_TERM, Terminated), the second on leave (short term); in
// a large seed about one person in twenty has left and one in thirty is
// away. The admin has ORG_ADMIN; some owners SOURCE_ADMIN or ORG_ADMIN.
// Managers are the admin and the first active named identity.
func (sd *seeder) people() {
	st := sd.st
	tokens, apps := map[string]int{}, map[string]int{}
	for _, p := range st.pats {
		tokens[p.OwnerID]++
	}
	for _, a := range st.apps {
		if a.Owner != nil {
			apps[a.Owner.ID]++
		}
	}
	leavers := 0
	for n, id := range st.identOrd {
		i := st.idents[id]
		i.Email = i.Alias + "@example.com"
		login := sd.now.Add(-time.Duration(n%40) * 24 * time.Hour).Add(-time.Duration(n%23) * time.Hour)
		i.LastLogin = &login
		switch {
		case id == st.adminID:
			i.Capabilities = []string{"ORG_ADMIN"}
		case id == st.userID:
		case tokens[id] > 0 && apps[id] > 0 && leavers < 2:
			i.State, i.Status = client.IdentityInactiveLongTerm, "Terminated"
			if leavers == 1 {
				i.State, i.Status = client.IdentityInactiveShortTerm, "Leave of Absence"
			}
			old := sd.now.AddDate(0, -4, 0)
			i.LastLogin = &old
			leavers++
		case n >= sd.named && n%20 == 7:
			i.State, i.Status = client.IdentityInactiveLongTerm, "Terminated"
		case n >= sd.named && n%30 == 11:
			i.State, i.Status = client.IdentityInactiveShortTerm, "Leave"
		case tokens[id] > 0 && n%5 == 3:
			i.Capabilities = []string{"SOURCE_ADMIN"}
		case tokens[id] > 0 && n%7 == 4:
			i.Capabilities = []string{"ORG_ADMIN", "CERT_ADMIN"}
		}
	}
	lead := ""
	for _, id := range st.identOrd[:sd.named] {
		if i := st.idents[id]; id != st.adminID && id != st.userID && i.State == "" && len(i.Capabilities) == 0 {
			lead = id
			break
		}
	}
	for n, id := range st.identOrd {
		if id == st.adminID {
			continue
		}
		i := st.idents[id]
		i.ManagerID = st.adminID
		if lead != "" && id != lead && n%2 == 0 {
			i.ManagerID = lead
		}
	}
}
