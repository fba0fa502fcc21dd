package client

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/sailtui/sailtui/patchdiff"
)

// Setting one value to many apps is safe to resend: a 503 is retried.
func TestBulkUpdateSourceAppsRetries5xx(t *testing.T) {
	var calls int
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		calls++
		if calls == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	c := f.client(func(cfg *Config) { cfg.Family = FamilyV2025 })
	_, err := c.BulkUpdateSourceAppsOutcome(context.Background(), BulkUpdateRequest{AppIDs: []string{"a1", "a2"},
		JSONPatch: patchdiff.Patch{{Op: "replace", Path: "/enabled", Value: json.RawMessage("false")}}})
	if err != nil || calls != 2 {
		t.Fatalf("err %v after %d calls, want success on the retry", err, calls)
	}
}
