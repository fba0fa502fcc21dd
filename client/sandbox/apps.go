package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
)

// sortTimeLayout is fixed-width so formatted UTC times sort temporally.
const sortTimeLayout = "2006-01-02T15:04:05.000Z"

// appWire is the SourceApp shape of GET, list, create and delete: without
// accessProfiles.
func appWire(a *appRec) client.SourceApp {
	c := a.clone()
	c.AccessProfiles = nil
	return c.SourceApp
}

// appPatchDto is SourceAppPatchDto, the PATCH response: SourceApp plus
// accessProfiles (always present, possibly empty).
type appPatchDto struct {
	client.SourceApp
	AccessProfiles []string `json:"accessProfiles"`
}

func appPatchWire(a *appRec) appPatchDto {
	c := a.clone()
	aps := c.AccessProfiles
	c.AccessProfiles = nil
	return appPatchDto{SourceApp: c.SourceApp, AccessProfiles: aps}
}

// appField reads a filter or sorter field of an app.
func appField(a *appRec, field string) any {
	switch field {
	case "id":
		return a.ID
	case "name":
		return a.Name
	case "created":
		return a.Created
	case "modified":
		return a.Modified
	case "enabled":
		return a.Enabled
	case "owner.id":
		if a.Owner != nil {
			return a.Owner.ID
		}
	case "accountSource.id":
		if a.AccountSource != nil {
			return a.AccountSource.ID
		}
	}
	return nil
}

func appSortKey(a *appRec, field string) string {
	switch v := appField(a, field).(type) {
	case string:
		return v
	case time.Time:
		return v.UTC().Format(sortTimeLayout)
	}
	return ""
}

// appListKind says which of the three list endpoints is answering.
type appListKind int

const (
	appsAvailable appListKind = iota
	appsAll
	appsAssigned
)

func (s *Server) listAvailableApps(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	s.listApps(w, r, sess, appsAvailable)
}

func (s *Server) listAllApps(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	s.listApps(w, r, sess, appsAll)
}

func (s *Server) listAssignedApps(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	s.listApps(w, r, sess, appsAssigned)
}

// listApps answers GET P, P/all and P/assigned with paging, sorting,
// filtering and X-Total-Count.
func (s *Server) listApps(w http.ResponseWriter, r *http.Request, sess *session, kind appListKind) {
	if !sess.can(rightAppRead, rightAppManage) {
		writeAPIError(w, forbidden("Listing source apps needs the right %s.", rightAppRead))
		return
	}
	schema, sorters := client.SourceAppFilters(client.AppsAvailable), client.SourceAppSorters(client.AppsAvailable)
	switch kind {
	case appsAll:
		schema = client.SourceAppFilters(client.AppsAll)
	case appsAssigned:
		sorters = client.SourceAppSorters(client.AppsAssigned)
	}
	q := r.URL.Query()
	pg, aerr := parsePage(q, true)
	if aerr == nil {
		var keys []sortKey
		if keys, aerr = parseSorters(q, sorters); aerr == nil {
			var expr filter.Expr
			if expr, aerr = parseFilters(q, schema); aerr == nil {
				s.writeAppPage(w, sess, kind, pg, keys, expr)
				return
			}
		}
	}
	writeAPIError(w, aerr)
}

func (s *Server) writeAppPage(w http.ResponseWriter, sess *session, kind appListKind, pg page, keys []sortKey, expr filter.Expr) {
	s.mu.Lock()
	caller := s.st.idents[sess.identityID]
	if kind == appsAll && (caller == nil || !slices.Contains(caller.Authorities, authorityOrgAdmin)) {
		s.mu.Unlock()
		writeAPIError(w, forbidden("Listing all source apps is limited to org admins (ORG_ADMIN)."))
		return
	}
	var matched []*appRec
	for _, id := range s.st.appOrder {
		a := s.st.apps[id]
		switch kind {
		case appsAvailable:
			if !a.Enabled || !a.AppCenterEnabled {
				continue
			}
		case appsAssigned:
			if caller == nil || !slices.Contains(caller.Assigned, a.ID) {
				continue
			}
		}
		if expr != nil && !filter.Eval(expr, func(f string) (any, bool) { return appField(a, f), true }) {
			continue
		}
		matched = append(matched, a)
	}
	sortBy(matched, keys, appSortKey)
	out := make([]client.SourceApp, 0, min(len(matched), pg.limit))
	for _, a := range pageOf(matched, pg) {
		out = append(out, appWire(a))
	}
	s.mu.Unlock()
	if pg.count {
		w.Header().Set("X-Total-Count", strconv.Itoa(len(matched)))
	}
	writeJSON(w, http.StatusOK, out)
}

// getApp is GET P/{id}.
func (s *Server) getApp(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	if !sess.can(rightAppRead, rightAppManage) {
		writeAPIError(w, forbidden("Reading source apps needs the right %s.", rightAppRead))
		return
	}
	s.mu.Lock()
	a, ok := s.st.apps[rt.rest[0]]
	var out client.SourceApp
	if ok {
		out = appWire(a)
	}
	s.mu.Unlock()
	if !ok {
		writeAPIError(w, notFound("Source app %s was not found.", rt.rest[0]))
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// appCreateRequest is SourceAppCreateDto with presence tracking.
type appCreateRequest struct {
	Name             json.RawMessage `json:"name"`
	Description      json.RawMessage `json:"description"`
	MatchAllAccounts json.RawMessage `json:"matchAllAccounts"`
	AccountSource    json.RawMessage `json:"accountSource"`
}

// createApp is POST P. The caller becomes the owner; flags start at their
// schema defaults (appCenterEnabled true, the rest false).
func (s *Server) createApp(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	if !sess.can(rightAppManage) {
		writeAPIError(w, forbidden("Creating a source app needs the right %s.", rightAppManage))
		return
	}
	body, aerr := jsonBody(r)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	var req appCreateRequest
	if err := json.Unmarshal(body, &req); err != nil || !strings.HasPrefix(strings.TrimSpace(string(body)), "{") {
		writeAPIError(w, badRequest("The request body must be a JSON object (SourceAppCreateDto) with name, description and accountSource.id."))
		return
	}
	var out client.SourceApp
	aerr = s.mutate(func(st *store) *apiError {
		name, aerr := validName(req.Name, "name")
		if aerr != nil {
			return aerr
		}
		desc, aerr := validName(req.Description, "description")
		if aerr != nil {
			return aerr
		}
		match, aerr := validBool(req.MatchAllAccounts, "matchAllAccounts")
		if aerr != nil {
			return aerr
		}
		if isNull(req.AccountSource) {
			return badRequest("accountSource is required, with at least accountSource.id.")
		}
		src, aerr := st.resolveSource(req.AccountSource)
		if aerr != nil {
			return aerr
		}
		now := s.now().Truncate(time.Millisecond)
		owner := st.owner(sess.identityID)
		a := &appRec{client.SourceApp{
			ID: randomHex(16), CloudAppID: fmt.Sprint(1_000_000 + len(st.appOrder)*7919%9_000_000),
			Name: name, Description: desc, Created: now, Modified: now, MatchAllAccounts: match,
			AppCenterEnabled: true, AccountSource: src,
			Owner:          &client.BaseReference{Type: "IDENTITY", ID: owner.ID, Name: owner.Name},
			AccessProfiles: []string{},
		}}
		st.addApp(a)
		out = appWire(a)
		return nil
	})
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// deleteApp is DELETE P/{id}: 200 with the deleted app as the body.
func (s *Server) deleteApp(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	if !sess.can(rightAppManage) {
		writeAPIError(w, forbidden("Deleting a source app needs the right %s.", rightAppManage))
		return
	}
	id := rt.rest[0]
	var out client.SourceApp
	aerr := s.mutate(func(st *store) *apiError {
		a, ok := st.apps[id]
		if !ok {
			return missingApp(id)
		}
		out = appWire(a)
		st.removeApp(id)
		s.deletes[id]++
		return nil
	})
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// missingApp answers an unknown app id on the operations whose spec lists
// no 404 (delete, access-profiles, bulk-remove): the contract wins, so it
// is a 400 whose message says the app does not exist.
func missingApp(id string) *apiError {
	return badRequest("Source app %s was not found.", id)
}

// resolveSource turns {"id": ...} into the stored account source.
func (st *store) resolveSource(raw json.RawMessage) (*client.AccountSource, *apiError) {
	var ref struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		return nil, badRequest("accountSource must be an object like {\"id\": \"...\"}.")
	}
	var id string
	if isNull(ref.ID) || json.Unmarshal(ref.ID, &id) != nil || strings.TrimSpace(id) == "" {
		return nil, badRequest("accountSource.id is required and must be a non-empty string.")
	}
	src, ok := st.sources[id]
	if !ok {
		return nil, badRequest("Account source %q does not exist.", id)
	}
	c := *src
	c.PasswordPolicies = slices.Clone(src.PasswordPolicies)
	return &c, nil
}
