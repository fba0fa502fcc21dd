package owners

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
)

func TestChunksFitTheFilter(t *testing.T) {
	ids := make([]string, 300)
	for i := range ids {
		ids[i] = fmt.Sprintf("%032x", i)
	}
	chunks := Chunks(ids, 1000)
	total := 0
	for _, c := range chunks {
		if len(c) > 1100 {
			t.Fatalf("a chunk of %d characters", len(c))
		}
		total += strings.Count(c, `"`) / 2
	}
	if total != 300 || len(chunks) < 10 {
		t.Fatalf("%d ids in %d chunks", total, len(chunks))
	}
}

func signIn(t *testing.T, srv *sandbox.Server, url string, cred sandbox.Credential) *client.Client {
	t.Helper()
	hc := &http.Client{Timeout: 10 * time.Second}
	t.Cleanup(hc.CloseIdleConnections)
	cl, err := client.New(client.Config{BaseURL: url, ClientID: cred.ClientID, ClientSecret: cred.ClientSecret, HTTPClient: hc,
		RateLimit: client.RateLimit{Requests: 10000, Per: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

// The owners of a seed's tokens read in batches: leavers are Left or
// Away with their status, an unknown id is Missing, managers come along;
// admin capabilities for an admin, and a non-admin is refused them with
// the reason but still reads the states.
// tenant is a listening sandbox.
func tenant(t *testing.T, opts sandbox.Options) (*sandbox.Server, string) {
	t.Helper()
	srv, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	url, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return srv, url
}

func TestLookupAgainstTheSandbox(t *testing.T) {
	srv, url := tenant(t, sandbox.Options{Seed: 3, Tokens: 60, Apps: 20, Clients: -1})
	admin, user := srv.Credentials()
	ids := []string{"nobody"}
	seen := map[string]bool{}
	for _, p := range srv.PATs() {
		if !seen[p.Owner.ID] {
			seen[p.Owner.ID] = true
			ids = append(ids, p.Owner.ID)
		}
	}
	ctx := context.Background()
	got, err := Lookup(ctx, signIn(t, srv, url, user), ids)
	if err != nil {
		t.Fatal(err)
	}
	states := map[State]int{}
	for _, i := range got {
		states[i.State]++
	}
	if got["nobody"].State != Missing || states[Left] == 0 || states[Away] == 0 || states[Active] == 0 {
		t.Fatalf("states %v", states)
	}
	d := Directory{}.With(got)
	caps, err := Capabilities(ctx, signIn(t, srv, url, user), d, ids[1:4])
	if err != nil || !strings.Contains(caps[ids[1]].CapsWhy, "auth-user") || caps[ids[1]].CapsKnown {
		t.Fatalf("non-admin capabilities: %+v %v", caps[ids[1]], err)
	}
	caps, err = Capabilities(ctx, signIn(t, srv, url, admin), d, []string{admin.IdentityID})
	if err != nil || !caps[admin.IdentityID].Admin() || caps[admin.IdentityID].LastLogin == nil {
		t.Fatalf("admin capabilities: %+v %v", caps[admin.IdentityID], err)
	}
	if d2 := d.With(caps); !d2.Get(admin.IdentityID).Admin() || d.Get(admin.IdentityID).Admin() {
		t.Fatal("With must return a new snapshot and leave the old one")
	}
}

// Search asks the public identities by email, by one word (alias, first
// or last name), or by first and last name.
func TestSearchAgainstTheSandbox(t *testing.T) {
	srv, url := tenant(t, sandbox.Options{Seed: 3, Tokens: 20, Apps: 5, Clients: -1})
	_, user := srv.Credentials()
	cl := signIn(t, srv, url, user)
	ctx := context.Background()
	all, err := cl.ListPublicIdentities(ctx, client.ListIdentitiesOptions{Limit: 250})
	if err != nil {
		t.Fatal(err)
	}
	var ada client.PublicIdentity
	for _, p := range all.Items {
		if p.Name == "Ada Lovelace" {
			ada = p
		}
	}
	if ada.ID == "" {
		t.Fatal("no Ada Lovelace in the seed")
	}
	queries := []string{"Ada Lovelace", "lovelace", ada.Alias}
	if ada.Email != nil {
		queries = append(queries, *ada.Email)
	}
	for _, q := range queries {
		got, err := Search(ctx, cl, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ID != ada.ID {
			t.Errorf("Search(%q) = %v", q, got)
		}
	}
	if got, err := Search(ctx, cl, "Nobody Atall"); err != nil || len(got) != 0 {
		t.Errorf("Search(nobody) = %v, %v", got, err)
	}
}
