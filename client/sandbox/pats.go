package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
)

// GetPersonalAccessTokenResponse differs by family only in its expiry
// members, so each shape embeds the members every family shares.
type patCommon struct {
	ID                         string          `json:"id"`
	Name                       string          `json:"name"`
	Scope                      []string        `json:"scope"`
	Owner                      client.PatOwner `json:"owner"`
	Created                    time.Time       `json:"created"`
	LastUsed                   *time.Time      `json:"lastUsed"`
	Managed                    bool            `json:"managed"`
	AccessTokenValiditySeconds int             `json:"accessTokenValiditySeconds"`
}

// patBeta is the beta shape: nullable expiry, no userAwareTokenNeverExpires.
type patBeta struct {
	patCommon
	ExpirationDate *time.Time `json:"expirationDate"`
}

// patModern is the v2025/v2026/v1 shape: beta plus userAwareTokenNeverExpires.
type patModern struct {
	patBeta
	UserAwareTokenNeverExpires bool `json:"userAwareTokenNeverExpires"`
}

// patLegacy is the v3/v2024 shape, where expirationDate is not nullable:
// a never-expiring token simply has no expirationDate member.
type patLegacy struct {
	patCommon
	ExpirationDate *time.Time `json:"expirationDate,omitempty"`
}

// patWire renders a PAT in the shape of the family.
func (st *store) patWire(p *patRec, f family) any {
	m := st.patModel(p)
	c := patCommon{m.ID, m.Name, m.Scope, m.Owner, m.Created, m.LastUsed, m.Managed, m.AccessTokenValiditySeconds}
	switch {
	case f.modern():
		return patModern{patBeta{c, m.ExpirationDate}, m.UserAwareTokenNeverExpires}
	case f == famBeta:
		return patBeta{c, m.ExpirationDate}
	}
	return patLegacy{c, m.ExpirationDate}
}

// listPATs is GET .../personal-access-tokens?owner-id=&filters=. The
// contract defines no paging or sorting here: the answer is always the
// whole plain array, and limit, offset, count or sorters are ignored like
// any other unknown parameter (no X-Total-Count either).
func (s *Server) listPATs(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	q := r.URL.Query()
	ownerID := q.Get("owner-id")
	switch {
	case ownerID == "me":
		if !sess.can(rightMyPATRead, rightMyPATManage, rightAllPATRead, rightAllPATManage) {
			writeAPIError(w, forbidden("The server understood the request but refuses to authorize it: listing your own personal access tokens needs the right %s.", rightMyPATRead))
			return
		}
		ownerID = sess.identityID
	case !sess.can(rightAllPATRead, rightAllPATManage):
		what := "every personal access token in the tenant"
		if ownerID != "" {
			what = "another identity's personal access tokens"
		}
		writeAPIError(w, forbidden("The server understood the request but refuses to authorize it: listing %s needs the right %s. Use owner-id=me for your own tokens.", what, rightAllPATRead))
		return
	}
	expr, aerr := parseFilters(q, client.PATFilters())
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	showManaged := sess.can(rightManagedPATRead)
	s.mu.Lock()
	out := make([]any, 0, len(s.st.patOrder))
	for _, id := range s.st.patOrder {
		p := s.st.pats[id]
		if (ownerID != "" && p.OwnerID != ownerID) || (p.Managed && !showManaged) {
			continue
		}
		if expr != nil && !filter.Eval(expr, patGetter(p)) {
			continue
		}
		out = append(out, s.st.patWire(p, rt.family))
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func patGetter(p *patRec) filter.Getter {
	return func(field string) (any, bool) {
		if field == "lastUsed" {
			return p.LastUsed, true
		}
		return nil, false
	}
}

// createRequest is CreatePersonalAccessTokenRequest with presence tracking:
// json.RawMessage tells "absent" (nil) from "null".
type createRequest struct {
	Name                       json.RawMessage `json:"name"`
	Scope                      json.RawMessage `json:"scope"`
	AccessTokenValiditySeconds json.RawMessage `json:"accessTokenValiditySeconds"`
	ExpirationDate             json.RawMessage `json:"expirationDate"`
	UserAwareTokenNeverExpires json.RawMessage `json:"userAwareTokenNeverExpires"`
}

// createResponse is CreatePersonalAccessTokenResponse: the only place the
// secret ever appears.
type createResponse struct {
	ID                         string          `json:"id"`
	Secret                     string          `json:"secret"`
	Scope                      []string        `json:"scope"`
	Name                       string          `json:"name"`
	Owner                      client.PatOwner `json:"owner"`
	Created                    time.Time       `json:"created"`
	AccessTokenValiditySeconds int             `json:"accessTokenValiditySeconds"`
	ExpirationDate             *time.Time      `json:"expirationDate"`
}

func isNull(raw json.RawMessage) bool {
	return raw == nil || bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// createPAT is POST .../personal-access-tokens. The PAT belongs to the caller.
func (s *Server) createPAT(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	if !sess.can(rightMyPATManage, rightAllPATManage) {
		writeAPIError(w, forbidden("Creating a personal access token needs the right %s.", rightMyPATManage))
		return
	}
	body, aerr := jsonBody(r)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	var req createRequest
	if err := json.Unmarshal(body, &req); err != nil || !bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
		writeAPIError(w, badRequest("The request body must be a JSON object (CreatePersonalAccessTokenRequest)."))
		return
	}
	now := s.now().Truncate(time.Millisecond)
	p, aerr := newPATFromRequest(req, rt.family, now)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	secret := randomHex(32)
	p.ID, p.SecretHash, p.OwnerID = randomHex(16), hashSecret(secret), sess.identityID
	var resp createResponse
	aerr = s.mutate(func(st *store) *apiError {
		if st.nameTaken(p.OwnerID, p.Name, "") {
			return badRequest("A personal access token named %q already exists for this owner; names must be unique.", p.Name)
		}
		st.addPAT(p)
		resp = createResponse{p.ID, secret, p.Scope, p.Name, st.owner(p.OwnerID), p.Created, p.AccessTokenValiditySeconds, cloneTime(p.ExpirationDate)}
		return nil
	})
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// deletePAT is DELETE .../personal-access-tokens/{id}: 204 with no body.
func (s *Server) deletePAT(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	id := rt.rest[0]
	if !sess.can(rightMyPATManage, rightAllPATManage) {
		writeAPIError(w, forbidden("Deleting a personal access token needs the right %s.", rightMyPATManage))
		return
	}
	aerr := s.mutate(func(st *store) *apiError {
		p, ok := st.pats[id]
		if !ok || (p.Managed && !sess.can(rightManagedPATRead)) {
			return notFound("Personal access token %s was not found.", id)
		}
		if p.OwnerID != sess.identityID && !sess.can(rightAllPATManage) {
			return forbidden("Deleting another identity's personal access token needs the right %s.", rightAllPATManage)
		}
		st.removePAT(id)
		s.deletes[id]++
		return nil
	})
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
