package shell_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/views/tokens"
)

// Expire instead of delete, against a sandbox that enforces the
// documented rights: the stale tokens get an expiry in 14 days, except
// those already expiring sooner. The caller's own tokens go one guarded
// PATCH each, the others' through the bulk update, 25 to a request. One
// token of another owner is changed over HTTP between the preview and its
// request: it is left out unsent, and the summary says so. u then
// restores every other token's old expiry, by the same split. The audit
// log has an entry for each.
func TestProgramExpireThenUndo(t *testing.T) {
	log := &reqLog{}
	h := startWith(t, sandbox.Options{Seed: 4, Tokens: 60}, setup{logger: slog.New(log)})
	admin, _ := h.srv.Credentials()
	before := h.srv.PATs()
	h.waitFor(t, strconv.Itoa(len(before))+" tokens", 5*time.Second)
	target, err := tokens.ParseExpireAt("", h.now())
	if err != nil {
		t.Fatal(err)
	}
	old := map[string]client.PersonalAccessToken{}
	var change, sooner []string
	for _, p := range before {
		if pats.Stale(&p, h.now(), stale.DefaultAfter) == stale.NotStale || p.Managed {
			continue
		}
		old[p.ID] = p
		if p.ExpirationDate != nil && !p.ExpirationDate.After(target) {
			sooner = append(sooner, p.ID)
		} else {
			change = append(change, p.ID)
		}
	}
	// The concurrent writer's victim: another owner's planned token with a
	// date.
	victim := ""
	mine, owners := 0, map[string]bool{}
	for _, id := range change {
		owners[old[id].Owner.ID] = true
		switch {
		case old[id].Owner.ID == admin.IdentityID:
			mine++
		case victim == "" && old[id].ExpirationDate != nil:
			victim = id
		}
	}
	others := len(change) - mine
	if len(change) < 5 || len(sooner) == 0 || victim == "" || mine == 0 || len(owners) < 3 {
		t.Fatalf("seed gives %d to change (%d mine, %d owners), %d sooner, victim %q", len(change), mine, len(owners), len(sooner), victim)
	}

	h.keys(runes("s"), runes("a"))
	h.waitFor(t, "Marked ", 3*time.Second)
	h.keys(runes("x"))
	h.waitFor(t, "Expire:", 3*time.Second)
	h.keys(enter)
	h.waitFor(t, "Expire "+strconv.Itoa(len(change))+" tokens?", 3*time.Second)
	elsewhere := target.Add(48 * time.Hour)
	if _, _, err := h.cl.BulkUpdatePATs(context.Background(), client.PATBulkUpdate{IDs: []string{victim},
		Patch: patchdiff.Patch{{Op: "replace", Path: "/expirationDate", Value: json.RawMessage(`"` + elsewhere.Format(time.RFC3339) + `"`)}}}); err != nil {
		t.Fatal(err)
	}
	bulkBefore := log.count("PATCH", "/bulk-update")
	singleBefore := log.count("PATCH", "/personal-access-tokens/v1/") - bulkBefore
	h.tm.Type(strconv.Itoa(len(change)))
	h.keys(enter)
	h.waitForAll(t, 15*time.Second, "Finished with 1 failure", strconv.Itoa(len(change)-1)+" expiry set")
	bulk := log.count("PATCH", "/bulk-update") - bulkBefore
	single := log.count("PATCH", "/personal-access-tokens/v1/") - bulkBefore - bulk - singleBefore
	if want := (others + client.MaxPATBulkUpdate - 1) / client.MaxPATBulkUpdate; bulk != want || single != mine {
		t.Fatalf("%d bulk updates for %d tokens of other owners (want %d), %d single PATCHes for the caller's %d", bulk, others, want, single, mine)
	}
	t.Logf("%d tokens of %d owners: %d bulk updates, %d single PATCHes", len(change), len(owners), bulk, single)

	now := patByID(h.srv.PATs())
	for _, id := range change {
		got := now[id].ExpirationDate
		switch {
		case id == victim:
			if got == nil || !got.Equal(elsewhere) {
				t.Errorf("victim %s: %v, want the other writer's %v", id, got, elsewhere)
			}
		case got == nil || !got.Equal(target):
			t.Errorf("%s: expiry %v, want %v", id, got, target)
		}
	}
	for _, id := range sooner {
		if a, b := old[id].ExpirationDate, now[id].ExpirationDate; b == nil || !a.Equal(*b) {
			t.Errorf("%s expired sooner and was changed: %v → %v", id, a, b)
		}
	}
	for _, p := range before { // the unmarked ones are untouched
		if _, marked := old[p.ID]; marked {
			continue
		}
		a, b := p.ExpirationDate, now[p.ID].ExpirationDate
		if (a == nil) != (b == nil) || a != nil && !a.Equal(*b) {
			t.Errorf("unmarked %s changed: %v → %v", p.ID, a, b)
		}
	}

	h.keys(runes("u"))
	h.waitFor(t, "Restore "+strconv.Itoa(len(change)-1)+" tokens?", 3*time.Second)
	h.tm.Type(strconv.Itoa(len(change) - 1))
	h.keys(enter)
	h.waitForAll(t, 15*time.Second, "Finished.", strconv.Itoa(len(change)-1)+" expiry restored")
	now = patByID(h.srv.PATs())
	for _, id := range change {
		if id == victim {
			continue
		}
		a, b := old[id], now[id]
		if (a.ExpirationDate == nil) != (b.ExpirationDate == nil) || a.ExpirationDate != nil && !a.ExpirationDate.Equal(*b.ExpirationDate) ||
			a.UserAwareTokenNeverExpires != b.UserAwareTokenNeverExpires {
			t.Errorf("%s not restored: %v/%v → %v/%v", id, a.ExpirationDate, a.UserAwareTokenNeverExpires, b.ExpirationDate, b.UserAwareTokenNeverExpires)
		}
	}

	entries, err := audit.Read(h.audit)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, e := range entries {
		count[e.Action+":"+string(e.Result)]++
	}
	n := len(change)
	// The victim was left out before its request: no intent, a conflict.
	if count["expire-pat:intent"] != n-1 || count["expire-pat:patched"] != n-1 || count["expire-pat:conflict"] != 1 ||
		count["restore-expiry-pat:patched"] != n-1 {
		t.Fatalf("audit %v", count)
	}
}

func patByID(ps []client.PersonalAccessToken) map[string]client.PersonalAccessToken {
	m := map[string]client.PersonalAccessToken{}
	for _, p := range ps {
		m[p.ID] = p
	}
	return m
}

// Rotation against the sandbox: exactly one token is created, with the
// old one's scopes, and after the secret is dismissed exactly the old one
// is deleted.
func TestProgramRotate(t *testing.T) {
	ids := map[string]string{}
	h := startWith(t, sandbox.Options{Seed: 3, Tokens: 20}, setup{before: editable(ids, "rotate-me")})
	h.waitFor(t, "tokens", 10*time.Second)
	before := patByID(h.srv.PATs())
	old := before[ids["rotate-me"]]
	h.selectToken(t, "rotate-me")
	h.keys(runes("N"))
	h.waitFor(t, `Rotate "rotate-me"`, 5*time.Second)
	h.keys(ctrlS)
	h.waitFor(t, "Rotation: when you close this", 5*time.Second)
	h.keys(enter, enter) // close without copying: asked once, then closed
	h.waitFor(t, "old token deleted", 10*time.Second)
	after := patByID(h.srv.PATs())
	if _, still := after[old.ID]; still {
		t.Fatal("the old token still exists")
	}
	var added []client.PersonalAccessToken
	for id, p := range after {
		if _, ok := before[id]; !ok {
			added = append(added, p)
		}
	}
	if len(added) != 1 || !slices.Equal(added[0].Scope, old.Scope) || added[0].Name != "rotate-me (rotated 2026-06-01)" {
		t.Fatalf("added %+v", added)
	}
	if len(after) != len(before) {
		t.Fatalf("%d tokens, was %d", len(after), len(before))
	}
}

// A rotation whose create fails (the owner already has a token with the
// replacement's name) deletes nothing: the form shows the server's answer.
func TestProgramRotateFailedCreateDeletesNothing(t *testing.T) {
	ids := map[string]string{}
	h := startWith(t, sandbox.Options{Seed: 3, Tokens: 20}, setup{before: editable(ids, "rotate-me")})
	h.waitFor(t, "tokens", 10*time.Second)
	h.selectToken(t, "rotate-me")
	h.keys(runes("N"))
	h.waitFor(t, `Rotate "rotate-me"`, 5*time.Second)
	// The replacement's name is taken on the server after the list loaded.
	editable(map[string]string{}, "rotate-me (rotated 2026-06-01)")(h.cl)
	before := h.srv.PATs()
	h.keys(ctrlS)
	h.waitFor(t, "already exists", 5*time.Second)
	h.keys(esc, esc)
	h.waitFor(t, "Rotation cancelled: nothing created or deleted", 5*time.Second)
	if after := h.srv.PATs(); len(after) != len(before) {
		t.Fatalf("%d tokens, was %d", len(after), len(before))
	}
	if n := h.srv.DeleteCount(ids["rotate-me"]); n != 0 {
		t.Fatalf("the old token was deleted %d times", n)
	}
}

// A tenant from before the bulk update: where the single PATCH is allowed
// (lenient), other owners' tokens fall back to it and every one gets its
// date, said once; where it is not (strict), each refusal is reported
// with the server's message, and nothing but the caller's own changes.
func TestProgramExpireWithoutTheBulkUpdate(t *testing.T) {
	for _, lenient := range []bool{true, false} {
		t.Run(map[bool]string{true: "lenient", false: "strict"}[lenient], func(t *testing.T) {
			h := start(t, sandbox.Options{Seed: 4, Tokens: 60, NoPATBulkUpdate: true, LenientOwnerPatch: lenient})
			admin, _ := h.srv.Credentials()
			before := h.srv.PATs()
			h.waitFor(t, strconv.Itoa(len(before))+" tokens", 5*time.Second)
			target, _ := tokens.ParseExpireAt("", h.now())
			var change []string
			mine := 0
			old := patByID(before)
			for _, p := range before {
				if pats.Stale(&p, h.now(), stale.DefaultAfter) == stale.NotStale || p.Managed ||
					(p.ExpirationDate != nil && !p.ExpirationDate.After(target)) {
					continue
				}
				change = append(change, p.ID)
				if p.Owner.ID == admin.IdentityID {
					mine++
				}
			}
			h.keys(runes("s"), runes("a"))
			h.waitFor(t, "Marked ", 3*time.Second)
			h.keys(runes("x"))
			h.waitFor(t, "Expire:", 3*time.Second)
			h.keys(enter)
			h.waitFor(t, "Expire "+strconv.Itoa(len(change))+" tokens?", 3*time.Second)
			h.tm.Type(strconv.Itoa(len(change)))
			h.keys(enter)
			if lenient {
				h.waitForAll(t, 20*time.Second, "Finished.", strconv.Itoa(len(change))+" expiry set", "no PAT bulk update")
			} else {
				h.waitForAll(t, 20*time.Second, "Finished with "+strconv.Itoa(len(change)-mine)+" failures", "Only the owner may patch")
			}
			now := patByID(h.srv.PATs())
			for _, id := range change {
				got, changed := now[id].ExpirationDate, false
				if got != nil {
					changed = got.Equal(target)
				}
				if want := lenient || old[id].Owner.ID == admin.IdentityID; changed != want {
					t.Errorf("%s (owner %s): expiry %v, changed %v, want %v", id, old[id].Owner.Name, got, changed, want)
				}
			}
		})
	}
}
