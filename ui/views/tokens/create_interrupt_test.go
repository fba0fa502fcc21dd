package tokens_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/views/tokens"
)

// slowCreate holds a create in flight until released, like a slow tenant.
// Cancelling the context does not stop it: the server may create the
// token whatever the client does.
type slowCreate struct {
	mu      sync.Mutex
	toks    []client.PersonalAccessToken
	started chan struct{}
	release chan struct{}
}

func (s *slowCreate) ListPATs(context.Context, client.ListPATsOptions) ([]client.PersonalAccessToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]client.PersonalAccessToken(nil), s.toks...), nil
}

func (s *slowCreate) CreatePAT(_ context.Context, r client.CreatePATRequest) (*client.CreatedPAT, error) {
	close(s.started)
	<-s.release
	s.mu.Lock()
	defer s.mu.Unlock()
	s.toks = append(s.toks, client.PersonalAccessToken{ID: "new1", Name: r.Name, Created: programNow})
	return &client.CreatedPAT{ID: "new1", Secret: "s3cr3t-value", Name: r.Name, Created: programNow,
		Owner: client.PatOwner{ID: "id-me", Name: "Me"}}, nil
}

func (s *slowCreate) PresentPATs(context.Context, string, []string) (map[string]bool, error) {
	panic("not used")
}

func (s *slowCreate) DeletePATs(context.Context, []string, client.BulkOptions, func(client.BulkEvent)) client.BulkSummary {
	panic("not used")
}

// startSlowCreate submits the create form and returns once the request is
// in flight.
func startSlowCreate(t *testing.T) (*slowCreate, *program, string) {
	t.Helper()
	svc := &slowCreate{started: make(chan struct{}), release: make(chan struct{}),
		toks: []client.PersonalAccessToken{{ID: "a1", Name: "existing", Created: programNow.Add(-time.Hour)}}}
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	p := startProgram(t, tokens.Options{Service: svc, Audit: audit.Open(path), BaseURL: "https://tenant.example",
		Family: client.FamilyV1}, 40)
	p.waitFor(t, "1 tokens")
	p.tm.Send(key("n"))
	p.waitFor(t, "Create a personal access token")
	p.tm.Type("nightly-export")
	p.tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	p.tm.Type("sp:scopes:default")
	p.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	select {
	case <-svc.started:
	case <-time.After(5 * time.Second):
		t.Fatal("the create never started")
	}
	return svc, p, path
}

// ctrl+c while a create is in flight does not quit at once (the token may
// be created, and its secret shown only here); it says how to quit, and
// the answer still arrives, is shown and is audited.
func TestCtrlCDuringCreateWarnsFirst(t *testing.T) {
	svc, p, path := startSlowCreate(t)
	p.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	p.waitFor(t, "A create is in flight; press ctrl+c again to quit")
	close(svc.release)
	p.waitFor(t, "It will not be shown again")
	// The secret is not copied: ctrl+c warns again, the next one quits.
	p.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	p.waitFor(t, "The secret will not be shown again — press ctrl+c again to quit")
	p.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	p.tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))
	checkCreateAudited(t, path)
}

// Quitting at once (ctrl+c twice) mid-create: Stop, after the program
// ended, waits for the answer so the create is audited, and says so.
func TestStopAfterQuitWaitsForCreate(t *testing.T) {
	svc, p, path := startSlowCreate(t)
	p.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	p.waitFor(t, "press ctrl+c again to quit")
	p.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	p.tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))

	if st := p.tv.Stop(within(t, 20*time.Millisecond)); len(st) != 1 || !st[0].Create || st[0].Clean {
		t.Fatalf("still in flight: %+v", st)
	}
	go func() { time.Sleep(50 * time.Millisecond); close(svc.release) }()
	if st := p.tv.Stop(within(t, 5*time.Second)); len(st) != 1 || !st[0].Create || !st[0].Clean {
		t.Fatalf("after the answer: %+v", st)
	}
	checkCreateAudited(t, path)
}

func checkCreateAudited(t *testing.T, path string) {
	t.Helper()
	entries, err := audit.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Action != audit.ActionCreatePAT || entries[0].Result != audit.ResultCreated ||
		entries[0].ResourceID != "new1" {
		t.Fatalf("audit %+v", entries)
	}
}

func (s *slowCreate) PatchPATOutcome(context.Context, string, patchdiff.Patch) (*client.PersonalAccessToken, client.Outcome, error) {
	panic("not used")
}

func (s *slowCreate) PatchPATs(context.Context, map[string]patchdiff.Patch, []string, client.BulkOptions, func(client.BulkEvent)) client.BulkSummary {
	panic("not used")
}

func (s *slowCreate) BulkUpdatePATs(context.Context, client.PATBulkUpdate) ([]client.PersonalAccessToken, client.Outcome, error) {
	return nil, client.Outcome{}, errors.New("not used")
}
