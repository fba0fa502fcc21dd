package client_test

import (
	"testing"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/client/sandbox"
)

// Public identities and auth users in every family (beta takes v1's
// paths), both directions checked against the extract; a non-admin
// reads identities but not auth users.
func TestSandboxIdentitiesEveryFamily(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 4, Tokens: 40, Clients: 3})
	for _, fam := range client.Families() {
		t.Run(string(fam), func(t *testing.T) {
			c := tn.client(t, tn.admin, fam, nil)
			page, err := c.ListPublicIdentities(bg(), client.ListIdentitiesOptions{Limit: 10, Count: true, Sorters: "name"})
			if err != nil || len(page.Items) != 10 || page.Total < 10 {
				t.Fatalf("page: %d of %d, %v", len(page.Items), page.Total, err)
			}
			one, err := c.ListPublicIdentities(bg(), client.ListIdentitiesOptions{Filters: filter.In("id", tn.admin.IdentityID).String()})
			if err != nil || len(one.Items) != 1 || one.Items[0].State() != client.IdentityActive {
				t.Fatalf("id in: %+v %v", one.Items, err)
			}
			au, err := c.GetAuthUser(bg(), tn.admin.IdentityID)
			if err != nil || len(au.Capabilities) == 0 {
				t.Fatalf("auth user: %+v %v", au, err)
			}
			if _, ok := au.LastLogin(); !ok {
				t.Fatal("no last login")
			}
			u := tn.client(t, tn.user, fam, nil)
			if _, err := u.ListPublicIdentities(bg(), client.ListIdentitiesOptions{Limit: 1}); err != nil {
				t.Fatalf("a non-admin cannot read public identities: %v", err)
			}
			if _, err := u.GetAuthUser(bg(), tn.admin.IdentityID); !client.IsForbidden(err) {
				t.Fatalf("a non-admin read an auth user: %v", err)
			}
		})
	}
}
