package clients

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/oauthclients"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/plansummary"
)

// A report of the stale clients is approved; then one is deleted by
// someone else and one is renamed. The plan marks exactly the rest, and
// the disable over them names the plan in the audit log.
func TestPlanMarksTheUnchangedAndTheRunNamesIt(t *testing.T) {
	tn := newTenant(t, 28, false)
	dir := t.TempDir()
	stalest := oauthclients.Select(tn.srv.OAuthClients(), "", true, testNow, stale.DefaultAfter)
	var approved []client.OAuthClient
	for _, c := range stalest {
		if c.Enabled && !c.Internal {
			approved = append(approved, c)
		}
	}
	if len(approved) < 4 {
		t.Fatalf("%d approvable clients", len(approved))
	}
	path := filepath.Join(dir, "plan.csv")
	if err := report.Save(path, oauthclients.ReportTable(approved, testNow, 0)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := tn.cl.DeleteOAuthClientOutcome(ctx, approved[0].ID); err != nil {
		t.Fatal(err)
	}
	ops := []byte(`[{"op":"replace","path":"/name","value":"renamed"}]`)
	if _, _, err := tn.cl.PatchOAuthClientOutcome(ctx, approved[1].ID, mustPatch(t, ops)); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, audit.FileName)
	m := newTestModel(t, tn, Options{Audit: audit.Open(logPath)})
	m.SetSize(120, 60)
	cmd, ok := m.Command("plan", path)
	if !ok {
		t.Fatal(":plan not taken")
	}
	summary := pushed(t, drain(t, m, cmd), planID)
	summary.SetSize(120, 60) // as the shell sizes what it pushes
	if v := summary.View(); !strings.Contains(v, "changed since the report") || !strings.Contains(v, "gone") {
		t.Fatalf("summary:\n%s", v)
	}
	drain(t, m, m.Update(plansummary.ChosenMsg{ID: planID, OK: true}))
	want := []string{}
	for _, c := range approved[2:] {
		want = append(want, c.ID)
	}
	got := m.Marked()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("marked %v\nwant %v", got, want)
	}
	pushed(t, press(t, m, "x"), confirmID)
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: len(want)}))
	entries, err := audit.Read(logPath)
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, e := range entries {
		if e.Action == audit.ActionDisableClient && e.Result == audit.ResultPatched && strings.Contains(e.Plan, "plan.csv sha256:") {
			named++
		}
	}
	if named != len(want) {
		t.Fatalf("%d audit outcomes name the plan, want %d", named, len(want))
	}
}

// A token plan opened here says where it belongs.
func TestTokenPlanIsSentToTokens(t *testing.T) {
	tn := newTenant(t, 5, false)
	path := filepath.Join(t.TempDir(), "plan.csv")
	tbl := report.Table{Columns: []string{"id", "name"}, Rows: [][]any{{"t1", "a token"}}}
	if err := report.Save(path, tbl); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, tn, Options{})
	cmd, _ := m.Command("plan", path)
	msgs := drain(t, m, cmd)
	if len(msgs) != 1 || !strings.Contains(toastText(msgs[0]), "open it in the Tokens view") {
		t.Fatalf("%v", msgs)
	}
}
