package tokens_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/shell"
	"github.com/sailtui/sailtui/ui/views/tokens"
)

// slowService holds the first delete in flight until released, like a
// slow tenant; later deletes see the cancelled context and are skipped,
// as client.DeletePATs reports queued items after a cancel.
type slowService struct {
	mu      sync.Mutex
	toks    []client.PersonalAccessToken
	deleted []string
	started chan struct{}
	release chan struct{}
}

func (s *slowService) ListPATs(context.Context, client.ListPATsOptions) ([]client.PersonalAccessToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]client.PersonalAccessToken(nil), s.toks...), nil
}

func (s *slowService) CreatePAT(context.Context, client.CreatePATRequest) (*client.CreatedPAT, error) {
	panic("not used")
}

func (s *slowService) DeletePATs(ctx context.Context, ids []string, opts client.BulkOptions, on func(client.BulkEvent)) client.BulkSummary {
	first := true
	opts.Concurrency = 1
	return client.RunBulk(ctx, ids, func(_ context.Context, id string) (client.Outcome, error) {
		if first {
			first = false
			close(s.started)
			<-s.release // in flight: finishes even after a cancel
		}
		s.mu.Lock()
		s.deleted = append(s.deleted, id)
		s.mu.Unlock()
		return client.Outcome{Status: 204}, nil
	}, opts, on)
}

func (s *slowService) PresentPATs(context.Context, string, []string) (map[string]bool, error) {
	panic("not used")
}

// ctrl+c during a bulk delete cancels it like esc (the in-flight delete
// finishes, queued ones stop, every item is audited) and says how to quit
// now; only the second ctrl+c quits.
func TestCtrlCDuringDeleteCancelsThenQuits(t *testing.T) {
	svc, p, path := startSlowDelete(t)
	tm, waitFor := p.tm, func(what string) { t.Helper(); p.waitFor(t, what) }
	tm.Send(key("q")) // goes to the panel: no quit
	waitFor("A delete is running")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	waitFor("press ctrl+c again to quit now")
	close(svc.release)
	waitFor("Cancelled.")

	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC}) // nothing runs now: quits
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))

	svc.mu.Lock()
	deleted := svc.deleted
	svc.mu.Unlock()
	if len(deleted) != 1 || deleted[0] != "a1" {
		t.Fatalf("deleted %v; only the in-flight a1 may finish", deleted)
	}
	checkAudit(t, path)
}

// Quitting at once (ctrl+c twice) mid-run: Stop, called after the program
// ended, waits for the request in flight so it is audited, and says so.
func TestStopAfterQuitWaitsForInFlight(t *testing.T) {
	svc, p, path := startSlowDelete(t)
	tm, tv := p.tm, p.tv
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	p.waitFor(t, "press ctrl+c again to quit now")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))

	if st := tv.Stop(within(t, 20*time.Millisecond)); len(st) != 1 || st[0].Clean || st[0].Work != "a delete" {
		t.Fatalf("still in flight: %+v", st)
	}
	go func() { time.Sleep(50 * time.Millisecond); close(svc.release) }()
	if st := tv.Stop(within(t, 5*time.Second)); len(st) != 1 || !st[0].Clean || st[0].Queued != "tokens were not sent" {
		t.Fatalf("after the answer: %+v", st)
	}
	checkAudit(t, path)
}

// program runs the shell and a Tokens view over svc, as the binary does.
type program struct {
	tm *teatest.TestModel
	tv *tokens.Model
}

var programNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func startProgram(t *testing.T, opts tokens.Options, height int) *program {
	t.Helper()
	c := commontest.Common(termenv.Ascii, func() time.Time { return programNow })
	tv := tokens.New(c, opts)
	tm := teatest.NewTestModel(t, shell.New(c, shell.Options{Host: "tenant.example"}, tv), teatest.WithInitialTermSize(120, height))
	t.Cleanup(func() { _ = tm.Quit() })
	return &program{tm: tm, tv: tv}
}

// waitFor waits until what appears on screen.
func (p *program) waitFor(t *testing.T, what string) {
	t.Helper()
	teatest.WaitFor(t, p.tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func key(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// startSlowDelete marks four stale tokens, confirms, and returns once the
// first delete is in flight.
func startSlowDelete(t *testing.T) (*slowService, *program, string) {
	t.Helper()
	old := programNow.Add(-400 * 24 * time.Hour)
	svc := &slowService{started: make(chan struct{}), release: make(chan struct{})}
	for _, id := range []string{"a1", "a2", "a3", "a4"} {
		svc.toks = append(svc.toks, client.PersonalAccessToken{ID: id, Name: "Backup job " + id, Created: old,
			Owner: client.PatOwner{ID: "id-" + id, Name: "Owner " + id}})
	}
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	p := startProgram(t, tokens.Options{Service: svc, Audit: audit.Open(path), BaseURL: "https://tenant.example"}, 40)
	tm, waitFor := p.tm, func(what string) { t.Helper(); p.waitFor(t, what) }

	waitFor("4 tokens")
	tm.Send(key("a"))
	tm.Send(key("d"))
	waitFor("Delete 4 tokens?")
	tm.Send(tea.KeyMsg{Type: tea.KeyRight})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	select {
	case <-svc.started:
	case <-time.After(5 * time.Second):
		t.Fatal("the delete never started")
	}
	return svc, p, path
}

// checkAudit: the in-flight a1 was deleted and audited, the queued rest
// recorded as skipped.
func checkAudit(t *testing.T, path string) {
	t.Helper()
	entries, err := audit.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	results := map[string]audit.Result{}
	for _, e := range entries {
		results[e.ResourceID] = e.Result
	}
	want := map[string]audit.Result{"a1": audit.ResultDeleted, "a2": audit.ResultSkipped, "a3": audit.ResultSkipped, "a4": audit.ResultSkipped}
	for id, r := range want {
		if results[id] != r {
			t.Errorf("audit %s = %q, want %q (all: %v)", id, results[id], r, results)
		}
	}
}

func (s *slowService) PatchPATOutcome(context.Context, string, patchdiff.Patch) (*client.PersonalAccessToken, client.Outcome, error) {
	panic("not used")
}

func (s *slowService) PatchPATs(context.Context, map[string]patchdiff.Patch, []string, client.BulkOptions, func(client.BulkEvent)) client.BulkSummary {
	panic("not used")
}

// within is a deadline d from now, for Stop.
func within(t *testing.T, d time.Duration) <-chan struct{} {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx.Done()
}

func (s *slowService) BulkUpdatePATs(context.Context, client.PATBulkUpdate) ([]client.PersonalAccessToken, client.Outcome, error) {
	return nil, client.Outcome{}, errors.New("not used")
}
