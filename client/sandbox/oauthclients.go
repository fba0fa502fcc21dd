package sandbox

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
)

// API clients (OAuth clients, isc-api.md §7): every family's
// /oauth-clients, a plain unpaged list filtered on lastUsed, create (200,
// the secret once), get, patch (the patchable members only) and delete
// (204). They sign in at /oauth/token like PATs, with their creator's
// rights narrowed by their scope; a disabled one is refused.

// Rights of the API client endpoints (scopes sp:oauth-client:read|manage).
const (
	rightClientRead   = "idn:oauth-client:read"
	rightClientManage = "idn:oauth-client:manage"
)

// clientRec is a stored API client: the wire record, a hash of its
// secret (never the secret) and the identity that created it, whose
// rights its tokens carry.
type clientRec struct {
	client.OAuthClient
	SecretHash string `json:"secretHash"`
	OwnerID    string `json:"ownerId"`
}

func (c *clientRec) secretMatches(secret string) bool {
	return subtle.ConstantTimeCompare([]byte(c.SecretHash), []byte(hashSecret(secret))) == 1
}

// wire is the client as GET answers it: no secret, ever.
func (c *clientRec) wire() client.OAuthClient {
	w := c.OAuthClient
	w.RedirectURIs, w.GrantTypes, w.Scope = slices.Clone(w.RedirectURIs), slices.Clone(w.GrantTypes), slices.Clone(w.Scope)
	w.LastUsed = cloneTime(w.LastUsed)
	return w
}

func (st *store) addClient(c *clientRec) { put(st.clients, &st.clientOrder, c.ID, c) }

func (st *store) removeClient(id string) {
	delete(st.clients, id)
	st.clientOrder = slices.DeleteFunc(st.clientOrder, func(x string) bool { return x == id })
}

func (s *Server) clientHandler(method string, rest []string) (func(http.ResponseWriter, *http.Request, route, *session), string) {
	switch len(rest) {
	case 0:
		switch method {
		case http.MethodGet:
			return s.listClients, ""
		case http.MethodPost:
			return s.createClient, ""
		}
		return nil, "GET, POST"
	case 1:
		switch method {
		case http.MethodGet:
			return s.getClient, ""
		case http.MethodPatch:
			return s.patchClient, ""
		case http.MethodDelete:
			return s.deleteClient, ""
		}
		return nil, "GET, PATCH, DELETE"
	}
	return nil, ""
}

func (s *Server) canReadClients(w http.ResponseWriter, sess *session) bool {
	if sess.can(rightClientRead, rightClientManage) {
		return true
	}
	writeAPIError(w, forbidden("The server understood the request but refuses to authorize it: reading API clients needs the right %s.", rightClientRead))
	return false
}

func (s *Server) canManageClients(w http.ResponseWriter, sess *session, what string) bool {
	if sess.can(rightClientManage) {
		return true
	}
	writeAPIError(w, forbidden("The server understood the request but refuses to authorize it: %s an API client needs the right %s.", what, rightClientManage))
	return false
}

// listClients is GET .../oauth-clients?filters=: the whole plain array
// (no paging or sorting, as the contract has none).
func (s *Server) listClients(w http.ResponseWriter, r *http.Request, _ route, sess *session) {
	if !s.canReadClients(w, sess) {
		return
	}
	expr, aerr := parseFilters(r.URL.Query(), client.OAuthClientFilters())
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	s.mu.Lock()
	out := make([]client.OAuthClient, 0, len(s.st.clientOrder))
	for _, id := range s.st.clientOrder {
		c := s.st.clients[id]
		if expr != nil && !filter.Eval(expr, func(f string) (any, bool) {
			if f == "lastUsed" {
				return c.LastUsed, true
			}
			return nil, false
		}) {
			continue
		}
		out = append(out, c.wire())
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getClient(w http.ResponseWriter, _ *http.Request, rt route, sess *session) {
	if !s.canReadClients(w, sess) {
		return
	}
	s.mu.Lock()
	c, ok := s.st.clients[rt.rest[0]]
	var out client.OAuthClient
	if ok {
		out = c.wire()
	}
	s.mu.Unlock()
	if !ok {
		writeAPIError(w, notFound("API client %s was not found.", rt.rest[0]))
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// createClient is POST .../oauth-clients: 200 with the secret. A client
// without scope gets sp:scopes:all, all its creator's rights.
func (s *Server) createClient(w http.ResponseWriter, r *http.Request, _ route, sess *session) {
	if !s.canManageClients(w, sess, "creating") {
		return
	}
	body, aerr := jsonBody(r)
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	var req client.CreateOAuthClientRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || !bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
		writeAPIError(w, badRequest("The request body must be a JSON object (CreateOAuthClientRequest): %v", err))
		return
	}
	for _, k := range []string{"name", "description", "accessTokenValiditySeconds", "grantTypes", "accessType", "enabled"} {
		if !bytes.Contains(body, []byte(`"`+k+`"`)) {
			writeAPIError(w, badRequest("%s is required.", k))
			return
		}
	}
	if err := req.Check(); err != nil {
		writeAPIError(w, badRequest("Invalid API client: %v.", err))
		return
	}
	now := s.now().Truncate(time.Millisecond)
	secret := randomHex(32)
	c := &clientRec{SecretHash: hashSecret(secret), OwnerID: sess.identityID, OAuthClient: client.OAuthClient{
		ID: newClientID(), Name: req.Name, Description: &req.Description, BusinessName: req.BusinessName, HomepageURL: req.HomepageURL,
		AccessTokenValiditySeconds: req.AccessTokenValiditySeconds, RefreshTokenValiditySeconds: 86400,
		RedirectURIs: req.RedirectURIs, GrantTypes: req.GrantTypes, AccessType: req.AccessType, Type: client.ClientConfidential,
		Enabled: req.Enabled, Created: now, Modified: now, Scope: req.Scope}}
	if req.RefreshTokenValiditySeconds != nil {
		c.RefreshTokenValiditySeconds = *req.RefreshTokenValiditySeconds
	}
	if req.Type != "" {
		c.Type = req.Type
	}
	c.Internal, c.StrongAuthSupported, c.ClaimsSupported = deref(req.Internal), deref(req.StrongAuthSupported), deref(req.ClaimsSupported)
	if len(c.Scope) == 0 {
		c.Scope = []string{"sp:scopes:all"}
	}
	s.mutate(func(st *store) *apiError { st.addClient(c); return nil })
	// CreateOAuthClientResponse is the Get members without lastUsed and
	// metadata (both omitted when nil), and the secret, this once.
	w0 := c.wire()
	w0.LastUsed, w0.Metadata = nil, nil
	writeJSON(w, http.StatusOK, client.CreatedOAuthClient{OAuthClient: w0, Secret: secret})
}

func deref(b *bool) bool { return b != nil && *b }

// newClientID is a new client's id: the OAuth 2.0 shape, with dashes.
func newClientID() string {
	h := randomHex(16)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// patchClient is PATCH .../oauth-clients/{id}: the patchable members only
// (scope, type and internal are refused), answered with the new state.
func (s *Server) patchClient(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	if !s.canManageClients(w, sess, "changing") {
		return
	}
	ops, _, aerr := patchBody(r, client.OAuthClientPatchable(), "an API client")
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	id := rt.rest[0]
	var out client.OAuthClient
	aerr = s.mutate(func(st *store) *apiError {
		c, ok := st.clients[id]
		if !ok {
			return notFound("API client %s was not found.", id)
		}
		doc, err := json.Marshal(c.wire())
		if err != nil {
			return &apiError{status: http.StatusInternalServerError, msgs: []string{"encoding the API client failed"}}
		}
		patched, aerr := applyPatch(ops, doc)
		if aerr != nil {
			return aerr
		}
		var next client.OAuthClient
		if err := json.Unmarshal(patched, &next); err != nil {
			return badRequest("The patched API client is not valid: %v.", err)
		}
		if aerr := validPatchedClient(next); aerr != nil {
			return aerr
		}
		// What PATCH cannot change stays as it was.
		next.ID, next.Created, next.LastUsed, next.Metadata = c.ID, c.Created, c.LastUsed, c.Metadata
		next.Scope, next.Type, next.Internal = c.Scope, c.Type, c.Internal
		next.Modified = s.now().Truncate(time.Millisecond)
		c.OAuthClient = next
		out = c.wire()
		return nil
	})
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// validPatchedClient checks what a patch may break.
func validPatchedClient(c client.OAuthClient) *apiError {
	desc := ""
	if c.Description != nil {
		desc = *c.Description
	}
	req := client.CreateOAuthClientRequest{Name: c.Name, Description: desc, AccessTokenValiditySeconds: c.AccessTokenValiditySeconds,
		GrantTypes: c.GrantTypes, AccessType: c.AccessType, RedirectURIs: c.RedirectURIs}
	if strings.TrimSpace(desc) == "" {
		req.Description = "-" // description is nullable on GET; only name and the rest are checked here
	}
	if err := req.Check(); err != nil {
		return badRequest("Invalid API client: %v.", err)
	}
	if c.RefreshTokenValiditySeconds < 0 {
		return badRequest("Invalid API client: refreshTokenValiditySeconds must not be negative.")
	}
	return nil
}

// deleteClient is DELETE .../oauth-clients/{id}: 204 with no body.
func (s *Server) deleteClient(w http.ResponseWriter, _ *http.Request, rt route, sess *session) {
	if !s.canManageClients(w, sess, "deleting") {
		return
	}
	id := rt.rest[0]
	aerr := s.mutate(func(st *store) *apiError {
		if _, ok := st.clients[id]; !ok {
			return notFound("API client %s was not found.", id)
		}
		st.removeClient(id)
		s.deletes[id]++
		return nil
	})
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// clientSignIn is the client credentials grant for an API client: nil
// and the refusal when it may not sign in. Called with s.mu held.
func (st *store) clientSignIn(id, secret string, now time.Time) (*clientRec, *oauthError) {
	c, ok := st.clients[id]
	switch {
	case !ok:
		return nil, nil
	case !c.secretMatches(secret):
		return nil, &oauthError{"invalid_client", "Bad credentials"}
	case !c.Enabled:
		return nil, &oauthError{"invalid_client", "The API client is disabled"}
	case !slices.Contains(c.GrantTypes, client.GrantClientCredentials):
		return nil, &oauthError{"unauthorized_client", "The API client may not use the client_credentials grant"}
	case st.idents[c.OwnerID] == nil:
		return nil, &oauthError{"invalid_client", "The API client's owner no longer exists"}
	}
	// lastUsed moves at most once a day, as documented.
	if c.LastUsed == nil || now.Sub(*c.LastUsed) >= 24*time.Hour {
		t := now.Truncate(time.Millisecond)
		c.LastUsed = &t
	}
	return c, nil
}

// ClientSecret gives a seeded API client a known secret, so tests can
// sign in with it (the seed keeps no secret at all).
func (s *Server) ClientSecret(id string) (secret string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, found := s.st.clients[id]
	if !found {
		return "", false
	}
	secret = randomHex(32)
	c.SecretHash = hashSecret(secret)
	return secret, true
}

// OAuthClients returns the stored API clients, for tests.
func (s *Server) OAuthClients() []client.OAuthClient {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]client.OAuthClient, 0, len(s.st.clientOrder))
	for _, id := range s.st.clientOrder {
		out = append(out, s.st.clients[id].wire())
	}
	return out
}
