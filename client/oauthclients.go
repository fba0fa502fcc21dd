package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/sailtui/sailtui/patchdiff"
)

// OAuthClient is an API client (GetOAuthClientResponse, isc-api.md §7).
// Its id is the OAuth client_id, an opaque string in two shapes. Nullable
// members are pointers so a round trip keeps null apart from "".
type OAuthClient struct {
	ID                          string     `json:"id"`
	BusinessName                *string    `json:"businessName"`
	HomepageURL                 *string    `json:"homepageUrl"`
	Name                        string     `json:"name"`
	Description                 *string    `json:"description"`
	AccessTokenValiditySeconds  int        `json:"accessTokenValiditySeconds"`
	RefreshTokenValiditySeconds int        `json:"refreshTokenValiditySeconds"`
	RedirectURIs                []string   `json:"redirectUris"`
	GrantTypes                  []string   `json:"grantTypes"`
	AccessType                  string     `json:"accessType"`
	Type                        string     `json:"type"`
	Internal                    bool       `json:"internal"`
	Enabled                     bool       `json:"enabled"`
	StrongAuthSupported         bool       `json:"strongAuthSupported"`
	ClaimsSupported             bool       `json:"claimsSupported"`
	Created                     time.Time  `json:"created"`
	Modified                    time.Time  `json:"modified"`
	Metadata                    *string    `json:"metadata,omitempty"`
	LastUsed                    *time.Time `json:"lastUsed,omitempty"`
	Scope                       []string   `json:"scope"`
}

// The grant types, access types and client types of the schema.
const (
	GrantClientCredentials = "CLIENT_CREDENTIALS"
	GrantAuthorizationCode = "AUTHORIZATION_CODE"
	GrantRefreshToken      = "REFRESH_TOKEN"
	AccessOnline           = "ONLINE"
	AccessOffline          = "OFFLINE"
	ClientConfidential     = "CONFIDENTIAL"
	ClientPublic           = "PUBLIC"
)

// GrantTypes are the schema's grant types, in its order.
func GrantTypes() []string {
	return []string{GrantClientCredentials, GrantAuthorizationCode, GrantRefreshToken}
}

// OAuthClientPatchable are the members PATCH takes (the spec's list, less
// tenant, which no schema has). scope, type and internal are not.
func OAuthClientPatchable() []string {
	return []string{"businessName", "homepageUrl", "name", "description", "accessTokenValiditySeconds",
		"refreshTokenValiditySeconds", "redirectUris", "grantTypes", "accessType", "enabled", "strongAuthSupported", "claimsSupported"}
}

// CreateOAuthClientRequest is the create body. name, description,
// accessTokenValiditySeconds, grantTypes, accessType and enabled are
// required; a missing scope means sp:scopes:all, all the creator's rights.
type CreateOAuthClientRequest struct {
	Name                        string   `json:"name"`
	Description                 string   `json:"description"`
	BusinessName                *string  `json:"businessName,omitempty"`
	HomepageURL                 *string  `json:"homepageUrl,omitempty"`
	AccessTokenValiditySeconds  int      `json:"accessTokenValiditySeconds"`
	RefreshTokenValiditySeconds *int     `json:"refreshTokenValiditySeconds,omitempty"`
	RedirectURIs                []string `json:"redirectUris,omitempty"`
	GrantTypes                  []string `json:"grantTypes"`
	AccessType                  string   `json:"accessType"`
	Type                        string   `json:"type,omitempty"`
	Internal                    *bool    `json:"internal,omitempty"`
	Enabled                     bool     `json:"enabled"`
	StrongAuthSupported         *bool    `json:"strongAuthSupported,omitempty"`
	ClaimsSupported             *bool    `json:"claimsSupported,omitempty"`
	Scope                       []string `json:"scope,omitempty"`
}

// CreatedOAuthClient is the create answer: the client and, this once,
// its secret.
type CreatedOAuthClient struct {
	OAuthClient
	Secret string `json:"secret"`
}

// Check refuses a create the server would refuse, before it is sent.
func (r CreateOAuthClientRequest) Check() error {
	switch {
	case strings.TrimSpace(r.Name) == "":
		return errors.New("name is required")
	case strings.TrimSpace(r.Description) == "":
		return errors.New("description is required")
	case len(r.GrantTypes) == 0:
		return errors.New("at least one grant type is required")
	case r.AccessTokenValiditySeconds <= 0:
		return errors.New("access token validity must be a positive number of seconds")
	case r.AccessType != AccessOnline && r.AccessType != AccessOffline:
		return fmt.Errorf("access type %q is not ONLINE or OFFLINE", r.AccessType)
	}
	for _, g := range r.GrantTypes {
		if !slices.Contains(GrantTypes(), g) {
			return fmt.Errorf("grant type %q is not one of %s", g, strings.Join(GrantTypes(), ", "))
		}
	}
	if slices.Contains(r.GrantTypes, GrantAuthorizationCode) && len(r.RedirectURIs) == 0 {
		return errors.New("the authorization code grant needs at least one redirect URI")
	}
	for _, u := range r.RedirectURIs {
		if p, err := url.Parse(u); err != nil || p.Scheme == "" || p.Host == "" {
			return fmt.Errorf("redirect URI %q is not an absolute URL", u)
		}
	}
	return nil
}

// ListOAuthClients lists every API client (the API has no paging);
// filters takes lastUsed le|isnull only.
func (c *Client) ListOAuthClients(ctx context.Context, filters string) ([]OAuthClient, error) {
	q := url.Values{}
	if f := strings.TrimSpace(filters); f != "" {
		q.Set("filters", f)
	}
	var out []OAuthClient
	err := c.doJSON(ctx, &call{method: http.MethodGet, path: c.family.OAuthClientsPath(), query: q, retry: retrySafe}, &out)
	if err != nil {
		return nil, fmt.Errorf("list API clients: %w", err)
	}
	if out == nil {
		out = []OAuthClient{}
	}
	return out, nil
}

// GetOAuthClient reads one API client.
func (c *Client) GetOAuthClient(ctx context.Context, id string) (*OAuthClient, error) {
	p, err := c.itemPath(c.family.OAuthClientsPath(), id)
	if err != nil {
		return nil, fmt.Errorf("get API client: %w", err)
	}
	var out OAuthClient
	if err := c.doJSON(ctx, &call{method: http.MethodGet, path: p, retry: retrySafe}, &out); err != nil {
		return nil, fmt.Errorf("get API client %s: %w", id, err)
	}
	return &out, nil
}

// CreateOAuthClientOutcome creates an API client; the secret is in the
// answer and nowhere else, ever. Never retried (a POST).
func (c *Client) CreateOAuthClientOutcome(ctx context.Context, req CreateOAuthClientRequest) (*CreatedOAuthClient, Outcome, error) {
	if err := req.Check(); err != nil {
		return nil, Outcome{}, fmt.Errorf("create API client: %w", err)
	}
	body, err := encodeBody(req)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("create API client: %w", err)
	}
	var out CreatedOAuthClient
	oc, err := c.doJSONOutcome(ctx, &call{method: http.MethodPost, path: c.family.OAuthClientsPath(), body: body,
		contentType: acceptJSON, retry: retryNever}, &out)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("create API client %q: %w", req.Name, err)
	}
	return &out, oc, nil
}

// PatchOAuthClientOutcome applies JSON Patch ops and returns the client's
// new state; retried after a 5xx only when a test op guards it.
func (c *Client) PatchOAuthClientOutcome(ctx context.Context, id string, ops patchdiff.Patch) (*OAuthClient, Outcome, error) {
	p, err := c.itemPath(c.family.OAuthClientsPath(), id)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("patch API client: %w", err)
	}
	body, err := patchBody(ops)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("patch API client %s: %w", id, err)
	}
	var out OAuthClient
	oc, err := c.doJSONOutcome(ctx, &call{method: http.MethodPatch, path: p, body: body, contentType: jsonPatchType,
		retry: patchRetry(ops)}, &out)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("patch API client %s: %w", id, err)
	}
	return &out, oc, nil
}

// DeleteOAuthClientOutcome deletes an API client (204), with the 404
// rules of DeletePAT.
func (c *Client) DeleteOAuthClientOutcome(ctx context.Context, id string) (Outcome, error) {
	p, err := c.itemPath(c.family.OAuthClientsPath(), id)
	if err != nil {
		return Outcome{}, fmt.Errorf("delete API client: %w", err)
	}
	res, err := c.do(ctx, &call{method: http.MethodDelete, path: p, retry: retrySafe, deleteCall: true})
	if err != nil {
		return Outcome{}, fmt.Errorf("delete API client %s: %w", id, err)
	}
	return outcomeOf(res), nil
}
