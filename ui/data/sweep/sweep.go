// Package sweep is the leaver sweep as data: for one identity, each of
// their tokens and apps and what a sweep would do to it, by the rules
// the views act on (x leaves managed tokens and those that expire
// sooner alone; w reassigns every app). `sailtui report owner NAME`
// writes it as a dry run. It knows nothing of Bubble Tea.
package sweep

import (
	"fmt"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// Action is what a sweep would do to one credential.
type Action string

const (
	Expire   Action = "expire"   // x sets its expiry to the sweep's date
	Delete   Action = "delete"   // expired already: x has nothing to do, d deletes it
	Keep     Action = "keep"     // left alone: managed, or expires sooner anyway
	Reassign Action = "reassign" // w gives the app to another identity
)

// Options are a sweep's judgement and targets.
type Options struct {
	Now        time.Time
	StaleAfter time.Duration
	OwnerRule  bool                  // an inactive owner is a stale reason (the settings' default)
	ExpireAt   time.Time             // x's date
	NewOwner   *client.BaseReference // w's identity; nil: chosen in the view
}

// Owner is the identity swept and what sailtui knows of them.
type Owner struct {
	ID, Name string
	Info     owners.Info
	Read     bool // Info was read (else its columns stay empty)
}

// Plan is the sweep of one owner: a row per token, then per app.
type Plan struct {
	Owner  Owner
	Tokens []client.PersonalAccessToken
	Apps   []client.SourceApp
	Opts   Options
}

// Columns are a sweep report's columns.
func Columns() []string {
	return []string{"kind", "id", "name", "owner_id", "owner_name", "owner_state", "owner_status", "owner_manager",
		"stale", "stale_reason", "risk", "last_used", "expires", "action", "action_detail"}
}

// TokenAction is what the sweep does to t, and why in words.
func (p Plan) TokenAction(t *client.PersonalAccessToken) (Action, string) {
	now, at := p.Opts.Now, p.Opts.ExpireAt
	switch {
	case t.Managed:
		return Keep, "managed by a SailPoint product: left out of bulk actions"
	case t.ExpirationDate != nil && !t.ExpirationDate.After(now):
		return Delete, "expired " + timefmt.Relative(now, *t.ExpirationDate) + ": nothing to expire, d deletes it"
	case pats.ExpiresBy(t, at):
		return Keep, "already expires " + timefmt.Absolute(*t.ExpirationDate) + ", sooner"
	}
	was := "never"
	if t.ExpirationDate != nil {
		was = timefmt.Absolute(*t.ExpirationDate)
	}
	return Expire, "expires " + timefmt.Absolute(at) + " instead of " + was
}

// AppAction is what the sweep does to a.
func (p Plan) AppAction(a *client.SourceApp) (Action, string) {
	to := p.Opts.NewOwner
	switch {
	case to == nil:
		return Reassign, "to the identity you pick (w)"
	case a.Owner != nil && a.Owner.ID == to.ID:
		return Keep, sanitize.Line(to.Name) + "'s already"
	}
	return Reassign, "to " + sanitize.Line(to.Name) + " (" + to.ID + ")"
}

// Table is the plan as a report.
func (p Plan) Table() report.Table {
	after := p.Opts.StaleAfter
	if after <= 0 {
		after = stale.DefaultAfter
	}
	state, status, manager := pats.OwnerColumns(p.Owner.Info, p.Owner.Read)
	judged := p.Owner.Info
	if !p.Opts.OwnerRule {
		judged = owners.Info{}
	}
	rows := make([][]any, 0, len(p.Tokens)+len(p.Apps))
	for i := range p.Tokens {
		t := &p.Tokens[i]
		v := pats.ExplainWith(t, p.Opts.Now, after, judged)
		act, why := p.TokenAction(t)
		rows = append(rows, []any{"token", t.ID, t.Name, t.Owner.ID, t.Owner.Name, state, status, manager,
			v.Stale(), v.String(), pats.RiskOf(t, p.Opts.Now, p.Owner.Info).Names(), t.LastUsed, t.ExpirationDate, string(act), why})
	}
	for i := range p.Apps {
		a := &p.Apps[i]
		act, why := p.AppAction(a)
		rows = append(rows, []any{"app", a.ID, a.Name, p.Owner.ID, p.Owner.Name, state, status, manager,
			nil, nil, nil, nil, nil, string(act), why})
	}
	return report.Table{Columns: Columns(), Rows: rows}
}

// Summary says in one line who the owner is and what a sweep would do:
// "Ada Lovelace (left · Terminated · manager Sandbox Admin): 4 tokens
// (2 to expire, 1 to delete, 1 kept), 3 apps to reassign".
func (p Plan) Summary() string {
	who := sanitize.Line(p.Owner.Name)
	if p.Owner.Read {
		parts := []string{p.Owner.Info.Label()}
		if m := p.Owner.Info.Manager; m != "" {
			parts = append(parts, "manager "+sanitize.Line(m))
		}
		who += " (" + strings.Join(parts, " · ") + ")"
	}
	count := map[Action]int{}
	for i := range p.Tokens {
		a, _ := p.TokenAction(&p.Tokens[i])
		count[a]++
	}
	var what []string
	for _, a := range []struct {
		act  Action
		verb string
	}{{Expire, "to expire"}, {Delete, "to delete"}, {Keep, "kept"}} {
		if n := count[a.act]; n > 0 {
			what = append(what, fmt.Sprintf("%d %s", n, a.verb))
		}
	}
	toks := timefmt.Plural(len(p.Tokens), "token")
	if len(what) > 0 {
		toks += " (" + strings.Join(what, ", ") + ")"
	}
	moved := 0
	for i := range p.Apps {
		if a, _ := p.AppAction(&p.Apps[i]); a == Reassign {
			moved++
		}
	}
	apps := timefmt.Plural(len(p.Apps), "app")
	if len(p.Apps) > 0 {
		apps += fmt.Sprintf(" (%d to reassign)", moved)
	}
	return who + ": " + toks + ", " + apps
}
