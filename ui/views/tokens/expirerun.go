package tokens

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// Who may change a token's expiry, and how (isc-api.md §10): the owner
// with the single-token PATCH, guarded by a test of the current value; an
// admin, for other owners' tokens, only with the bulk update, which takes
// one patch for up to 25 tokens and has no per-token guard. So a run that
// sets expiries splits by owner: the caller's own tokens keep their
// guarded patches, the others go 25 to a request, and just before each
// request sailtui lists the tokens again and leaves out any whose expiry
// changed since the preview (reported, never sent). A tenant without the
// bulk update gets the single PATCH instead, said once.

// expiryState is a token's expiry as a guard compares it.
type expiryState struct {
	date  *time.Time
	never bool
}

func expiryOf(t client.PersonalAccessToken) expiryState {
	return expiryState{date: t.ExpirationDate, never: t.UserAwareTokenNeverExpires}
}

func (e expiryState) equal(o expiryState) bool {
	return e.never == o.never && (e.date == nil) == (o.date == nil) && (e.date == nil || e.date.Equal(*o.date))
}

// patch is the bulk update's patch that gives a token this expiry.
func (e expiryState) patch() patchdiff.Patch {
	if e.date == nil {
		return patchdiff.Patch{{Op: "remove", Path: "/expirationDate"},
			{Op: "replace", Path: "/userAwareTokenNeverExpires", Value: json.RawMessage("true")}}
	}
	v, _ := json.Marshal(e.date.UTC().Format(time.RFC3339Nano))
	return patchdiff.Patch{{Op: "replace", Path: "/expirationDate", Value: v},
		{Op: "replace", Path: "/userAwareTokenNeverExpires", Value: json.RawMessage("false")}}
}

// expiryChange is one run that sets expiries: what each token has now
// (the guard) and what it gets.
type expiryChange struct {
	action string
	verbs  progress.Verbs
	toks   []client.PersonalAccessToken
	from   map[string]expiryState // as the preview showed it
	to     map[string]expiryState
	// patches are the single PATCH's guarded patches, for the caller's
	// own tokens and for a tenant without the bulk update.
	patches map[string]patchdiff.Patch
}

// expirySplit is a change split by owner.
type expirySplit struct {
	mine, others []client.PersonalAccessToken
	// groups are the others by target (one bulk patch each), in order;
	// requests counts their bulk requests.
	groups   []bulkGroup
	requests int
}

// bulkGroup is the other owners' tokens that get the same expiry.
type bulkGroup struct {
	patch patchdiff.Patch
	ids   []string
	first int // number of its first request, from 1
}

// split sorts a change's tokens by owner; me is the caller.
func (c expiryChange) split(me string) expirySplit {
	var s expirySplit
	byPatch := map[string]int{}
	for _, t := range c.toks {
		if t.Owner.ID == me {
			s.mine = append(s.mine, t)
			continue
		}
		s.others = append(s.others, t)
		p := c.to[t.ID].patch()
		key := p.String()
		g, ok := byPatch[key]
		if !ok {
			g = len(s.groups)
			byPatch[key] = g
			s.groups = append(s.groups, bulkGroup{patch: p})
		}
		s.groups[g].ids = append(s.groups[g].ids, t.ID)
	}
	for i := range s.groups {
		s.groups[i].first = s.requests + 1
		s.requests += (len(s.groups[i].ids) + client.MaxPATBulkUpdate - 1) / client.MaxPATBulkUpdate
	}
	return s
}

// requestOf names the bulk request that carries id ("bulk-update request
// 3 of 40"), for the audit log.
func (s expirySplit) requestOf(id string) string {
	for _, g := range s.groups {
		for i, gid := range g.ids {
			if gid == id {
				return fmt.Sprintf("bulk-update request %d of %d", g.first+i/client.MaxPATBulkUpdate, s.requests)
			}
		}
	}
	return ""
}

// expirySpec is the bulk run of a change: the caller's tokens through the
// single guarded PATCH, the others through the bulk update.
func (m *Model) expirySpec(c expiryChange) bulkSpec {
	s := c.split(m.opts.IdentityID)
	baseURL, actor := m.opts.BaseURL, m.actor()
	wire := map[string][]byte{}
	note := map[string]string{}
	for _, t := range s.mine {
		wire[t.ID], _ = c.patches[t.ID].MarshalJSON()
	}
	for _, g := range s.groups {
		b, _ := g.patch.MarshalJSON()
		for _, id := range g.ids {
			wire[id], note[id] = b, s.requestOf(id)+": no per-token guard; checked against a fresh list just before"
		}
	}
	entry := func(e audit.Entry, id string) audit.Entry {
		if n := note[id]; n != "" && e.Note == "" {
			e.Note = n
		}
		return e
	}
	return bulkSpec{
		Verbs: c.verbs,
		Run: func(ctx context.Context, ids []string, opts client.BulkOptions, on func(client.BulkEvent)) client.BulkSummary {
			opts.SettledNotDone = "the list after the run does not show the new expiry: not changed"
			return m.runExpiry(ctx, c, s, ids, opts, on)
		},
		Settle: func(ctx context.Context, ids []string) (map[string]bool, error) {
			return m.notApplied(ctx, ids, c.to)
		},
		Intent: func(at time.Time, opID string, tok client.PersonalAccessToken) audit.Entry {
			return entry(audit.PatchIntent(at, baseURL, c.action, opID, actor, tok, wire[tok.ID]), tok.ID)
		},
		Outcome: func(at time.Time, opID string, tok client.PersonalAccessToken, ev client.BulkEvent) audit.Entry {
			return entry(audit.PatchEntry(at, baseURL, c.action, opID, actor, tok, wire[tok.ID], ev), tok.ID)
		},
	}
}

// runExpiry runs a split change over ids (the run's items, or the failed
// ones of a retry): the caller's own first, then each bulk group.
func (m *Model) runExpiry(ctx context.Context, c expiryChange, s expirySplit, ids []string, opts client.BulkOptions,
	on func(client.BulkEvent)) client.BulkSummary {
	svc := m.opts.Service
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var sum client.BulkSummary
	var mine []string
	for _, t := range s.mine {
		if want[t.ID] {
			mine = append(mine, t.ID)
		}
	}
	if len(mine) > 0 {
		sum = addSummary(sum, svc.PatchPATs(ctx, c.patches, mine, opts, on))
	}
	single := func(ctx context.Context, id string) (client.Outcome, error) {
		_, out, err := svc.PatchPATOutcome(ctx, id, c.patches[id])
		return out, err
	}
	for _, g := range s.groups {
		var gids []string
		for _, id := range g.ids {
			if want[id] {
				gids = append(gids, id)
			}
		}
		if len(gids) == 0 {
			continue
		}
		patch := g.patch
		ch := client.Chunked{
			Size: client.MaxPATBulkUpdate,
			Check: func(ctx context.Context, ids []string) (map[string]error, error) {
				return m.changedMeanwhile(ctx, ids, c.from)
			},
			Send: func(ctx context.Context, ids []string) (client.Outcome, map[string]error, error) {
				toks, out, err := svc.BulkUpdatePATs(ctx, client.PATBulkUpdate{IDs: ids, Patch: patch})
				if client.IsUnsupported(err) {
					m.noBulk.Store(true)
				}
				return out, notAsAsked(ids, toks, c.to), err
			},
			Fallback: single, Unsupported: client.IsUnsupported,
		}
		if m.noBulk.Load() { // this tenant has none: straight to the single PATCH
			ch.Send = nil
		}
		sum = addSummary(sum, client.RunChunks(ctx, gids, ch, opts, on))
	}
	return sum
}

// notAsAsked reads a bulk update's answer (the tokens as they now are):
// the ids it lacks, or shows without their new expiry, were not changed as
// asked. The answer omits userAwareTokenNeverExpires, so only the date is
// compared.
func notAsAsked(ids []string, answer []client.PersonalAccessToken, to map[string]expiryState) map[string]error {
	got := make(map[string]client.PersonalAccessToken, len(answer))
	for _, t := range answer {
		got[t.ID] = t
	}
	out := map[string]error{}
	for _, id := range ids {
		t, ok := got[id]
		want := to[id]
		switch {
		case !ok:
			out[id] = errors.New("the bulk update's answer does not list it")
		case !(expiryState{date: t.ExpirationDate}).equal(expiryState{date: want.date}):
			out[id] = fmt.Errorf("the bulk update's answer shows it expiring %v, not as asked", t.ExpirationDate)
		}
	}
	return out
}

// changedMeanwhile lists the tokens again and names those of ids whose
// expiry is no longer what the preview showed, or that are gone.
func (m *Model) changedMeanwhile(ctx context.Context, ids []string, from map[string]expiryState) (map[string]error, error) {
	toks, err := m.opts.Service.ListPATs(ctx, client.ListPATsOptions{})
	if err != nil {
		return nil, err
	}
	now := make(map[string]client.PersonalAccessToken, len(toks))
	for _, t := range toks {
		now[t.ID] = t
	}
	out := map[string]error{}
	for _, id := range ids {
		t, ok := now[id]
		switch {
		case !ok:
			out[id] = client.ErrNotListed
		case !expiryOf(t).equal(from[id]):
			out[id] = client.ErrChangedMeanwhile
		}
	}
	return out, nil
}

// notApplied settles outcomes a 5xx or a dropped connection left unknown:
// one list, and the tokens that do not have their new expiry are the
// ones the change did not reach.
func (m *Model) notApplied(ctx context.Context, ids []string, to map[string]expiryState) (map[string]bool, error) {
	toks, err := m.opts.Service.ListPATs(ctx, client.ListPATsOptions{OwnerID: m.scope.ownerID()})
	if err != nil {
		return nil, err
	}
	notDone := map[string]bool{}
	for _, id := range ids {
		notDone[id] = true
	}
	for _, t := range toks {
		if notDone[t.ID] && expiryOf(t).equal(to[t.ID]) {
			delete(notDone, t.ID)
		}
	}
	return notDone, nil
}

// addSummary adds two parts of one run.
func addSummary(a, b client.BulkSummary) client.BulkSummary {
	a.Done += b.Done
	a.Gone += b.Gone
	a.Failed += b.Failed
	a.Skipped += b.Skipped
	a.GoneAfterRetry += b.GoneAfterRetry
	a.Unknown += b.Unknown
	a.Settled += b.Settled
	a.Elapsed += b.Elapsed
	return a
}

// splitDetails are the confirm dialog's lines about the two paths: how
// many go which way, the first bulk request exactly as sent, and that it
// has no per-token guard.
func (m *Model) splitDetails(c expiryChange) []string {
	// What is sent unless the user includes managed tokens: the example
	// request is one that will go.
	managed := 0
	sent := c
	sent.toks = nil
	for _, t := range c.toks {
		switch {
		case m.isSession(&t):
		case t.Managed:
			managed++
		default:
			sent.toks = append(sent.toks, t)
		}
	}
	s := sent.split(m.opts.IdentityID)
	var out []string
	if n := len(s.mine); n > 0 {
		first := s.mine[0]
		for _, t := range s.mine { // an example with a current expiry shows its guard
			if t.ExpirationDate != nil {
				first = t
				break
			}
		}
		out = append(out, fmt.Sprintf("%s of yours: each its own patch, guarded by a test of its current expiry; for %s:\n%s",
			plural(n, "token"), sanitize.Line(first.Name), c.patches[first.ID].String()))
	}
	if len(s.groups) == 0 {
		return out
	}
	out = append(out, fmt.Sprintf("%s of other owners: the bulk update, in %s of up to %d (only the owner may patch a token one by one).",
		plural(len(s.others), "token"), plural(s.requests, "request"), client.MaxPATBulkUpdate),
		"The bulk update has no per-token guard: sailtui lists the tokens again just before each request and leaves out, "+
			"unsent, any whose expiry changed since this preview.")
	g := s.groups[0]
	first := client.PATBulkUpdate{IDs: g.ids[:min(len(g.ids), client.MaxPATBulkUpdate)], Patch: g.patch}
	if body, err := first.Body(); err == nil {
		out = append(out, "PATCH /personal-access-tokens/v1/bulk-update, request 1 of "+strconv.Itoa(s.requests)+", as sent:\n"+string(body))
	}
	if managed > 0 {
		out = append(out, "Managed tokens, if you include them, go in these requests too.")
	}
	if m.noBulk.Load() {
		out = append(out, "This tenant has no bulk update: they go one by one through the single PATCH, which may refuse them.")
	}
	return out
}
