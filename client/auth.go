package client

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Session describes who the client is authenticated as.
type Session struct {
	IdentityID, UserName, TenantID, Org string
	Scopes                              []string
	ExpiresAt                           time.Time
}

// tokenCache holds the current access token. fetching is a one-slot
// semaphore so concurrent callers share one token request, and a waiting
// caller can still give up when its context ends.
type tokenCache struct {
	fetching chan struct{}
	mu       sync.Mutex
	token    string
	worked   bool // the server has accepted token at least once
	// accepted counts answers that show the server took one of this
	// client's tokens: any at all means the credentials and gateway are
	// fine, and a rising count that other calls make progress.
	accepted  uint64
	refreshAt time.Time
	session   Session
}

func (t *tokenCache) init() { t.fetching = make(chan struct{}, 1) }

func (t *tokenCache) current(now time.Time) (string, Session, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.token == "" || !now.Before(t.refreshAt) {
		return "", Session{}, false
	}
	return t.token, t.session, true
}

// accept records that the server took tok, if it is still the cached one.
func (t *tokenCache) accept(tok string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.token == tok {
		t.worked = true
	}
	t.accepted++
}

// reject handles a 401 for tok. If tok is still the cached one it is
// dropped, so many calls rejected with one token cause one refresh, and
// worked says whether the server had taken it before. dropped is false
// when a concurrent caller has already dropped or replaced it.
func (t *tokenCache) reject(tok string) (dropped, worked bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.token != tok {
		return false, false
	}
	t.token = ""
	return true, t.worked
}

// acceptedCount is how many answers showed a token of this client was
// accepted.
func (t *tokenCache) acceptedCount() uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.accepted
}

// store caches a newly fetched token.
func (t *tokenCache) store(tok string, refreshAt time.Time, s Session) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.token, t.refreshAt, t.session, t.worked = tok, refreshAt, s, false // accepted stays
}

// maxStaleTokenRetries bounds one call's free retries after 401s in a
// row with no token accepted anywhere in the client meanwhile, so a server
// that keeps rejecting tokens cannot keep a call looping. It is generous
// because a call left alone at the end of a bulk run sees no one else's
// progress: at a 50 % early-expiry rate, 32 expiries in a row happen once
// in four billion calls. While other calls get through the streak restarts,
// up to maxTokenRetries in all. A client none of whose tokens was ever
// accepted gets maxUnprovenRetries: the server may be calling every token
// expired (a skewed clock), which no retry fixes.
const (
	maxStaleTokenRetries = 32
	maxUnprovenRetries   = 2
	maxTokenRetries      = 256
)

// reauthBudget is how one call answers 401s. A 401 that is an expiry the
// client can recover from is retried at once with a fresh token (one
// refresh serves every call rejected with the same token): the token was
// already dropped or replaced by a concurrent caller; or it, or any token
// of this client, has worked, so fresh tokens do work; or the server said
// "expired", so it recognised the token. Any other 401 may mean no token
// will work, so it forces a re-auth at most once and the next is returned.
type reauthBudget struct {
	stale, total int    // free retries: in a row without progress, in all
	seen         uint64 // tokenCache.accepted at the last 401
	forced       bool   // the one forced re-auth is spent
}

// retry reports whether the call should be sent again after tok got a
// 401; expired says the server called the token expired.
func (b *reauthBudget) retry(t *tokenCache, tok string, expired bool) bool {
	dropped, worked := t.reject(tok)
	accepted := t.acceptedCount()
	if accepted != b.seen { // tokens got through since the last 401
		b.seen, b.stale = accepted, 0
	}
	limit := maxStaleTokenRetries
	if accepted == 0 {
		limit = maxUnprovenRetries
	}
	recoverable := !dropped || worked || expired || accepted > 0
	if recoverable && b.stale < limit && b.total < maxTokenRetries {
		b.stale++
		b.total++
		return true
	}
	if b.forced {
		return false
	}
	b.forced = true
	return true
}

// refreshLead is how long before expiry a token is replaced: a fifth of its
// lifetime, but at least 30 s for lifetimes long enough to afford it, so a
// call never goes out with a token about to expire in flight.
func refreshLead(ttl time.Duration) time.Duration {
	return max(ttl/5, min(30*time.Second, ttl/2))
}

// Authenticate fetches a token (or reuses the cached one) and returns the
// session it belongs to. Wrong credentials give a 401 *APIError carrying
// the server's message.
func (c *Client) Authenticate(ctx context.Context) (Session, error) {
	_, s, err := c.accessToken(ctx)
	if err != nil {
		return Session{}, err
	}
	return s, nil
}

// accessToken returns a valid bearer token, fetching one when needed.
func (c *Client) accessToken(ctx context.Context) (string, Session, error) {
	if tok, s, ok := c.auth.current(c.now()); ok {
		return tok, s, nil
	}
	select {
	case c.auth.fetching <- struct{}{}:
	case <-ctx.Done():
		return "", Session{}, fmt.Errorf("authenticate: %w", ctx.Err())
	}
	defer func() { <-c.auth.fetching }()
	// Someone else may have fetched while we waited for the slot.
	if tok, s, ok := c.auth.current(c.now()); ok {
		return tok, s, nil
	}
	tr, obtained, err := c.fetchToken(ctx)
	if err != nil {
		return "", Session{}, err
	}
	ttl := time.Duration(tr.ExpiresIn) * time.Second
	if ttl <= 0 {
		ttl = 12 * time.Hour // documented default when the server omits it
	}
	s := sessionFrom(tr, obtained.Add(ttl))
	c.auth.store(tr.AccessToken, obtained.Add(ttl-refreshLead(ttl)), s)
	return tr.AccessToken, s, nil
}

// fetchToken runs the client-credentials grant with a form body. It is not
// paced (the gateway does not count it) but is retried like a safe call:
// minting a second token is harmless.
func (c *Client) fetchToken(ctx context.Context) (TokenResponse, time.Time, error) {
	form := url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {c.clientID},
		"client_secret": {c.clientSecret},
	}
	obtained := c.now()
	res, err := c.do(ctx, &call{
		method:      http.MethodPost,
		path:        "/oauth/token",
		body:        []byte(form.Encode()),
		contentType: "application/x-www-form-urlencoded",
		tokenCall:   true,
		retry:       retrySafe,
	})
	if err != nil {
		if e, ok := AsAPIError(err); ok {
			c.redact(e)
		}
		return TokenResponse{}, obtained, fmt.Errorf("authenticate: %w", err)
	}
	var tr TokenResponse
	if err := json.Unmarshal(res.body, &tr); err != nil {
		return TokenResponse{}, obtained, fmt.Errorf("authenticate: decode token response: %w", err)
	}
	if tr.AccessToken == "" {
		return TokenResponse{}, obtained, fmt.Errorf("authenticate: token response has no access_token")
	}
	return tr, obtained, nil
}

// redact removes the client secret from an error the token endpoint
// produced, in case the server echoes the request back.
func (c *Client) redact(e *APIError) {
	if c.clientSecret == "" {
		return
	}
	secret := []byte(c.clientSecret)
	e.Body = bytes.ReplaceAll(e.Body, secret, []byte("[redacted]"))
	e.errorText = strings.ReplaceAll(e.errorText, c.clientSecret, "[redacted]")
	e.messageText = strings.ReplaceAll(e.messageText, c.clientSecret, "[redacted]")
	for _, list := range [][]ErrorMessage{e.Messages, e.Causes} {
		for i := range list {
			list[i].Text = strings.ReplaceAll(list[i].Text, c.clientSecret, "[redacted]")
		}
	}
}

// sessionFrom prefers the token response's fields and falls back to the
// JWT's claims (ISC puts identity_id, user_name, org and tenant_id in both,
// but not every deployment fills the response).
func sessionFrom(tr TokenResponse, expires time.Time) Session {
	s := Session{
		IdentityID: tr.IdentityID,
		UserName:   tr.UserName,
		TenantID:   tr.TenantID,
		Org:        tr.Org,
		Scopes:     strings.Fields(tr.Scope),
		ExpiresAt:  expires,
	}
	claims := jwtClaims(tr.AccessToken)
	fill := func(dst *string, key string) {
		if *dst == "" {
			if v, ok := claims[key].(string); ok {
				*dst = v
			}
		}
	}
	fill(&s.IdentityID, "identity_id")
	fill(&s.UserName, "user_name")
	fill(&s.TenantID, "tenant_id")
	fill(&s.Org, "org")
	if len(s.Scopes) == 0 {
		switch v := claims["scope"].(type) {
		case string:
			s.Scopes = strings.Fields(v)
		case []any:
			for _, x := range v {
				if str, ok := x.(string); ok {
					s.Scopes = append(s.Scopes, str)
				}
			}
		}
	}
	return s
}

// jwtClaims decodes a JWT payload without verifying it: it is only used to
// label the session, never to make security decisions. Opaque tokens give nil.
func jwtClaims(token string) map[string]any {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil
	}
	var claims map[string]any
	if json.Unmarshal(raw, &claims) != nil {
		return nil
	}
	return claims
}
