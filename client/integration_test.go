package client_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/patchdiff"
)

func TestSandboxPATsEveryFamily(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 7})
	for _, fam := range client.Families() {
		t.Run(string(fam), func(t *testing.T) {
			c := tn.client(t, tn.admin, fam, nil)
			sess, err := c.Authenticate(bg())
			if err != nil {
				t.Fatalf("Authenticate: %v", err)
			}
			if sess.IdentityID != tn.admin.IdentityID || !sess.ExpiresAt.After(time.Now()) {
				t.Errorf("session = %+v, want identity %s", sess, tn.admin.IdentityID)
			}

			all, err := c.ListPATs(bg(), client.ListPATsOptions{})
			if err != nil {
				t.Fatalf("list all: %v", err)
			}
			store := patByID(tn.srv.PATs())
			if len(all) == 0 || len(all) != len(store) {
				t.Errorf("tenant-wide list has %d tokens, store %d", len(all), len(store))
			}
			mine, err := c.ListPATs(bg(), client.ListPATsOptions{OwnerID: "me"})
			if err != nil {
				t.Fatalf("list me: %v", err)
			}
			for _, p := range mine {
				if p.Owner.ID != tn.admin.IdentityID {
					t.Errorf("owner-id=me returned %s owned by %s", p.ID, p.Owner.ID)
				}
			}
			byOwner, err := c.ListPATs(bg(), client.ListPATsOptions{OwnerID: tn.admin.IdentityID})
			if err != nil || len(byOwner) != len(mine) {
				t.Errorf("owner-id=<admin> gave %d (%v), me gave %d", len(byOwner), err, len(mine))
			}

			cutoff := time.Now().AddDate(0, 0, -90).UTC()
			stale, err := c.ListPATs(bg(), client.ListPATsOptions{
				Filters: filter.Or(filter.IsNull("lastUsed"), filter.Le("lastUsed", cutoff)).String(),
			})
			if err != nil {
				t.Fatalf("list stale: %v", err)
			}
			want := 0
			for _, p := range all {
				if p.LastUsed == nil || !p.LastUsed.After(cutoff) {
					want++
				}
			}
			if len(stale) != want || want == 0 || want == len(all) {
				t.Errorf("stale filter gave %d of %d, want %d", len(stale), len(all), want)
			}

			req := client.CreatePATRequest{Name: "it " + string(fam), Scope: []string{"sp:scopes:all"}}
			if fam.SupportsNeverExpiring() {
				never := true
				req.UserAwareTokenNeverExpires = &never
			} else {
				exp := time.Now().AddDate(0, 1, 0).UTC().Truncate(time.Millisecond)
				req.ExpirationDate = &exp
			}
			created, err := c.CreatePAT(bg(), req)
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			if created.Secret == "" || created.ID == "" || created.Owner.ID != tn.admin.IdentityID {
				t.Fatalf("created = id %q owner %q, secret present %v", created.ID, created.Owner.ID, created.Secret != "")
			}
			if _, ok := patByID(tn.srv.PATs())[created.ID]; !ok {
				t.Fatal("created token not in the store")
			}

			patched, err := c.PatchPAT(bg(), created.ID, []patchdiff.Op{
				{Op: "test", Path: "/name", Value: raw(req.Name)},
				{Op: "replace", Path: "/name", Value: raw(req.Name + " renamed")},
			})
			if err != nil {
				t.Fatalf("patch: %v", err)
			}
			if patched.Name != req.Name+" renamed" || patByID(tn.srv.PATs())[created.ID].Name != patched.Name {
				t.Errorf("patched name = %q", patched.Name)
			}

			if err := c.DeletePAT(bg(), created.ID); err != nil {
				t.Fatalf("delete: %v", err)
			}
			if n := tn.srv.DeleteCount(created.ID); n != 1 {
				t.Errorf("DeleteCount = %d", n)
			}
			if err := c.DeletePAT(bg(), created.ID); !client.IsNotFound(err) {
				t.Errorf("second delete: %v, want 404", err)
			}
		})
	}
	if tn.contract != nil && tn.contract.Checked() < 40 {
		t.Errorf("contract checker saw only %d exchanges", tn.contract.Checked())
	}
}

func TestSandboxNeverExpiringPatch(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 8})
	c := tn.client(t, tn.admin, client.FamilyV2025, nil)
	exp := time.Now().AddDate(0, 2, 0).UTC()
	created, err := c.CreatePAT(bg(), client.CreatePATRequest{Name: "expiring", ExpirationDate: &exp})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.PatchPAT(bg(), created.ID, []patchdiff.Op{
		{Op: "replace", Path: "/expirationDate", Value: raw(nil)},
		{Op: "replace", Path: "/userAwareTokenNeverExpires", Value: raw(true)},
	})
	if err != nil {
		t.Fatalf("patch to never expiring: %v", err)
	}
	if got.ExpirationDate != nil || !got.UserAwareTokenNeverExpires {
		t.Errorf("patched = exp %v aware %v", got.ExpirationDate, got.UserAwareTokenNeverExpires)
	}
}

func TestSandboxSourceAppsEveryFamily(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 9})
	for _, fam := range client.Families() {
		if !fam.HasSourceApps() {
			continue
		}
		t.Run(string(fam), func(t *testing.T) {
			c := tn.client(t, tn.admin, fam, nil)
			store := tn.srv.SourceApps()

			pager := c.SourceApps(client.ListAppsOptions{List: client.AppsAll, Limit: 7, Count: true, Sorters: "name"})
			all, err := pager.All(bg())
			if err != nil {
				t.Fatalf("page through all: %v", err)
			}
			if len(all) != len(store) || pager.Total() != len(store) {
				t.Errorf("paged %d apps, total %d, store %d", len(all), pager.Total(), len(store))
			}
			names := make([]string, len(all))
			for i, a := range all {
				names[i] = strings.ToLower(a.Name)
			}
			if !slices.IsSorted(names) {
				t.Errorf("sorters=name not sorted: %q", names[:min(5, len(names))])
			}

			if _, err := c.ListSourceApps(bg(), client.ListAppsOptions{Sorters: "-modified", Limit: 5}); err != nil {
				t.Errorf("available: %v", err)
			}
			if _, err := c.ListSourceApps(bg(), client.ListAppsOptions{List: client.AppsAssigned}); err != nil {
				t.Errorf("assigned: %v", err)
			}
			target := all[len(all)/2]
			one, err := c.ListSourceApps(bg(), client.ListAppsOptions{List: client.AppsAll, Filters: filter.Eq("id", target.ID).String(), Count: true})
			if err != nil || len(one.Items) != 1 || one.Total != 1 || one.Items[0].ID != target.ID {
				t.Errorf("filter id eq: %+v, %v", one, err)
			}

			got, err := c.GetSourceApp(bg(), target.ID)
			if err != nil || got.Name != target.Name {
				t.Fatalf("get: %+v, %v", got, err)
			}

			var source client.AccountSource
			for _, a := range store {
				if a.AccountSource != nil && a.AccountSource.ID != "" {
					source = client.AccountSource{ID: a.AccountSource.ID}
					break
				}
			}
			app, err := c.CreateSourceApp(bg(), client.SourceAppCreate{Name: "it app " + string(fam), Description: "made by the client test", AccountSource: source})
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			patched, err := c.PatchSourceApp(bg(), app.ID, []patchdiff.Op{
				{Op: "test", Path: "/description", Value: raw("made by the client test")},
				{Op: "replace", Path: "/description", Value: raw("patched")},
			})
			if err != nil || patched.Description != "patched" {
				t.Fatalf("patch: %+v, %v", patched, err)
			}
			if err := c.BulkUpdateSourceApps(bg(), client.BulkUpdateRequest{AppIDs: []string{app.ID},
				JSONPatch: []patchdiff.Op{{Op: "replace", Path: "/enabled", Value: raw(true)}}}); err != nil {
				t.Fatalf("bulk update: %v", err)
			}
			if got, err := c.GetSourceApp(bg(), app.ID); err != nil || !got.Enabled {
				t.Errorf("after bulk update: %+v, %v", got, err)
			}
			deleted, err := c.DeleteSourceApp(bg(), app.ID)
			if err != nil || deleted == nil || deleted.ID != app.ID {
				t.Fatalf("delete: %+v, %v", deleted, err)
			}
			if _, err := c.GetSourceApp(bg(), app.ID); !client.IsNotFound(err) {
				t.Errorf("get after delete: %v, want 404", err)
			}

			// Access profiles: find an app that has some, remove one.
			for _, a := range all {
				aps, err := c.ListAccessProfiles(bg(), a.ID, client.ListAccessProfilesOptions{Limit: 50})
				if err != nil {
					t.Fatalf("access profiles of %s: %v", a.ID, err)
				}
				if len(aps) == 0 {
					continue
				}
				left, err := c.RemoveAccessProfiles(bg(), a.ID, []string{aps[0].ID})
				if err != nil {
					t.Fatalf("bulk-remove: %v", err)
				}
				if len(left) != len(aps)-1 || slices.ContainsFunc(left, func(p client.AccessProfileDetails) bool { return p.ID == aps[0].ID }) {
					t.Errorf("bulk-remove left %d of %d", len(left), len(aps))
				}
				return
			}
			t.Error("no seeded app has access profiles")
		})
	}
}

func TestSandboxErrorPaths(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 10})
	for _, fam := range []client.Family{client.FamilyV1, client.FamilyV2025, client.FamilyBeta} {
		t.Run(string(fam), func(t *testing.T) {
			admin := tn.client(t, tn.admin, fam, nil)
			user := tn.client(t, tn.user, fam, nil)

			_, err := admin.ListPATs(bg(), client.ListPATsOptions{Filters: `name eq "x"`})
			requireAPI(t, "unsupported filter", err, http.StatusBadRequest)
			if e, _ := client.AsAPIError(err); len(e.TrackingID) != 32 || len(e.Messages) == 0 || e.Message() == "" {
				t.Errorf("400 lacks detail: %#v", e)
			}

			created, err := admin.CreatePAT(bg(), client.CreatePATRequest{Name: "dup " + string(fam), ExpirationDate: inDays(30)})
			if err != nil {
				t.Fatal(err)
			}
			_, err = admin.CreatePAT(bg(), client.CreatePATRequest{Name: "dup " + string(fam), ExpirationDate: inDays(30)})
			requireAPI(t, "duplicate name", err, http.StatusBadRequest)

			_, err = admin.PatchPAT(bg(), created.ID, []patchdiff.Op{
				{Op: "test", Path: "/name", Value: raw("not the name")},
				{Op: "replace", Path: "/name", Value: raw("x")},
			})
			requireAPI(t, "failed test", err, http.StatusBadRequest)
			if !client.IsConflict(err) {
				t.Errorf("failed test op not a conflict: %v", err)
			}
			_, err = admin.PatchPAT(bg(), created.ID, []patchdiff.Op{{Op: "replace", Path: "/owner", Value: raw(map[string]string{"id": "x"})}})
			requireAPI(t, "non-patchable field", err, http.StatusBadRequest)

			_, err = admin.PatchPAT(bg(), "0123456789abcdef0123456789abcdef", []patchdiff.Op{{Op: "replace", Path: "/name", Value: raw("x")}})
			requireAPI(t, "patch unknown", err, http.StatusNotFound)
			err = admin.DeletePAT(bg(), "0123456789abcdef0123456789abcdef")
			requireAPI(t, "delete unknown", err, http.StatusNotFound)
			_, err = admin.GetSourceApp(bg(), "0123456789abcdef0123456789abcdef")
			requireAPI(t, "get unknown app", err, http.StatusNotFound)
			_, err = admin.PatchSourceApp(bg(), tn.srv.SourceApps()[0].ID, []patchdiff.Op{{Op: "replace", Path: "/name", Value: raw("")}})
			requireAPI(t, "empty app name", err, http.StatusBadRequest)

			_, err = user.ListPATs(bg(), client.ListPATsOptions{})
			requireAPI(t, "tenant-wide list without the right", err, http.StatusForbidden)
			if _, err := user.ListPATs(bg(), client.ListPATsOptions{OwnerID: "me"}); err != nil {
				t.Errorf("user lists own tokens: %v", err)
			}
			_, err = user.ListSourceApps(bg(), client.ListAppsOptions{List: client.AppsAll})
			requireAPI(t, "all apps without ORG_ADMIN", err, http.StatusForbidden)

			bad := tn.client(t, sandbox.Credential{ClientID: tn.admin.ClientID, ClientSecret: "wrong"}, fam, nil)
			_, err = bad.Authenticate(bg())
			requireAPI(t, "bad credentials", err, http.StatusUnauthorized)
		})
	}
}

func requireAPI(t *testing.T, what string, err error, status int) {
	t.Helper()
	e, ok := client.AsAPIError(err)
	if !ok || e.Status != status {
		t.Errorf("%s: err = %v, want status %d", what, err, status)
		return
	}
	if e.Message() == "" || len(e.Body) == 0 {
		t.Errorf("%s: server message lost: %#v", what, e)
	}
}

func TestSandboxRateLimitHonoured(t *testing.T) {
	t.Run("server 429 waited out", func(t *testing.T) {
		tn := startTenant(t, sandbox.Options{Seed: 12, RateLimit: client.RateLimit{Requests: 4, Per: time.Second}})
		var waits waitRecorder
		// The client believes in a far higher budget, so the server pushes back.
		c := tn.client(t, tn.admin, client.FamilyV1, func(cfg *client.Config) {
			cfg.RateLimit = client.RateLimit{Requests: 1000, Per: time.Second}
			cfg.OnWait = waits.Add
		})
		for i := range 7 {
			if _, err := c.ListPATs(bg(), client.ListPATsOptions{OwnerID: "me"}); err != nil {
				t.Fatalf("call %d: %v", i, err)
			}
		}
		if waits.count(client.WaitRateLimited) == 0 || tn.srv.Stats().RateLimited == 0 {
			t.Errorf("no 429 seen: waits %d, stats %+v", waits.count(client.WaitRateLimited), tn.srv.Stats())
		}
	})
	t.Run("pacing avoids 429", func(t *testing.T) {
		// The server's window is a little shorter than the client's so
		// scheduler jitter on a loaded machine cannot produce a 429; without
		// pacing, 10 deletes at once would still overrun it.
		tn := startTenant(t, sandbox.Options{Seed: 12, RateLimit: client.RateLimit{Requests: 4, Per: 400 * time.Millisecond}})
		var waits waitRecorder
		c := tn.client(t, tn.admin, client.FamilyV1, func(cfg *client.Config) {
			cfg.RateLimit = client.RateLimit{Requests: 4, Per: 500 * time.Millisecond}
			cfg.OnWait = waits.Add
		})
		sum := c.DeletePATs(bg(), tn.deletable()[:10], client.BulkOptions{Concurrency: 4}, nil)
		if sum.Done != 10 {
			t.Errorf("summary = %+v", sum)
		}
		if n := tn.srv.Stats().RateLimited; n != 0 {
			t.Errorf("server answered %d 429s to a client pacing at its limit", n)
		}
		if waits.count(client.WaitPacing) == 0 {
			t.Error("no pacing wait reported")
		}
	})
	t.Run("forced burst", func(t *testing.T) {
		tn := fastTenant(t, sandbox.Options{Seed: 12, Faults: sandbox.Faults{Burst429: 2, RetryAfter: time.Second}})
		var waits waitRecorder
		c := tn.client(t, tn.admin, client.FamilyV2025, func(cfg *client.Config) { cfg.OnWait = waits.Add })
		if _, err := c.ListSourceApps(bg(), client.ListAppsOptions{}); err != nil {
			t.Fatal(err)
		}
		if n := waits.count(client.WaitRateLimited); n != 2 {
			t.Errorf("rate-limit waits = %d, want 2", n)
		}
	})
}

func inDays(n int) *time.Time {
	t := time.Now().AddDate(0, 0, n).UTC().Truncate(time.Millisecond)
	return &t
}

// deletable lists the store's token ids except the two the tests sign in with.
func (tn *tenant) deletable() []string {
	var ids []string
	for _, p := range tn.srv.PATs() {
		if p.ID != tn.admin.ClientID && p.ID != tn.user.ClientID {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

func TestSandboxServerErrorsNeverRetryPOST(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 13, Faults: sandbox.Faults{ErrorRate: 0.4, Seed: 5}})
	c := tn.client(t, tn.admin, client.FamilyV1, func(cfg *client.Config) { cfg.MaxRetries = 10 })
	for i := range 5 {
		if _, err := c.ListPATs(bg(), client.ListPATsOptions{}); err != nil {
			t.Fatalf("GET %d not retried through 5xx: %v", i, err)
		}
	}
	before := len(tn.srv.PATs())
	ok, failed := 0, 0
	for i := range 12 {
		_, err := c.CreatePAT(bg(), client.CreatePATRequest{Name: fmt.Sprintf("flaky %d", i), ExpirationDate: inDays(30)})
		switch e, isAPI := client.AsAPIError(err); {
		case err == nil:
			ok++
		case isAPI && e.Status >= 500 && e.Attempts == 1:
			failed++
		default:
			t.Errorf("create %d: %v", i, err)
		}
	}
	if failed == 0 {
		t.Error("no POST hit an injected 5xx; the test proves nothing")
	}
	if got := len(tn.srv.PATs()) - before; got != ok {
		t.Errorf("server holds %d new tokens, client saw %d successes: a POST was retried", got, ok)
	}
}

// The bulk executor through injected 5xx, dropped connections and 429
// bursts: every confirmed id deleted exactly once, nothing else touched.
func TestSandboxBulkDeleteExactlyOnceUnderFaults(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 14, Tokens: 150})
	before := tn.srv.PATs()
	var confirmed []string
	for i, id := range tn.deletable() {
		if i%2 == 0 {
			confirmed = append(confirmed, id)
		}
	}
	missing := "fedcba9876543210fedcba9876543210"
	input := append(append([]string{}, confirmed...), confirmed[0], confirmed[3], missing)
	tn.srv.SetFaults(sandbox.Faults{ErrorRate: 0.2, DropRate: 0.1, Burst429: 5, RetryAfter: time.Second, Seed: 99})

	c := tn.client(t, tn.admin, client.FamilyV1, func(cfg *client.Config) { cfg.MaxRetries = 10 })
	log := &bulkLog{}
	sum := c.DeletePATs(bg(), input, client.BulkOptions{Concurrency: 8}, log.Add)

	if sum.Failed != 0 || sum.Skipped != 0 || sum.Unknown != 0 || sum.Done+sum.Gone+sum.GoneAfterRetry != len(confirmed)+1 {
		t.Errorf("summary = %+v (confirmed %d + 1 missing)", sum, len(confirmed))
		for _, e := range log.failures() {
			t.Logf("failed: %s: %v", e.ID, e.Err)
		}
	}
	if log.final(missing) != client.ItemGone {
		t.Errorf("missing id ended %v, want gone", log.final(missing))
	}
	for _, id := range confirmed {
		if n := tn.srv.DeleteCount(id); n != 1 {
			t.Errorf("%s deleted %d times", id, n)
		}
		// Gone after a retry is the truth when a dropped attempt deleted it.
		if st := log.final(id); st != client.ItemDone && st != client.ItemGone && st != client.ItemGoneAfterRetry {
			t.Errorf("%s ended %v", id, st)
		}
	}
	after := patByID(tn.srv.PATs())
	if len(after) != len(before)-len(confirmed) {
		t.Errorf("store has %d tokens, want %d", len(after), len(before)-len(confirmed))
	}
	isConfirmed := map[string]bool{}
	for _, id := range confirmed {
		isConfirmed[id] = true
	}
	for _, p := range before {
		got, present := after[p.ID]
		switch {
		case isConfirmed[p.ID] && present:
			t.Errorf("%s survived", p.ID)
		case !isConfirmed[p.ID] && !present:
			t.Errorf("%s was not confirmed but is gone", p.ID)
		case p.ID == tn.admin.ClientID:
			// Signing in legitimately sets its lastUsed.
		case !isConfirmed[p.ID] && fmt.Sprint(got) != fmt.Sprint(p):
			t.Errorf("%s changed: %+v → %+v", p.ID, p, got)
		}
	}
	if st := tn.srv.Stats(); st.FaultsInjected == 0 || st.RateLimited < 5 {
		t.Errorf("stats = %+v: faults not exercised", st)
	}
}

// At 45 % 5xx and 25 % dropped connections (a third of the drops after the
// server acted), a delete whose retries run out may have happened. Such
// items are settled by one list call: none may be reported failed while
// gone, or deleted while present. Every outcome is checked in the store.
func TestSandboxBulkDeleteUnderHeavyFaultsNeverMisreports(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 21, Tokens: 60})
	ids := tn.deletable()[:40]
	tn.srv.SetFaults(sandbox.Faults{ErrorRate: 0.45, DropRate: 0.25, Seed: 7})
	c := tn.client(t, tn.admin, client.FamilyV1, func(cfg *client.Config) { cfg.MaxRetries = 2 })
	settle := func(ctx context.Context, ids []string) (map[string]bool, error) {
		tn.srv.SetFaults(sandbox.Faults{}) // the check itself must get through to settle anything
		return c.PresentPATs(ctx, "", ids)
	}
	log := &bulkLog{}
	sum := c.DeletePATs(bg(), ids, client.BulkOptions{Concurrency: 8, Settle: settle}, log.Add)
	t.Logf("summary %+v; sandbox %+v", sum, tn.srv.Stats())
	if sum.Settled == 0 || sum.Failed == 0 {
		t.Errorf("summary = %+v: the faults settled nothing or failed nothing; the test proves little", sum)
	}
	store := patByID(tn.srv.PATs())
	for _, id := range ids {
		_, present := store[id]
		switch st := log.final(id); st {
		case client.ItemFailed:
			if !present {
				t.Errorf("%s reported failed but is gone from the server", id)
			}
		case client.ItemDone, client.ItemGoneAfterRetry:
			if present {
				t.Errorf("%s reported %v but is still on the server", id, st)
			}
		default:
			t.Errorf("%s ended %v", id, st)
		}
		if n := tn.srv.DeleteCount(id); n > 1 {
			t.Errorf("%s deleted %d times", id, n)
		}
	}
}
