package sandbox

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"slices"
	"time"

	"github.com/sailtui/sailtui/client"
)

// Rights (the API's prose calls them rights with an idn: prefix; scopes on
// the wire use sp:). An access token carries the intersection of its
// owner's rights and its PAT's scopes.
const (
	rightMyPATRead    = "idn:my-personal-access-tokens:read"
	rightMyPATManage  = "idn:my-personal-access-tokens:manage"
	rightAllPATRead   = "idn:all-personal-access-tokens:read"
	rightAllPATManage = "idn:all-personal-access-tokens:manage"
	// rightAllPATUpdate is the bulk update's right (isc-api.md §10); the
	// extract grants it with the scope sp:all-personal-access-tokens:manage.
	rightAllPATUpdate   = "idn:all-personal-access-tokens:update"
	rightManagedPATRead = "idn:managed-personal-access-tokens:read"
	rightAppRead        = "idn:app-roles:read"
	rightAppManage      = "idn:app-roles:manage"

	authorityOrgAdmin = "ORG_ADMIN"
)

func adminRights() []string {
	return []string{rightMyPATRead, rightMyPATManage, rightAllPATRead, rightAllPATManage, rightAllPATUpdate,
		rightManagedPATRead, rightAppRead, rightAppManage, rightClientRead, rightClientManage, rightAuthUserRead}
}

func userRights() []string { return []string{rightMyPATRead, rightMyPATManage, rightAppRead} }

// identityRec is a person (or bot) in the tenant.
type identityRec struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Alias       string   `json:"alias"` // user_name in tokens
	Authorities []string `json:"authorities"`
	Rights      []string `json:"rights"`
	Assigned    []string `json:"assigned"` // source app ids assigned to this identity
	// What public identities and auth users tell (isc-api.md §8, §9):
	// the state ("" reads as ACTIVE), the lifecycle status, the manager,
	// admin capabilities and the last login.
	State        string     `json:"identityState,omitempty"`
	Status       string     `json:"status,omitempty"`
	Email        string     `json:"email,omitempty"`
	ManagerID    string     `json:"managerId,omitempty"`
	Capabilities []string   `json:"capabilities,omitempty"`
	LastLogin    *time.Time `json:"lastLogin,omitempty"`
}

// patRec is a stored personal access token. Only a hash of the secret is
// kept, so a persisted state file never holds a usable secret.
type patRec struct {
	ID                         string     `json:"id"`
	Name                       string     `json:"name"`
	SecretHash                 string     `json:"secretHash"`
	Scope                      []string   `json:"scope"`
	OwnerID                    string     `json:"ownerId"`
	Created                    time.Time  `json:"created"`
	LastUsed                   *time.Time `json:"lastUsed"`
	Managed                    bool       `json:"managed"`
	AccessTokenValiditySeconds int        `json:"accessTokenValiditySeconds"`
	ExpirationDate             *time.Time `json:"expirationDate"`
	UserAwareTokenNeverExpires bool       `json:"userAwareTokenNeverExpires"`
}

func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

func (p *patRec) secretMatches(secret string) bool {
	return subtle.ConstantTimeCompare([]byte(p.SecretHash), []byte(hashSecret(secret))) == 1
}

func (p *patRec) expired(now time.Time) bool {
	return p.ExpirationDate != nil && !p.ExpirationDate.After(now)
}

// appRec is a stored source app; SourceApp.AccessProfiles always holds the
// attached access profile ids (GET responses drop it, PATCH responses show it).
type appRec struct {
	client.SourceApp
}

func (a *appRec) clone() *appRec {
	c := *a
	if a.AccountSource != nil {
		src := *a.AccountSource
		src.PasswordPolicies = slices.Clone(a.AccountSource.PasswordPolicies)
		c.AccountSource = &src
	}
	if a.Owner != nil {
		o := *a.Owner
		c.Owner = &o
	}
	c.AccessProfiles = slices.Clone(a.AccessProfiles)
	if c.AccessProfiles == nil {
		c.AccessProfiles = []string{}
	}
	return &c
}

// store is the tenant's data. Every method expects Server.mu to be held.
type store struct {
	version  uint64
	idents   map[string]*identityRec
	identOrd []string
	pats     map[string]*patRec
	patOrder []string
	apps     map[string]*appRec
	appOrder []string
	sources  map[string]*client.AccountSource
	srcOrder []string
	aps      map[string]*client.AccessProfileDetails
	apOrder  []string
	clients  map[string]*clientRec
	// clientOrder is the API clients' ids in insertion order.
	clientOrder []string
	adminID     string
	userID      string
}

func newStore() *store {
	return &store{
		idents:  map[string]*identityRec{},
		pats:    map[string]*patRec{},
		apps:    map[string]*appRec{},
		sources: map[string]*client.AccountSource{},
		aps:     map[string]*client.AccessProfileDetails{},
		clients: map[string]*clientRec{},
	}
}

// put stores v under id in m, appending id to order when it is new: each
// collection is a map for lookups plus its ids in insertion order.
func put[T any](m map[string]T, order *[]string, id string, v T) {
	if _, ok := m[id]; !ok {
		*order = append(*order, id)
	}
	m[id] = v
}

func (st *store) addIdentity(i *identityRec) { put(st.idents, &st.identOrd, i.ID, i) }

func (st *store) addPAT(p *patRec) { put(st.pats, &st.patOrder, p.ID, p) }

func (st *store) removePAT(id string) {
	delete(st.pats, id)
	st.patOrder = slices.DeleteFunc(st.patOrder, func(x string) bool { return x == id })
}

func (st *store) addApp(a *appRec) { put(st.apps, &st.appOrder, a.ID, a) }

func (st *store) removeApp(id string) {
	delete(st.apps, id)
	st.appOrder = slices.DeleteFunc(st.appOrder, func(x string) bool { return x == id })
	for _, i := range st.idents {
		i.Assigned = slices.DeleteFunc(i.Assigned, func(x string) bool { return x == id })
	}
}

func (st *store) addSource(s *client.AccountSource) { put(st.sources, &st.srcOrder, s.ID, s) }

func (st *store) addAccessProfile(ap *client.AccessProfileDetails) {
	put(st.aps, &st.apOrder, ap.ID, ap)
}

// nameTaken reports whether owner already has a PAT called name (other
// than except).
func (st *store) nameTaken(ownerID, name, except string) bool {
	for _, p := range st.pats {
		if p.OwnerID == ownerID && p.Name == name && p.ID != except {
			return true
		}
	}
	return false
}

func (st *store) owner(id string) client.PatOwner {
	o := client.PatOwner{Type: "IDENTITY", ID: id}
	if i, ok := st.idents[id]; ok {
		o.Name = i.Name
	}
	return o
}

// patModel is the full (v2025+) view of a PAT.
func (st *store) patModel(p *patRec) client.PersonalAccessToken {
	return client.PersonalAccessToken{
		ID:                         p.ID,
		Name:                       p.Name,
		Scope:                      slices.Clone(p.Scope),
		Owner:                      st.owner(p.OwnerID),
		Created:                    p.Created,
		LastUsed:                   cloneTime(p.LastUsed),
		Managed:                    p.Managed,
		AccessTokenValiditySeconds: p.AccessTokenValiditySeconds,
		ExpirationDate:             cloneTime(p.ExpirationDate),
		UserAwareTokenNeverExpires: p.UserAwareTokenNeverExpires,
	}
}

func cloneTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	c := *t
	return &c
}

// ensureCredentials makes sure the admin's and the user's credential PATs
// exist with the configured secrets (after a state load the secret may have
// been changed on the command line).
func (st *store) ensureCredentials(adminID, adminSecret string, now time.Time) (admin, user Credential) {
	put := func(id, secret, ownerID, name string) {
		p, ok := st.pats[id]
		if !ok {
			p = &patRec{
				ID: id, Name: name, Scope: []string{"sp:scopes:all"}, OwnerID: ownerID,
				Created: now.Add(-30 * 24 * time.Hour).Truncate(time.Millisecond), AccessTokenValiditySeconds: 43200,
				UserAwareTokenNeverExpires: true,
			}
			for st.nameTaken(ownerID, p.Name, id) {
				p.Name += " (sandbox)"
			}
			st.addPAT(p)
		}
		p.OwnerID = ownerID
		p.SecretHash = hashSecret(secret)
	}
	put(adminID, adminSecret, st.adminID, "sailtui sandbox admin")
	put(DefaultUserClientID, DefaultUserClientSecret, st.userID, "sailtui sandbox user")
	admin = Credential{ClientID: adminID, ClientSecret: adminSecret, IdentityID: st.adminID, Name: st.idents[st.adminID].Name}
	user = Credential{ClientID: DefaultUserClientID, ClientSecret: DefaultUserClientSecret, IdentityID: st.userID, Name: st.idents[st.userID].Name}
	return admin, user
}
