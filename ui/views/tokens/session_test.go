package tokens

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/detail"
)

// sessionID is the fixture token the tests pretend sailtui signed in with:
// t2 is stale, so "s a d" sweeps it up like any other stale token.
const sessionID = "t2"

// pushedModal returns the modal pushed with id, or nil.
func pushedModal(msgs []tea.Msg, id string) common.Modal {
	for _, msg := range msgs {
		if p, ok := msg.(common.PushModalMsg); ok && p.ID == id {
			return p.Modal
		}
	}
	return nil
}

func TestSessionTokenIsMarkedInTheList(t *testing.T) {
	m := newTestModel(t, nil, Options{SessionClientID: sessionID})
	plain := ansi.Strip(m.View())
	var line string
	for _, l := range strings.Split(plain, "\n") {
		if strings.Contains(l, "old-report") {
			line = l
		}
	}
	if !strings.Contains(line, "◆ this session") {
		t.Fatalf("session row lacks its marker: %q", line)
	}
	if n := strings.Count(plain, "this session"); n != 1 {
		t.Fatalf("%d rows claim to be the session's", n)
	}
	if w := ansi.StringWidth(line); w != 120 {
		t.Fatalf("session row is %d cells wide, want 120", w)
	}
	golden.RequireEqual(t, []byte(m.View()))
}

// flat is a dialog's text with its frame and line wrapping removed.
func flat(view string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("┃", " ", "│", " ").Replace(ansi.Strip(view))), " ")
}

// A client id typed in another case still protects the token.
func TestSessionMatchIgnoresCase(t *testing.T) {
	m := newTestModel(t, nil, Options{SessionClientID: "T2"})
	if toks := m.rows.Items(); !m.isSession(&toks[1]) || toks[1].ID != "t2" || m.isSession(&toks[0]) {
		t.Fatal("case-insensitive session match failed")
	}
	if none := newTestModel(t, nil, Options{}); none.isSession(&none.rows.Items()[0]) {
		t.Fatal("no session id must match nothing")
	}
}

func TestDeletingOnlyTheSessionTokenExplainsWhy(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{SessionClientID: sessionID})
	for m.selected().Tok.ID != sessionID {
		press(t, m, "down")
	}
	out := press(t, m, "d")
	toasts := shellToasts(out)
	if len(toasts) != 1 || !strings.Contains(toasts[0], "signed in with this token") || m.pending.Open() {
		t.Fatalf("d on the session token: %v, pending %v", out, m.pending)
	}
	// Marked on its own, it is refused the same way.
	press(t, m, "space")
	out = press(t, m, "d")
	if len(m.Marked()) != 1 || pushedModal(out, confirmID) != nil || len(shellToasts(out)) != 1 {
		t.Fatalf("marked session token: marks %v, out %v", m.Marked(), out)
	}
	if len(svc.deleted) != 0 {
		t.Fatalf("deleted %v", svc.deleted)
	}
}

// Marked with everything else stale, the session token is left out: the
// dialog says so, offers no way to include it, and the run never sends it.
func TestSessionTokenLeftOutOfBulkDelete(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{SessionClientID: sessionID})
	press(t, m, "s", "a")
	if !slices.Contains(m.Marked(), sessionID) {
		t.Fatalf("mark all should still mark it (the dialog explains): %v", m.Marked())
	}
	out := press(t, m, "d")
	md, ok := pushedModal(out, confirmID).(*common.ValueModal[confirm.Model, *confirm.Model])
	if !ok {
		t.Fatalf("no confirm dialog: %v", out)
	}
	dlg := md.Model
	// Stale and marked: t2 (session), t3, t5, t6 (managed), t8.
	if dlg.DeleteCount() != 3 {
		t.Fatalf("DeleteCount = %d, want 3 (session and managed left out)", dlg.DeleteCount())
	}
	view := flat(dlg.View())
	for _, want := range []string{"Delete 3 tokens?", "1 token is the one sailtui is signed in with; it is left out."} {
		if !strings.Contains(view, want) {
			t.Errorf("dialog lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "old-report") {
		t.Errorf("the session token is listed as an example of what will be deleted:\n%s", view)
	}
	// Including managed tokens does not include the session token.
	dlg, _ = dlg.Update(keyMsg("m"))
	if dlg.DeleteCount() != 4 {
		t.Fatalf("with managed: DeleteCount = %d, want 4", dlg.DeleteCount())
	}
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, IncludeManaged: true, Count: 4}))
	got := slices.Clone(svc.deleted)
	slices.Sort(got)
	if !slices.Equal(got, []string{"t3", "t5", "t6", "t8"}) {
		t.Fatalf("deleted %v; the session token t2 must be kept", got)
	}
	if !slices.Contains(m.Visible(), sessionID) {
		t.Fatal("session token gone from the list")
	}
}

func TestSessionTokenDetail(t *testing.T) {
	m := newTestModel(t, nil, Options{SessionClientID: sessionID})
	for m.selected().Tok.ID != sessionID {
		press(t, m, "down")
	}
	d, ok := pushedModal(press(t, m, "enter"), detail.ID).(*detail.Model)
	if !ok {
		t.Fatal("enter opened no detail view")
	}
	d.SetSize(120, 30)
	view := ansi.Strip(d.View())
	for _, want := range []string{"sailtui is signed in with this token", "stale: last used 6mo ago (threshold 90d)"} {
		if !strings.Contains(view, want) {
			t.Errorf("detail lacks %q:\n%s", want, view)
		}
	}
}

// Only the confirm dialog's own text is checked here; its layout is in the
// confirm package's goldens.
func TestDetailOfANewTokenSaysWhyNotStale(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	if m.selected().Tok.ID != "t4" {
		t.Fatalf("first row %s", m.selected().Tok.ID)
	}
	d := pushedModal(press(t, m, "enter"), detail.ID).(*detail.Model)
	d.SetSize(120, 30)
	if view := ansi.Strip(d.View()); !strings.Contains(view, "not stale: never used, created 3d ago (threshold 90d)") {
		t.Fatalf("detail:\n%s", view)
	}
}

// The tag gives way before the name does.
func TestSessionTagKeepsTheName(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	for _, c := range []struct {
		name, col int
		want      string
	}{{10, 40, " ◆ this session"}, {19, 34, " ◆ this session"}, {20, 34, " ◆ session"}, {24, 34, " ◆ session"}, {25, 34, " ◆"}, {40, 34, " ◆"}} {
		if got := m.sessionTag(c.name, c.col); got != c.want {
			t.Errorf("sessionTag(%d, %d) = %q, want %q", c.name, c.col, got, c.want)
		}
	}
}
