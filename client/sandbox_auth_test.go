package client_test

import (
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
)

func TestSandboxEarlyExpiryRefreshesToken(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 11, Faults: sandbox.Faults{EarlyExpiry: 0.3, Seed: 3}})
	c := tn.client(t, tn.admin, client.FamilyV1, nil)
	for i := range 30 {
		if _, err := c.ListPATs(bg(), client.ListPATsOptions{OwnerID: "me"}); err != nil {
			// Two early expiries in a row are possible at 30 %; only a
			// second 401 on the same call may surface.
			if !client.IsUnauthorized(err) {
				t.Fatalf("call %d: %v", i, err)
			}
		}
	}
	st := tn.srv.Stats()
	if st.Expired == 0 || st.TokensIssued < 2 {
		t.Errorf("stats = %+v: no early expiry exercised", st)
	}
}

// Pacing holds each of 32 workers back for about a second while the
// sandbox expires 5 % of access tokens on use. A call must send the token
// current when it leaves the pacer, and a 401 for a token already replaced,
// or one that had worked until then, must not use up its one forced
// re-auth: every delete succeeds, exactly once. (Taking the token before
// the wait failed 25 of these 100 deletes with 401.) Fault seed 55
// spaces its early expiries at least 18 API calls apart, so no call meets
// two on tokens that never worked — that would rightly be returned.
func TestSandboxBulkDeleteUnderPacingAndEarlyExpiry(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 15, Tokens: 100})
	ids := tn.deletable()
	tn.srv.SetFaults(sandbox.Faults{EarlyExpiry: 0.05, Seed: 55})
	var waits waitRecorder
	c := tn.client(t, tn.admin, client.FamilyV1, func(cfg *client.Config) {
		cfg.RateLimit = client.RateLimit{Requests: 10, Per: 200 * time.Millisecond}
		cfg.OnWait = waits.Add
	})
	log := &bulkLog{}
	sum := c.DeletePATs(bg(), ids, client.BulkOptions{Concurrency: 32}, log.Add)
	st := tn.srv.Stats()
	t.Logf("%d deletes: %+v; sandbox %+v", len(ids), sum, st)
	if sum.Done != len(ids) || sum.Failed != 0 {
		t.Errorf("summary = %+v, want all %d done", sum, len(ids))
		for _, e := range log.failures() {
			t.Logf("failed: %s: %v", e.ID, e.Err)
		}
	}
	for _, id := range ids {
		if n := tn.srv.DeleteCount(id); n != 1 {
			t.Errorf("%s deleted %d times", id, n)
		}
	}
	if st.Expired < 2 || waits.count(client.WaitPacing) == 0 {
		t.Errorf("%d early expiries, %d pacing waits: the test proves nothing", st.Expired, waits.count(client.WaitPacing))
	}
}

// Half of all API calls meet an expired token (the sandbox's early
// expiry), alone and with 20 % injected 5xx: a token expiring is something
// the client recovers from, so no delete may fail for it, and each token
// is deleted once. Eight workers share one refresh per rejected token.
func TestSandboxBulkDeleteUnderHeavyEarlyExpiry(t *testing.T) {
	for _, tc := range []struct {
		name   string
		faults sandbox.Faults
	}{
		{"expiry 0.5", sandbox.Faults{EarlyExpiry: 0.5, Seed: 5}},
		{"expiry 0.3 + 5xx 0.2", sandbox.Faults{EarlyExpiry: 0.3, ErrorRate: 0.2, Seed: 6}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tn := fastTenant(t, sandbox.Options{Seed: 16, Tokens: 110})
			ids := tn.deletable()
			tn.srv.SetFaults(tc.faults)
			c := tn.client(t, tn.admin, client.FamilyV1, func(cfg *client.Config) { cfg.MaxRetries = 10 })
			log := &bulkLog{}
			sum := c.DeletePATs(bg(), ids, client.BulkOptions{Concurrency: 8}, log.Add)
			st := tn.srv.Stats()
			t.Logf("%d deletes: %+v; sandbox %+v", len(ids), sum, st)
			if sum.Failed != 0 || sum.Unknown != 0 || sum.Done+sum.GoneAfterRetry != len(ids) {
				t.Errorf("summary = %+v, want all %d deleted", sum, len(ids))
				for _, e := range log.failures() {
					t.Logf("failed: %s: %v", e.ID, e.Err)
				}
			}
			for _, id := range ids {
				if n := tn.srv.DeleteCount(id); n != 1 {
					t.Errorf("%s deleted %d times", id, n)
				}
			}
			if st.Expired < 20 {
				t.Errorf("only %d early expiries: the test proves nothing", st.Expired)
			}
		})
	}
}
