package tokens

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/edit/editform"
)

// typeInto sends keys to the form: names of special keys, else text.
func typeInto(f *editform.Model, ks ...string) []tea.Msg {
	special := map[string]tea.KeyType{"tab": tea.KeyTab, "enter": tea.KeyEnter, "ctrl+u": tea.KeyCtrlU, "ctrl+s": tea.KeyCtrlS}
	var out []tea.Msg
	for _, k := range ks {
		msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		if typ, ok := special[k]; ok {
			msg = tea.KeyMsg{Type: typ}
		}
		if cmd := f.Update(msg); cmd != nil {
			out = append(out, cmd())
		}
	}
	return out
}

func openCreateForm(t *testing.T, m *Model) *editform.Model {
	t.Helper()
	f, ok := pushedModal(press(t, m, "n"), createID).(*editform.Model)
	if !ok {
		t.Fatal("n did not open the create form")
	}
	return f
}

// The form's document is the create request: the name trimmed, the scopes
// as added, the validity as a number, and an expiry either as a date or as
// never, with the flag only then.
func TestCreateFormBuildsTheRequest(t *testing.T) {
	for _, tc := range []struct {
		expiry string
		date   *time.Time
		flag   bool
	}{
		{"never", nil, true},
		{"2027-01-31", ptr(time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)), false},
	} {
		svc := &fakeService{toks: fixture()}
		m := newTestModel(t, svc, Options{Family: client.FamilyV1})
		f := openCreateForm(t, m)
		typeInto(f, " nightly ", "tab", "sp:scopes:default", "enter", "tab", "ctrl+u", "600", "tab", "ctrl+u", tc.expiry)
		msgs := typeInto(f, "ctrl+s")
		if len(msgs) != 1 {
			t.Fatalf("%s: submit gave %#v\n%s", tc.expiry, msgs, f.View())
		}
		drain(t, m, func() tea.Msg { return msgs[0] })
		if len(svc.created) != 1 {
			t.Fatalf("%s: created %+v", tc.expiry, svc.created)
		}
		r := svc.created[0]
		if r.Name != "nightly" || strings.Join(r.Scope, ",") != "sp:scopes:default" || r.AccessTokenValiditySeconds == nil ||
			*r.AccessTokenValiditySeconds != 600 || (r.ExpirationDate == nil) != (tc.date == nil) ||
			(tc.date != nil && !r.ExpirationDate.Equal(*tc.date)) || (r.UserAwareTokenNeverExpires != nil) != tc.flag {
			t.Fatalf("%s: request %+v", tc.expiry, r)
		}
	}
}

// An API version without never-expiring tokens: "never" is refused with
// the reason; empty sends no date, the server's default.
func TestCreateFormWithoutNeverExpiring(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{Family: client.FamilyV3})
	f := openCreateForm(t, m)
	typeInto(f, "nightly", "tab", "sp:scopes:default", "enter", "tab", "tab", "ctrl+u", "never")
	if msgs := typeInto(f, "ctrl+s"); len(msgs) != 0 || !strings.Contains(f.View(), "no never-expiring tokens") {
		t.Fatalf("never on v3: %#v\n%s", msgs, f.View())
	}
	typeInto(f, "ctrl+u")
	if !strings.Contains(f.View(), "the server's default") {
		t.Fatalf("empty expiry not explained:\n%s", f.View())
	}
	msgs := typeInto(f, "ctrl+s")
	if len(msgs) != 1 {
		t.Fatalf("submit: %#v\n%s", msgs, f.View())
	}
	drain(t, m, func() tea.Msg { return msgs[0] })
	if r := svc.created[0]; r.ExpirationDate != nil || r.UserAwareTokenNeverExpires != nil {
		t.Fatalf("request %+v: want no date and no flag", r)
	}
}

// One's own token names are unique: a duplicate is refused before any
// request.
func TestCreateFormRefusesADuplicateName(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{Family: client.FamilyV1, IdentityID: "id-alice"})
	f := openCreateForm(t, m)
	typeInto(f, "ci-deploy", "tab", "sp:scopes:default", "enter")
	if msgs := typeInto(f, "ctrl+s"); len(msgs) != 0 || !strings.Contains(f.View(), `you already have a token named "ci-deploy"`) {
		t.Fatalf("duplicate: %#v\n%s", msgs, f.View())
	}
}

// Rotating a rotated token replaces its rotation date instead of adding
// another; a second rotation the same day is numbered, since the first
// one's name is taken.
func TestRotatedNameDoesNotStack(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		old   string
		taken []string
		want  string
	}{
		{"ci-deploy", nil, "ci-deploy (rotated 2026-12-07)"},
		{"ci-deploy (rotated 2026-01-02) (rotated 2026-06-01)", nil, "ci-deploy (rotated 2026-12-07)"},
		{"ci-deploy (rotated 2026-12-07)", []string{"ci-deploy (rotated 2026-12-07)"}, "ci-deploy (rotated 2026-12-07 2)"},
		{"ci-deploy (rotated 2026-12-07 2)", []string{"ci-deploy (rotated 2026-12-07)", "ci-deploy (rotated 2026-12-07 2)"},
			"ci-deploy (rotated 2026-12-07 3)"},
		{"rotated (rotated soon)", nil, "rotated (rotated soon) (rotated 2026-12-07)"},
	} {
		if got := rotatedName(c.old, now, c.taken); got != c.want {
			t.Errorf("%q → %q, want %q", c.old, got, c.want)
		}
	}
}
