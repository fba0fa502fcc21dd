package audit

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var settleNow = time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)

// fakeSettler settles kind k: ids in present are still there, ids in
// hidden cannot be checked.
func fakeSettler(k Kind, noun string, present, hidden map[string]bool, calls *[]Kind) Settler {
	return Settler{Kind: k, Noun: noun, Deletes: func(a string) bool { return strings.HasPrefix(a, "delete-") },
		Present: func(_ context.Context, intents []Entry) (map[string]bool, string, error) {
			*calls = append(*calls, k)
			out := map[string]bool{}
			for _, e := range intents {
				if e.Kind != k {
					panic("another kind's intent reached " + string(k))
				}
				if !hidden[e.ResourceID] {
					out[e.ResourceID] = present[e.ResourceID]
				}
			}
			return out, "not visible", nil
		}}
}

func intent(k Kind, action, op, id string) Entry {
	return Entry{Time: settleNow, Action: action, BaseURL: "https://t", Op: op, Kind: k, ResourceID: id, Result: ResultIntent}
}

// Each kind's open intents go to its own settler, once; deletes are
// settled by presence, other changes closed as unknown, what cannot be
// checked stays open, and a kind nobody settles is left alone and said.
func TestSettleGivesEachKindItsOwnIntents(t *testing.T) {
	log := Open(filepath.Join(t.TempDir(), FileName))
	if err := log.Append(
		intent(KindPAT, ActionDeletePAT, "p1", "t-gone"),
		intent(KindPAT, ActionDeletePAT, "p2", "t-kept"),
		intent(KindPAT, ActionPatchPAT, "p3", "t-edited"),
		intent(KindApp, ActionDeleteApp, "a1", "a-gone"),
		intent(KindApp, ActionDeleteApp, "a2", "a-hidden"),
		intent(KindAPIClient, "delete-api-client", "c1", "c1"),
	); err != nil {
		t.Fatal(err)
	}
	// Another tenant's intent is not this settling's.
	if err := log.Append(Entry{Time: settleNow, Action: ActionDeletePAT, BaseURL: "https://other", Op: "x", Kind: KindPAT,
		ResourceID: "t-x", Result: ResultIntent}); err != nil {
		t.Fatal(err)
	}
	var calls []Kind
	settlers := []Settler{
		fakeSettler(KindPAT, "token", map[string]bool{"t-kept": true}, nil, &calls),
		fakeSettler(KindApp, "app", nil, map[string]bool{"a-hidden": true}, &calls),
	}
	s := Settling{Log: log, BaseURL: "https://t", Actor: Actor{ID: "me"}, Now: func() time.Time { return settleNow }}
	rep := Settle(context.Background(), s, settlers)
	if len(calls) != 2 || calls[0] != KindPAT || calls[1] != KindApp {
		t.Fatalf("settlers called %v", calls)
	}
	text := rep.Text()
	for _, want := range []string{
		"2 token deletes confirmed after restart (1 deleted, 1 still present)",
		"1 token change recorded as outcome unknown",
		"1 app delete confirmed after restart (1 deleted, 0 still present)",
		"1 app change still unrecorded (not visible)",
		"1 change of a kind this sailtui does not know left open",
		"1 change of other tenants left open (1 on https://other): a session on that tenant settles them",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report %q lacks %q", text, want)
		}
	}
	entries, err := Read(log.Path())
	if err != nil {
		t.Fatal(err)
	}
	var open []string
	for _, e := range OpenIntents(entries, "https://t") {
		open = append(open, e.Op)
	}
	if strings.Join(open, ",") != "a2,c1" || len(OpenIntents(entries, "https://other")) != 1 {
		t.Fatalf("still open %v", open)
	}
	// The next start has only what could not be settled to say.
	if again := Settle(context.Background(), s, settlers).Text(); strings.Contains(again, "confirmed") {
		t.Fatalf("settled twice: %q", again)
	}
}

// A read-only session counts, and writes nothing; a settler's failure
// leaves its deletes open and is said.
func TestSettleReadOnlyAndFailure(t *testing.T) {
	log := Open(filepath.Join(t.TempDir(), FileName))
	if err := log.Append(intent(KindPAT, ActionDeletePAT, "p1", "t1"), intent(KindPAT, ActionPatchPAT, "p2", "t2")); err != nil {
		t.Fatal(err)
	}
	var calls []Kind
	s := Settling{Log: log, BaseURL: "https://t", Now: func() time.Time { return settleNow }, ReadOnly: true}
	text := Settle(context.Background(), s, []Settler{fakeSettler(KindPAT, "token", nil, nil, &calls)}).Text()
	if !strings.Contains(text, "2 token changes still unrecorded (read-only") || len(calls) != 0 {
		t.Fatalf("read-only: %q, calls %v", text, calls)
	}
	if entries, _ := Read(log.Path()); len(entries) != 2 {
		t.Fatalf("read-only wrote: %d entries", len(entries))
	}
	failing := Settler{Kind: KindPAT, Noun: "token", Deletes: func(a string) bool { return a == ActionDeletePAT },
		Present: func(context.Context, []Entry) (map[string]bool, string, error) {
			return nil, "", errors.New("list tokens: 503")
		}}
	s.ReadOnly = false
	rep := Settle(context.Background(), s, []Settler{failing})
	if rep.Err == nil || !strings.Contains(rep.Text(), "1 token change recorded as outcome unknown") ||
		!strings.Contains(rep.Text(), "could not check the rest: list tokens: 503") {
		t.Fatalf("failure: %q", rep.Text())
	}
	entries, _ := Read(log.Path())
	if open := OpenIntents(entries, "https://t"); len(open) != 1 || open[0].Op != "p1" {
		t.Fatalf("open %+v", open)
	}
}

// Lines written before entries named their kind still read as their
// kind: a token's "tokenId", an app's "appId".
func TestLegacyEntriesReadWithTheirKind(t *testing.T) {
	var tok, app Entry
	if err := tok.UnmarshalJSON([]byte(`{"action":"delete-pat","tokenId":"t1","result":"intent"}`)); err != nil {
		t.Fatal(err)
	}
	if err := app.UnmarshalJSON([]byte(`{"action":"bulk-update-app","appId":"a1","result":"intent"}`)); err != nil {
		t.Fatal(err)
	}
	if tok.Kind != KindPAT || tok.ResourceID != "t1" || app.Kind != KindApp || app.ResourceID != "a1" {
		t.Fatalf("token %+v, app %+v", tok, app)
	}
}

// A tenant is the same under another spelling of its URL: open intents
// written as localhost are settled by a start on 127.0.0.1, and an ISC
// tenant's UI host is its API host.
func TestSettleMatchesTheTenantNotTheSpelling(t *testing.T) {
	log := Open(filepath.Join(t.TempDir(), FileName))
	e := intent(KindPAT, ActionDeletePAT, "p1", "t-gone")
	e.BaseURL = "http://localhost:8080/"
	if err := log.Append(e); err != nil {
		t.Fatal(err)
	}
	var calls []Kind
	s := Settling{Log: log, BaseURL: "http://127.0.0.1:8080", Now: func() time.Time { return settleNow }}
	rep := Settle(context.Background(), s, []Settler{fakeSettler(KindPAT, "token", nil, nil, &calls)})
	if len(calls) != 1 || !strings.Contains(rep.Text(), "1 token delete confirmed") || len(rep.Elsewhere) != 0 {
		t.Fatalf("settled %v: %q", calls, rep.Text())
	}
}

func TestTenantKey(t *testing.T) {
	same := [][2]string{
		{"http://localhost:8080", "http://127.0.0.1:8080/"},
		{"http://[::1]:8080", "http://127.0.0.2:8080"},
		{"https://acme.api.identitynow.com", "https://ACME.identitynow.com/"},
		{"https://acme.api.identitynow.com:443", "https://acme.api.identitynow.com."},
		{"https://user:pw@acme.api.identitynow.com/v3", "https://acme.api.identitynow.com"},
	}
	for _, p := range same {
		if !SameTenant(p[0], p[1]) {
			t.Errorf("%s and %s: different tenants (%q, %q)", p[0], p[1], TenantKey(p[0]), TenantKey(p[1]))
		}
	}
	different := [][2]string{
		{"http://localhost:8080", "http://localhost:8081"},
		{"https://acme.api.identitynow.com", "https://acme-sb.api.identitynow.com"},
		{"https://acme.api.identitynow.com", "https://acme.api.identitynow-demo.com"},
		{"https://proxy.example", "https://proxy.example:8443"},
	}
	for _, p := range different {
		if SameTenant(p[0], p[1]) {
			t.Errorf("%s and %s: the same tenant (%q)", p[0], p[1], TenantKey(p[0]))
		}
	}
}
