package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	jsonpatch "github.com/evanphx/json-patch/v5"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
)

// maxBulkApps is the documented maxItems of SourceAppBulkUpdateRequest.appIds.
const maxBulkApps = 50

func patchableAppFields() []string {
	return []string{"name", "description", "enabled", "owner", "provisionRequestEnabled",
		"appCenterEnabled", "accountSource", "matchAllAccounts", "accessProfiles"}
}

// appPatch is a decoded source-app patch and the fields it may change.
type appPatch struct {
	ops     jsonpatch.Patch
	touched map[string]bool
}

func decodeAppPatch(body []byte) (appPatch, *apiError) {
	p, ops, aerr := decodePatch(body, patchableAppFields(), "a source app")
	return appPatch{ops: p, touched: touchedFields(ops)}, aerr
}

// patchApp is PATCH P/{id}; the answer is a SourceAppPatchDto.
func (s *Server) patchApp(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	if !sess.can(rightAppManage) {
		writeAPIError(w, forbidden("Changing a source app needs the right %s.", rightAppManage))
		return
	}
	ops, decoded, aerr := patchBody(r, patchableAppFields(), "a source app")
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	patch := appPatch{ops: ops, touched: touchedFields(decoded)}
	id := rt.rest[0]
	var out appPatchDto
	aerr = s.mutate(func(st *store) *apiError {
		a, ok := st.apps[id]
		if !ok {
			return notFound("Source app %s was not found.", id)
		}
		next, aerr := st.patchedApp(a, patch, s.now())
		if aerr != nil {
			return aerr
		}
		*a = *next
		out = appPatchWire(a)
		return nil
	})
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// patchedApp applies patch to a copy of a and validates the result.
//
// Name, description and owner "can't be empty or null", but that rule is
// checked only when the patch touches them: seeded and real apps can have
// no owner, and such an app must stay patchable (and ownerless) until a
// patch gives it one.
func (st *store) patchedApp(a *appRec, patch appPatch, now time.Time) (*appRec, *apiError) {
	doc, err := json.Marshal(appPatchWire(a))
	if err != nil {
		return nil, &apiError{status: http.StatusInternalServerError, msgs: []string{"encoding the source app failed"}}
	}
	patched, aerr := applyPatch(patch.ops, doc)
	if aerr != nil {
		return nil, aerr
	}
	m, aerr := fields(patched)
	if aerr != nil {
		return nil, aerr
	}
	next := a.clone()
	if patch.touched["name"] {
		if next.Name, aerr = validName(m["name"], "name"); aerr != nil {
			return nil, aerr
		}
	}
	if patch.touched["description"] {
		if next.Description, aerr = validName(m["description"], "description"); aerr != nil {
			return nil, aerr
		}
	}
	if patch.touched["owner"] {
		if next.Owner, aerr = st.resolveOwner(m["owner"]); aerr != nil {
			return nil, aerr
		}
	}
	flags := []struct {
		name string
		dst  *bool
		def  bool
	}{
		{"enabled", &next.Enabled, false},
		{"provisionRequestEnabled", &next.ProvisionRequestEnabled, false},
		{"appCenterEnabled", &next.AppCenterEnabled, true},
		{"matchAllAccounts", &next.MatchAllAccounts, false},
	}
	for _, f := range flags {
		raw, present := m[f.name]
		switch {
		case !present:
			*f.dst = f.def
		case isNull(raw):
			return nil, badRequest("%s must be true or false, not null.", f.name)
		default:
			if *f.dst, aerr = validBool(raw, f.name); aerr != nil {
				return nil, aerr
			}
		}
	}
	if isNull(m["accountSource"]) {
		next.AccountSource = nil
	} else if next.AccountSource, aerr = st.resolveSource(m["accountSource"]); aerr != nil {
		return nil, aerr
	}
	if next.AccessProfiles, aerr = st.validAccessProfiles(m["accessProfiles"]); aerr != nil {
		return nil, aerr
	}
	if !sameApp(a, next) {
		next.Modified = now.Truncate(time.Millisecond)
	}
	return next, nil
}

func sameApp(a, b *appRec) bool {
	x, _ := json.Marshal(appPatchWire(a))
	y, _ := json.Marshal(appPatchWire(b))
	return string(x) == string(y)
}

// resolveOwner turns a patched owner, {"id": ...}, into an identity
// reference; a patch can neither set it to null or empty nor remove it.
func (st *store) resolveOwner(raw json.RawMessage) (*client.BaseReference, *apiError) {
	if isNull(raw) {
		return nil, badRequest("owner cannot be empty or null; give the new owner as {\"id\": \"...\"}.")
	}
	var ref struct {
		ID json.RawMessage `json:"id"`
	}
	var id string
	if json.Unmarshal(raw, &ref) != nil || isNull(ref.ID) || json.Unmarshal(ref.ID, &id) != nil || strings.TrimSpace(id) == "" {
		return nil, badRequest("owner must be an object with a non-empty id, like {\"id\": \"...\"}.")
	}
	ident, ok := st.idents[id]
	if !ok {
		return nil, badRequest("Owner identity %q does not exist.", id)
	}
	return &client.BaseReference{Type: "IDENTITY", ID: ident.ID, Name: ident.Name}, nil
}

// validAccessProfiles checks a patched accessProfiles list: known ids, no
// duplicates. null or removed means none.
func (st *store) validAccessProfiles(raw json.RawMessage) ([]string, *apiError) {
	if isNull(raw) {
		return []string{}, nil
	}
	var ids []string
	if err := json.Unmarshal(raw, &ids); err != nil {
		return nil, badRequest("accessProfiles must be a list of access profile ids.")
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if _, ok := st.aps[id]; !ok {
			return nil, badRequest("Access profile %q does not exist.", id)
		}
		if seen[id] {
			return nil, badRequest("Access profile %q is listed twice.", id)
		}
		seen[id] = true
	}
	return ids, nil
}

// bulkUpdateRequest is SourceAppBulkUpdateRequest with presence tracking.
type bulkUpdateRequest struct {
	AppIDs    json.RawMessage `json:"appIds"`
	JSONPatch json.RawMessage `json:"jsonPatch"`
}

// bulkUpdateApps is POST P/bulk-update: one patch applied to up to 50 apps,
// all or nothing, answered 204.
func (s *Server) bulkUpdateApps(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	if !sess.can(rightAppManage) {
		writeAPIError(w, forbidden("Changing source apps needs the right %s.", rightAppManage))
		return
	}
	body, aerr := jsonBody(r)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	var req bulkUpdateRequest
	var ids []string
	switch {
	case json.Unmarshal(body, &req) != nil || !strings.HasPrefix(strings.TrimSpace(string(body)), "{"):
		aerr = badRequest("The request body must be a JSON object with appIds and jsonPatch.")
	case isNull(req.AppIDs) || json.Unmarshal(req.AppIDs, &ids) != nil:
		aerr = badRequest("appIds is required and must be a list of source app ids.")
	case len(ids) == 0 || len(ids) > maxBulkApps:
		aerr = badRequest("appIds must list between 1 and %d source app ids (got %d).", maxBulkApps, len(ids))
	case isNull(req.JSONPatch):
		aerr = badRequest("jsonPatch is required.")
	}
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	patch, aerr := decodeAppPatch(req.JSONPatch)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	aerr = s.mutate(func(st *store) *apiError {
		var missing []string
		for _, id := range ids {
			if _, ok := st.apps[id]; !ok {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			return notFound("Source apps not found: %s.", strings.Join(missing, ", "))
		}
		updated := make([]*appRec, len(ids))
		for i, id := range ids {
			next, aerr := st.patchedApp(st.apps[id], patch, s.now())
			if aerr != nil {
				aerr.msgs[0] = "Source app " + id + ": " + aerr.msgs[0]
				return aerr
			}
			updated[i] = next
		}
		for i, id := range ids {
			*st.apps[id] = *updated[i]
		}
		return nil
	})
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// listAccessProfiles is GET P/{id}/access-profiles (limit, offset, filters).
func (s *Server) listAccessProfiles(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	if !sess.can(rightAppManage) {
		writeAPIError(w, forbidden("Listing a source app's access profiles needs the right %s.", rightAppManage))
		return
	}
	q := r.URL.Query()
	pg, aerr := parsePage(q, false)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	expr, aerr := parseFilters(q, client.AccessProfileFilters())
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	s.mu.Lock()
	a, ok := s.st.apps[rt.rest[0]]
	var matched []client.AccessProfileDetails
	if ok {
		for _, ap := range s.st.appAccessProfiles(a) {
			if expr == nil || filter.Eval(expr, apGetter(ap)) {
				matched = append(matched, ap)
			}
		}
	}
	s.mu.Unlock()
	if !ok {
		writeAPIError(w, missingApp(rt.rest[0]))
		return
	}
	writeJSON(w, http.StatusOK, slices.Clone(pageOf(matched, pg)))
}

func apGetter(ap client.AccessProfileDetails) filter.Getter {
	return func(f string) (any, bool) {
		switch f {
		case "id":
			return ap.ID, true
		case "name":
			return ap.Name, true
		case "created":
			return ap.Created, true
		case "modified":
			return ap.Modified, true
		}
		return nil, false
	}
}

// appAccessProfiles returns copies of the app's access profiles in order.
func (st *store) appAccessProfiles(a *appRec) []client.AccessProfileDetails {
	out := make([]client.AccessProfileDetails, 0, len(a.AccessProfiles))
	for _, id := range a.AccessProfiles {
		if ap, ok := st.aps[id]; ok {
			c := *ap
			c.Entitlements = slices.Clone(ap.Entitlements)
			c.Segments = slices.Clone(ap.Segments)
			out = append(out, c)
		}
	}
	return out
}

// bulkRemoveAccessProfiles is POST P/{id}/access-profiles/bulk-remove with a
// JSON array of access profile ids; it answers with the profiles left, at
// most limit of them. Ids that are not attached are ignored, so a retried
// call is harmless.
func (s *Server) bulkRemoveAccessProfiles(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	if !sess.can(rightAppManage) {
		writeAPIError(w, forbidden("Removing access profiles needs the right %s.", rightAppManage))
		return
	}
	limit, aerr := parseLimit(r.URL.Query())
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	body, aerr := jsonBody(r)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	remove, aerr := accessProfileIDs(body)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	var left []client.AccessProfileDetails
	aerr = s.mutate(func(st *store) *apiError {
		a, ok := st.apps[rt.rest[0]]
		if !ok {
			return missingApp(rt.rest[0])
		}
		before := len(a.AccessProfiles)
		a.AccessProfiles = slices.DeleteFunc(a.AccessProfiles, func(id string) bool { return remove[id] })
		if len(a.AccessProfiles) != before {
			a.Modified = s.now().Truncate(time.Millisecond)
		}
		left = st.appAccessProfiles(a)
		return nil
	})
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, pageOf(left, page{limit: limit}))
}

// accessProfileIDs reads bulk-remove's body: a non-empty JSON array whose
// items are all non-empty strings. A null or a number among the ids is a
// mistake worth reporting, not an id to skip.
func accessProfileIDs(body []byte) (map[string]bool, *apiError) {
	var items []json.RawMessage
	if err := json.Unmarshal(body, &items); err != nil || items == nil {
		return nil, badRequest("The request body must be a JSON array of access profile ids, like [\"2c91...\"].")
	}
	if len(items) == 0 {
		return nil, badRequest("The list of access profile ids is empty; send at least one id to remove.")
	}
	ids := make(map[string]bool, len(items))
	for i, raw := range items {
		var id string
		if isNull(raw) || json.Unmarshal(raw, &id) != nil || strings.TrimSpace(id) == "" {
			return nil, badRequest("Item %d of the request body is %s, not an access profile id; ids must be non-empty strings.", i, clip(string(raw), 40))
		}
		ids[id] = true
	}
	return ids, nil
}

// clip shortens s for an error message.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
