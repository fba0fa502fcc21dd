// Package owners is what sailtui knows of the identities that own
// tokens and apps: their state (active, away, left), lifecycle status,
// manager and, where readable, admin capabilities and last login. It
// reads them in batches from the public identities and auth users APIs
// and keeps them as immutable snapshots. It knows nothing of Bubble Tea.
package owners

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// State is an owner's state as far as sailtui knows it.
type State uint8

const (
	Unknown State = iota // not read yet
	Active
	Away    // INACTIVE_SHORT_TERM: on leave
	Left    // INACTIVE_LONG_TERM: gone
	Missing // no identity with that id: gone too
	Refused // the identity APIs were refused; Why says why
)

// Info is one owner.
type Info struct {
	State                  State
	Status, Manager, Email string
	Why                    string // for Refused
	// Capabilities are the auth user's (ORG_ADMIN, …) when CapsKnown;
	// CapsWhy says why they could not be read.
	Capabilities []string
	CapsKnown    bool
	CapsWhy      string
	LastLogin    *time.Time
}

// Inactive reports an owner on leave, gone, or with no identity.
func (i Info) Inactive() bool { return i.State == Away || i.State == Left || i.State == Missing }

// Admin reports an admin capability (ORG_ADMIN, SOURCE_ADMIN, …).
func (i Info) Admin() bool {
	return slices.ContainsFunc(i.Capabilities, func(c string) bool { return strings.HasSuffix(c, "_ADMIN") })
}

// Label says the state in words: "left (Terminated)".
func (i Info) Label() string {
	word := map[State]string{Unknown: "not read yet", Active: "active", Away: "away", Left: "left", Missing: "no such identity",
		Refused: "unknown"}[i.State]
	if i.Status != "" && (i.State == Away || i.State == Left) {
		word += " (" + i.Status + ")"
	}
	return word
}

// Directory is a snapshot of what is known, by identity id. It is never
// written once made: With returns a new one, so a row build in the
// background reads a stable copy.
type Directory struct{ m map[string]Info }

// Get is id's info (the zero Info, Unknown, when not read).
func (d Directory) Get(id string) Info { return d.m[id] }

// Len is how many owners are known.
func (d Directory) Len() int { return len(d.m) }

// Has reports whether id was read (or refused).
func (d Directory) Has(id string) bool {
	_, ok := d.m[id]
	return ok
}

// With is d plus add (add wins).
func (d Directory) With(add map[string]Info) Directory {
	m := make(map[string]Info, len(d.m)+len(add))
	for k, v := range d.m {
		m[k] = v
	}
	for k, v := range add {
		if old, ok := m[k]; ok && !v.CapsKnown && v.CapsWhy == "" {
			v.Capabilities, v.CapsKnown, v.CapsWhy = old.Capabilities, old.CapsKnown, old.CapsWhy
		}
		m[k] = v
	}
	return Directory{m: m}
}

// Service is what lookups need of the client.
type Service interface {
	ListPublicIdentities(ctx context.Context, opts client.ListIdentitiesOptions) (client.Page[client.PublicIdentity], error)
	GetAuthUser(ctx context.Context, id string) (*client.AuthUser, error)
}

// MaxFilter bounds one `id in (…)` filter: with the rest of the URL it
// stays far under the 8 KB a gateway takes.
const MaxFilter = 3000

// Chunks splits ids (distinct, non-empty) into the `id in (…)` filters
// of at most maxLen characters each.
func Chunks(ids []string, maxLen int) []string {
	var out []string
	var cur []any
	flush := func() {
		if len(cur) > 0 {
			out = append(out, filter.In("id", cur...).String())
			cur = nil
		}
	}
	size := 0
	for _, id := range ids {
		n := len(id) + 4 // quotes, comma, space
		if len(cur) > 0 && (size+n > maxLen || len(cur) == 250) {
			flush()
			size = 0
		}
		cur, size = append(cur, id), size+n
	}
	flush()
	return out
}

// Lookup reads the public identities of ids in one filtered request per
// chunk (paged, should a chunk fill more than a page): ids the tenant
// does not have are Missing. Refused (403) marks every id Refused with
// the server's reason; any other error is returned with what was read.
func Lookup(ctx context.Context, svc Service, ids []string) (map[string]Info, error) {
	out := make(map[string]Info, len(ids))
	for _, expr := range Chunks(ids, MaxFilter) {
		for off := 0; ; {
			page, err := svc.ListPublicIdentities(ctx, client.ListIdentitiesOptions{Filters: expr, Limit: 250, Offset: off})
			if client.IsForbidden(err) {
				for _, id := range ids {
					out[id] = Info{State: Refused, Why: refusal(err)}
				}
				return out, nil
			}
			if err != nil {
				return out, fmt.Errorf("read owners: %w", err)
			}
			for _, p := range page.Items {
				out[p.ID] = infoOf(p)
			}
			if len(page.Items) < 250 {
				break
			}
			off += len(page.Items)
		}
	}
	for _, id := range ids {
		if _, ok := out[id]; !ok {
			out[id] = Info{State: Missing}
		}
	}
	return out, nil
}

func infoOf(p client.PublicIdentity) Info {
	i := Info{State: Active}
	switch p.State() {
	case client.IdentityInactiveShortTerm:
		i.State = Away
	case client.IdentityInactiveLongTerm:
		i.State = Left
	}
	if p.Status != nil {
		i.Status = *p.Status
	}
	if p.Email != nil {
		i.Email = *p.Email
	}
	if p.Manager != nil {
		i.Manager = p.Manager.Name
	}
	return i
}

func refusal(err error) string {
	if ae, ok := client.AsAPIError(err); ok {
		return ae.Message()
	}
	return err.Error()
}

// Capabilities reads the auth users of ids, one request each, into
// their infos in d's copy: a 403 stops at once (every id then says why),
// a 404 is an identity without a sign-in (no capabilities).
func Capabilities(ctx context.Context, svc Service, d Directory, ids []string) (map[string]Info, error) {
	out := make(map[string]Info, len(ids))
	for n, id := range ids {
		i := d.Get(id)
		au, err := svc.GetAuthUser(ctx, id)
		switch {
		case client.IsForbidden(err):
			why := refusal(err)
			for _, rest := range ids[n:] {
				r := d.Get(rest)
				r.CapsWhy = why
				out[rest] = r
			}
			return out, nil
		case client.IsNotFound(err):
			i.CapsKnown = true
		case err != nil:
			return out, fmt.Errorf("read admin capabilities: %w", err)
		default:
			i.Capabilities, i.CapsKnown = au.Capabilities, true
			if t, ok := au.LastLogin(); ok {
				i.LastLogin = &t
			}
		}
		out[id] = i
	}
	return out, nil
}

// DetailLines are the owner's state for the details: who to ask (the
// manager), lifecycle status, admin capabilities and last login, or why
// they are not known. asked: their capabilities are being read.
func DetailLines(i Info, reading, asked bool) []string {
	switch {
	case !reading:
		return nil
	case i.State == Unknown:
		return []string{"state: not read yet"}
	case i.State == Refused:
		return []string{"state: unknown: the identity APIs were refused (" + i.Why + ")"}
	}
	out := []string{"state: " + i.Label()}
	if i.Manager != "" {
		out = append(out, "manager: "+i.Manager+" (who to ask)")
	}
	switch {
	case i.CapsKnown && len(i.Capabilities) > 0:
		out = append(out, "capabilities: "+strings.Join(i.Capabilities, ", "))
	case i.CapsKnown:
		out = append(out, "capabilities: none")
	case i.CapsWhy != "":
		out = append(out, "capabilities: not readable ("+i.CapsWhy+")")
	case asked:
		out = append(out, "capabilities: reading"+"…")
	}
	if i.LastLogin != nil {
		out = append(out, "last login: "+timefmt.Absolute(*i.LastLogin))
	}
	return out
}
