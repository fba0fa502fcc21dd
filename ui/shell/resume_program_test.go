package shell_test

import (
	"context"
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/runs"
)

// What a kill mid-delete leaves: a run of 10 tokens whose journal is on
// disk; 4 were deleted (3 answered, 1 whose answer never came), 2 were
// sent and are still there, 4 were never sent. The next start settles
// the open intents and offers to mark exactly the 6 still to do; yes
// marks them, and only them.
func TestProgramResumesAKilledRun(t *testing.T) {
	var want []string
	h := startWith(t, sandbox.Options{Seed: 5, Tokens: 30}, setup{settle: func(cl *client.Client, log *audit.Log, url string) {
		ctx := context.Background()
		toks, err := cl.ListPATs(ctx, client.ListPATsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var run []client.PersonalAccessToken
		for _, p := range toks {
			if !p.Managed && len(run) < 10 {
				run = append(run, p)
			}
		}
		j := runs.Journal{ID: "killed-run", Title: "Deleting 10 tokens", Action: audit.ActionDeletePAT, Kind: audit.KindPAT,
			BaseURL: url, Started: time.Now().Add(-time.Hour)}
		entry := func(p client.PersonalAccessToken, op string, r audit.Result) audit.Entry {
			return audit.Entry{Time: time.Now(), Action: audit.ActionDeletePAT, BaseURL: url, Op: op, Kind: audit.KindPAT,
				ResourceID: p.ID, Name: p.Name, Result: r}
		}
		for i, p := range run {
			op := audit.NewOp()
			j.Items = append(j.Items, runs.Item{ID: p.ID, Name: p.Name, Op: op})
			switch {
			case i < 4: // deleted; the last one's answer was lost
				if err := cl.DeletePAT(ctx, p.ID); err != nil {
					t.Fatal(err)
				}
				if err := log.Append(entry(p, op, audit.ResultIntent)); err != nil {
					t.Fatal(err)
				}
				if i < 3 {
					if err := log.Append(entry(p, op, audit.ResultDeleted)); err != nil {
						t.Fatal(err)
					}
				}
			case i < 6: // sent, outcome lost, still there
				if err := log.Append(entry(p, op, audit.ResultIntent)); err != nil {
					t.Fatal(err)
				}
				want = append(want, p.ID)
			default: // never sent
				want = append(want, p.ID)
			}
		}
		if err := runs.Write(runs.Dir(log.Path()), j); err != nil {
			t.Fatal(err)
		}
	}})
	h.waitFor(t, "Mark 6 tokens?", 10*time.Second)
	h.keys(tea.KeyMsg{Type: tea.KeyRight}, enter)
	h.waitFor(t, "6 tokens of the interrupted run", 5*time.Second)
	h.finish(t)
	got := h.tokens.Marked()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("marked %v, want %v", got, want)
	}
	if js, _ := runs.Open(runs.Dir(h.audit)); len(js) != 0 {
		t.Fatalf("the journal is still there after the answer: %v", js)
	}
}
