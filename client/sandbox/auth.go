package sandbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"
)

// tenantInfo is what tokens and /oauth/info say about the tenant.
type tenantInfo struct {
	ID, Name, Pod string
	key           []byte // HMAC key for the JWT signature
}

func defaultTenant() tenantInfo {
	return tenantInfo{ID: "5a4db0c0-7e4a-4a17-9000-5a4db0c0a11d", Name: "sandbox", Pod: "sandbox-pod", key: []byte(randomHex(32))}
}

// session is an issued access token.
type session struct {
	token      string
	clientID   string // the PAT id
	identityID string
	rights     []string
	expires    time.Time
	// basic: the token's scopes include sp:scopes:default (or all): the
	// endpoints that need no right, such as public identities, answer it.
	basic bool
}

func (s *session) can(rights ...string) bool {
	return slices.ContainsFunc(rights, func(r string) bool { return slices.Contains(s.rights, r) })
}

// tokenParams are the client_credentials parameters of a token request.
type tokenParams struct{ grant, id, secret string }

// tokenRequest collects client_credentials parameters from the query
// string, a urlencoded body or a multipart form (isc-api.md §4), or the
// credentials from HTTP Basic auth. A parameter sent twice with different
// values is refused (RFC 6749 §3.2): which one wins would be a guess.
func tokenRequest(r *http.Request) (tokenParams, *oauthError) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var err error
	if mt == "multipart/form-data" {
		err = r.ParseMultipartForm(1 << 16)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		return tokenParams{}, &oauthError{"invalid_request", "could not parse the request parameters; send them form-encoded in the body or in the query string"}
	}
	for _, k := range []string{"grant_type", "client_id", "client_secret"} {
		if vs := r.Form[k]; len(vs) > 1 && slices.ContainsFunc(vs, func(v string) bool { return v != vs[0] }) {
			return tokenParams{}, &oauthError{"invalid_request", k + " is given more than once with different values"}
		}
	}
	p := tokenParams{r.Form.Get("grant_type"), r.Form.Get("client_id"), r.Form.Get("client_secret")}
	// RFC 6749 §2.3.1 client_secret_basic, which OAuth libraries (e.g.
	// golang.org/x/oauth2 auto-detection) try first.
	if bid, bsecret, ok := r.BasicAuth(); ok && p.id == "" {
		p.id, p.secret = bid, bsecret
	}
	if p.grant == "" {
		desc := "grant_type is required: grant_type=client_credentials, form-encoded in the body or in the query string"
		if mt == "application/json" {
			desc += " (a JSON body is not read)"
		}
		return p, &oauthError{"invalid_request", desc}
	}
	if !strings.EqualFold(p.grant, "client_credentials") {
		return p, &oauthError{"unsupported_grant_type", "grant_type must be client_credentials"}
	}
	return p, nil
}

type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// handleToken is POST /oauth/token. Errors follow RFC 6749 §5.2, since the
// contract does not document this endpoint's error format.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeJSON(w, http.StatusMethodNotAllowed, oauthError{"invalid_request", "use POST"})
		return
	}
	p, oerr := tokenRequest(r)
	if r.MultipartForm != nil {
		defer func() { _ = r.MultipartForm.RemoveAll() }() // parts spilled to temporary files
	}
	if oerr != nil {
		writeJSON(w, http.StatusBadRequest, oerr)
		return
	}
	id, secret := p.id, p.secret
	if id == "" || secret == "" {
		writeJSON(w, http.StatusUnauthorized, oauthError{"invalid_client", "client_id and client_secret are required"})
		return
	}
	now := s.now()
	var resp map[string]any
	bad, badCode := "", "invalid_client"
	perr := s.mutate(func(st *store) *apiError {
		p, ok := st.pats[id]
		if !ok {
			c, refused := st.clientSignIn(id, secret, now)
			switch {
			case refused != nil:
				bad, badCode = refused.Description, refused.Error
				return &apiError{}
			case c != nil:
				ident := st.idents[c.OwnerID]
				ttl := min(s.opts.TokenTTL, time.Duration(c.AccessTokenValiditySeconds)*time.Second)
				sess := &session{clientID: c.ID, identityID: ident.ID, rights: effectiveRights(ident.Rights, c.Scope), expires: now.Add(ttl),
					basic: basicScope(c.Scope)}
				resp = s.issue(sess, ident, c.Scope, ttl, now)
				return nil
			}
		}
		switch {
		case !ok || !p.secretMatches(secret):
			bad = "Bad credentials"
			return &apiError{}
		case p.expired(now):
			bad = "The personal access token has expired"
			return &apiError{}
		}
		ident := st.idents[p.OwnerID]
		if ident == nil {
			bad = "The personal access token's owner no longer exists"
			return &apiError{}
		}
		// lastUsed is updated at most once a day, like the real service.
		if p.LastUsed == nil || now.Sub(*p.LastUsed) >= 24*time.Hour {
			t := now.Truncate(time.Millisecond)
			p.LastUsed = &t
		}
		ttl := min(s.opts.TokenTTL, time.Duration(p.AccessTokenValiditySeconds)*time.Second)
		if p.AccessTokenValiditySeconds <= 0 {
			ttl = s.opts.TokenTTL
		}
		sess := &session{clientID: p.ID, identityID: ident.ID, rights: effectiveRights(ident.Rights, p.Scope), expires: now.Add(ttl),
			basic: basicScope(p.Scope)}
		resp = s.issue(sess, ident, p.Scope, ttl, now)
		return nil
	})
	if perr != nil {
		writeJSON(w, http.StatusUnauthorized, oauthError{badCode, bad})
		return
	}
	s.issued.Add(1)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, resp)
}

// issue mints the JWT for sess and records it. Called with s.mu held.
func (s *Server) issue(sess *session, ident *identityRec, scope []string, ttl time.Duration, now time.Time) map[string]any {
	jti := randomHex(16)
	scopes := scope
	if len(scopes) == 0 {
		scopes = []string{"sp:scopes:all"}
	}
	claims := map[string]any{
		"tenant_id": s.tenant.ID, "org": s.tenant.Name, "pod": s.tenant.Pod,
		"identity_id": ident.ID, "user_name": ident.Alias, "authorities": ident.Authorities,
		"client_id": sess.clientID, "scope": scopes, "exp": sess.expires.Unix(), "jti": jti,
		"internal": false, "strong_auth": false, "enabled": true,
	}
	sess.token = s.signJWT(claims)
	s.addSession(sess, now)
	expiresIn := int((ttl + time.Second - 1) / time.Second)
	return map[string]any{
		"access_token": sess.token, "token_type": "bearer", "expires_in": max(expiresIn, 1),
		"scope": strings.Join(scopes, " "), "accessType": "OFFLINE", "tenant_id": s.tenant.ID,
		"internal": false, "pod": s.tenant.Pod, "strong_auth_supported": false, "org": s.tenant.Name,
		"user_id": ident.ID, "identity_id": ident.ID, "user_name": ident.Alias,
		"strong_auth": false, "enabled": true, "jti": jti,
	}
}

func (s *Server) signJWT(claims map[string]any) string {
	enc := base64.RawURLEncoding
	head := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	body, _ := json.Marshal(claims) // plain map of strings, numbers and slices
	unsigned := head + "." + enc.EncodeToString(body)
	mac := hmac.New(sha256.New, s.tenant.key)
	mac.Write([]byte(unsigned))
	return unsigned + "." + enc.EncodeToString(mac.Sum(nil))
}

// basicScope reports scopes that include sp:scopes:default: none given,
// sp:scopes:all or sp:scopes:default.
func basicScope(scopes []string) bool {
	return len(scopes) == 0 || slices.Contains(scopes, "sp:scopes:all") || slices.Contains(scopes, "sp:scopes:default")
}

// effectiveRights is the owner's rights narrowed by the PAT's scopes:
// sp:scopes:all (and :default) keep every right, sp:X grants idn:X, and
// the bulk update's right comes with the scope its operation declares
// (sp:all-personal-access-tokens:manage).
func effectiveRights(rights, scopes []string) []string {
	if len(scopes) == 0 || slices.Contains(scopes, "sp:scopes:all") || slices.Contains(scopes, "sp:scopes:default") {
		return slices.Clone(rights)
	}
	var out []string
	for _, r := range rights {
		if slices.Contains(scopes, "sp:"+strings.TrimPrefix(r, "idn:")) ||
			(r == rightAllPATUpdate && slices.Contains(scopes, "sp:all-personal-access-tokens:manage")) {
			out = append(out, r)
		}
	}
	return out
}

// authenticate checks the bearer token; on failure it returns the 401 text.
func (s *Server) authenticate(r *http.Request) (*session, string) {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if h == "" || !ok || !strings.EqualFold(scheme, "bearer") || strings.TrimSpace(tok) == "" {
		return nil, "JWT validation failed: JWT is missing"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, found := s.sessions[strings.TrimSpace(tok)]
	switch {
	case !found:
		return nil, "JWT validation failed: JWT is invalid"
	case !sess.expires.After(s.now()):
		return nil, "JWT validation failed: JWT is expired"
	}
	c := *sess
	return &c, ""
}

// expireSession makes an access token expire now (early-expiry fault).
func (s *Server) expireSession(sess *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur, ok := s.sessions[sess.token]; ok {
		cur.expires = s.now()
	}
}

// handleInfo is GET /oauth/info, which vanity-URL tenants use to find the
// token endpoint.
func (s *Server) handleInfo(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		writeAPIError(w, &apiError{status: http.StatusMethodNotAllowed, msgs: []string{"use GET"}})
		return
	}
	base := "http://" + r.Host
	writeJSON(w, http.StatusOK, map[string]string{
		"tenantId": s.tenant.ID, "tenantName": s.tenant.Name, "pod": s.tenant.Pod,
		"authorizeEndpoint": base + "/oauth/authorize", "tokenEndpoint": base + "/oauth/token",
		"cloudDomainUrl": base, "logoutUrl": base + "/logout",
	})
}
