package tokens

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/audit"
)

// readAudit returns the log's entries and its raw bytes (to search for secrets).
func readAudit(t *testing.T, path string) ([]audit.Entry, []byte) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := audit.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return entries, raw
}

// Creates are audited like deletes: the server's answer on failure, the new
// token's id and owner on success, and never the secret.
func TestCreateIsAudited(t *testing.T) {
	svc := &fakeService{toks: fixture(), createErr: &client.APIError{Status: 400, TrackingID: "trk-400",
		Messages: []client.ErrorMessage{{Text: "name is already in use"}}}}
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	m := newTestModel(t, svc, Options{Audit: audit.Open(path), BaseURL: "https://tenant.example"})

	drain(t, m, m.Update(createSubmit("dup", 1)))
	svc.createErr = nil
	out := drain(t, m, m.Update(createSubmit("fresh", 1)))
	if toasts := shellToasts(out); len(toasts) != 1 || toasts[0] != "Token created" {
		t.Fatalf("toasts %v", toasts)
	}

	entries, raw := readAudit(t, path)
	if len(entries) != 2 {
		t.Fatalf("%d entries: %s", len(entries), raw)
	}
	failed, ok := entries[0], entries[1]
	if failed.Action != audit.ActionCreatePAT || failed.Result != audit.ResultFailed || failed.Status != 400 ||
		failed.TrackingID != "trk-400" || failed.Name != "dup" || failed.Error != "name is already in use" {
		t.Errorf("failed create entry %+v", failed)
	}
	if ok.Action != audit.ActionCreatePAT || ok.Result != audit.ResultCreated || ok.ResourceID != "new1" ||
		ok.Name != "fresh" || ok.BaseURL != "https://tenant.example" || !ok.Time.Equal(testNow) {
		t.Errorf("create entry %+v", ok)
	}
	if bytes.Contains(raw, []byte("s3cr3t")) {
		t.Fatal("the secret reached the audit log")
	}
}
