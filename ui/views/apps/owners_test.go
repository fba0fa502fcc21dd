package apps

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
)

// fakeOwners is the identity APIs: o3 has left, the rest are active.
type fakeOwners struct{}

func (fakeOwners) ListPublicIdentities(_ context.Context, o client.ListIdentitiesOptions) (client.Page[client.PublicIdentity], error) {
	var out []client.PublicIdentity
	for i := range 7 {
		id := "o" + string(rune('0'+i))
		if !strings.Contains(o.Filters, `"`+id+`"`) {
			continue
		}
		state := client.IdentityActive
		if id == "o3" {
			state = client.IdentityInactiveLongTerm
		}
		out = append(out, client.PublicIdentity{ID: id, Name: "Owner", IdentityState: &state})
	}
	return client.Page[client.PublicIdentity]{Items: out, Total: -1}, nil
}

func (fakeOwners) GetAuthUser(context.Context, string) (*client.AuthUser, error) {
	return &client.AuthUser{}, nil
}

// The owners' states come in after the pages: a gone owner's apps show
// it before the name, and f offers their apps as /all's owner.id filter.
func TestOwnerLeftOnApps(t *testing.T) {
	svc := &fakeService{apps: many(21)}
	m := newTestModel(t, svc, Options{Owners: fakeOwners{}})
	if v := ansi.Strip(m.View()); !strings.Contains(v, m.Styles.Glyphs.OwnerLeft+" Owner 3") {
		t.Fatalf("no left glyph:\n%s", v)
	}
	p, ok := m.ownerLeftPreset()
	if !ok || p.Expr != `owner.id in ("o3")` {
		t.Fatalf("preset %+v %v", p, ok)
	}
}
