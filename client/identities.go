package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Identity states (PublicIdentity.identityState, isc-api.md §8).
const (
	IdentityActive            = "ACTIVE"
	IdentityInactiveShortTerm = "INACTIVE_SHORT_TERM"
	IdentityInactiveLongTerm  = "INACTIVE_LONG_TERM"
)

// IdentityReference is {type, id, name}: a manager.
type IdentityReference struct {
	Type string `json:"type,omitempty"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// PublicIdentity is what any user may read of an identity: its state,
// lifecycle status and manager.
type PublicIdentity struct {
	ID            string             `json:"id"`
	Name          string             `json:"name"`
	Alias         string             `json:"alias"`
	Email         *string            `json:"email"`
	Status        *string            `json:"status"`
	IdentityState *string            `json:"identityState"`
	Manager       *IdentityReference `json:"manager"`
	Attributes    []PublicAttribute  `json:"attributes,omitempty"`
}

// PublicAttribute is an identity attribute admins made public.
type PublicAttribute struct {
	Key   string  `json:"key"`
	Name  string  `json:"name"`
	Value *string `json:"value"`
}

// State is the identity state, "" when the tenant gives none.
func (p PublicIdentity) State() string {
	if p.IdentityState == nil {
		return ""
	}
	return *p.IdentityState
}

// ListIdentitiesOptions are the public identity list's parameters.
type ListIdentitiesOptions struct {
	Limit, Offset int
	Count         bool
	Filters       string // id eq|in, alias|email|firstname|lastname eq|sw
	Sorters       string // name, -name
}

// ListPublicIdentities reads one page of public identities.
func (c *Client) ListPublicIdentities(ctx context.Context, opts ListIdentitiesOptions) (Page[PublicIdentity], error) {
	q, err := pageQuery(opts.Limit, opts.Offset, opts.Count, opts.Sorters, opts.Filters)
	if err != nil {
		return Page[PublicIdentity]{}, fmt.Errorf("list public identities: %w", err)
	}
	res, err := c.do(ctx, &call{method: http.MethodGet, path: c.family.PublicIdentitiesPath(), query: q, retry: retrySafe})
	if err != nil {
		return Page[PublicIdentity]{}, fmt.Errorf("list public identities: %w", err)
	}
	var items []PublicIdentity
	if err := json.Unmarshal(res.body, &items); err != nil {
		return Page[PublicIdentity]{}, fmt.Errorf("list public identities: decode response: %w", err)
	}
	total := -1
	if opts.Count {
		total = totalCount(res.header.Get("X-Total-Count"))
	}
	return Page[PublicIdentity]{Items: items, Offset: opts.Offset, Total: total}, nil
}

// AuthUser is an identity's sign-in record: its capabilities (ORG_ADMIN,
// SOURCE_ADMIN, …) and logins. Reading it needs sp:auth-user:read.
type AuthUser struct {
	Tenant       string   `json:"tenant"`
	ID           string   `json:"id"`
	UID          string   `json:"uid"`
	Profile      string   `json:"profile"`
	DisplayName  string   `json:"displayName"`
	Alias        string   `json:"alias"`
	Email        *string  `json:"email"`
	Capabilities []string `json:"capabilities"`
	// The logins are epoch milliseconds (the spec's example reads so).
	LastLoginTimestamp    int64 `json:"lastLoginTimestamp"`
	CurrentLoginTimestamp int64 `json:"currentLoginTimestamp"`
}

// LastLogin is the last login's time (false when there is none).
func (a AuthUser) LastLogin() (time.Time, bool) {
	if a.LastLoginTimestamp <= 0 {
		return time.Time{}, false
	}
	return time.UnixMilli(a.LastLoginTimestamp).UTC(), true
}

// GetAuthUser reads the auth user of identity id.
func (c *Client) GetAuthUser(ctx context.Context, id string) (*AuthUser, error) {
	p, err := c.itemPath(c.family.AuthUsersPath(), id)
	if err != nil {
		return nil, fmt.Errorf("get auth user: %w", err)
	}
	var out AuthUser
	if err := c.doJSON(ctx, &call{method: http.MethodGet, path: p, retry: retrySafe}, &out); err != nil {
		return nil, fmt.Errorf("get auth user %s: %w", id, err)
	}
	return &out, nil
}
