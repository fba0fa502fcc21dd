package shell_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/stale"
)

var (
	tab   = tea.KeyMsg{Type: tea.KeyTab}
	down  = tea.KeyMsg{Type: tea.KeyDown}
	ctrlU = tea.KeyMsg{Type: tea.KeyCtrlU}
	ctrlS = tea.KeyMsg{Type: tea.KeyCtrlS}
	esc   = tea.KeyMsg{Type: tea.KeyEsc}
)

// editable creates, before the program starts, the admin's tokens the
// edit tests work on; ids receives their ids by name.
func editable(ids map[string]string, names ...string) func(cl *client.Client) {
	return func(cl *client.Client) {
		for _, n := range names {
			exp := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC) // a month after the harness's clock starts
			created, err := cl.CreatePAT(context.Background(), client.CreatePATRequest{Name: n, Scope: []string{"sp:scopes:default"},
				ExpirationDate: &exp})
			if err != nil {
				panic(err)
			}
			ids[n] = created.ID
		}
	}
}

func (h *harness) token(t *testing.T, id string) client.PersonalAccessToken {
	t.Helper()
	toks, err := h.cl.ListPATs(context.Background(), client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range toks {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("token %s not found", id)
	return client.PersonalAccessToken{}
}

// selectToken filters the list down to name and leaves the cursor on it.
func (h *harness) selectToken(t *testing.T, name string) {
	t.Helper()
	h.keys(runes("/"), runes(name), enter)
	h.waitFor(t, " match", 5*time.Second) // the filter line counts them; the best is selected
}

// waitForAll waits until one stretch of output holds every text.
func (h *harness) waitForAll(t *testing.T, d time.Duration, texts ...string) {
	t.Helper()
	teatest.WaitFor(t, h.tm.Output(), func(b []byte) bool {
		for _, s := range texts {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(d), teatest.WithCheckInterval(20*time.Millisecond))
}

// sameExcept fails when a and b differ in anything but the named fields.
func sameExcept(t *testing.T, a, b client.PersonalAccessToken, fields ...string) {
	t.Helper()
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	var ma, mb map[string]json.RawMessage
	_ = json.Unmarshal(ja, &ma)
	_ = json.Unmarshal(jb, &mb)
	for k := range ma {
		if k == "lastUsed" || slices.Contains(fields, k) {
			continue
		}
		if string(ma[k]) != string(mb[k]) {
			t.Errorf("%s changed: %s → %s", k, ma[k], mb[k])
		}
	}
}

// Rename a token and replace its scopes in the form: exactly those fields
// change on the server, the row shows it, the audit has intent and
// outcome; then u puts both back.
func TestProgramEditRenameScopesThenUndo(t *testing.T) {
	ids := map[string]string{}
	h := startWith(t, sandbox.Options{Seed: 3, Tokens: 30}, setup{before: editable(ids, "edit-me")})
	h.waitFor(t, "tokens", 10*time.Second)
	before := h.token(t, ids["edit-me"])
	h.selectToken(t, "edit-me")
	h.keys(runes("e"))
	h.waitFor(t, `Edit token "edit-me"`, 5*time.Second)
	h.keys(ctrlU, runes("edit-me renamed"), tab, runes("x"), runes("sp:scopes:all"), enter, runes("idn:app-roles:read"), enter, ctrlS)
	h.waitFor(t, "Sent: PATCH with 4 operations", 5*time.Second)
	h.keys(enter)
	h.waitFor(t, `Updated token "edit-me": name, scope`, 5*time.Second)

	after := h.token(t, ids["edit-me"])
	if after.Name != "edit-me renamed" || !slices.Equal(after.Scope, []string{"sp:scopes:all", "idn:app-roles:read"}) {
		t.Fatalf("server has %q %v", after.Name, after.Scope)
	}
	sameExcept(t, before, after, "name", "scope")

	h.keys(runes("u"))
	h.waitFor(t, "Undo: puts back", 5*time.Second)
	h.keys(enter)
	h.waitFor(t, "Updated token", 5*time.Second)
	undone := h.token(t, ids["edit-me"])
	if undone.Name != "edit-me" || !slices.Equal(undone.Scope, before.Scope) {
		t.Fatalf("after undo %q %v, want %q %v", undone.Name, undone.Scope, before.Name, before.Scope)
	}
	entries, err := audit.Read(h.audit)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Action+":"+string(e.Result))
	}
	if strings.Join(got, ",") != "patch-pat:intent,patch-pat:patched,patch-pat:intent,patch-pat:patched" || entries[1].ActorID == "" ||
		entries[1].TrackingID == "" || !strings.Contains(string(entries[1].Ops), `"op":"test","path":"/name","value":"edit-me"`) {
		t.Fatalf("audit %v / %+v", got, entries[1])
	}
}

// A 400 (the owner already has a token of that name) is shown on the
// preview with the server's message and tracking id; e goes back to the
// form with the edit kept, and a fixed name then applies.
func TestProgramEdit400KeepsTheEdit(t *testing.T) {
	ids := map[string]string{}
	h := startWith(t, sandbox.Options{Seed: 3, Tokens: 30}, setup{before: editable(ids, "edit-me", "taken")})
	h.waitFor(t, "tokens", 10*time.Second)
	h.selectToken(t, "edit-me")
	h.keys(runes("e"))
	h.waitFor(t, `Edit token "edit-me"`, 5*time.Second)
	h.keys(ctrlU, runes("taken"), ctrlS)
	h.waitFor(t, "Sent: PATCH", 5*time.Second)
	h.keys(enter)
	h.waitForAll(t, 5*time.Second, "already exists for this owner", "Bad Request Content · tracking id")
	h.keys(runes("e"))
	h.waitFor(t, "taken", 5*time.Second) // the form, with the edit
	h.keys(runes(" 2"), ctrlS)
	h.waitFor(t, `"taken 2"`, 5*time.Second)
	h.keys(enter)
	h.waitFor(t, "Updated token", 5*time.Second)
	if got := h.token(t, ids["edit-me"]).Name; got != "taken 2" {
		t.Fatalf("name %q", got)
	}
}

// Between load and apply someone else changes the token over HTTP. A
// field only they changed needs no guard and keeps their value; a field
// both changed fails the guard: the conflict view shows the three
// versions, the user keeps the server's value there, rebase previews
// again, and after apply the other writer's changes survive beside the
// user's rename.
func TestProgramEditConflictRebase(t *testing.T) {
	ids := map[string]string{}
	h := startWith(t, sandbox.Options{Seed: 3, Tokens: 30}, setup{before: editable(ids, "edit-me")})
	h.waitFor(t, "tokens", 10*time.Second)
	h.selectToken(t, "edit-me")
	h.keys(runes("e"))
	h.waitFor(t, `Edit token "edit-me"`, 5*time.Second)
	h.keys(ctrlU, runes("mine"), tab, down, runes("idn:app-roles:read"), enter, ctrlS)
	h.waitFor(t, "Sent: PATCH with 4 operations", 5*time.Second)
	// The other writer replaces the scopes.
	if _, err := h.cl.PatchPAT(context.Background(), ids["edit-me"], patchdiff.Patch{
		{Op: "replace", Path: "/scope", Value: json.RawMessage(`["sp:scopes:all"]`)}}); err != nil {
		t.Fatal(err)
	}
	h.keys(enter)
	h.waitForAll(t, 5*time.Second, "Changed on the server since you loaded", "both changed: keep YOURS", "your change is re-applied")
	h.keys(runes(" ")) // keep the server's scopes
	h.waitFor(t, "keep SERVER'S", 2*time.Second)
	h.keys(enter)
	h.waitFor(t, "Rebased on the server's current version", 5*time.Second)
	h.keys(enter)
	h.waitFor(t, "Updated token", 5*time.Second)
	got := h.token(t, ids["edit-me"])
	if got.Name != "mine" || !slices.Equal(got.Scope, []string{"sp:scopes:all"}) {
		t.Fatalf("server has %q %v: want my name and the other writer's scopes", got.Name, got.Scope)
	}
	entries, _ := audit.Read(h.audit)
	var results []string
	for _, e := range entries {
		results = append(results, string(e.Result))
	}
	if strings.Join(results, ",") != "intent,conflict,intent,patched" {
		t.Fatalf("audit %v", results)
	}
}

// Expiry: set to a date, then to never, on v2025; on v3 the field is
// shown read-only and cannot be changed.
func TestProgramEditExpiryByFamily(t *testing.T) {
	ids := map[string]string{}
	h := startWith(t, sandbox.Options{Seed: 3, Tokens: 30}, setup{family: client.FamilyV2025, before: editable(ids, "edit-me")})
	h.waitFor(t, "tokens", 10*time.Second)
	h.selectToken(t, "edit-me")
	h.keys(runes("e"))
	h.waitFor(t, `Edit token "edit-me"`, 5*time.Second)
	date := h.now().AddDate(0, 2, 0).Format("2006-01-02")
	h.keys(tab, down, down, ctrlU, runes(date), ctrlS)
	h.waitFor(t, "/expirationDate", 5*time.Second)
	h.keys(enter)
	h.waitFor(t, "Updated token", 5*time.Second)
	if got := h.token(t, ids["edit-me"]); got.ExpirationDate == nil || got.ExpirationDate.Format("2006-01-02") != date {
		t.Fatalf("expiry %v, want %s", got.ExpirationDate, date)
	}
	h.keys(runes("e"))
	h.waitFor(t, `Edit token "edit-me"`, 5*time.Second)
	h.keys(tab, down, down, ctrlU, runes("never"), ctrlS)
	h.waitFor(t, "userAwareTokenNeverExpires", 5*time.Second)
	h.keys(enter)
	h.waitFor(t, "Updated token", 5*time.Second)
	if got := h.token(t, ids["edit-me"]); got.ExpirationDate != nil || !got.UserAwareTokenNeverExpires {
		t.Fatalf("never: %v %v", got.ExpirationDate, got.UserAwareTokenNeverExpires)
	}

	ids3 := map[string]string{}
	h3 := startWith(t, sandbox.Options{Seed: 3, Tokens: 30}, setup{family: client.FamilyV3, before: editable(ids3, "edit-me")})
	h3.waitFor(t, "tokens", 10*time.Second)
	h3.selectToken(t, "edit-me")
	h3.keys(runes("e"))
	h3.waitForAll(t, 5*time.Second, `Edit token "edit-me"`, "expires         2026-07-01T00:00:00Z  (read-only)")
	// name → scopes' add row → (enter) straight to the Preview button:
	// expires is not a stop; (enter) there is nothing to send.
	h3.keys(tab, down, enter)
	h3.waitFor(t, "[ Preview ]", 5*time.Second)
	h3.keys(enter)
	h3.waitFor(t, "No change to send", 5*time.Second)
	h3.keys(esc)
}

// Half the API calls meet an expired access token (the sandbox's early
// expiry at 0.5): a cleanup of every stale unmanaged token still ends with
// none failed, each deleted once, and an outcome in the audit log for each.
func TestProgramCleanupUnderEarlyExpiry(t *testing.T) {
	// A budget that does not pace: the retries of expired tokens would
	// otherwise make the run wait out the documented 100/10s.
	h := startWith(t, sandbox.Options{Seed: 9, Tokens: 60}, setup{rate: client.RateLimit{Requests: 1000, Per: time.Second}})
	before := h.srv.PATs()
	h.waitFor(t, strconv.Itoa(len(before))+" tokens", 5*time.Second)
	var want []string
	for _, p := range before {
		if pats.Stale(&p, h.now(), stale.DefaultAfter) != stale.NotStale && !p.Managed {
			want = append(want, p.ID)
		}
	}
	h.srv.SetFaults(sandbox.Faults{EarlyExpiry: 0.5, Seed: 12})
	h.keys(runes("s"), runes("a"))
	h.waitFor(t, "Marked ", 3*time.Second)
	h.keys(runes("d"))
	h.waitFor(t, "Delete ", 3*time.Second)
	h.tm.Type(strconv.Itoa(len(want)))
	h.keys(enter)
	h.waitForAll(t, 30*time.Second, "Finished.", "0 failed")
	if st := h.srv.Stats(); st.Expired < 10 {
		t.Fatalf("only %d early expiries: the test proves nothing", st.Expired)
	}
	for _, id := range want {
		if n := h.srv.DeleteCount(id); n != 1 {
			t.Errorf("token %s deleted %d times", id, n)
		}
	}
	entries, err := audit.Read(h.audit)
	if err != nil {
		t.Fatal(err)
	}
	deleted := 0
	for _, e := range entries {
		if e.Result == audit.ResultDeleted {
			deleted++
		}
	}
	if deleted != len(want) || len(audit.OpenIntents(entries, entries[0].BaseURL)) != 0 {
		t.Fatalf("audit: %d deleted of %d", deleted, len(want))
	}
}
