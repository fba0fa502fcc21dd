package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// The admin bulk update of PATs (isc-api.md §10): PATCH or POST
// /personal-access-tokens/v1/bulk-update, v1 only, application/json.
// Up to 25 existing ids, unique and not blank, and one JSON Patch that
// touches only /expirationDate and /userAwareTokenNeverExpires, applied to
// every token or to none. The caller needs the right
// idn:all-personal-access-tokens:update and a user context.

// maxPATBulk is the most ids one bulk update takes.
const maxPATBulk = 25

// patBulkRequest is BulkUpdatePersonalAccessTokensRequest.
type patBulkRequest struct {
	IDs   []string          `json:"ids"`
	Patch []json.RawMessage `json:"patch"`
}

// expiryChange is what one bulk patch does to every token.
type expiryChange struct {
	setDate   bool
	date      *time.Time // nil with setDate: clear
	setAware  bool
	userAware bool
}

// bulkUpdatePATs serves the bulk update.
func (s *Server) bulkUpdatePATs(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	switch {
	case sess.identityID == "":
		writeAPIError(w, forbidden("API client credentials are not permitted to bulk update personal access tokens: sign in with a personal access token of an admin."))
		return
	case !sess.can(rightAllPATUpdate):
		writeAPIError(w, forbidden("Bulk updating personal access tokens needs the right %s.", rightAllPATUpdate))
		return
	}
	body, aerr := jsonBody(r)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	var req patBulkRequest
	if err := json.Unmarshal(body, &req); err != nil || !bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
		writeAPIError(w, badRequest("The request body must be a JSON object with ids and patch (BulkUpdatePersonalAccessTokensRequest)."))
		return
	}
	if aerr := checkBulkIDs(req.IDs); aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	change, aerr := parseExpiryPatch(req.Patch)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	now := s.now()
	var out []any
	aerr = s.mutate(func(st *store) *apiError {
		next, aerr := st.planBulkExpiry(req.IDs, change, sess, now)
		if aerr != nil {
			return aerr
		}
		for _, n := range next { // every token passed: now all change
			*st.pats[n.ID] = n
		}
		ids := slices.Sorted(slices.Values(req.IDs))
		for _, id := range ids {
			m := st.patModel(st.pats[id])
			// userAwareTokenNeverExpires "is stored internally and is not
			// returned": the beta shape is the v1 one without it.
			c := patCommon{m.ID, m.Name, m.Scope, m.Owner, m.Created, m.LastUsed, m.Managed, m.AccessTokenValiditySeconds}
			out = append(out, patBeta{c, m.ExpirationDate})
		}
		return nil
	})
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// checkBulkIDs applies the ids' rules: 1 to 25, not blank, no repeats.
func checkBulkIDs(ids []string) *apiError {
	switch {
	case len(ids) == 0:
		return badRequest("ids must name at least one personal access token.")
	case len(ids) > maxPATBulk:
		return badRequest("ids names %d personal access tokens; at most %d can be updated per request.", len(ids), maxPATBulk)
	}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if strings.TrimSpace(id) == "" {
			return badRequest("ids must not contain blank values.")
		}
		if seen[id] {
			return badRequest("ids must not contain duplicates: %s appears more than once.", id)
		}
		seen[id] = true
	}
	return nil
}

// parseExpiryPatch reads the one patch of a bulk update: replace or remove
// on /expirationDate and /userAwareTokenNeverExpires only; clearing the
// date needs userAwareTokenNeverExpires set true in the same patch.
func parseExpiryPatch(ops []json.RawMessage) (expiryChange, *apiError) {
	var c expiryChange
	if len(ops) == 0 {
		return c, badRequest("patch must hold at least one operation.")
	}
	for i, raw := range ops {
		var op struct {
			Op    string          `json:"op"`
			Path  string          `json:"path"`
			Value json.RawMessage `json:"value"`
		}
		if err := json.Unmarshal(raw, &op); err != nil {
			return c, badRequest("patch operation %d is not a JSON Patch operation.", i)
		}
		if op.Op != "replace" && op.Op != "remove" {
			return c, badRequest("patch operation %d: %q is not allowed in a bulk update; use replace or remove.", i, op.Op)
		}
		if op.Op == "replace" && op.Value == nil {
			return c, badRequest("patch operation %d: replace needs a value.", i)
		}
		switch op.Path {
		case "/expirationDate":
			c.setDate, c.date = true, nil
			if op.Op == "replace" {
				t, aerr := validTime(op.Value, "expirationDate")
				if aerr != nil {
					return c, aerr
				}
				c.date = t
			}
		case "/userAwareTokenNeverExpires":
			c.setAware, c.userAware = true, false
			if op.Op == "replace" {
				b, aerr := validBool(op.Value, "userAwareTokenNeverExpires")
				if aerr != nil {
					return c, aerr
				}
				c.userAware = b
			}
		default:
			return c, badRequest("patch operation %d: path %q cannot be bulk updated; only /expirationDate and /userAwareTokenNeverExpires can.", i, op.Path)
		}
	}
	if c.setDate && c.date == nil && !(c.setAware && c.userAware) {
		return c, badRequest("Clearing expirationDate needs userAwareTokenNeverExpires set to true in the same patch.")
	}
	return c, nil
}

// planBulkExpiry checks every token of a bulk update and returns them as
// they will be; any refusal leaves every token as it was. Called with the
// store locked.
func (st *store) planBulkExpiry(ids []string, c expiryChange, sess *session, now time.Time) ([]patRec, *apiError) {
	next := make([]patRec, 0, len(ids))
	for _, id := range ids {
		p, ok := st.pats[id]
		if !ok || (p.Managed && !sess.can(rightManagedPATRead)) {
			return nil, badRequest("Personal access token %s does not exist in this tenant; nothing was updated.", id)
		}
		n := *p
		if c.setDate {
			n.ExpirationDate = cloneTime(c.date)
		}
		if c.setAware {
			n.UserAwareTokenNeverExpires = c.userAware
		}
		if n.ExpirationDate != nil && !c.setAware {
			n.UserAwareTokenNeverExpires = false // a dated token expires
		}
		changed := !sameTime(p.ExpirationDate, n.ExpirationDate)
		if aerr := checkExpiry(n.ExpirationDate, n.UserAwareTokenNeverExpires, famV1, p.Created, now, changed); aerr != nil {
			aerr.msgs[0] = "Personal access token " + id + ": " + aerr.msgs[0] + " Nothing was updated."
			return nil, aerr
		}
		next = append(next, n)
	}
	return next, nil
}
