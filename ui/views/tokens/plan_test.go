package tokens

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/plan"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/plansummary"
)

// A report of the stale tokens is approved; then one is used, one is
// deleted by someone else and one changes owner. Loading the plan marks
// exactly the rest; the delete removes exactly those and the audit log
// names the plan and its checksum.
func TestPlanMarksExactlyTheUnchangedAndTheRunNamesIt(t *testing.T) {
	dir := t.TempDir()
	planPath := filepath.Join(dir, "approved.csv")
	stale := pats.Select(fixture(), testNow, 0, true, "") // t3 t8 t6 t2 t5
	if err := report.Save(planPath, pats.ReportTable(stale, testNow, 0)); err != nil {
		t.Fatal(err)
	}
	toks := fixture()
	toks[1].LastUsed = ptr(daysAgo(0)) // t2 used after the report
	toks[4].Owner = client.PatOwner{Type: "IDENTITY", ID: "id-zed", Name: "zed"}
	toks = slices.Delete(toks, 2, 3) // t3 deleted by someone else
	svc := &fakeService{toks: toks}
	log := filepath.Join(dir, "audit.jsonl")
	m := newTestModel(t, svc, Options{Audit: audit.Open(log), BaseURL: "https://tenant.example"})

	cmd, ok := m.Command("plan", planPath)
	if !ok {
		t.Fatal(":plan not handled")
	}
	shell := drain(t, m, cmd)
	push, ok := shell[0].(common.PushModalMsg)
	if !ok || push.ID != planID {
		t.Fatalf("no summary: %v", shell)
	}
	if len(m.Marked()) != 0 {
		t.Fatal("marked before the summary was accepted")
	}
	push.Modal.SetSize(120, 40)
	view := ansi.Strip(push.Modal.View())
	for _, want := range []string{"1  to mark", "1  gone", "1  used since the report", "1  owner changed: zed, was dave",
		"1  managed, not included", "platform-managed", "sha256 "} {
		if !strings.Contains(view, strings.TrimPrefix(want, "1  ")) {
			t.Errorf("summary lacks %q:\n%s", want, view)
		}
	}
	drain(t, m, m.Update(plansummary.ChosenMsg{ID: planID, OK: true}))
	if got := m.Marked(); len(got) != 1 || got[0] != "t8" {
		t.Fatalf("marked %v, want [t8]", got)
	}

	out := press(t, m, "d")
	dlg := out[0].(common.PushModalMsg).Modal
	dlg.SetSize(120, 40)
	if !strings.Contains(ansi.Strip(dlg.View()), "approved plan approved.csv (sha256 ") {
		t.Fatalf("confirm does not name the plan:\n%s", ansi.Strip(dlg.View()))
	}
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 1}))
	if !slices.Equal(svc.deleted, []string{"t8"}) {
		t.Fatalf("deleted %v", svc.deleted)
	}
	entries, err := audit.Read(log)
	if err != nil || len(entries) != 2 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Plan, planPath+" sha256:") || len(e.Plan) != len(planPath)+8+64 {
			t.Fatalf("entry plan %q", e.Plan)
		}
	}
}

// A refused summary marks nothing; a run over tokens outside the plan
// does not name it.
func TestPlanCancelAndUnplannedRuns(t *testing.T) {
	dir := t.TempDir()
	planPath := filepath.Join(dir, "p.json")
	if err := report.Save(planPath, pats.ReportTable(fixture()[1:2], testNow, 0)); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, nil, Options{})
	drain(t, m, m.plans.Load(planPath))
	drain(t, m, m.Update(plansummary.ChosenMsg{ID: planID}))
	if len(m.Marked()) != 0 || m.plans.Active != nil {
		t.Fatalf("cancelled plan marked %v", m.Marked())
	}
	drain(t, m, m.plans.Load(planPath))
	drain(t, m, m.Update(plansummary.ChosenMsg{ID: planID, OK: true}))
	if m.planFor([]client.PersonalAccessToken{fixture()[1]}) == nil || m.planFor(fixture()[1:3]) != nil {
		t.Fatal("planFor must name the plan only for runs within it")
	}
	shell := drain(t, m, m.plans.Load(filepath.Join(dir, "missing.csv")))
	if e, ok := shell[0].(common.ErrorMsg); !ok || e.Title != "Plan not loaded" {
		t.Fatalf("missing plan: %v", shell)
	}
}

// Without the right to list every owner's tokens, the plan is checked
// against the caller's own: others' tokens are "not visible", not "gone".
func TestPlanCheckedWithTheListFallback(t *testing.T) {
	planPath := filepath.Join(t.TempDir(), "p.csv")
	if err := report.Save(planPath, pats.ReportTable(fixture()[:2], testNow, 0)); err != nil { // alice's t1, bob's t2
		t.Fatal(err)
	}
	m := newTestModel(t, &fakeService{toks: fixture(), forbidAll: true}, Options{IdentityID: "id-alice"})
	drain(t, m, m.plans.Load(planPath))
	if m.plans.Pending() == nil {
		t.Fatal("no check")
	}
	f := m.plans.Pending().Findings
	if f[0].Verdict != plan.Mark || f[1].Verdict != plan.Hidden {
		t.Fatalf("findings %+v", f)
	}
}
