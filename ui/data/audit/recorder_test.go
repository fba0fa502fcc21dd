package audit

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
)

// Single writes the intent before sending and the outcome after: the
// success's status and tracking id, or the server's answer on failure.
func TestSingleIntentThenOutcome(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	rec := NewRecorder(Open(path))
	now := func() time.Time { return time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC) }
	e := Entry{Action: ActionCreateApp, Name: "x", Op: NewOp()}
	err := rec.Single(e, now, ResultCreated, func(out *Entry) (client.Outcome, error) {
		if got, _ := Read(path); len(got) != 1 || got[0].Result != ResultIntent {
			t.Fatalf("no intent on disk before the request: %+v", got)
		}
		out.ResourceID = "a1"
		return client.Outcome{Status: 200, TrackingID: "t1"}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fail := &client.APIError{Status: 400, TrackingID: "t2"}
	if err := rec.Single(e, now, ResultCreated, func(*Entry) (client.Outcome, error) { return client.Outcome{}, fail }); !errors.Is(err, fail) {
		t.Fatalf("err %v", err)
	}
	got, err := Read(path)
	if err != nil || len(got) != 4 {
		t.Fatalf("%d entries, %v", len(got), err)
	}
	if got[1].Result != ResultCreated || got[1].ResourceID != "a1" || got[1].TrackingID != "t1" || got[1].Op != e.Op {
		t.Fatalf("success %+v", got[1])
	}
	if got[3].Result != ResultFailed || got[3].Status != 400 || got[3].TrackingID != "t2" {
		t.Fatalf("failure %+v", got[3])
	}
	blocked := NewRecorder(Open(filepath.Join(path, "sub", FileName))) // a file where a directory must be
	sent := false
	if err := blocked.Single(e, now, ResultCreated, func(*Entry) (client.Outcome, error) { sent = true; return client.Outcome{}, nil }); err == nil || sent {
		t.Fatalf("sent without an intent: %v", err)
	}
}
