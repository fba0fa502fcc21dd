package shell_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/views/tokens"
)

// An approved plan against the sandbox: a report of five tokens is made;
// then one is used (a sign-in with it, over HTTP), one is deleted and one
// changes owner. Started with the plan, sailtui marks exactly the other
// two; the delete removes exactly those and the audit log names the plan.
func TestProgramApprovedPlan(t *testing.T) {
	planPath := filepath.Join(t.TempDir(), "approved.csv")
	created := map[string]*client.CreatedPAT{}
	names := []string{"plan-keep-1", "plan-used", "plan-gone", "plan-reowned", "plan-keep-2"}
	h := startWith(t, sandbox.Options{Seed: 5, Tokens: 20}, setup{
		before: func(cl *client.Client) {
			ctx := context.Background()
			exp := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
			for _, n := range names {
				c, err := cl.CreatePAT(ctx, client.CreatePATRequest{Name: n, Scope: []string{"sp:scopes:default"}, ExpirationDate: &exp})
				if err != nil {
					panic(err)
				}
				created[n] = c
			}
			all, err := cl.ListPATs(ctx, client.ListPATsOptions{})
			if err != nil {
				panic(err)
			}
			var planned []client.PersonalAccessToken
			for _, p := range all {
				if strings.HasPrefix(p.Name, "plan-") {
					planned = append(planned, p)
				}
			}
			if err := report.Save(planPath, pats.ReportTable(planned, time.Now(), 0)); err != nil {
				panic(err)
			}
		},
		tenant: func(srv *sandbox.Server, cl *client.Client, url string) {
			used, err := client.New(client.Config{BaseURL: url, ClientID: created["plan-used"].ID, ClientSecret: created["plan-used"].Secret})
			if err != nil {
				panic(err)
			}
			if _, err := used.Authenticate(context.Background()); err != nil {
				panic(err)
			}
			if err := cl.DeletePAT(context.Background(), created["plan-gone"].ID); err != nil {
				panic(err)
			}
			_, user := srv.Credentials()
			if err := srv.SetPATOwner(created["plan-reowned"].ID, user.IdentityID); err != nil {
				panic(err)
			}
		},
		view: func(o *tokens.Options) { o.PlanPath = planPath },
	})
	h.waitForAll(t, 5*time.Second, "2  to mark", "1  gone", "1  used since the report", "1  owner changed")
	h.keys(enter)
	h.waitFor(t, "Marked 2 tokens from approved.csv", 3*time.Second)
	h.keys(runes("d"))
	h.waitFor(t, "From the approved plan approved.csv", 3*time.Second)
	h.keys(tea.KeyMsg{Type: tea.KeyRight}, enter) // focus Delete (fewer than 5: no count to type)
	h.waitFor(t, "Finished", 10*time.Second)

	var left []string
	for _, p := range h.srv.PATs() {
		if strings.HasPrefix(p.Name, "plan-") {
			left = append(left, p.Name)
		}
	}
	slices.Sort(left)
	if !slices.Equal(left, []string{"plan-reowned", "plan-used"}) {
		t.Fatalf("left %v, want the used and the re-owned one", left)
	}
	entries, err := audit.Read(h.audit)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 {
		t.Fatalf("%d audit entries", len(entries))
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Plan, planPath+" sha256:") {
			t.Fatalf("entry %+v does not name the plan", e)
		}
	}
}
