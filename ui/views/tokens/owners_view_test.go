package tokens

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/detail"
)

// fakeOwners answers the identity APIs from a fixed set: every identity
// on each list (Lookup keeps what it asked for), capabilities by id.
type fakeOwners struct {
	ids  []client.PublicIdentity
	caps map[string][]string
}

func (f *fakeOwners) ListPublicIdentities(context.Context, client.ListIdentitiesOptions) (client.Page[client.PublicIdentity], error) {
	return client.Page[client.PublicIdentity]{Items: f.ids, Total: -1}, nil
}

func (f *fakeOwners) GetAuthUser(_ context.Context, id string) (*client.AuthUser, error) {
	return &client.AuthUser{ID: id, Capabilities: f.caps[id], LastLoginTimestamp: daysAgo(40).UnixMilli()}, nil
}

func ownersFixture() *fakeOwners {
	str := func(s string) *string { return &s }
	boss := &client.IdentityReference{ID: "id-erin", Name: "erin"}
	return &fakeOwners{ids: []client.PublicIdentity{
		{ID: "id-alice", Name: "alice", IdentityState: str(client.IdentityActive), Status: str("Active"), Manager: boss},
		{ID: "id-bob", Name: "bob", IdentityState: str(client.IdentityInactiveLongTerm), Status: str("Terminated"), Manager: boss},
		{ID: "id-carol", Name: "carol", IdentityState: str(client.IdentityInactiveShortTerm), Status: str("Leave"), Manager: boss},
		{ID: "id-dave", Name: "dave", IdentityState: str(client.IdentityActive), Status: str("Active")},
		{ID: "id-erin", Name: "erin", IdentityState: str(client.IdentityActive), Status: str("Active")},
		{ID: "id-system", Name: "system", IdentityState: str(client.IdentityActive)},
	}, caps: map[string][]string{"id-alice": {"ORG_ADMIN"}}}
}

// The owner glyphs, RISK, an owner's details and a sweep, as drawn.
func TestViewWithOwners(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, m *Model) string
	}{
		{"list", func(t *testing.T, m *Model) string { return m.View() }},
		{"riskiest_first", func(t *testing.T, m *Model) string { press(t, m, "9"); return m.View() }},
		{"details_of_a_leaver", func(t *testing.T, m *Model) string {
			selectID(t, m, "t2")
			var later []tea.Msg // what the shell hands every modal
			shell := drainObserving(t, m, m.Update(keyMsg("enter")), func(msg tea.Msg) {
				if o, ok := msg.(detail.OwnerMsg); ok {
					later = append(later, o)
				}
			})
			for _, msg := range shell {
				if p, ok := msg.(common.PushModalMsg); ok && p.ID == detail.ID {
					d := p.Modal.(*detail.Model)
					d.SetSize(110, 34)
					before := d.View()
					for _, msg := range later {
						d.Update(msg)
					}
					if len(later) != 1 || !strings.Contains(before, "capabilities: reading") {
						t.Errorf("%d owner messages; before them:\n%s", len(later), before)
					}
					return d.View()
				}
			}
			t.Fatal("enter opened no details")
			return ""
		}},
		{"sweep", func(t *testing.T, m *Model) string {
			selectID(t, m, "t2")
			var sweeps []common.SweepMsg // the shell's, handed to every view
			drainObserving(t, m, m.Update(keyMsg("L")), func(msg tea.Msg) {
				if sw, ok := msg.(common.SweepMsg); ok {
					sweeps = append(sweeps, sw)
				}
			})
			if len(sweeps) != 1 || sweeps[0].ID != "id-bob" {
				t.Fatalf("L asked for %v", sweeps)
			}
			drain(t, m, m.Sweep(sweeps[0].ID, sweeps[0].Name))
			return m.View()
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newTestModel(t, nil, Options{Owners: ownersFixture()})
			golden.RequireEqual(t, []byte(c.setup(t, m)))
		})
	}
}
