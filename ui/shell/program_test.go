package shell_test

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
	"github.com/sahilm/fuzzy"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/shell"
	"github.com/sailtui/sailtui/ui/views/apps"
	"github.com/sailtui/sailtui/ui/views/clients"
	"github.com/sailtui/sailtui/ui/views/tokens"
)

// harness is the real program (shell + Tokens view + client) against an
// in-process sandbox tenant.
type harness struct {
	srv   *sandbox.Server
	cl    *client.Client
	tm    *teatest.TestModel
	now   func() time.Time
	audit string
	// apps is the Apps view when setup.apps asked for it, tokens the
	// Tokens view; read them only after the program has finished
	// (finish).
	apps   *apps.Model
	tokens *tokens.Model
}

func start(t *testing.T, opts sandbox.Options) *harness {
	t.Helper()
	return startWith(t, opts, setup{})
}

// setup varies the harness: the API family, work on the tenant before the
// program starts, and the view's options.
type setup struct {
	family client.Family
	rate   client.RateLimit // the client's and the sandbox's budget; zero → the default
	before func(cl *client.Client)
	// tenant runs after before, with the server and its URL too (work
	// the API cannot do, or that needs other credentials).
	tenant func(srv *sandbox.Server, cl *client.Client, url string)
	// settle writes what an earlier run left (audit entries, journals)
	// before the program starts, and turns settling at start on.
	settle func(cl *client.Client, log *audit.Log, url string)
	// shell changes the shell's options (saved views, …).
	shell func(o *shell.Options)
	view  func(o *tokens.Options)
	// apps adds the Apps view after Tokens; user signs in as the seeded
	// non-admin instead of the org admin.
	apps bool
	user bool
	// clients adds the Clients view; clientEdit is its edit flow's
	// options; asClient signs in with a seeded API client (its secret
	// reset for the test) instead of the admin's token.
	clients    bool
	clientEdit editflow.Options
	asClient   func(srv *sandbox.Server, url string) (id, secret string)
	// logger receives the sandbox's request log (Debug).
	logger *slog.Logger
}

func startWith(t *testing.T, opts sandbox.Options, su setup) *harness {
	t.Helper()
	if su.rate.Requests > 0 {
		opts.RateLimit = su.rate
	}
	// One advancing clock for sandbox, client and UI, so the stale rule
	// agrees everywhere.
	base, began := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), time.Now()
	now := func() time.Time { return base.Add(time.Since(began)) }
	opts.Now = now
	if su.logger != nil {
		opts.Logger = su.logger
	}
	srv, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	url, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	admin, user := srv.Credentials()
	if su.user {
		admin = user
	}
	if su.asClient != nil {
		admin.ClientID, admin.ClientSecret = su.asClient(srv, url)
	}
	waits := make(chan client.WaitEvent, 64)
	cl, err := client.New(client.Config{BaseURL: url, ClientID: admin.ClientID, ClientSecret: admin.ClientSecret, Now: now, Family: su.family, RateLimit: su.rate,
		OnWait: func(ev client.WaitEvent) {
			select {
			case waits <- ev:
			default:
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := cl.Authenticate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if su.before != nil {
		su.before(cl)
	}
	if su.tenant != nil {
		su.tenant(srv, cl, url)
	}
	c := commontest.Common(termenv.Ascii, now) // plain text: easy to search
	auditPath := t.TempDir() + "/audit.jsonl"
	var settling *audit.Settling
	if su.settle != nil {
		log := audit.Open(auditPath)
		su.settle(cl, log, url)
		settling = &audit.Settling{Log: log, BaseURL: url, Actor: audit.Actor{ID: sess.IdentityID, Name: sess.UserName}}
	}
	vo := tokens.Options{Service: cl, BaseURL: url, Audit: audit.Open(auditPath),
		Family: cl.Family(), IdentityID: sess.IdentityID, IdentityName: sess.UserName}
	if su.view != nil {
		su.view(&vo)
	}
	tv := tokens.New(c, vo)
	views := []shell.View{tv}
	var av *apps.Model
	if su.apps {
		av = apps.New(c, apps.Options{Service: cl, BaseURL: url, Audit: vo.Audit, IdentityID: sess.IdentityID,
			IdentityName: sess.UserName, KnownIdentities: tv.KnownIdentities, Owners: vo.Owners})
		views = append(views, av)
	}
	if su.clients {
		views = append(views, clients.New(c, clients.Options{Service: cl, BaseURL: url, Audit: vo.Audit, IdentityID: sess.IdentityID,
			IdentityName: sess.UserName, SessionClientID: admin.ClientID, Edit: su.clientEdit}))
	}
	so := shell.Options{Host: "sandbox", Identity: sess.UserName, Waits: waits, Settling: settling}
	if su.shell != nil {
		su.shell(&so)
	}
	m := shell.New(c, so, views...)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	t.Cleanup(func() { _ = tm.Quit() })
	return &harness{srv: srv, cl: cl, tm: tm, now: now, audit: auditPath, apps: av, tokens: tv}
}

func (h *harness) waitFor(t *testing.T, what string, d time.Duration) {
	t.Helper()
	teatest.WaitFor(t, h.tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
		teatest.WithDuration(d), teatest.WithCheckInterval(20*time.Millisecond))
}

func (h *harness) keys(ks ...tea.KeyMsg) {
	for _, k := range ks {
		h.tm.Send(k)
	}
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

var enter = tea.KeyMsg{Type: tea.KeyEnter}

// matches mirrors the view's filter: every term fuzzy-matches one field.
func matches(p client.PersonalAccessToken, text string) bool {
	fields := []string{sanitize.Line(p.Name), sanitize.Line(p.Owner.Name)}
	if p.Owner.Name == "" {
		fields[1] = sanitize.Line(p.Owner.ID)
	}
	for _, s := range p.Scope {
		fields = append(fields, sanitize.Line(s))
	}
	for i := range fields {
		fields[i] = strings.ToLower(fields[i])
	}
	for _, term := range strings.Fields(strings.ToLower(text)) {
		if len(fuzzy.Find(term, fields)) == 0 {
			return false
		}
	}
	return true
}

// Filter + stale only + mark all + delete removes exactly the stale,
// non-managed tokens the filter shows, each once; the stale managed tokens
// in the same view (orphaned workflow tokens) are marked too but survive,
// because the dialog leaves managed tokens out unless included.
func TestProgramCleanupDeletesExactlyStaleUnmanaged(t *testing.T) {
	h := start(t, sandbox.Options{Seed: 7, Tokens: 80})
	before := h.srv.PATs()
	h.waitFor(t, strconv.Itoa(len(before))+" tokens", 5*time.Second)

	// Pick a filter term from the data: the owner with the most stale
	// tokens among those who also own a stale managed one.
	type tally struct{ unmanaged, managed int }
	owners := map[string]*tally{}
	for _, p := range before {
		if pats.Stale(&p, h.now(), stale.DefaultAfter) == stale.NotStale {
			continue
		}
		n := owners[p.Owner.Name]
		if n == nil {
			n = &tally{}
			owners[p.Owner.Name] = n
		}
		if p.Managed {
			n.managed++
		} else {
			n.unmanaged++
		}
	}
	best := ""
	for o, n := range owners {
		if n.managed == 0 || n.unmanaged == 0 {
			continue
		}
		if b := owners[best]; best == "" || n.unmanaged > b.unmanaged || (n.unmanaged == b.unmanaged && o < best) {
			best = o
		}
	}
	if best == "" {
		t.Fatalf("seed has no owner with both stale managed and stale unmanaged tokens: %v", owners)
	}
	term := strings.ToLower(strings.Fields(sanitize.Line(best))[0])
	var want, keep []string
	for _, p := range before {
		if !matches(p, term) || pats.Stale(&p, h.now(), stale.DefaultAfter) == stale.NotStale {
			continue
		}
		if p.Managed {
			keep = append(keep, p.ID)
		} else {
			want = append(want, p.ID)
		}
	}
	if len(want) == 0 || len(keep) == 0 {
		t.Fatalf("filter %q shows %d stale unmanaged and %d stale managed tokens; want some of each", term, len(want), len(keep))
	}

	t.Logf("filter %q: %d to delete, %d managed to keep", term, len(want), len(keep))
	h.keys(runes("/"))
	h.tm.Type(term)
	h.keys(enter, runes("s"), runes("a"))
	h.waitFor(t, "Marked ", 3*time.Second)
	h.keys(runes("d"))
	h.waitFor(t, "Delete ", 3*time.Second)
	// Managed tokens stay excluded (the default), so only the unmanaged
	// count decides whether it must be typed.
	if len(want) >= 5 {
		h.tm.Type(strconv.Itoa(len(want)))
		h.keys(enter)
	} else {
		h.keys(tea.KeyMsg{Type: tea.KeyRight}, enter) // move from Cancel to Delete
	}
	h.waitFor(t, "Finished", 10*time.Second)
	h.keys(enter) // close the summary
	h.waitFor(t, "Deleted "+strconv.Itoa(len(want)), 3*time.Second)

	after := h.srv.PATs()
	var gone []string
	left := map[string]bool{}
	for _, p := range after {
		left[p.ID] = true
	}
	for _, p := range before {
		if !left[p.ID] {
			gone = append(gone, p.ID)
		}
	}
	slices.Sort(gone)
	slices.Sort(want)
	if !slices.Equal(gone, want) {
		t.Fatalf("deleted %d tokens %v, want exactly %d %v", len(gone), gone, len(want), want)
	}
	for _, id := range want {
		if n := h.srv.DeleteCount(id); n != 1 {
			t.Errorf("token %s deleted %d times", id, n)
		}
	}
	for _, id := range keep {
		if !left[id] || h.srv.DeleteCount(id) != 0 {
			t.Errorf("stale managed token %s was deleted; managed tokens need an explicit include", id)
		}
	}
}

// A burst of 429s during a delete shows the countdown in the status bar,
// and the run still completes: exactly the marked tokens are deleted, each
// with one DELETE that succeeded, nothing else is touched, and the summary
// reports no failure.
func TestProgramRateLimitBurstShowsCountdownAndCompletes(t *testing.T) {
	h := start(t, sandbox.Options{Seed: 3, Tokens: 20})
	before := h.srv.PATs()
	h.waitFor(t, strconv.Itoa(len(before))+" tokens", 5*time.Second)

	// Mark a known set: a filter term from the data that shows exactly
	// three tokens, none managed (so the dialog needs no include), then a.
	term, want := termShowing(t, before, 3)
	h.keys(runes("/"))
	h.tm.Type(term)
	h.keys(enter, runes("a"))
	h.waitFor(t, "3 marked", 3*time.Second)
	h.srv.SetFaults(sandbox.Faults{Burst429: 4, RetryAfter: 2 * time.Second})
	h.keys(runes("d"))
	h.waitFor(t, "Delete 3 tokens?", 3*time.Second)
	h.keys(tea.KeyMsg{Type: tea.KeyRight}, enter)
	// Generous: each delete's intent is fsynced first, and a shared CI
	// disk can take seconds to flush.
	h.waitFor(t, "rate limited: retry in", 20*time.Second)
	h.waitFor(t, "Finished. 3 deleted, 0 already gone, 0 failed, 0 skipped", 30*time.Second)
	h.keys(enter) // close the summary
	h.waitFor(t, "Deleted 3, already gone 0, failed 0, skipped 0", 3*time.Second)

	left := map[string]bool{}
	for _, p := range h.srv.PATs() {
		left[p.ID] = true
	}
	if len(left) != len(before)-len(want) {
		t.Fatalf("%d tokens left of %d; want %d", len(left), len(before), len(before)-len(want))
	}
	for _, p := range before {
		marked := slices.Contains(want, p.ID)
		switch n := h.srv.DeleteCount(p.ID); {
		case marked && (left[p.ID] || n != 1):
			t.Errorf("marked token %s: still there %v, deleted %d times; want gone after exactly one DELETE", p.ID, left[p.ID], n)
		case !marked && (!left[p.ID] || n != 0):
			t.Errorf("unmarked token %s: still there %v, deleted %d times; want untouched", p.ID, left[p.ID], n)
		}
	}
}

// termShowing finds a filter term that shows exactly n tokens of ps, none
// of them managed, and returns it with their ids.
func termShowing(t *testing.T, ps []client.PersonalAccessToken, n int) (string, []string) {
	t.Helper()
	var terms []string
	for _, p := range ps {
		for _, w := range strings.FieldsFunc(strings.ToLower(sanitize.Line(p.Name+" "+p.Owner.Name)), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if len(w) >= 3 {
				terms = append(terms, w)
			}
		}
	}
	slices.Sort(terms)
	for _, term := range slices.Compact(terms) {
		var ids []string
		managed := false
		for _, p := range ps {
			if matches(p, term) {
				ids = append(ids, p.ID)
				managed = managed || p.Managed
			}
		}
		if len(ids) == n && !managed {
			return term, ids
		}
	}
	t.Fatalf("no filter term shows exactly %d unmanaged tokens; pick another seed", n)
	return "", nil
}

// A 400 on create (here: someone created the same name meanwhile) shows
// the server's message on the form, which keeps what was typed.
func TestProgramCreate400KeepsInput(t *testing.T) {
	h := start(t, sandbox.Options{Seed: 5, Tokens: 10})
	h.waitFor(t, strconv.Itoa(len(h.srv.PATs()))+" tokens", 5*time.Second)
	h.keys(runes("n"))
	h.waitFor(t, "Create a personal access token", 3*time.Second)
	h.tm.Type("race-condition-token")
	h.keys(tea.KeyMsg{Type: tea.KeyTab})
	h.tm.Type("sp:scopes:default")
	// The same name appears on the server before the form is sent.
	if _, err := h.cl.CreatePAT(context.Background(), client.CreatePATRequest{Name: "race-condition-token",
		Scope: []string{"sp:scopes:all"}, UserAwareTokenNeverExpires: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	h.keys(tea.KeyMsg{Type: tea.KeyCtrlS})
	h.waitFor(t, "HTTP 400", 5*time.Second)
	// The form is still open with the name as typed.
	if err := h.tm.Quit(); err != nil {
		t.Fatal(err)
	}
	fm := h.tm.FinalModel(t, teatest.WithFinalTimeout(3*time.Second)).(shell.Model)
	if ids := fm.ModalIDs(); len(ids) != 1 || !strings.Contains(ids[0], "create") {
		t.Fatalf("modals after the 400: %v", ids)
	}
	if v := fm.View(); !strings.Contains(v, "race-condition-token") || !strings.Contains(v, "already") {
		t.Fatalf("form lost the input or the message:\n%s", v)
	}
}

func ptr[T any](v T) *T { return &v }
