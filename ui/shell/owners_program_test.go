package shell_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/views/tokens"
)

// The owners' states load after the list; the "owner left or away" view
// (f) shows exactly the tokens of inactive owners.
func TestProgramOwnerLeftShowsExactlyTheirTokens(t *testing.T) {
	h := startWith(t, sandbox.Options{Seed: 7, Tokens: 80}, setup{view: func(o *tokens.Options) { o.Owners = o.Service.(*client.Client) }})
	before := h.srv.PATs()
	h.waitForAll(t, 5*time.Second, " tokens ·", "⊘") // the list, then the owners' states
	var ids []string
	for _, p := range before {
		ids = append(ids, p.Owner.ID)
	}
	slices.Sort(ids)
	states, err := owners.Lookup(context.Background(), h.cl, slices.Compact(ids))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range before {
		if states[p.Owner.ID].Inactive() {
			want = append(want, p.ID)
		}
	}
	if len(want) == 0 {
		t.Fatal("the seed has no tokens of inactive owners")
	}
	h.keys(runes("f"))
	h.waitFor(t, "Server filter · tokens", 5*time.Second)
	h.keys(ctrlU)
	h.tm.Type("only:owner-left")
	h.keys(enter)
	h.waitFor(t, "owner left", 5*time.Second)
	h.finish(t)
	got := h.tokens.Visible()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("owner left shows %v\nwant %v", got, want)
	}
}

// Signed in with a token whose scopes leave out sp:scopes:default, the
// identity APIs are refused: owners read "?", and the cleanup works as
// before (stale tokens marked and deleted).
func TestProgramOwnersRefusedCleanupStillWorks(t *testing.T) {
	scopes := []string{"sp:all-personal-access-tokens:read", "sp:all-personal-access-tokens:manage",
		"sp:my-personal-access-tokens:read", "sp:my-personal-access-tokens:manage"}
	su := setup{view: func(o *tokens.Options) { o.Owners = o.Service.(*client.Client) },
		asClient: func(srv *sandbox.Server, url string) (string, string) {
			made, err := adminClient(t, srv, url).CreatePAT(context.Background(), client.CreatePATRequest{Name: "narrow", Scope: scopes, UserAwareTokenNeverExpires: ptrTrue()})
			if err != nil {
				t.Fatal(err)
			}
			return made.ID, made.Secret
		}}
	h := startWith(t, sandbox.Options{Seed: 5, Tokens: 40}, su)
	h.waitForAll(t, 5*time.Second, " tokens ·", " ? ")
	listed, err := h.cl.ListPATs(context.Background(), client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range listed {
		if pats.Stale(&p, h.now(), stale.DefaultAfter) != stale.NotStale && p.Name != "narrow" {
			n++
		}
	}
	h.keys(runes("s"), runes("a"), runes("d"))
	h.waitFor(t, "Delete "+strconv.Itoa(n), 5*time.Second)
	h.confirmCount(n)
	h.waitFor(t, "Finished.", 10*time.Second)
	after, err := h.cl.ListPATs(context.Background(), client.ListPATsOptions{})
	if err != nil || len(after) != len(listed)-n {
		t.Fatalf("%d tokens after deleting %d of %d: %v", len(after), n, len(listed), err)
	}
}

func ptrTrue() *bool { v := true; return &v }

// adminClient is a client of srv's admin for work before the program
// starts; its idle connections close before the sandbox does (which
// would wait for them).
func adminClient(t *testing.T, srv *sandbox.Server, url string) *client.Client {
	t.Helper()
	hc := &http.Client{Timeout: 10 * time.Second}
	t.Cleanup(hc.CloseIdleConnections)
	admin, _ := srv.Credentials()
	cl, err := client.New(client.Config{BaseURL: url, ClientID: admin.ClientID, ClientSecret: admin.ClientSecret, HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

// The leaver sweep: :owner NAME on Tokens shows exactly the leaver's
// tokens, a x expires exactly them; on Apps, w reassigns exactly the
// leaver's apps (swept there too) to another identity, and u in the
// summary gives each back to the leaver; L ends the sweep in both views.
func TestProgramSweepExpiresTokensAndReassignsApps(t *testing.T) {
	h := startWith(t, sandbox.Options{Seed: 7, Tokens: 80, Apps: 40},
		setup{apps: true, view: func(o *tokens.Options) { o.Owners = o.Service.(*client.Client) }})
	h.waitForAll(t, 5*time.Second, " tokens ·", "⊘")
	ctx := context.Background()
	toks, apps := h.srv.PATs(), h.srv.SourceApps()
	var ids []string
	for _, p := range toks {
		ids = append(ids, p.Owner.ID)
	}
	slices.Sort(ids)
	states, err := owners.Lookup(ctx, h.cl, slices.Compact(ids))
	if err != nil {
		t.Fatal(err)
	}
	leaver, name := "", ""
	for _, p := range toks {
		if states[p.Owner.ID].State == owners.Left && slices.ContainsFunc(apps, func(a client.SourceApp) bool { return a.Owner != nil && a.Owner.ID == p.Owner.ID }) {
			leaver, name = p.Owner.ID, p.Owner.Name
		}
	}
	if leaver == "" {
		t.Fatal("no leaver owning tokens and apps")
	}
	target := h.now().Add(14 * 24 * time.Hour)
	var change []string
	for _, p := range toks {
		if p.Owner.ID == leaver && !p.Managed && (p.ExpirationDate == nil || p.ExpirationDate.After(target.Add(time.Hour))) {
			change = append(change, p.ID)
		}
	}
	h.keys(runes(":"))
	h.tm.Type("owner " + name)
	h.keys(enter)
	h.waitFor(t, "sweep: "+name, 5*time.Second)
	h.keys(runes("a"), runes("x"))
	h.waitFor(t, "Expire:", 3*time.Second)
	h.keys(enter)
	h.waitFor(t, "Expire "+strconv.Itoa(len(change))+" token", 3*time.Second)
	h.confirmCount(len(change))
	h.waitFor(t, "Finished.", 20*time.Second)
	h.closeRun(t)
	after := patByID(h.srv.PATs())
	for _, p := range toks {
		changed := after[p.ID].ExpirationDate != nil && (p.ExpirationDate == nil || !after[p.ID].ExpirationDate.Equal(*p.ExpirationDate))
		if changed != slices.Contains(change, p.ID) {
			t.Errorf("%s (%s): expiry changed %v", p.Name, p.Owner.Name, changed)
		}
	}

	// Apps: reassign the leaver's to the admin, then undo.
	var theirs []string
	for _, a := range apps {
		if a.Owner != nil && a.Owner.ID == leaver {
			theirs = append(theirs, a.ID)
		}
	}
	h.keys(runes(":"))
	h.tm.Type("apps")
	h.keys(enter)
	h.waitFor(t, "Apps · sweep: "+name, 5*time.Second) // the sweep is the session's
	h.keys(runes("w"))
	h.waitFor(t, "Reassign "+strconv.Itoa(len(theirs))+" app", 5*time.Second)
	h.tm.Type("Sandbox Admin")
	h.keys(enter)
	h.waitFor(t, "Update "+strconv.Itoa(len(theirs))+" app", 5*time.Second)
	h.confirmCount(len(theirs))
	h.waitFor(t, "Finished.", 20*time.Second)
	admin, _ := h.srv.Credentials()
	for _, a := range h.srv.SourceApps() {
		if slices.Contains(theirs, a.ID) != (a.Owner != nil && a.Owner.ID == admin.IdentityID && !ownedBy(apps, a.ID, admin.IdentityID)) {
			t.Errorf("%s: owner %+v after the reassign", a.Name, a.Owner)
		}
	}
	h.keys(runes("u"))
	h.waitFor(t, "Restore "+strconv.Itoa(len(theirs))+" app", 5*time.Second)
	h.confirmCount(len(theirs))
	h.waitFor(t, "Finished.", 20*time.Second)
	for _, a := range h.srv.SourceApps() {
		if slices.Contains(theirs, a.ID) && (a.Owner == nil || a.Owner.ID != leaver) {
			t.Errorf("%s: owner %+v after the undo", a.Name, a.Owner)
		}
	}
	h.closeRun(t)
	h.keys(runes("L"))
	h.keys(runes(":"))
	h.tm.Type("tokens")
	h.keys(enter)
	h.finish(t)
	if got := h.tokens.View(); strings.Contains(got, "sweep:") || !strings.Contains(got, "/"+strconv.Itoa(len(h.srv.PATs()))+"\n") {
		t.Errorf("L on Apps left Tokens swept:\n%s", got)
	}
}

// ownedBy reports whether app id was owner's before anything ran.
func ownedBy(apps []client.SourceApp, id, owner string) bool {
	for _, a := range apps {
		if a.ID == id {
			return a.Owner != nil && a.Owner.ID == owner
		}
	}
	return false
}
