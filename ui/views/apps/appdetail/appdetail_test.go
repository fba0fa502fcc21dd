package appdetail

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

var now = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

type fake struct {
	profiles []client.AccessProfileDetails
	removed  [][]string
}

func (f *fake) ListAccessProfiles(_ context.Context, _ string, o client.ListAccessProfilesOptions) ([]client.AccessProfileDetails, error) {
	lo := min(o.Offset, len(f.profiles))
	hi := min(lo+o.Limit, len(f.profiles))
	return slices.Clone(f.profiles[lo:hi]), nil
}

func (f *fake) RemoveAccessProfilesOutcome(_ context.Context, _ string, ids []string) ([]client.AccessProfileDetails, client.Outcome, error) {
	f.removed = append(f.removed, ids)
	f.profiles = slices.DeleteFunc(f.profiles, func(p client.AccessProfileDetails) bool { return slices.Contains(ids, p.ID) })
	return slices.Clone(f.profiles), client.Outcome{Status: 200, TrackingID: "t"}, nil
}

func profiles(n int) []client.AccessProfileDetails {
	out := make([]client.AccessProfileDetails, n)
	for i := range out {
		d := fmt.Sprintf("Grants role %d", i)
		out[i] = client.AccessProfileDetails{ID: fmt.Sprintf("ap%03d", i), Name: fmt.Sprintf("Profile %03d", i), Description: &d,
			Requestable: i%2 == 0, Disabled: i%3 == 0, EntitlementCount: i}
	}
	return out
}

func app() client.SourceApp {
	return client.SourceApp{ID: "a1", Name: "Payroll \x1b[2JPortal", Description: "Pay slips", Enabled: true, AppCenterEnabled: true,
		Created: now.AddDate(-1, 0, 0), Modified: now.AddDate(0, 0, -3), CloudAppID: "12345",
		Owner: &client.BaseReference{Type: "IDENTITY", ID: "o1", Name: "Ada Lovelace"},
		AccountSource: &client.AccountSource{ID: "s1", Name: "Workday HR", Type: "SOURCE", UseForPasswordManagement: true,
			PasswordPolicies: []client.BaseReference{{ID: "p1", Name: "Strong"}, {ID: "p2", Name: "Legacy"}}}}
}

func open(t *testing.T, f *fake, opts Options, w, h int) *Model {
	t.Helper()
	opts.Service = f
	c := commontest.Common(termenv.Ascii, func() time.Time { return now })
	m, cmd := New(c, app(), opts)
	m.SetSize(w, h)
	commontest.Drain(cmd, m.Update, nil)
	return m
}

func TestView(t *testing.T) {
	for _, c := range []struct {
		name string
		w, h int
	}{{"wide", 120, 40}, {"standard_80", 80, 36}, {"short", 100, 30}} {
		t.Run(c.name, func(t *testing.T) {
			m := open(t, &fake{profiles: profiles(12)}, Options{}, c.w, c.h)
			m.Update(commontest.Key(" "))
			m.Update(commontest.Key("down"))
			v := m.View()
			for i, line := range strings.Split(v, "\n") {
				if w := ansi.StringWidth(line); w > c.w {
					t.Fatalf("line %d is %d wide: %q", i, w, line)
				}
			}
			if strings.Contains(v, "\x1b[2J") {
				t.Fatal("the app name's escape reached the frame")
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// Marked profiles go in one bulk-remove after a confirm naming them; the
// list shown is the server's answer, and the removal is audited.
func TestRemoveMarked(t *testing.T) {
	f := &fake{profiles: profiles(300)} // two pages
	path := filepath.Join(t.TempDir(), audit.FileName)
	m := open(t, f, Options{Audit: audit.Open(path), Entry: audit.Entry{Kind: audit.KindApp, ResourceID: "a1"}}, 120, 40)
	if m.profiles.Len() != 300 {
		t.Fatalf("%d profiles listed", m.profiles.Len())
	}
	m.Update(commontest.Key(" "))
	m.Update(commontest.Key(" "))
	msgs := commontest.Drain(m.Update(commontest.Key("d")), m.Update, nil)
	var dlg common.Modal
	for _, msg := range msgs {
		if p, ok := msg.(common.PushModalMsg); ok && p.ID == confirmID {
			dlg = p.Modal
		}
	}
	if dlg == nil || !strings.Contains(ansi.Strip(dlg.View()), "Remove 2 access profiles?") {
		t.Fatalf("no confirm: %v", msgs)
	}
	commontest.Drain(m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 2}), m.Update, nil)
	if len(f.removed) != 1 || !slices.Equal(f.removed[0], []string{"ap000", "ap001"}) || m.profiles.Len() != 298 || m.profiles.Marks().Len() != 0 {
		t.Fatalf("removed %v, %d left, %d marks", f.removed, m.profiles.Len(), m.profiles.Marks().Len())
	}
	entries, err := audit.Read(path)
	if err != nil || len(entries) != 2 || entries[1].Action != audit.ActionRemoveProfiles || entries[1].Result != audit.ResultPatched ||
		string(entries[1].Ops) != `["ap000","ap001"]` {
		t.Fatalf("audit %+v %v", entries, err)
	}
	// u offers to put them back: an add of exactly those two.
	var add AddMsg
	commontest.Drain(m.Update(commontest.Key("u")), m.Update, func(msg tea.Msg) {
		if a, ok := msg.(AddMsg); ok {
			add = a
		}
	})
	if !add.Undo || !slices.Equal(add.ProfileIDs, []string{"ap000", "ap001"}) || len(add.Profiles) != 298 {
		t.Fatalf("undo %+v", add.ProfileIDs)
	}
}

// + asks for an id and hands the add to the Apps view's edit loop; read-
// only mode refuses with the reason.
func TestAddByIDAndReadOnly(t *testing.T) {
	m := open(t, &fake{profiles: profiles(2)}, Options{}, 120, 40)
	commontest.Drain(m.Update(commontest.Key("+")), m.Update, nil)
	var add AddMsg
	commontest.Drain(m.Update(textprompt.AnswerMsg{ID: addID, Text: " ap999 ", OK: true}), m.Update, func(msg tea.Msg) {
		if a, ok := msg.(AddMsg); ok {
			add = a
		}
	})
	if !slices.Equal(add.ProfileIDs, []string{"ap999"}) || !slices.Equal(add.Profiles, []string{"ap000", "ap001"}) {
		t.Fatalf("add %+v", add)
	}
	ro := open(t, &fake{profiles: profiles(2)}, Options{ReadOnly: true, Reason: "read-only mode"}, 120, 40)
	msgs := commontest.Drain(ro.Update(commontest.Key("d")), ro.Update, nil)
	if len(msgs) != 1 || !strings.Contains(msgs[0].(common.ToastMsg).Text, "read-only mode") {
		t.Fatalf("read-only: %v", msgs)
	}
}

// The profile list is the shared list: / filters it, esc clears the
// filter first and closes the details only then, and at 80×24 the
// cursor never leaves the rows on screen (a profile marked is one seen).
func TestProfilesFilterEscAndCursorInView(t *testing.T) {
	m := open(t, &fake{profiles: profiles(40)}, Options{}, 80, 24)
	for _, k := range []string{"/", "0", "1", "enter"} {
		commontest.Drain(m.Update(commontest.Key(k)), m.Update, nil)
	}
	if got := m.profiles.Visible(); len(got) == 40 || len(got) == 0 || got[0] != "ap010" {
		t.Fatalf("filter 01: %v", got)
	}
	if msgs := commontest.Drain(m.Update(commontest.Key("esc")), m.Update, nil); len(msgs) != 0 || m.profiles.Query().Text != "" {
		t.Fatalf("first esc: %v, filter %q", msgs, m.profiles.Query().Text)
	}
	for range 30 {
		m.Update(commontest.Key("down"))
		if !strings.Contains(ansi.Strip(m.View()), "›") {
			t.Fatalf("the cursor left the screen at profile %d:\n%s", m.profiles.Cursor(), ansi.Strip(m.View()))
		}
	}
	msgs := commontest.Drain(m.Update(commontest.Key("esc")), m.Update, nil)
	if len(msgs) != 1 || msgs[0].(common.PopModalMsg).ID != ID {
		t.Fatalf("second esc: %v", msgs)
	}
}

// On the shortest common screen (80×24: 22 rows for a dialog) the
// details fit whole, bottom border and key line included, with the list
// keeping rows of its own: the fields close up instead.
func TestDetailsFitAShortScreen(t *testing.T) {
	for _, h := range []int{22, 18} {
		m := open(t, &fake{profiles: profiles(40)}, Options{}, 80, h)
		for i := range 25 {
			v := ansi.Strip(m.View())
			lines := strings.Split(v, "\n")
			if len(lines) > h || !strings.Contains(lines[len(lines)-1], "╰") || !strings.Contains(lines[len(lines)-2], "esc close") {
				t.Fatalf("80×%d: %d lines, the end cut:\n%s", h, len(lines), v)
			}
			fields := "account source" // every field, closed up; shorter still, said
			if h < 20 {
				fields = "more fields on a taller screen"
			}
			if !strings.Contains(v, "›") || !strings.Contains(v, "Access profiles") || !strings.Contains(v, fields) {
				t.Fatalf("80×%d after %d downs: cursor, list or fields gone:\n%s", h, i, v)
			}
			m.Update(commontest.Key("down"))
		}
	}
}
