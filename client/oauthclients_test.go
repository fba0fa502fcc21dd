package client_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/patchdiff"
)

// Every API client operation in every family, both directions checked
// against the extract: list (and filtered), create with the secret once,
// get without it, a guarded patch, a refused patch of scope, delete, and
// the 404 of a second delete.
func TestSandboxOAuthClientsEveryFamily(t *testing.T) {
	tn := fastTenant(t, sandbox.Options{Seed: 4, Clients: 20})
	for _, fam := range client.Families() {
		t.Run(string(fam), func(t *testing.T) {
			c := tn.client(t, tn.admin, fam, nil)
			all, err := c.ListOAuthClients(bg(), "")
			if err != nil || len(all) < 20 {
				t.Fatalf("list: %d, %v", len(all), err)
			}
			never, err := c.ListOAuthClients(bg(), filter.IsNull("lastUsed").String())
			if err != nil || len(never) == 0 || len(never) >= len(all) {
				t.Fatalf("never used: %d of %d, %v", len(never), len(all), err)
			}
			req := client.CreateOAuthClientRequest{Name: "ci " + string(fam), Description: "test", AccessTokenValiditySeconds: 750,
				GrantTypes: []string{client.GrantAuthorizationCode}, AccessType: client.AccessOnline, Enabled: true,
				RedirectURIs: []string{"https://app.example.com/cb"}, Scope: []string{"sp:oauth-client:read"}}
			made, _, err := c.CreateOAuthClientOutcome(bg(), req)
			if err != nil || made.Secret == "" {
				t.Fatalf("create: %+v, %v", made, err)
			}
			got, err := c.GetOAuthClient(bg(), made.ID)
			if err != nil || got.Name != req.Name || !slices.Equal(got.RedirectURIs, req.RedirectURIs) {
				t.Fatalf("get: %+v, %v", got, err)
			}
			ops := patchdiff.Patch{{Op: "test", Path: "/enabled", Value: []byte("true")}, {Op: "replace", Path: "/enabled", Value: []byte("false")}}
			if p, _, err := c.PatchOAuthClientOutcome(bg(), made.ID, ops); err != nil || p.Enabled {
				t.Fatalf("disable: %+v, %v", p, err)
			}
			scope := patchdiff.Patch{{Op: "replace", Path: "/scope", Value: []byte(`["sp:scopes:all"]`)}}
			if _, _, err := c.PatchOAuthClientOutcome(bg(), made.ID, scope); !isStatus(err, 400) {
				t.Fatalf("scope patch: %v", err)
			}
			if _, err := c.DeleteOAuthClientOutcome(bg(), made.ID); err != nil {
				t.Fatalf("delete: %v", err)
			}
			if _, err := c.DeleteOAuthClientOutcome(bg(), made.ID); !client.IsNotFound(err) {
				t.Fatalf("second delete: %v", err)
			}
		})
	}
}

// Bad creates are refused before anything is sent.
func TestCreateOAuthClientChecks(t *testing.T) {
	ok := client.CreateOAuthClientRequest{Name: "n", Description: "d", AccessTokenValiditySeconds: 750,
		GrantTypes: []string{client.GrantClientCredentials}, AccessType: client.AccessOffline}
	for _, c := range []struct {
		mod  func(*client.CreateOAuthClientRequest)
		want string
	}{
		{func(r *client.CreateOAuthClientRequest) { r.Name = " " }, "name"},
		{func(r *client.CreateOAuthClientRequest) { r.GrantTypes = nil }, "grant type"},
		{func(r *client.CreateOAuthClientRequest) { r.GrantTypes = []string{"PASSWORD"} }, "PASSWORD"},
		{func(r *client.CreateOAuthClientRequest) { r.GrantTypes = []string{client.GrantAuthorizationCode} }, "redirect URI"},
		{func(r *client.CreateOAuthClientRequest) {
			r.GrantTypes, r.RedirectURIs = []string{client.GrantAuthorizationCode}, []string{"/relative"}
		}, "absolute"},
		{func(r *client.CreateOAuthClientRequest) { r.AccessType = "SOMETIMES" }, "ONLINE or OFFLINE"},
		{func(r *client.CreateOAuthClientRequest) { r.AccessTokenValiditySeconds = 0 }, "validity"},
	} {
		r := ok
		c.mod(&r)
		if err := r.Check(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want %q, got %v", c.want, err)
		}
	}
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
}

func isStatus(err error, status int) bool {
	ae, ok := client.AsAPIError(err)
	return ok && ae.Status == status
}
