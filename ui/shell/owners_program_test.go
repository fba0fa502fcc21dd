package shell_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
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
