package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Validation limits. The API documents 15..43200 for the validity; the
// name limit is the sandbox's own guard against absurd input.
const (
	minValiditySeconds = 15
	maxValiditySeconds = 43200
	maxNameRunes       = 256
	legacyMaxLifetime  = 6 // months, beta/v3/v2024 wording
)

func validName(raw json.RawMessage, what string) (string, *apiError) {
	if isNull(raw) {
		return "", badRequest("%s is required and cannot be null.", what)
	}
	var name string
	if err := json.Unmarshal(raw, &name); err != nil {
		return "", badRequest("%s must be a string.", what)
	}
	if strings.TrimSpace(name) == "" {
		return "", badRequest("%s cannot be empty.", what)
	}
	if utf8.RuneCountInString(name) > maxNameRunes {
		return "", badRequest("%s is longer than %d characters.", what, maxNameRunes)
	}
	return name, nil
}

func validScope(raw json.RawMessage, allowNull bool) ([]string, *apiError) {
	if isNull(raw) {
		if allowNull {
			return []string{"sp:scopes:all"}, nil
		}
		return nil, badRequest("scope cannot be null or removed; send a list of scopes such as [\"sp:scopes:all\"].")
	}
	var scope []string
	if err := json.Unmarshal(raw, &scope); err != nil {
		return nil, badRequest("scope must be a list of strings.")
	}
	if len(scope) == 0 {
		return nil, badRequest("scope cannot be empty; use [\"sp:scopes:all\"] for every right the owner holds.")
	}
	for _, s := range scope {
		if strings.TrimSpace(s) == "" {
			return nil, badRequest("scope entries cannot be empty.")
		}
	}
	return scope, nil
}

func validTime(raw json.RawMessage, what string) (*time.Time, *apiError) {
	if isNull(raw) {
		return nil, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, badRequest("%s must be a date-time string or null.", what)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return nil, badRequest("%s %q is not an RFC 3339 date-time.", what, s)
	}
	t = t.UTC().Truncate(time.Millisecond)
	return &t, nil
}

func validBool(raw json.RawMessage, what string) (bool, *apiError) {
	if isNull(raw) {
		return false, nil
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		return false, badRequest("%s must be true or false.", what)
	}
	return b, nil
}

// checkExpiry applies the expiry rules of the family: in v2025+/v1 any
// future date or never (which needs userAwareTokenNeverExpires); in the
// older families a date between now and created + 6 months.
func checkExpiry(exp *time.Time, userAware bool, f family, created, now time.Time, changed bool) *apiError {
	if exp == nil {
		if f.modern() && !userAware {
			return badRequest("A token without an expirationDate never expires; set userAwareTokenNeverExpires to true to confirm that.")
		}
		return nil
	}
	if !changed {
		return nil
	}
	if !exp.After(now) {
		return badRequest("expirationDate %s must be in the future.", exp.Format(time.RFC3339))
	}
	if !f.modern() {
		if limit := created.AddDate(0, legacyMaxLifetime, 0); exp.After(limit) {
			return badRequest("expirationDate must be within 6 months of the token's creation (%s) in this API version.", limit.Format(time.RFC3339))
		}
	}
	return nil
}

// newPATFromRequest validates a create request into a record (without id,
// secret or owner).
func newPATFromRequest(req createRequest, f family, now time.Time) (*patRec, *apiError) {
	name, aerr := validName(req.Name, "name")
	if aerr != nil {
		return nil, aerr
	}
	scope, aerr := validScope(req.Scope, true)
	if aerr != nil {
		return nil, aerr
	}
	validity := maxValiditySeconds
	if !isNull(req.AccessTokenValiditySeconds) {
		var n json.Number
		if err := json.Unmarshal(req.AccessTokenValiditySeconds, &n); err != nil {
			return nil, badRequest("accessTokenValiditySeconds must be an integer.")
		}
		v, err := n.Int64()
		if err != nil || v < minValiditySeconds || v > maxValiditySeconds {
			return nil, badRequest("accessTokenValiditySeconds must be an integer between %d and %d.", minValiditySeconds, maxValiditySeconds)
		}
		validity = int(v)
	}
	exp, aerr := validTime(req.ExpirationDate, "expirationDate")
	if aerr != nil {
		return nil, aerr
	}
	userAware := false
	if f.modern() {
		if userAware, aerr = validBool(req.UserAwareTokenNeverExpires, "userAwareTokenNeverExpires"); aerr != nil {
			return nil, aerr
		}
	} else if exp == nil {
		d := now.AddDate(0, legacyMaxLifetime, 0)
		exp = &d
	}
	if aerr := checkExpiry(exp, userAware, f, now, now, true); aerr != nil {
		return nil, aerr
	}
	return &patRec{
		Name: name, Scope: scope, Created: now, AccessTokenValiditySeconds: validity,
		ExpirationDate: exp, UserAwareTokenNeverExpires: userAware,
	}, nil
}

// patchablePATFields lists what PATCH may change in a family.
func patchablePATFields(f family) []string {
	if f.modern() {
		return []string{"name", "scope", "expirationDate", "userAwareTokenNeverExpires"}
	}
	return []string{"name", "scope"}
}

// patchPAT is PATCH .../personal-access-tokens/{id} with a JSON Patch body.
// The contract's security lists only sp:my-personal-access-tokens:manage
// for patch (all-...:manage alone is refused, unlike create and delete):
// another identity's token is refused with 403, the documented admin path
// being the bulk update. LenientOwnerPatch allows it with
// idn:all-personal-access-tokens:manage, as for delete.
func (s *Server) patchPAT(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	id := rt.rest[0]
	if !sess.can(rightMyPATManage) {
		writeAPIError(w, forbidden("Changing a personal access token needs the right %s.", rightMyPATManage))
		return
	}
	patch, _, aerr := patchBody(r, patchablePATFields(rt.family), "a personal access token")
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	now := s.now()
	var out any
	aerr = s.mutate(func(st *store) *apiError {
		p, ok := st.pats[id]
		if !ok || (p.Managed && !sess.can(rightManagedPATRead)) {
			return notFound("Personal access token %s was not found.", id)
		}
		switch {
		case p.OwnerID == sess.identityID:
		case !s.opts.LenientOwnerPatch:
			return forbidden("Only the owner may patch a personal access token; an admin changes another identity's token's expiry with POST /personal-access-tokens/v1/bulk-update.")
		case !sess.can(rightAllPATManage):
			return forbidden("Changing another identity's personal access token needs the right %s.", rightAllPATManage)
		}
		doc, err := json.Marshal(st.patWire(p, rt.family))
		if err != nil {
			return &apiError{status: http.StatusInternalServerError, msgs: []string{"encoding the token failed"}}
		}
		patched, aerr := applyPatch(patch, doc)
		if aerr != nil {
			return aerr
		}
		m, aerr := fields(patched)
		if aerr != nil {
			return aerr
		}
		next := *p
		if next.Name, aerr = validName(m["name"], "name"); aerr != nil {
			return aerr
		}
		if next.Scope, aerr = validScope(m["scope"], false); aerr != nil {
			return aerr
		}
		if rt.family.modern() {
			if next.ExpirationDate, aerr = validTime(m["expirationDate"], "expirationDate"); aerr != nil {
				return aerr
			}
			if next.UserAwareTokenNeverExpires, aerr = validBool(m["userAwareTokenNeverExpires"], "userAwareTokenNeverExpires"); aerr != nil {
				return aerr
			}
			changed := !sameTime(p.ExpirationDate, next.ExpirationDate)
			if aerr := checkExpiry(next.ExpirationDate, next.UserAwareTokenNeverExpires, rt.family, p.Created, now, changed); aerr != nil {
				return aerr
			}
		}
		if next.Name != p.Name && st.nameTaken(p.OwnerID, next.Name, p.ID) {
			return badRequest("A personal access token named %q already exists for this owner; names must be unique.", next.Name)
		}
		next.Scope = slices.Clone(next.Scope)
		*p = next
		out = st.patWire(p, rt.family)
		return nil
	})
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}
