package tokens

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
)

// A run killed mid-delete leaves intents without outcomes. The next start
// checks each against the server and records what happened: gone →
// deleted, present → not deleted, both "outcome confirmed after restart";
// answered intents and other tenants' are left alone.
func TestStartReconcilesOpenIntents(t *testing.T) {
	path := filepath.Join(t.TempDir(), audit.FileName)
	log := audit.Open(path)
	base := "https://tenant.example"
	toks := fixture()
	var gone, kept = toks[1], toks[2] // t2 was deleted by the killed run; t3 was not
	svc := &fakeService{toks: append(toks[:1:1], toks[2:]...)}
	actor := audit.Actor{ID: "id-alice", Name: "alice"}
	answered := audit.DeleteIntent(testNow, base, "op-answered", actor, toks[4])
	if err := log.Append(
		audit.DeleteIntent(testNow, base, "op-gone", actor, gone),
		audit.DeleteIntent(testNow, base, "op-kept", actor, kept),
		answered,
		audit.Entry{Time: testNow, Action: audit.ActionDeletePAT, BaseURL: base, Op: "op-answered", Kind: audit.KindPAT, ResourceID: toks[4].ID, Result: audit.ResultDeleted},
		audit.DeleteIntent(testNow, "https://other.example", "op-other", actor, toks[5]),
	); err != nil {
		t.Fatal(err)
	}

	m := New(commonForTest(), Options{Service: svc, Audit: log, BaseURL: base, IdentityID: "id-alice", IdentityName: "alice"})
	if text := settle(t, m, log, base, false); !strings.Contains(text, "2 token deletes confirmed after restart (1 deleted, 1 still present)") {
		t.Fatalf("said %q", text)
	}
	entries, err := audit.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if open := audit.OpenIntents(entries, base); len(open) != 0 {
		t.Fatalf("still open: %+v", open)
	}
	byOp := map[string]audit.Entry{}
	for _, e := range entries[5:] {
		byOp[e.Op] = e
	}
	if len(entries) != 7 || byOp["op-gone"].Result != audit.ResultDeleted || byOp["op-kept"].Result != audit.ResultFailed ||
		!strings.Contains(byOp["op-gone"].Note, "confirmed after restart") || byOp["op-gone"].ResourceID != gone.ID ||
		byOp["op-kept"].ActorID != "id-alice" {
		t.Fatalf("recorded %+v", entries[5:])
	}

	// The next start finds nothing of this tenant's open; it names only
	// the other tenant's, left for a session there.
	m = New(commonForTest(), Options{Service: svc, Audit: log, BaseURL: base, IdentityID: "id-alice"})
	if text := settle(t, m, log, base, false); text != "An earlier run ended mid-change: 1 change of other tenants left open "+
		"(1 on https://other.example): a session on that tenant settles them (:audit shows them)" {
		t.Fatalf("second start: %q", text)
	}
}

// Read-only sessions check and tell, but write nothing.
func TestReadOnlyStartReportsOpenIntentsWithoutWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), audit.FileName)
	log := audit.Open(path)
	if err := log.Append(audit.DeleteIntent(testNow, "https://t", "op1", audit.Actor{}, fixture()[1])); err != nil {
		t.Fatal(err)
	}
	m := New(commonForTest(), Options{Service: &fakeService{toks: fixture()}, Audit: log, BaseURL: "https://t", ReadOnly: true})
	if text := settle(t, m, log, "https://t", true); !strings.Contains(text, "1 token change still unrecorded (read-only") {
		t.Fatalf("said %q", text)
	}
	if entries, _ := audit.Read(path); len(entries) != 1 {
		t.Fatalf("read-only wrote %d entries", len(entries)-1)
	}
}

// A failed list says "list tokens:" once: the client's error already
// carries it ("list tokens: list tokens: GET …" was shown after drops).
func TestListErrorIsNotPrefixedTwice(t *testing.T) {
	svc := &fakeService{listErr: fmt.Errorf("list tokens: %w", errors.New("GET /personal-access-tokens/v1: connection reset by peer"))}
	m := New(commonForTest(), Options{Service: svc})
	m.SetSize(120, 30)
	var got []string
	for _, msg := range drain(t, m, m.Init()) {
		if e, ok := msg.(common.ErrorMsg); ok {
			got = append(got, e.Err.Error())
		}
	}
	if len(got) != 1 || strings.Count(got[0], "list tokens:") != 1 {
		t.Fatalf("error dialogs %q", got)
	}
}

// A hand-edited line does not stop the check: the rest is settled and the
// toast says how many lines were skipped.
func TestReconcileSkipsUnreadableLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), audit.FileName)
	log := audit.Open(path)
	base := "https://tenant.example"
	toks := fixture()
	if err := log.Append(audit.DeleteIntent(testNow, base, "op-gone", audit.Actor{}, toks[1])); err != nil {
		t.Fatal(err)
	}
	if err := appendRaw(path, "{\"time\": hand-edited\n"); err != nil {
		t.Fatal(err)
	}
	svc := &fakeService{toks: append(toks[:1:1], toks[2:]...)}
	m := New(commonForTest(), Options{Service: svc, Audit: log, BaseURL: base})
	if text := settle(t, m, log, base, false); !strings.Contains(text, "1 token delete confirmed after restart (1 deleted") ||
		!strings.Contains(text, "1 line that could not be read") {
		t.Fatalf("said %q", text)
	}
	entries, unreadable, err := audit.ReadTolerant(path)
	if err != nil || unreadable != 1 || len(audit.OpenIntents(entries, base)) != 0 {
		t.Fatalf("after: %d unreadable, open %v, %v", unreadable, audit.OpenIntents(entries, base), err)
	}
}

// settle runs the start-up settling with the Tokens view's settler only,
// and returns what it would say.
func settle(t *testing.T, m *Model, log *audit.Log, base string, readOnly bool) string {
	t.Helper()
	s := audit.Settling{Log: log, BaseURL: base, Actor: m.actor(), Now: m.Now, ReadOnly: readOnly}
	return audit.Settle(context.Background(), s, []audit.Settler{m.Settler()}).Text()
}

func appendRaw(path, s string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(s)
	return err
}

// Only a delete can be settled from the token afterwards: an edit or an
// expiry left open is closed as outcome unknown, never as "deleted" or
// "not deleted"; an app's open intent is the Apps view's and stays.
func TestStartClosesOtherOpenIntentsAsUnknown(t *testing.T) {
	path := filepath.Join(t.TempDir(), audit.FileName)
	log := audit.Open(path)
	base := "https://tenant.example"
	tok := fixture()[1]
	if err := log.Append(
		audit.Entry{Time: testNow, Action: audit.ActionPatchPAT, BaseURL: base, Op: "op-patch", Kind: audit.KindPAT, ResourceID: tok.ID, Result: audit.ResultIntent},
		audit.Entry{Time: testNow, Action: audit.ActionExpirePAT, BaseURL: base, Op: "op-expire", Kind: audit.KindPAT, ResourceID: tok.ID, Result: audit.ResultIntent},
		audit.Entry{Time: testNow, Action: audit.ActionDeleteApp, BaseURL: base, Op: "op-app", Kind: audit.KindApp, ResourceID: "a1", Result: audit.ResultIntent},
	); err != nil {
		t.Fatal(err)
	}
	m := New(commonForTest(), Options{Service: &fakeService{toks: fixture()}, Audit: log, BaseURL: base, IdentityID: "me"})
	if text := settle(t, m, log, base, false); !strings.Contains(text, "2 token changes recorded as outcome unknown") {
		t.Fatalf("said %q", text)
	}
	entries, err := audit.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	open := audit.OpenIntents(entries, base)
	if len(open) != 1 || open[0].Op != "op-app" {
		t.Fatalf("open after start: %+v", open)
	}
	for _, e := range entries[3:] {
		if e.Result != audit.ResultUnknown || !strings.Contains(e.Note, "may have been made") {
			t.Fatalf("closed as %+v", e)
		}
	}
}
