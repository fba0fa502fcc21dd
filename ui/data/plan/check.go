package plan

import (
	"fmt"
	"time"

	"github.com/sailtui/sailtui/client"
)

// Verdict is what the check decided for one planned token.
type Verdict int

const (
	Mark      Verdict = iota // unchanged since the report: marked
	Gone                     // no longer listed
	Used                     // used since the report: someone still needs it
	Reowned                  // a different owner now
	Managed                  // managed (an internal API client), and the plan does not say to include it
	Hidden                   // not visible to this identity (its own tokens only)
	Changed                  // an API client modified since the report
	OwnerBack                // the report saw the owner away or gone; active again now
)

// Finding is one planned token's verdict and why.
type Finding struct {
	Item    Item
	Verdict Verdict
	Reason  string
	Token   *client.PersonalAccessToken // as listed now; nil when gone or hidden
	Client  *client.OAuthClient         // an API client plan's, as listed now; nil when gone
}

// Result is a checked plan.
type Result struct {
	Plan     *Plan
	Findings []Finding // in the plan's order
}

// Count is how many findings have verdict v.
func (r Result) Count(v Verdict) int {
	n := 0
	for _, f := range r.Findings {
		if f.Verdict == v {
			n++
		}
	}
	return n
}

// ToMark are the tokens to mark.
func (r Result) ToMark() []client.PersonalAccessToken {
	var out []client.PersonalAccessToken
	for _, f := range r.Findings {
		if f.Verdict == Mark {
			out = append(out, *f.Token)
		}
	}
	return out
}

// ToMarkClients are the API clients to mark.
func (r Result) ToMarkClients() []client.OAuthClient {
	var out []client.OAuthClient
	for _, f := range r.Findings {
		if f.Verdict == Mark {
			out = append(out, *f.Client)
		}
	}
	return out
}

// CheckClients compares an API client plan with the clients listed now:
// gone, used since the report, changed since (modified later), internal
// without the approver's yes, or to mark.
func CheckClients(p *Plan, now []client.OAuthClient) Result {
	byID := make(map[string]*client.OAuthClient, len(now))
	for i := range now {
		byID[now[i].ID] = &now[i]
	}
	res := Result{Plan: p, Findings: make([]Finding, len(p.Items))}
	for i, it := range p.Items {
		f := Finding{Item: it, Client: byID[it.ID]}
		c := f.Client
		switch {
		case c == nil:
			f.Verdict, f.Reason = Gone, "no longer exists"
		case usedSince(it.LastUsed, c.LastUsed):
			f.Verdict, f.Reason = Used, "used since the report: last used "+c.LastUsed.UTC().Format(time.RFC3339)
		case it.Modified != nil && c.Modified.Truncate(time.Second).After(it.Modified.Truncate(time.Second)):
			f.Verdict, f.Reason = Changed, "changed since the report: modified "+c.Modified.UTC().Format(time.RFC3339)
		case c.Internal && !it.IncludeManaged:
			f.Verdict, f.Reason = Managed, "internal: the plan does not include it (include_internal)"
		default:
			f.Verdict = Mark
		}
		res.Findings[i] = f
	}
	return res
}

// Check compares p with the tokens listed now. onlyOwner is the identity
// whose tokens the list holds when it is not tenant-wide ("" when it is):
// another owner's token missing from it is hidden, not gone.
func Check(p *Plan, now []client.PersonalAccessToken, onlyOwner string) Result {
	return CheckOwners(p, now, onlyOwner, nil)
}

// CheckOwners is Check that re-checks the owners' states too (active
// reports an owner active now; nil: not known): a token whose owner the
// report saw away or gone, and who is back, is not marked.
func CheckOwners(p *Plan, now []client.PersonalAccessToken, onlyOwner string, active func(ownerID string) bool) Result {
	byID := make(map[string]*client.PersonalAccessToken, len(now))
	for i := range now {
		byID[now[i].ID] = &now[i]
	}
	res := Result{Plan: p, Findings: make([]Finding, len(p.Items))}
	for i, it := range p.Items {
		f := Finding{Item: it}
		tok := byID[it.ID]
		switch {
		case tok == nil && onlyOwner != "" && it.OwnerID != onlyOwner:
			f.Verdict, f.Reason = Hidden, "not visible: this identity lists only its own tokens"
		case tok == nil:
			f.Verdict, f.Reason = Gone, "no longer exists"
		case usedSince(it.LastUsed, tok.LastUsed):
			f.Verdict, f.Reason = Used, "used since the report: last used "+tok.LastUsed.UTC().Format(time.RFC3339)
		case it.OwnerID != "" && tok.Owner.ID != it.OwnerID:
			f.Verdict, f.Reason = Reowned, fmt.Sprintf("owner changed: %s, was %s", ownerText(tok.Owner.Name, tok.Owner.ID),
				ownerText(it.OwnerName, it.OwnerID))
		case tok.Managed && !it.IncludeManaged:
			f.Verdict, f.Reason = Managed, "managed: the plan does not include it (include_managed)"
		case it.OwnerInactive && active != nil && active(tok.Owner.ID):
			f.Verdict, f.Reason = OwnerBack, "the owner is active again since the report"
		default:
			f.Verdict = Mark
		}
		if f.Verdict != Gone && f.Verdict != Hidden {
			f.Token = tok
		}
		res.Findings[i] = f
	}
	return res
}

// usedSince reports a newer use than the report saw. Reports keep whole
// seconds (RFC 3339), so the server's time is compared at that precision.
func usedSince(reported, now *time.Time) bool {
	if now == nil {
		return false
	}
	return reported == nil || now.Truncate(time.Second).After(reported.Truncate(time.Second))
}

func ownerText(name, id string) string {
	if name == "" {
		return id
	}
	return name
}
