package shell_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/oauthclients"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/edit/exteditor"
)

// toClients opens the Clients view and waits for its list.
func (h *harness) toClients(t *testing.T) {
	t.Helper()
	h.keys(runes(":"))
	h.tm.Type("clients")
	h.keys(enter)
	h.waitFor(t, "API clients · ", 5*time.Second)
}

// closeRun closes a finished run's panel and waits for its toast, so
// that the next keys reach the view, not the closing panel.
func (h *harness) closeRun(t *testing.T) {
	t.Helper()
	h.keys(enter)
	h.waitFor(t, ", skipped ", 5*time.Second)
}

// confirmCount confirms a dialog over n items: typed from 5, else the
// button to the right of Cancel.
func (h *harness) confirmCount(n int) {
	if n >= 5 {
		h.tm.Type(strconv.Itoa(n))
		h.keys(enter)
		return
	}
	h.keys(tea.KeyMsg{Type: tea.KeyRight}, enter)
}

func byID(cs []client.OAuthClient) map[string]client.OAuthClient {
	out := make(map[string]client.OAuthClient, len(cs))
	for _, c := range cs {
		out[c.ID] = c
	}
	return out
}

// s, a, x disables exactly the stale clients that are enabled and not
// internal; a disabled client can no longer sign in; u in the summary
// enables them again.
func TestProgramClientsDisableStaleThenUndo(t *testing.T) {
	h := startWith(t, sandbox.Options{Seed: 5, Tokens: 10, Apps: -1, Clients: 40}, setup{clients: true})
	before := byID(h.srv.OAuthClients())
	var want []string
	staleInternal := 0
	for id, c := range before {
		if !oauthclients.Judge(&c, h.now(), stale.DefaultAfter).Stale() || !c.Enabled {
			continue
		}
		if c.Internal {
			staleInternal++
			continue
		}
		want = append(want, id)
	}
	if len(want) < 5 {
		t.Fatalf("seed has %d stale enabled clients", len(want))
	}
	h.toClients(t)
	h.keys(runes("s"), runes("a"), runes("x"))
	h.waitFor(t, "Disable "+strconv.Itoa(len(want)), 5*time.Second)
	h.confirmCount(len(want))
	h.waitFor(t, "Finished.", 10*time.Second)
	after := byID(h.srv.OAuthClients())
	var disabled []string
	for id, c := range after {
		if before[id].Enabled && !c.Enabled {
			disabled = append(disabled, id)
		}
	}
	slices.Sort(want)
	slices.Sort(disabled)
	if !slices.Equal(want, disabled) {
		t.Fatalf("disabled %v\nwant %v", disabled, want)
	}

	// A disabled client cannot sign in any more.
	secret, _ := h.srv.ClientSecret(want[0])
	off, err := client.New(client.Config{BaseURL: h.cl.BaseURL(), ClientID: want[0], ClientSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := off.Authenticate(context.Background()); err == nil || !strings.Contains(err.Error(), "disabled") {
		t.Fatalf("a disabled client signed in: %v", err)
	}

	h.keys(runes("u"))
	h.waitFor(t, "Enable "+strconv.Itoa(len(want)), 5*time.Second)
	h.confirmCount(len(want))
	h.waitFor(t, "enabled, 0 failed", 10*time.Second)
	for id, c := range byID(h.srv.OAuthClients()) {
		if c.Enabled != before[id].Enabled {
			t.Errorf("%s: enabled %v after the undo, %v before", id, c.Enabled, before[id].Enabled)
		}
	}
	entries, err := audit.Read(h.audit)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, e := range entries {
		if e.Kind == audit.KindAPIClient && e.Result == audit.ResultPatched {
			count[e.Action]++
		}
	}
	if count[audit.ActionDisableClient] != len(want) || count[audit.ActionEnableClient] != len(want) {
		t.Fatalf("audit %v, want %d of each", count, len(want))
	}
}

// Signed in with an API client, marking every client and pressing x
// leaves that client (and the internal ones) enabled.
func TestProgramClientsNeverDisablesItsOwn(t *testing.T) {
	var self string
	// The admin creates the client sailtui then signs in with: all the
	// admin's rights (no scope).
	su := setup{clients: true, asClient: func(srv *sandbox.Server, url string) (string, string) {
		made, _, err := adminClient(t, srv, url).CreateOAuthClientOutcome(context.Background(), client.CreateOAuthClientRequest{Name: "sailtui itself",
			Description: "the cleanup tool", AccessTokenValiditySeconds: 3600, GrantTypes: []string{client.GrantClientCredentials},
			AccessType: client.AccessOffline, Enabled: true})
		if err != nil {
			t.Fatal(err)
		}
		self = made.ID
		return made.ID, made.Secret
	}}
	h := startWith(t, sandbox.Options{Seed: 6, Tokens: 10, Apps: -1, Clients: 28}, su)
	before := byID(h.srv.OAuthClients())
	n := 0
	for _, c := range before {
		if c.Enabled && !c.Internal && c.ID != self {
			n++
		}
	}
	h.toClients(t)
	h.keys(runes("a"), runes("x"))
	h.waitFor(t, "Disable ", 5*time.Second)
	h.confirmCount(n)
	h.waitFor(t, "Finished.", 10*time.Second)
	after := byID(h.srv.OAuthClients())
	if !after[self].Enabled {
		t.Fatal("the client sailtui is signed in with was disabled")
	}
	for id, c := range after {
		if before[id].Internal && before[id].Enabled && !c.Enabled {
			t.Errorf("internal client %s disabled without being included", id)
		}
	}
}

// Deleting marked clients while the tenant answers 5xx and drops
// connections deletes exactly the marked ones, and the audit has one
// outcome for each.
func TestProgramClientsDeleteUnderFaults(t *testing.T) {
	h := startWith(t, sandbox.Options{Seed: 8, Tokens: 10, Apps: -1, Clients: 30}, setup{clients: true})
	h.toClients(t)
	h.keys(runes("s"), runes("a"))
	h.waitFor(t, "Marked ", 5*time.Second)
	before := byID(h.srv.OAuthClients())
	var marked []string
	for id, c := range before {
		if oauthclients.Judge(&c, h.now(), stale.DefaultAfter).Stale() && !c.Internal {
			marked = append(marked, id)
		}
	}
	h.srv.SetFaults(sandbox.Faults{ErrorRate: 0.3, DropRate: 0.15, Seed: 3})
	h.keys(runes("d"))
	h.waitFor(t, "Delete "+strconv.Itoa(len(marked)), 5*time.Second)
	h.confirmCount(len(marked))
	h.waitFor(t, "Finished.", 30*time.Second)
	h.srv.SetFaults(sandbox.Faults{})
	after := byID(h.srv.OAuthClients())
	var gone []string
	for id := range before {
		if _, ok := after[id]; !ok {
			gone = append(gone, id)
		}
	}
	entries, err := audit.Read(h.audit)
	if err != nil {
		t.Fatal(err)
	}
	deleted := map[string]bool{}
	for _, e := range entries {
		if e.Action == audit.ActionDeleteClient && (e.Result == audit.ResultDeleted || e.Result == audit.ResultGoneAfterRetry) {
			deleted[e.ResourceID] = true
		}
	}
	slices.Sort(gone)
	for _, id := range gone {
		if !slices.Contains(marked, id) {
			t.Errorf("unmarked client %s deleted", id)
		}
		if !deleted[id] {
			t.Errorf("client %s gone without a deleted outcome in the audit", id)
		}
	}
	for id := range deleted {
		if _, still := after[id]; still {
			t.Errorf("audit says %s deleted, but it is there", id)
		}
	}
	t.Logf("%d marked, %d deleted under faults", len(marked), len(gone))
}

// E renames a client through $EDITOR: only the name changes.
func TestProgramClientsRenameThroughEditor(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "ed.sh")
	if err := os.WriteFile(script, []byte(`sed -i 's/"name": "Okta sync"/"name": "Okta sync (legacy)"/' "$1"`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	su := setup{clients: true, clientEdit: editflow.Options{Editor: "sh " + script, Runner: exteditor.DirectRunner{}, TempDir: dir}}
	h := startWith(t, sandbox.Options{Seed: 5, Tokens: 10, Apps: -1, Clients: 28}, su)
	var target client.OAuthClient
	for _, c := range h.srv.OAuthClients() {
		if c.Name == "Okta sync" {
			target = c
		}
	}
	h.toClients(t)
	h.keys(runes("/"))
	h.tm.Type("Okta sync")
	h.keys(enter, runes("E"))
	h.waitFor(t, `"value":"Okta sync (legacy)"`, 5*time.Second)
	h.keys(enter)
	h.waitFor(t, "Okta sync (legacy)", 5*time.Second)
	time.Sleep(200 * time.Millisecond)
	got := byID(h.srv.OAuthClients())[target.ID]
	want := target
	want.Name, want.Modified = "Okta sync (legacy)", got.Modified
	if !got.Modified.After(target.Modified) || !sameClient(got, want) {
		t.Fatalf("after the rename:\n%+v\nwant\n%+v", got, want)
	}
}

func sameClient(a, b client.OAuthClient) bool {
	x, y := a, b
	x.LastUsed, y.LastUsed = nil, nil
	return x.Name == y.Name && x.Enabled == y.Enabled && slices.Equal(x.GrantTypes, y.GrantTypes) &&
		slices.Equal(x.Scope, y.Scope) && slices.Equal(x.RedirectURIs, y.RedirectURIs) && x.AccessType == y.AccessType &&
		x.AccessTokenValiditySeconds == y.AccessTokenValiditySeconds && *x.Description == *y.Description
}
