package shell_test

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/data/audit"
)

// reqLog counts the sandbox's requests from its Debug request log.
type reqLog struct {
	mu      sync.Mutex
	targets []string // "METHOD target"
}

func (l *reqLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *reqLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *reqLog) WithGroup(string) slog.Handler            { return l }
func (l *reqLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "sandbox request" {
		return nil
	}
	var method, target string
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "method":
			method = a.Value.String()
		case "target":
			target = a.Value.String()
		}
		return true
	})
	l.mu.Lock()
	l.targets = append(l.targets, method+" "+target)
	l.mu.Unlock()
	return nil
}

// count is how many requests had this method and a target containing part.
func (l *reqLog) count(method, part string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, t := range l.targets {
		if strings.HasPrefix(t, method+" ") && strings.Contains(t, part) {
			n++
		}
	}
	return n
}

// finish quits the program; the views may be read after it.
func (h *harness) finish(t *testing.T) {
	t.Helper()
	if err := h.tm.Quit(); err != nil {
		t.Fatal(err)
	}
	h.tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}

// sameIDs fails unless got holds exactly want's ids, each once.
func sameIDs(t *testing.T, got []string, want []client.SourceApp) {
	t.Helper()
	seen := map[string]int{}
	for _, id := range got {
		seen[id]++
	}
	for _, a := range want {
		if seen[a.ID] != 1 {
			t.Errorf("app %s (%s) listed %d times", a.ID, a.Name, seen[a.ID])
		}
		delete(seen, a.ID)
	}
	for id := range seen {
		t.Errorf("app %s listed but not expected", id)
	}
	if len(got) != len(want) {
		t.Errorf("%d listed, want %d", len(got), len(want))
	}
}

// appsView starts the harness with the Apps view and switches to it.
func appsView(t *testing.T, opts sandbox.Options, su setup) *harness {
	t.Helper()
	su.apps = true
	h := startWith(t, opts, su)
	h.waitFor(t, "tokens", 10*time.Second)
	h.keys(tab)
	return h
}

// Three pages (600 apps) load in the background: every app once, three
// list requests, the first page on screen before the rest.
func TestProgramAppsLoadsEveryPageOnce(t *testing.T) {
	log := &reqLog{}
	h := appsView(t, sandbox.Options{Seed: 5, Tokens: 5, Apps: 600}, setup{logger: slog.New(log)})
	h.waitFor(t, "1/600", 20*time.Second)
	h.finish(t)
	sameIDs(t, h.apps.Visible(), h.srv.SourceApps())
	if n := log.count("GET", "/all?"); n != 3 {
		t.Fatalf("%d list requests, want 3", n)
	}
}

// The server filter enabled eq true on /all lists exactly the enabled
// apps; a field /all does not support is refused in the prompt, before
// any request.
func TestProgramAppsServerFilterEnabled(t *testing.T) {
	log := &reqLog{}
	h := appsView(t, sandbox.Options{Seed: 6, Tokens: 5, Apps: 300}, setup{logger: slog.New(log)})
	h.waitFor(t, "1/300", 20*time.Second)
	var want []client.SourceApp
	for _, a := range h.srv.SourceApps() {
		if a.Enabled {
			want = append(want, a)
		}
	}
	h.keys(runes("f"))
	h.waitFor(t, "Server filter", 3*time.Second)
	h.tm.Type(`accountSource.id eq "x"`)
	h.keys(enter)
	h.waitFor(t, "switches lists", 3*time.Second)
	before := log.count("GET", "source-apps")
	h.keys(tea.KeyMsg{Type: tea.KeyCtrlU})
	h.tm.Type("enabled eq true")
	h.keys(enter)
	h.waitFor(t, "1/"+strconv.Itoa(len(want)), 20*time.Second)
	h.finish(t)
	sameIDs(t, h.apps.Visible(), want)
	if n := log.count("GET", "/all?") - before; n < 1 {
		t.Fatal("the filtered list was not requested")
	}
	if log.count("GET", "accountSource.id") != 0 {
		t.Fatal("a filter /all does not support was sent")
	}
}

// selectApp filters the Apps view down to name (the best match first).
func (h *harness) selectApp(t *testing.T, name string) {
	t.Helper()
	h.keys(runes("/"))
	h.tm.Type(name)
	h.keys(enter)
	h.waitFor(t, " match", 5*time.Second)
}

func (h *harness) app(t *testing.T, id string) client.SourceApp {
	t.Helper()
	a, err := h.cl.GetSourceApp(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return *a
}

// uniqueApp is an app whose name no other app's name contains.
func uniqueApp(t *testing.T, apps []client.SourceApp) client.SourceApp {
	t.Helper()
	for _, a := range apps {
		n := 0
		for _, b := range apps {
			if strings.Contains(strings.ToLower(b.Name), strings.ToLower(a.Name)) {
				n++
			}
		}
		if n == 1 && a.Owner != nil && len(a.Name) > 3 && isPlain(a.Name) {
			return a
		}
	}
	t.Fatal("no app with a unique name")
	return client.SourceApp{}
}

// Editing description and owner in the form changes exactly those two
// fields, with one audited PATCH.
func TestProgramAppsEditDescriptionAndOwner(t *testing.T) {
	h := appsView(t, sandbox.Options{Seed: 7, Tokens: 5, Apps: 30}, setup{})
	h.waitFor(t, "1/30", 10*time.Second)
	apps := h.srv.SourceApps()
	target := uniqueApp(t, apps)
	var newOwner string
	for _, a := range apps {
		if a.Owner != nil && a.Owner.ID != target.Owner.ID {
			newOwner = a.Owner.ID
		}
	}
	before := h.app(t, target.ID)
	h.selectApp(t, target.Name)
	h.keys(runes("e"))
	h.waitFor(t, "Edit app", 5*time.Second)
	end := tea.KeyMsg{Type: tea.KeyEnd}
	h.keys(down, end, ctrlU, runes("new description"), down, down, end, ctrlU, runes(newOwner), ctrlS)
	h.waitFor(t, "Sent: PATCH", 5*time.Second)
	h.keys(enter)
	h.waitFor(t, "Updated app", 5*time.Second)
	after := h.app(t, target.ID)
	if after.Description != "new description" || after.Owner == nil || after.Owner.ID != newOwner {
		t.Fatalf("server has %q owner %+v", after.Description, after.Owner)
	}
	before.Description, before.Owner, before.Modified = after.Description, after.Owner, after.Modified
	if !sameApp(before, after) {
		t.Fatalf("other fields changed:\n%+v\n%+v", before, after)
	}
	entries, err := audit.Read(h.audit)
	if err != nil || len(entries) != 2 || entries[1].Action != audit.ActionPatchApp || entries[1].Result != audit.ResultPatched ||
		entries[1].ResourceID != target.ID || entries[1].TrackingID == "" {
		t.Fatalf("audit %+v %v", entries, err)
	}
	// u puts both back, through the same preview.
	h.keys(runes("u"))
	h.waitFor(t, "Undo: puts back", 5*time.Second)
	h.keys(enter)
	// The toast repeats the edit's word for word, so the screen does not
	// redraw its line: the server says when the undo is in.
	var undone client.SourceApp
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if undone = h.app(t, target.ID); undone.Description == target.Description {
			break
		}
	}
	if undone.Description != target.Description || undone.Owner == nil || undone.Owner.ID != target.Owner.ID {
		t.Fatalf("after undo %q owner %+v", undone.Description, undone.Owner)
	}
}

func sameApp(a, b client.SourceApp) bool {
	return a.Name == b.Name && a.Description == b.Description && a.Enabled == b.Enabled &&
		a.AppCenterEnabled == b.AppCenterEnabled && a.ProvisionRequestEnabled == b.ProvisionRequestEnabled &&
		a.MatchAllAccounts == b.MatchAllAccounts && (a.Owner == nil) == (b.Owner == nil) &&
		(a.Owner == nil || a.Owner.ID == b.Owner.ID) && (a.AccountSource == nil) == (b.AccountSource == nil) &&
		(a.AccountSource == nil || a.AccountSource.ID == b.AccountSource.ID)
}

// Toggling enabled on 120 marked apps sends 3 bulk-updates (50, 50, 20)
// and leaves every one enabled; each app has its audit entries.
func TestProgramAppsBulkToggle120(t *testing.T) {
	log := &reqLog{}
	h := appsView(t, sandbox.Options{Seed: 8, Tokens: 5, Apps: 120}, setup{logger: slog.New(log)})
	h.waitFor(t, "1/120", 10*time.Second)
	h.keys(runes("a"))
	h.waitFor(t, "120 marked", 3*time.Second)
	h.keys(runes("t"))
	h.waitFor(t, "Update 120 apps?", 3*time.Second)
	h.tm.Type("120")
	h.keys(enter)
	h.waitFor(t, "120 updated", 30*time.Second)
	if n := log.count("POST", "bulk-update"); n != 3 {
		t.Fatalf("%d bulk-update requests, want 3", n)
	}
	for _, a := range h.srv.SourceApps() {
		if !a.Enabled {
			t.Errorf("app %s still disabled", a.ID)
		}
	}
	entries, err := audit.Read(h.audit)
	if err != nil {
		t.Fatal(err)
	}
	patched := 0
	for _, e := range entries {
		if e.Action == audit.ActionBulkUpdateApp && e.Result == audit.ResultPatched {
			patched++
		}
	}
	if patched != 120 {
		t.Fatalf("%d patched entries, want 120", patched)
	}
}

// Removing 2 marked access profiles leaves exactly the others.
func TestProgramAppsRemoveTwoAccessProfiles(t *testing.T) {
	h := appsView(t, sandbox.Options{Seed: 9, Tokens: 5, Apps: 40}, setup{})
	h.waitFor(t, "1/40", 10*time.Second)
	var target client.SourceApp
	var profiles []client.AccessProfileDetails
	apps := h.srv.SourceApps()
	for _, a := range apps {
		ps, err := h.cl.ListAccessProfiles(context.Background(), a.ID, client.ListAccessProfilesOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) >= 3 && uniqueName(apps, a) {
			target, profiles = a, ps
			break
		}
	}
	if target.ID == "" {
		t.Skip("no app with three access profiles in this seed")
	}
	h.selectApp(t, target.Name)
	h.keys(enter)
	h.waitFor(t, "Access profiles ("+strconv.Itoa(len(profiles))+")", 5*time.Second)
	h.keys(runes(" "), runes(" "), runes("d"))
	h.waitFor(t, "Remove 2 access profiles?", 3*time.Second)
	h.keys(tea.KeyMsg{Type: tea.KeyRight}, enter)
	h.waitFor(t, "Removed 2 access profiles", 5*time.Second)
	left, err := h.cl.ListAccessProfiles(context.Background(), target.ID, client.ListAccessProfilesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, p := range profiles[2:] {
		want = append(want, p.ID)
	}
	for _, p := range left {
		got = append(got, p.ID)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("left %v, want %v", got, want)
	}
}

func uniqueName(apps []client.SourceApp, a client.SourceApp) bool {
	for _, b := range apps {
		if b.ID != a.ID && strings.Contains(strings.ToLower(b.Name), strings.ToLower(a.Name)) {
			return false
		}
	}
	return isPlain(a.Name)
}

// Create an app in the form, then delete it: both on the server, both
// in the audit log.
func TestProgramAppsCreateThenDelete(t *testing.T) {
	h := appsView(t, sandbox.Options{Seed: 10, Tokens: 5, Apps: 10}, setup{})
	h.waitFor(t, "1/10", 10*time.Second)
	source := h.srv.SourceApps()[0].AccountSource.ID
	h.keys(runes("n"))
	h.waitFor(t, "New source app", 3*time.Second)
	h.keys(runes("zz created by test"), down, runes("made in a test"), down, runes(source), ctrlS)
	h.waitFor(t, "Created app zz created by test", 10*time.Second)
	var id string
	for _, a := range h.srv.SourceApps() {
		if a.Name == "zz created by test" {
			id = a.ID
		}
	}
	if id == "" {
		t.Fatal("not created on the server")
	}
	h.keys(runes("d")) // the cursor is on the new app
	h.waitForAll(t, 3*time.Second, "Delete 1 app?", "zz created by test")
	h.keys(tea.KeyMsg{Type: tea.KeyRight}, enter)
	h.waitFor(t, "1 deleted", 10*time.Second)
	for _, a := range h.srv.SourceApps() {
		if a.ID == id {
			t.Fatal("still on the server")
		}
	}
	entries, err := audit.Read(h.audit)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Action+":"+string(e.Result))
	}
	if strings.Join(got, ",") != "create-app:intent,create-app:created,delete-app:intent,delete-app:deleted" {
		t.Fatalf("audit %v", got)
	}
}

// A non-admin's /all is refused (403): the view falls back to the apps
// available for request and says so.
func TestProgramApps403FallsBack(t *testing.T) {
	h := appsView(t, sandbox.Options{Seed: 11, Tokens: 5, Apps: 40}, setup{user: true})
	want, err := h.cl.SourceApps(client.ListAppsOptions{List: client.AppsAvailable}).All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	h.waitForAll(t, 10*time.Second, "Showing only the apps available for request", "ORG_ADMIN", "1/"+strconv.Itoa(len(want)))
	// What the server would refuse is refused by the keys, with the reason.
	h.keys(runes("e"))
	h.waitFor(t, "Edit is disabled: not permitted", 3*time.Second)
	h.keys(runes("t"))
	h.waitFor(t, "is disabled: not permitted", 3*time.Second)
	h.finish(t)
	sameIDs(t, h.apps.Visible(), want)
}

// A 429 burst while pages load shows the countdown, and every app still
// arrives exactly once.
func TestProgramApps429DuringPaging(t *testing.T) {
	h := startWith(t, sandbox.Options{Seed: 12, Tokens: 5, Apps: 750}, setup{apps: true})
	h.waitFor(t, "tokens", 10*time.Second)
	h.srv.SetFaults(sandbox.Faults{Burst429: 3, RetryAfter: 2 * time.Second})
	h.keys(tab)
	h.waitFor(t, "rate limited: retry in", 20*time.Second)
	h.waitFor(t, "1/750", 30*time.Second)
	h.finish(t)
	sameIDs(t, h.apps.Visible(), h.srv.SourceApps())
}

// isPlain is printable ASCII without quotes: typed as it is by teatest.
func isPlain(s string) bool {
	for _, r := range s {
		if r < 0x20 || r > 0x7e || r == '"' {
			return false
		}
	}
	return true
}

// Each view keeps its filter, marks and sort while another is shown.
func TestProgramAppsKeepStateAcrossViews(t *testing.T) {
	h := appsView(t, sandbox.Options{Seed: 13, Tokens: 5, Apps: 30}, setup{})
	h.waitFor(t, "1/30", 10*time.Second)
	h.keys(runes("9"), runes(" "), runes("/"))
	h.tm.Type("a")
	h.keys(enter)
	h.waitFor(t, "1 marked", 5*time.Second)
	h.keys(tab) // Apps → Tokens
	h.waitFor(t, "Tokens 1/2", 5*time.Second)
	h.keys(tab)
	h.waitForAll(t, 5*time.Second, "Apps 2/2", "/ a ", "sort: modified", "1 marked")
}
