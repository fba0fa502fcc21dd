package client_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/patchdiff"
)

// othersIDs are n tokens the admin does not own.
func othersIDs(t *testing.T, tn *tenant, n int) []string {
	t.Helper()
	var ids []string
	for _, p := range tn.srv.PATs() {
		if !p.Managed && p.Owner.ID != tn.admin.IdentityID && len(ids) < n {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) < n {
		t.Fatalf("only %d tokens of other owners", len(ids))
	}
	return ids
}

// The bulk update sets other owners' expiries on v1 whatever the client's
// family; what the client sends is checked against the extract. An
// older tenant's 404 reads as IsUnsupported, and the client refuses what
// the server would before sending.
func TestBulkUpdatePATs(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 21, Tokens: 60})
	c := tn.client(t, tn.admin, client.FamilyV2025, nil)
	ids := othersIDs(t, tn, 25)
	at := time.Now().Add(20 * 24 * time.Hour).UTC().Truncate(time.Millisecond)
	v, _ := json.Marshal(at.Format(time.RFC3339Nano))
	patch := patchdiff.Patch{{Op: "replace", Path: "/expirationDate", Value: v}}
	got, out, err := c.BulkUpdatePATs(bg(), client.PATBulkUpdate{IDs: ids, Patch: patch})
	if err != nil || out.Status != 200 || out.TrackingID == "" || len(got) != 25 {
		t.Fatalf("bulk update: %d tokens, %+v, %v", len(got), out, err)
	}
	if !slices.IsSortedFunc(got, func(a, b client.PersonalAccessToken) int { return strings.Compare(a.ID, b.ID) }) {
		t.Fatal("the answer is not sorted by id")
	}
	for _, p := range got {
		if p.ExpirationDate == nil || !p.ExpirationDate.Equal(at) {
			t.Fatalf("token %s expires %v", p.ID, p.ExpirationDate)
		}
	}
	for _, bad := range []client.PATBulkUpdate{{Patch: patch}, {IDs: append(ids, "x"), Patch: patch},
		{IDs: []string{ids[0], ids[0]}, Patch: patch}, {IDs: []string{" "}, Patch: patch}, {IDs: ids[:1]}} {
		if _, _, err := c.BulkUpdatePATs(bg(), bad); err == nil {
			t.Errorf("%d ids, %d ops: no error", len(bad.IDs), len(bad.Patch))
		}
	}
	old := fastTenant(t, sandbox.Options{Seed: 21, Tokens: 20, NoPATBulkUpdate: true})
	old.contract = nil // a tenant from before the extract's operation
	_, _, err = old.client(t, old.admin, client.FamilyV1, nil).BulkUpdatePATs(bg(), client.PATBulkUpdate{IDs: othersIDs(t, old, 1), Patch: patch})
	if !client.IsUnsupported(err) {
		t.Fatalf("older tenant: %v", err)
	}
}
