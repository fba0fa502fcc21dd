package apps

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/views/apps/appdetail"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// The filter ranks the best match first over name, owner, source and
// description; esc restores the column order; marks survive filtering.
func TestFilterRanksAndKeepsMarks(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "space") // marks the first row (evilname)
	press(t, m, "/")
	typeText(t, m, "workday")
	if got := m.Visible(); !slices.Equal(got, []string{"a1", "a5"}) {
		t.Fatalf("source match: %v", got)
	}
	press(t, m, "esc")
	if got := m.Visible(); len(got) != 5 || got[0] != "a3" {
		t.Fatalf("after esc: %v", got)
	}
	if !slices.Equal(m.Marked(), []string{"a3"}) {
		t.Fatalf("marks %v", m.Marked())
	}
}

// Number keys sort by column; the same key again reverses.
func TestSortByColumn(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "8") // created, oldest first
	if got := m.Visible(); got[0] != "a3" || got[4] != "a4" {
		t.Fatalf("created asc: %v", got)
	}
	press(t, m, "8")
	if got := m.Visible(); got[0] != "a4" {
		t.Fatalf("created desc: %v", got)
	}
	press(t, m, "4") // enabled: disabled first, ties by name
	if got := m.Visible(); !slices.Equal(got[:2], []string{"a3", "a5"}) {
		t.Fatalf("enabled asc: %v", got)
	}
}

// The first page (count=true) then the rest concurrently: every app
// once, even when a page repeats one the previous page had.
func TestLoadPagesOnceEach(t *testing.T) {
	svc := &fakeService{apps: many(1001)}
	m := newTestModel(t, svc, Options{PageWorkers: 3})
	if !m.Loaded() || len(m.Visible()) != 1001 {
		t.Fatalf("loaded %v, %d visible", m.Loaded(), len(m.Visible()))
	}
	seen := map[string]bool{}
	for _, id := range m.Visible() {
		if seen[id] {
			t.Fatalf("%s twice", id)
		}
		seen[id] = true
	}
	slices.Sort(svc.lists)
	if want := []string{"all 0", "all 1000", "all 250", "all 500", "all 750"}; !slices.Equal(svc.lists, want) {
		t.Fatalf("requests %v", svc.lists)
	}
	// A page that repeats an app adds nothing.
	if m.addPage(pageMsg{apps: svc.apps[:3], total: 1001}) {
		t.Fatal("a repeated page added apps")
	}
}

// A 403 on /all falls back to the apps available for request, with a
// toast naming the right; o then skips /all for the session.
func TestForbiddenAllFallsBack(t *testing.T) {
	svc := &fakeService{apps: fixture(), listErr: &client.APIError{Status: 403}}
	m := New(commontest.Common(termenv.Ascii, clock), Options{Service: svc})
	m.SetSize(120, 14)
	msgs := drain(t, m, m.Init())
	if m.listed != client.AppsAvailable || len(m.Visible()) != 5 {
		t.Fatalf("listed %v, %d rows", m.listed, len(m.Visible()))
	}
	var toast string
	for _, msg := range msgs {
		if tm, ok := msg.(common.ToastMsg); ok {
			toast = tm.Text
		}
	}
	if !strings.Contains(toast, "available for request") || !strings.Contains(toast, "ORG_ADMIN") {
		t.Fatalf("toast %q", toast)
	}
	press(t, m, "o") // available → all, refused this session: assigned instead, with the answer
	if m.list != client.AppsAssigned {
		t.Fatalf("list %v", m.list)
	}
}

// The server filter is checked against exactly what the list supports,
// before any request.
func TestParseServerFilter(t *testing.T) {
	for _, c := range []struct {
		text string
		list client.AppList
		want string // expression, or "!" + part of the error
	}{
		{"", client.AppsAll, ""},
		{"enabled eq true", client.AppsAll, "enabled eq true"},
		{`name sw "HR" and owner.id eq "o1"`, client.AppsAll, `name sw "HR" and owner.id eq "o1"`},
		{"enabled eq true", client.AppsAvailable, "!list of all apps takes it"},
		{`accountSource.id eq "s1"`, client.AppsAll, "!available for request takes it"},
		{"modified lt 2026-01-01T00:00:00Z", client.AppsAll, "!list of available for request takes it"},
		{`owner.id eq "o1"`, client.AppsAssigned, "!list of all apps takes it"},
		{`description co "x"`, client.AppsAll, "!not supported"},
		{"name eq", client.AppsAll, "!"},
	} {
		got, err := parseServerFilter(c.text, c.list)
		switch {
		case strings.HasPrefix(c.want, "!"):
			if err == nil || !strings.Contains(err.Error(), c.want[1:]) {
				t.Errorf("%q on %v: err %v, want %q", c.text, c.list, err, c.want[1:])
			}
		case err != nil || got != c.want:
			t.Errorf("%q on %v: %q %v, want %q", c.text, c.list, got, err, c.want)
		}
	}
}

// A toggle on the selected app is one PATCH after a compact preview; with
// marks it is one bulk-update per 50 apps after a confirm that says there
// is no per-app guard.
func TestToggleSingleAndBulk(t *testing.T) {
	svc := &fakeService{apps: many(120)}
	m := newTestModel(t, svc, Options{})
	m.SetSize(120, 40) // the dialogs are read whole
	msgs := press(t, m, "t")
	dlg := pushed(t, msgs, confirmID)
	if v := ansi.Strip(dlg.View()); !strings.Contains(v, "enabled: true → false") || !strings.Contains(v, "sent: PATCH replace /enabled false") {
		t.Fatalf("compact preview:\n%s", v)
	}
	// An answer to another dialog (the details' own confirm) is not this
	// one's, even with this one open.
	drain(t, m, m.Update(confirm.ResultMsg{ID: "apps.detail.confirm", Confirmed: true, Count: 1}))
	if len(svc.patches) != 0 || !m.pending.Open() {
		t.Fatalf("another dialog's answer was taken: patches %v", svc.patches)
	}
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 1}))
	if svc.patches["id000000"] != 1 || svc.apps[0].Enabled {
		t.Fatalf("patches %v, enabled %v", svc.patches, svc.apps[0].Enabled)
	}

	press(t, m, "a") // mark all 120
	msgs = press(t, m, "t")
	dlg = pushed(t, msgs, confirmID)
	if v := ansi.Strip(dlg.View()); !strings.Contains(v, "Update 120 apps?") || !strings.Contains(v, "no per-app test guard") ||
		!strings.Contains(v, "3 bulk-update requests") {
		t.Fatalf("bulk confirm:\n%s", v)
	}
	lists := len(svc.lists)
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 120}))
	if len(svc.bulk) != 3 || len(svc.bulk[0])+len(svc.bulk[1])+len(svc.bulk[2]) != 120 {
		t.Fatalf("bulk calls %d", len(svc.bulk))
	}
	for _, a := range svc.apps {
		if !a.Enabled {
			t.Fatalf("%s not enabled", a.ID)
		}
	}
	// The list shows it without listing the tenant again.
	if len(svc.lists) != lists {
		t.Fatalf("listed again after the run: %v", svc.lists[lists:])
	}
	for _, a := range m.rows.Items() {
		if !a.Enabled || !a.Modified.Equal(testNow) {
			t.Fatalf("row %s: enabled %v, modified %v", a.ID, a.Enabled, a.Modified)
		}
	}
}

// x is the soft cleanup in every view: on Apps it disables the marked
// apps, sending only to those enabled now.
func TestDisableSendsOnlyToEnabledApps(t *testing.T) {
	svc := &fakeService{apps: many(10)} // even ids enabled
	m := newTestModel(t, svc, Options{})
	m.SetSize(120, 40)
	press(t, m, "a")
	dlg := pushed(t, press(t, m, "x"), confirmID)
	if v := ansi.Strip(dlg.View()); !strings.Contains(v, "Update 5 apps?") || !strings.Contains(v, "enabled → false (5 of 10 marked are enabled)") {
		t.Fatalf("disable confirm:\n%s", v)
	}
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 5}))
	if len(svc.bulk) != 1 || len(svc.bulk[0]) != 5 {
		t.Fatalf("bulk calls %v", svc.bulk)
	}
	for _, a := range svc.apps {
		if a.Enabled {
			t.Fatalf("%s still enabled", a.ID)
		}
	}
	if toasts := commontest.Toasts(press(t, m, "x")); len(toasts) != 1 || !strings.Contains(toasts[0], "10 apps disabled already") {
		t.Fatalf("x with nothing to disable: %q", toasts)
	}
}

// u in a bulk change's summary puts back each app's previous value: only
// to the apps the run changed, and only while they still hold what the
// run set (an app changed since is left out, unsent).
func TestUndoBulkChangeRestoresEachAppsValue(t *testing.T) {
	svc := &fakeService{apps: many(10)} // even ids enabled
	m := newTestModel(t, svc, Options{})
	m.SetSize(120, 40)
	press(t, m, "a")
	pushed(t, press(t, m, "t"), confirmID) // enabled → true on all
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 10}))
	if len(svc.bulk) != 1 || m.bulk == nil {
		t.Fatalf("run: %v", svc.bulk)
	}
	svc.mu.Lock()
	svc.apps[1].Enabled = false // another admin, after the run
	svc.mu.Unlock()
	ids := make([]string, 10)
	for i := range ids {
		ids[i] = svc.apps[i].ID
	}
	dlg := pushed(t, drain(t, m, m.Update(progress.UndoMsg{Run: m.bulk.Addr, IDs: ids})), confirmID)
	if v := ansi.Strip(dlg.View()); !strings.Contains(v, "Restore 5 apps?") || !strings.Contains(v, `"path":"/enabled","value":false`) {
		t.Fatalf("undo confirm:\n%s", v)
	}
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 5}))
	if len(svc.bulk) != 2 || strings.Join(svc.bulk[1], ",") != "id000003,id000005,id000007,id000009" {
		t.Fatalf("undo sent to %v", svc.bulk[1:])
	}
	for i, a := range svc.apps {
		if a.Enabled != (i%2 == 0) {
			t.Fatalf("%s enabled %v after the undo", a.ID, a.Enabled)
		}
	}
}

// A bulk edit shows "(mixed)" where the marked apps differ, and a mixed
// field the user sets is sent to every app, even to the first, which had
// that value already.
func TestBulkEditMixedFields(t *testing.T) {
	svc := &fakeService{apps: many(4)} // enabled differs; app center agrees (false)
	m := newTestModel(t, svc, Options{})
	m.SetSize(120, 40)
	press(t, m, "a")
	form := pushed(t, press(t, m, "e"), bulkEditID).(*editform.Model)
	v := ansi.Strip(form.View())
	if !strings.Contains(v, "enabled") || strings.Count(v, "(mixed") < 2 || !strings.Contains(v, "[ ] no") {
		t.Fatalf("form:\n%s", v)
	}
	// enabled is the first editable field after description: set it.
	var submit tea.Msg
	for _, k := range []string{"down", " ", "ctrl+s"} {
		if cmd := form.Update(commontest.Key(k)); cmd != nil && k == "ctrl+s" {
			submit = cmd()
		}
	}
	sub, ok := submit.(editform.SubmitMsg)
	if !ok || !slices.Contains(sub.Set, "enabled") {
		t.Fatalf("submit %#v", submit)
	}
	dlg := pushed(t, drain(t, m, m.Update(sub)), confirmID)
	if v := ansi.Strip(dlg.View()); !strings.Contains(v, `{"op":"replace","path":"/enabled","value":true}`) {
		t.Fatalf("confirm:\n%s", v)
	}
}

// chunkedUpdate reports every app of a chunk with the chunk's answer.
func TestChunkedUpdateEventsPerApp(t *testing.T) {
	svc := &fakeService{apps: many(51)}
	ids := make([]string, 51)
	for i := range ids {
		ids[i] = svc.apps[i].ID
	}
	var done []string
	var mu sync.Mutex
	sum := chunkedUpdate(svc, &pendingChange{ops: patchdiff.Patch{toggleEnabled.op(true)}})(context.Background(), ids, client.BulkOptions{},
		func(ev client.BulkEvent) { // from both requests' goroutines
			mu.Lock()
			defer mu.Unlock()
			if ev.State == client.ItemDone {
				done = append(done, ev.ID)
			}
		})
	sizes := []int{}
	for _, b := range svc.bulk {
		sizes = append(sizes, len(b))
	}
	slices.Sort(sizes) // two requests in flight: either may come first
	if sum.Done != 51 || len(done) != 51 || !slices.Equal(sizes, []int{1, 50}) {
		t.Fatalf("summary %+v, %d done, chunks %d", sum, len(done), len(svc.bulk))
	}
}

func pushed(t *testing.T, msgs []tea.Msg, id string) interface{ View() string } {
	t.Helper()
	for _, msg := range msgs {
		if p, ok := msg.(common.PushModalMsg); ok && p.ID == id {
			return p.Modal
		}
	}
	t.Fatalf("no %s modal in %v", id, msgs)
	return nil
}

// An app delete left open by a killed run is settled by reading the app;
// any other open app change is closed as outcome unknown.
func TestStartSettlesOpenAppIntents(t *testing.T) {
	path := filepath.Join(t.TempDir(), audit.FileName)
	log := audit.Open(path)
	base := "https://t"
	if err := log.Append(
		audit.Entry{Time: testNow, Action: audit.ActionDeleteApp, BaseURL: base, Op: "gone", Kind: audit.KindApp, ResourceID: "zz", Result: audit.ResultIntent},
		audit.Entry{Time: testNow, Action: audit.ActionDeleteApp, BaseURL: base, Op: "kept", Kind: audit.KindApp, ResourceID: "a1", Result: audit.ResultIntent},
		audit.Entry{Time: testNow, Action: audit.ActionBulkUpdateApp, BaseURL: base, Op: "bulk", Kind: audit.KindApp, ResourceID: "a2", Result: audit.ResultIntent},
		audit.Entry{Time: testNow, Action: audit.ActionDeletePAT, BaseURL: base, Op: "pat", Kind: audit.KindPAT, ResourceID: "t1", Result: audit.ResultIntent},
	); err != nil {
		t.Fatal(err)
	}
	svc := &fakeService{apps: fixture()}
	m := New(commontest.Common(termenv.Ascii, clock), Options{Service: svc, Audit: log, BaseURL: base})
	s := audit.Settling{Log: log, BaseURL: base, Now: clock}
	text := audit.Settle(context.Background(), s, []audit.Settler{m.Settler()}).Text()
	if !strings.Contains(text, "2 app deletes confirmed after restart (1 deleted, 1 still present)") ||
		!strings.Contains(text, "1 app change recorded as outcome unknown") {
		t.Fatalf("said %q", text)
	}
	entries, err := audit.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	open := audit.OpenIntents(entries, base)
	if len(open) != 1 || open[0].Op != "pat" {
		t.Fatalf("open %+v", open)
	}
	got := map[string]audit.Result{}
	for _, e := range entries[4:] {
		got[e.Op] = e.Result
	}
	if got["gone"] != audit.ResultDeleted || got["kept"] != audit.ResultFailed || got["bulk"] != audit.ResultUnknown {
		t.Fatalf("settled %v", got)
	}
}

// e with marks sets the changed fields on every marked app: one patch,
// unguarded, as bulk-update after the confirm; unchanged fields are not
// sent, and E says it edits one app.
func TestBulkEditSendsOnlyChangedFields(t *testing.T) {
	svc := &fakeService{apps: many(60)}
	m := newTestModel(t, svc, Options{})
	m.SetSize(120, 40) // the dialogs are read whole
	press(t, m, "a")
	msgs := press(t, m, "e")
	form := pushed(t, msgs, bulkEditID)
	if v := ansi.Strip(form.View()); !strings.Contains(v, "Set on 60 marked apps") || strings.Contains(v, "access profiles") {
		t.Fatalf("form:\n%s", v)
	}
	doc, err := appDoc(svc.apps[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(doc), `"description":""`, `"description":"managed by IT"`, 1)
	msgs = drain(t, m, m.Update(editform.SubmitMsg{ID: bulkEditID, Doc: []byte(edited)}))
	dlg := pushed(t, msgs, confirmID)
	if v := ansi.Strip(dlg.View()); !strings.Contains(v, "Update 60 apps?") ||
		!strings.Contains(v, `{"op":"replace","path":"/description","value":"managed`) || strings.Contains(v, `"test"`) {
		t.Fatalf("confirm:\n%s", v)
	}
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 60}))
	if len(svc.bulk) != 2 {
		t.Fatalf("bulk calls %v", len(svc.bulk))
	}
	if msgs := press(t, m, "E"); len(msgs) != 1 || !strings.Contains(msgs[0].(common.ToastMsg).Text, "E edits one app") {
		t.Fatalf("E with marks: %v", msgs)
	}
}

// The create form checks its required fields before anything is sent or
// recorded; a filled form creates the app and selects it.
func TestCreateChecksBeforeSending(t *testing.T) {
	svc := &fakeService{apps: fixture()}
	m := newTestModel(t, svc, Options{})
	form := pushed(t, press(t, m, "n"), createID).(*editform.Model)
	if cmd := form.Update(tea.KeyMsg{Type: tea.KeyCtrlS}); cmd != nil {
		t.Fatal("an empty form was submitted")
	}
	if v := ansi.Strip(form.View()); !strings.Contains(v, "name cannot be empty") {
		t.Fatalf("no local error:\n%s", v)
	}
	doc := `{"name":"New one","description":"d","accountSource":{"id":"s1"},"matchAllAccounts":true}`
	drain(t, m, m.Update(editform.SubmitMsg{ID: createID, Doc: []byte(doc)}))
	if len(svc.apps) != 6 || m.selected().App.Name != "New one" {
		t.Fatalf("apps %d, selected %+v", len(svc.apps), m.selected())
	}
}

// While pages arrive, the cursor stays on the best match until the user
// moves; once moved, it follows its app when rows arrive around it.
func TestCursorStaysOnTopUntilMoved(t *testing.T) {
	m := newTestModel(t, &fakeService{apps: fixture()}, Options{})
	press(t, m, "/")
	typeText(t, m, "o")
	first := m.Visible()[0]
	extra := client.SourceApp{ID: "z1", Name: "o", Created: testNow, Modified: testNow} // the best match, arriving late
	m.addPage(pageMsg{apps: []client.SourceApp{extra}, total: -1})
	drain(t, m, m.rows.Rebuild())
	if m.selected().App.ID != "z1" {
		t.Fatalf("cursor on %s, want the new best match (was %s)", m.selected().App.ID, first)
	}
	press(t, m, "down")
	on := m.selected().App.ID
	m.addPage(pageMsg{apps: []client.SourceApp{{ID: "z2", Name: "oo", Created: testNow, Modified: testNow}}, total: -1})
	drain(t, m, m.rows.Rebuild())
	if m.selected().App.ID != on {
		t.Fatalf("cursor left %s for %s", on, m.selected().App.ID)
	}
}

// An access profile added by id in the details is previewed as exactly
// add /accessProfiles/- (the contract's own operation), not a replace.
func TestAddProfileIsOneAddOp(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	m.SetSize(120, 60)
	a := fixture()[0]
	msgs := drain(t, m, m.Update(appdetail.AddMsg{App: a, Profiles: []string{"ap1", "ap2"}, ProfileIDs: []string{"ap9"}}))
	flow := pushed(t, msgs, editID)
	if v := ansi.Strip(flow.View()); !strings.Contains(v, `{"op":"add","path":"/accessProfiles/-","value":"ap9"}`) ||
		strings.Contains(v, `"op":"replace"`) {
		t.Fatalf("preview:\n%s", v)
	}
	// An undo of a removal adds them all back, each named in full.
	m2 := newTestModel(t, nil, Options{})
	m2.SetSize(120, 60)
	msgs = drain(t, m2, m2.Update(appdetail.AddMsg{App: a, Profiles: []string{"ap1"}, ProfileIDs: []string{"ap8", "ap9"}, Undo: true}))
	v := ansi.Strip(pushed(t, msgs, editID).View())
	if !strings.Contains(v, `{"op":"add","path":"/accessProfiles/-","value":"ap8"}`) ||
		!strings.Contains(v, `{"op":"add","path":"/accessProfiles/-","value":"ap9"}`) || !strings.Contains(v, "ap8, ap9") {
		t.Fatalf("undo preview:\n%s", v)
	}
}

// Deleted apps leave the list and their marks go, without listing the
// tenant again.
func TestDeleteUpdatesTheListLocally(t *testing.T) {
	svc := &fakeService{apps: fixture()}
	m := newTestModel(t, svc, Options{})
	press(t, m, "space", "space") // the first two rows
	gone := m.Marked()
	lists := len(svc.lists)
	pushed(t, press(t, m, "d"), confirmID)
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 2}))
	if len(svc.apps) != 3 || len(svc.lists) != lists || m.rows.Marks().Len() != 0 {
		t.Fatalf("server %d apps, lists %v, marks %d", len(svc.apps), svc.lists[lists:], m.rows.Marks().Len())
	}
	for _, id := range m.Visible() {
		if slices.Contains(gone, id) {
			t.Fatalf("%s still listed", id)
		}
	}
	if len(m.Visible()) != 3 {
		t.Fatalf("visible %v", m.Visible())
	}
}

// A refused create stays on the form with the server's answer (the form
// keeps the input); leaving the form while a create is in flight says so,
// and a refusal then comes as an error dialog.
func TestCreateRefusalGoesToTheForm(t *testing.T) {
	svc := &fakeService{apps: fixture(), createErr: &client.APIError{Status: 400, Messages: []client.ErrorMessage{{Text: "name taken"}}}}
	m := newTestModel(t, svc, Options{})
	pushed(t, press(t, m, "n"), createID)
	doc := `{"name":"Dup","description":"d","accountSource":{"id":"s1"},"matchAllAccounts":false}`
	var failed *editform.FailedMsg
	shell := commontest.Drain(m.Update(editform.SubmitMsg{ID: createID, Doc: []byte(doc), Seq: 3}), m.Update, func(msg tea.Msg) {
		if f, ok := msg.(editform.FailedMsg); ok {
			failed = &f
		}
	})
	for _, msg := range shell {
		if _, ok := msg.(common.PopModalMsg); ok {
			t.Fatal("the form was closed on a refusal")
		}
	}
	if failed == nil || failed.Seq != 3 || failed.ID != createID || !strings.Contains(failed.Err.Error(), "name taken") {
		t.Fatalf("failure %+v", failed)
	}
	cmd := m.Update(editform.SubmitMsg{ID: createID, Doc: []byte(doc), Seq: 4})
	out := drain(t, m, m.Update(editform.CancelMsg{ID: createID}))
	var toasts []string
	for _, msg := range out {
		if tm, ok := msg.(common.ToastMsg); ok {
			toasts = append(toasts, tm.Text)
		}
	}
	if len(toasts) != 1 || !strings.Contains(toasts[0], "still in flight") {
		t.Fatalf("cancel while sending: %q", toasts)
	}
	var dialog bool
	for _, msg := range drain(t, m, cmd) {
		_, dialog = msg.(common.ErrorMsg)
	}
	if !dialog {
		t.Fatal("a refusal after the form was left was not shown")
	}
}

// "Reading …" lasts while the read does: it is taken down when the app's
// document arrives and the form opens.
func TestReadingToastEndsWithTheRead(t *testing.T) {
	m := newTestModel(t, &fakeService{apps: fixture()}, Options{})
	var ended bool
	shell := commontest.Drain(m.Update(commontest.Key("e")), m.Update, func(msg tea.Msg) {
		if e, ok := msg.(common.EndToastMsg); ok && e.Key == readingKey {
			ended = true
		}
	})
	var reading bool
	for _, msg := range shell {
		if tm, ok := msg.(common.ToastMsg); ok && tm.Key == readingKey && strings.HasPrefix(tm.Text, "Reading ") {
			reading = true
		}
	}
	if !reading || !ended {
		t.Fatalf("reading toast shown %v, ended %v", reading, ended)
	}
}

// A bulk update whose answer is lost (a 5xx past the retries) is settled
// by reading the apps back: those that show the change are done, the
// others failed, worded for a change, and nothing stays "unknown" for a
// whole chunk.
func TestLostBulkUpdateSettledByReadingBack(t *testing.T) {
	svc := &fakeService{apps: many(51), lostAfter: 33}
	ids := make([]string, 51)
	for i := range ids {
		ids[i] = svc.apps[i].ID
	}
	ops := patchdiff.Patch{toggleEnabled.op(true)}
	events := map[string]client.BulkEvent{}
	var mu sync.Mutex
	pc := &pendingChange{ops: ops}
	sum := chunkedUpdate(svc, pc)(context.Background(), ids, client.BulkOptions{Settle: appsShowChange(svc, pc)},
		func(ev client.BulkEvent) { // from both requests' goroutines
			mu.Lock()
			defer mu.Unlock()
			events[ev.ID] = ev
		})
	failed := 0
	for i := 33; i < 50; i++ {
		if i%2 == 1 { // off before, and the lost request never reached it
			failed++
			ev := events[ids[i]]
			if ev.State != client.ItemFailed || !ev.Settled || !strings.Contains(ev.Err.Error(), "does not show the change") {
				t.Errorf("%s: %v settled=%v %v", ids[i], ev.State, ev.Settled, ev.Err)
			}
		}
	}
	if sum.Failed != failed || sum.Done != 51-failed || sum.Unknown != 0 || sum.Settled != 50 {
		t.Fatalf("summary %+v, want %d failed", sum, failed)
	}
}

// One read-only reason in every view, naming the cause and the cure.
func TestReadOnlyReasonIsTheSession(t *testing.T) {
	why := "environment prod starts read-only; start with --write to make changes"
	m := newTestModel(t, &fakeService{apps: fixture()}, Options{ReadOnly: true, ReadOnlyWhy: why})
	if got := m.keys.DisabledReason(m.keys.Delete); got != common.ReadOnlyReason(why) {
		t.Fatalf("apps: %q", got)
	}
}

// The footer leads as in every list: find, mark, delete.
func TestFooterLeadsWithFilterMarkDelete(t *testing.T) {
	k := NewKeyMap(false, "", nil)
	var got []string
	for _, b := range k.ShortHelp()[:3] {
		got = append(got, b.Help().Key)
	}
	if strings.Join(got, " ") != "/ space d" {
		t.Fatalf("footer starts %q", got)
	}
}
