package clients

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/oauthclients"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/detail"
)

func TestGoldenList(t *testing.T) {
	tn := newTenant(t, 28, false)
	for _, size := range []struct {
		name string
		w, h int
	}{{"120x30", 120, 30}, {"80x24", 80, 24}} {
		t.Run(size.name, func(t *testing.T) {
			m := newTestModel(t, tn, Options{})
			m.SetSize(size.w, size.h)
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}

func TestGoldenDetailAndForms(t *testing.T) {
	tn := newTenant(t, 28, false)
	m := newTestModel(t, tn, Options{})
	m.SetSize(100, 34)
	press(t, m, "/")
	for _, r := range "code" {
		press(t, m, string(r))
	}
	press(t, m, "enter")
	d := pushed(t, press(t, m, "enter"), detail.ID)
	d.SetSize(100, 34)
	golden.RequireEqual(t, []byte(d.View()))
	press(t, m, "esc")
	f := pushed(t, press(t, m, "n"), createID)
	f.SetSize(100, 34)
	t.Run("create", func(t *testing.T) { golden.RequireEqual(t, []byte(f.View())) })
	drain(t, m, m.Update(editform.CancelMsg{ID: createID}))
	var form common.Modal
	for _, msg := range press(t, m, "e") {
		if p, ok := msg.(common.PushModalMsg); ok {
			form = p.Modal
		}
	}
	form.SetSize(100, 40)
	t.Run("edit", func(t *testing.T) { golden.RequireEqual(t, []byte(form.View())) })
}

// x over every marked client: the dialog leaves the internal ones out
// unless included, and never has the signed-in client; confirming sends
// exactly the others, each once, and they are disabled.
func TestDisableLeavesOutInternalAndSession(t *testing.T) {
	tn := newTenant(t, 28, false)
	all := tn.srv.OAuthClients()
	var self client.OAuthClient
	for _, c := range all {
		if c.Enabled && !c.Internal {
			self = c
			break
		}
	}
	m := newTestModel(t, tn, Options{SessionClientID: self.ID})
	m.SetSize(120, 60)
	press(t, m, "a")
	dlg := pushed(t, press(t, m, "x"), confirmID)
	v := ansi.Strip(dlg.View())
	internal, want := 0, 0
	for _, c := range all {
		switch {
		case !c.Enabled || c.ID == self.ID:
		case c.Internal:
			internal++
		default:
			want++
		}
	}
	if !strings.Contains(v, "internal API clients are left out") || !strings.Contains(v, "sailtui is signed in with") ||
		!strings.Contains(v, "Include the internal API clients (m)") {
		t.Fatalf("dialog:\n%s", v)
	}
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: want}))
	disabled := 0
	for _, c := range tn.srv.OAuthClients() {
		before := all[slices.IndexFunc(all, func(b client.OAuthClient) bool { return b.ID == c.ID })]
		switch {
		case c.ID == self.ID && !c.Enabled:
			t.Fatal("the session's client was disabled")
		case c.Internal && before.Enabled && !c.Enabled:
			t.Fatalf("internal %s disabled", c.Name)
		case before.Enabled && !c.Enabled:
			disabled++
		}
	}
	if disabled != want || internal == 0 {
		t.Fatalf("disabled %d, want %d (internal left out: %d)", disabled, want, internal)
	}
}

// The stale rule is the tokens' rule, and s shows only stale clients.
func TestStaleOnly(t *testing.T) {
	tn := newTenant(t, 28, false)
	m := newTestModel(t, tn, Options{})
	n := 0
	for _, c := range tn.srv.OAuthClients() {
		if oauthclients.Judge(&c, testNow, stale.DefaultAfter).Stale() {
			n++
		}
	}
	press(t, m, "s")
	if got := len(m.Visible()); got != n || n == 0 {
		t.Fatalf("stale only shows %d, want %d", got, n)
	}
}

// scope is read-only in the edit form, with the reason.
func TestScopeIsReadOnly(t *testing.T) {
	tn := newTenant(t, 28, false)
	m := newTestModel(t, tn, Options{})
	m.SetSize(120, 50)
	msgs := press(t, m, "e")
	var form common.Modal
	for _, msg := range msgs {
		if p, ok := msg.(common.PushModalMsg); ok {
			form = p.Modal
		}
	}
	if form == nil {
		t.Fatalf("e opened nothing: %v", msgs)
	}
	form.SetSize(120, 50)
	if v := ansi.Strip(form.View()); !strings.Contains(v, "read-only: not patchable: new scopes need a new client") {
		t.Fatalf("form:\n%s", v)
	}
}

// A create the server would refuse is refused on the form first.
func TestCreateChecksLocally(t *testing.T) {
	tn := newTenant(t, 5, false)
	m := newTestModel(t, tn, Options{})
	press(t, m, "n")
	doc := `{"name":"web","description":"d","grantTypes":["AUTHORIZATION_CODE"],"redirectUris":[],"accessType":"ONLINE",` +
		`"accessTokenValiditySeconds":750,"refreshTokenValiditySeconds":86400,"enabled":true,"scope":[]}`
	failed := false
	commontest.Drain(m.Update(editform.SubmitMsg{ID: createID, Doc: []byte(doc), Seq: 1}), m.Update, func(msg tea.Msg) {
		if f, ok := msg.(editform.FailedMsg); ok && f.ID == createID && strings.Contains(f.Err.Error(), "redirect URI") {
			failed = true
		}
	})
	if !failed || len(tn.srv.OAuthClients()) != 5 {
		t.Fatal("a bad create was not refused on the form")
	}
}

// A refused list (a non-admin) disables every change, saying why.
func TestRefusedListDisablesChanges(t *testing.T) {
	tn := newTenant(t, 5, true)
	m := newTestModel(t, tn, Options{})
	toasts := commontest.Toasts(press(t, m, "x"))
	if len(toasts) != 1 || !strings.Contains(toasts[0], "listing API clients was refused") {
		t.Fatalf("x after a 403: %q", toasts)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "sp:oauth-client:read") {
		t.Fatalf("view:\n%s", v)
	}
}
