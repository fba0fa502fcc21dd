package tokens

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/progress"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// openFilter presses f and returns the server filter prompt it opens.
func openFilter(t *testing.T, m *Model) *textprompt.Model {
	t.Helper()
	shell := press(t, m, "f")
	for _, msg := range shell {
		if push, ok := msg.(common.PushModalMsg); ok && push.ID == filterID {
			return push.Modal.(*textprompt.Model)
		}
	}
	t.Fatalf("f opened %v", shell)
	return nil
}

// answerFilter sends keys to the prompt and its answer to the view,
// and returns the shell's messages.
func answerFilter(t *testing.T, m *Model, p *textprompt.Model, keys ...string) []tea.Msg {
	t.Helper()
	var shell []tea.Msg
	for _, k := range keys {
		if cmd := p.Update(keyMsg(k)); cmd != nil {
			shell = append(shell, drain(t, m, cmd)...)
		}
	}
	return shell
}

// setFilter opens the server filter and answers it with keys.
func setFilter(t *testing.T, m *Model, keys ...string) []tea.Msg {
	t.Helper()
	return answerFilter(t, m, openFilter(t, m), keys...)
}

func TestServerFilterPresetsAndExpressions(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{StaleAfter: 90 * 24 * time.Hour})
	p := openFilter(t, m)
	answerFilter(t, m, p, "down", "enter")
	if last := svc.calls[len(svc.calls)-1]; last.Filters != "lastUsed isnull" {
		t.Fatalf("never used filter = %q", last.Filters)
	}
	// The stale rule's age follows "never used" (the filter in force), dated from
	// the pinned clock.
	p = openFilter(t, m)
	answerFilter(t, m, p, "down", "enter")
	want := "lastUsed isnull or lastUsed le 2026-03-03T00:00:00.000Z"
	if last := svc.calls[len(svc.calls)-1]; last.Filters != want {
		t.Fatalf("stale preset = %q, want %q", last.Filters, want)
	}
	if !strings.Contains(m.View(), "not used in 90 days (since 2026-03-03)") {
		t.Fatal("info line does not name the preset")
	}
	// Typed: any expression the list takes, written back in the API's
	// syntax; one it does not take stays in the prompt with the reason.
	p = openFilter(t, m)
	answerFilter(t, m, p, "ctrl+u")
	typePrompt(p, `name eq "x"`)
	answerFilter(t, m, p, "enter")
	if !strings.Contains(p.View(), "lastUsed only") {
		t.Fatalf("a filter the list does not take was accepted:\n%s", p.View())
	}
	answerFilter(t, m, p, "ctrl+u")
	typePrompt(p, "lastUsed le 2026-01-31T00:00:00Z")
	calls := len(svc.calls)
	answerFilter(t, m, p, "enter")
	if len(svc.calls) != calls+1 || svc.calls[calls].Filters != "lastUsed le 2026-01-31T00:00:00Z" {
		t.Fatalf("typed filter sent as %+v", svc.calls[calls:])
	}
	// esc changes nothing.
	p = openFilter(t, m)
	answerFilter(t, m, p, "up", "esc")
	if len(svc.calls) != calls+1 {
		t.Fatalf("esc reloaded: %d calls", len(svc.calls))
	}
}

func typePrompt(p *textprompt.Model, s string) {
	for _, r := range s {
		p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func TestOwnerScopeToggle(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{})
	press(t, m, "o")
	if last := svc.calls[len(svc.calls)-1]; last.OwnerID != "me" || len(m.Visible()) != 2 {
		t.Fatalf("mine: %+v, %v", last, m.Visible())
	}
	press(t, m, "o")
	if last := svc.calls[len(svc.calls)-1]; last.OwnerID != "" || len(m.Visible()) != 8 {
		t.Fatalf("all: %+v", last)
	}
}

// The whole delete flow with a fake service: managed tokens are left out
// unless included, audit entries are written per item, marks of deleted
// tokens go, and the list refreshes.
func TestDeleteRunExcludesManagedAndAudits(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	m := newTestModel(t, svc, Options{Audit: audit.Open(path), BaseURL: "https://tenant.example", IdentityID: "id-alice", IdentityName: "alice"})
	press(t, m, "s", "a")
	out := press(t, m, "d")
	if _, ok := out[0].(common.PushModalMsg); !ok {
		t.Fatalf("no confirm dialog: %v", out)
	}
	out = drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 4}))
	var pushed bool
	for _, msg := range out {
		if p, ok := msg.(common.PushModalMsg); ok && p.ID == progressID {
			pushed = true
		}
	}
	if !pushed {
		t.Fatalf("no progress panel: %v", out)
	}
	got := slices.Clone(svc.deleted)
	slices.Sort(got)
	if !slices.Equal(got, []string{"t2", "t3", "t5", "t8"}) {
		t.Fatalf("deleted %v; the managed t6 must be kept", got)
	}
	if m.bulk == nil || !m.bulk.Done() {
		t.Fatal("run not finished")
	}
	if slices.Contains(m.Visible(), "t2") || len(m.Marked()) != 1 || m.Marked()[0] != "t6" {
		t.Fatalf("after run: visible %v marked %v", m.Visible(), m.Marked())
	}
	out = drain(t, m, m.Update(progress.ClosedMsg{Run: m.bulk.Addr, Summary: client.BulkSummary{Done: 4}}))
	if m.bulk != nil || len(shellToasts(out)) != 1 {
		t.Fatalf("close: bulk %v toasts %v", m.bulk, out)
	}

	entries, err := audit.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	// Each delete is an intent, on disk before the request, then its
	// outcome with the same op, the actor and the success's tracking id.
	if len(entries) != 8 || len(audit.OpenIntents(entries, "https://tenant.example")) != 0 {
		t.Fatalf("audit entries %+v", entries)
	}
	for i := 0; i < len(entries); i += 2 {
		in, out := entries[i], entries[i+1]
		if in.Result != audit.ResultIntent || out.Result != audit.ResultDeleted || in.Op == "" || in.Op != out.Op ||
			in.ResourceID != out.ResourceID || out.BaseURL != "https://tenant.example" || out.Name == "" || out.OwnerID == "" ||
			out.ActorID != "id-alice" || out.ActorName != "alice" || out.TrackingID != "trk-"+out.ResourceID || out.Status != 204 {
			t.Fatalf("entries %d/%d: %+v / %+v", i, i+1, in, out)
		}
	}
}

func TestCreateFlow(t *testing.T) {
	svc := &fakeService{toks: fixture(), createErr: &client.APIError{Status: 400, DetailCode: "400.1 Bad Request Content",
		TrackingID: "trk-400", Messages: []client.ErrorMessage{{Text: "name is already in use"}}}}
	m := newTestModel(t, svc, Options{Family: client.FamilyV1})
	out := press(t, m, "n")
	push, ok := out[0].(common.PushModalMsg)
	if !ok || push.ID != createID {
		t.Fatalf("n: %v", out)
	}
	cmd := m.Update(createSubmit("dup", 1))
	res := cmd()
	if _, ok := res.(createdMsg); !ok {
		t.Fatalf("submit → %T", res)
	}
	back := m.Update(res)()
	se, ok := back.(editform.FailedMsg)
	if !ok || !client.IsBadRequest(se.Err) {
		t.Fatalf("400 → %#v", back)
	}
	// Success: the form closes, the secret modal opens, the list refreshes.
	svc.createErr = nil
	out = drain(t, m, m.Update(createSubmit("fresh", 1)))
	var ids []string
	for _, msg := range out {
		switch msg := msg.(type) {
		case common.PushModalMsg:
			ids = append(ids, "push:"+msg.ID)
		case common.PopModalMsg:
			ids = append(ids, "pop:"+msg.ID)
		}
	}
	if !slices.Equal(ids, []string{"pop:" + createID, "push:" + secretID}) {
		t.Fatalf("modal ops %v", ids)
	}
	if got := drain(t, m, m.Update(editform.CancelMsg{ID: createID})); len(got) != 1 {
		t.Fatalf("cancel: %v", got)
	}
}

func TestLoadErrorShowsErrorModal(t *testing.T) {
	m := New(common.New(testStyles(themes.Default()), clock), Options{Service: &errService{}})
	m.SetSize(100, 10)
	out := drain(t, m, m.Init())
	if len(out) != 1 {
		t.Fatalf("out %v", out)
	}
	if e, ok := out[0].(common.ErrorMsg); !ok || !errors.Is(e.Err, errBoom) {
		t.Fatalf("got %#v", out[0])
	}
	if !strings.Contains(m.View(), "Press r to retry") {
		t.Fatal("no retry hint")
	}
}

var errBoom = errors.New("boom")

type errService struct{ fakeService }

func (*errService) ListPATs(context.Context, client.ListPATsOptions) ([]client.PersonalAccessToken, error) {
	return nil, errBoom
}

var _ tea.Msg = createdMsg{}

// When the list after a delete run fails, the deleted tokens are gone
// from the screen all the same, and the list says it is out of date
// until a refresh succeeds.
func TestDeletedRowsGoWhenTheListAfterFails(t *testing.T) {
	svc := &fakeService{toks: fixture(), listsFailAfterDelete: true}
	m := newTestModel(t, svc, Options{IdentityID: "id-alice"})
	selectID(t, m, "t2")
	press(t, m, "space", "d")
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 1}))
	if !slices.Equal(svc.deleted, []string{"t2"}) || m.loadErr == nil {
		t.Fatalf("deleted %v, list error %v", svc.deleted, m.loadErr)
	}
	if slices.Contains(m.Visible(), "t2") || !strings.Contains(ansi.Strip(m.View()), "out of date") {
		t.Fatalf("after the failed list: visible %v\n%s", m.Visible(), ansi.Strip(m.View()))
	}
	svc.mu.Lock()
	svc.listErr, svc.listsFailAfterDelete = nil, false
	svc.mu.Unlock()
	press(t, m, "r")
	if strings.Contains(ansi.Strip(m.View()), "out of date") {
		t.Fatal("still out of date after a refresh")
	}
}

// Outcomes the check after a delete run could not settle take what the
// next complete list says: the panel, the summary and the audit log agree
// with the server (one gone, one still there), instead of "unknown".
func TestListAfterTheRunSettlesUnknownDeletes(t *testing.T) {
	svc := &fakeService{toks: fixture(), lostDeletes: map[string]bool{"t2": true, "t3": false}, checkErr: errors.New("list: 503")}
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	m := newTestModel(t, svc, Options{Audit: audit.Open(path), BaseURL: "https://t", IdentityID: "id-alice"})
	for _, id := range []string{"t2", "t3"} {
		selectID(t, m, id)
		press(t, m, "space")
	}
	press(t, m, "d")
	var settled []client.BulkEvent
	drainObserving(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 2}), func(msg tea.Msg) {
		if b, ok := msg.(progress.BatchMsg); ok {
			for _, inner := range b {
				if im, ok := inner.(progress.ItemMsg); ok && im.Event.Settled {
					settled = append(settled, im.Event)
				}
			}
		}
	})
	if len(settled) != 2 { // to the panel, as the run's own events go
		t.Fatalf("settled events %+v", settled)
	}
	entries, err := audit.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	last := func(id string) audit.Result { // the newest entry of id
		for _, e := range slices.Backward(entries) {
			if e.ResourceID == id {
				return e.Result
			}
		}
		return ""
	}
	if last("t2") != audit.ResultGoneAfterRetry || last("t3") != audit.ResultFailed {
		t.Fatalf("audit after the list: t2 %s, t3 %s", last("t2"), last("t3"))
	}
	if slices.Contains(m.Visible(), "t2") || !slices.Contains(m.Visible(), "t3") {
		t.Fatalf("visible %v", m.Visible())
	}
}
