package tokens

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
)

func TestParseExpireAt(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 30, 0, time.UTC)
	for in, want := range map[string]string{
		"":           "2026-06-15T12:01:00Z", // the default, on the next whole minute
		"in 14d":     "2026-06-15T12:01:00Z",
		"7d":         "2026-06-08T12:01:00Z",
		"in 30d":     "2026-07-01T12:01:00Z",
		"2w":         "2026-06-15T12:01:00Z",
		"36h":        "2026-06-03T00:01:00Z",
		"2026-07-04": "2026-07-04T00:00:00Z",
	} {
		got, err := ParseExpireAt(in, now)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("%q → %v %v, want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"2026-05-01", "yesterday", "in -3d", "0d", "in 99999999999d"} {
		if _, err := ParseExpireAt(bad, now); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Tokens that already expire by the new date are left alone; the others
// get a patch guarded by their current expiry (or, never-expiring, by the
// flag that says so).
func TestPlanExpiry(t *testing.T) {
	at := testNow.Add(14 * 24 * time.Hour)
	toks := fixture() // t5 expired, t7 in 40d, t8 never (user aware), the rest never (nil)
	p, err := planExpiry(toks, at)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.sooner) != 1 || p.sooner[0].ID != "t5" || len(p.change) != len(toks)-1 {
		t.Fatalf("sooner %v change %d", p.sooner, len(p.change))
	}
	wire, _ := p.patches["t7"].MarshalJSON()
	if !strings.HasPrefix(string(wire), `[{"op":"test","path":"/expirationDate","value":"`) ||
		!strings.Contains(string(wire), `{"op":"replace","path":"/expirationDate","value":"2026-06-15T12:00:00Z"}`) {
		t.Fatalf("t7 patch %s", wire)
	}
	wire, _ = p.patches["t8"].MarshalJSON()
	if !strings.Contains(string(wire), `{"op":"test","path":"/userAwareTokenNeverExpires","value":true}`) ||
		!strings.Contains(string(wire), `{"op":"replace","path":"/userAwareTokenNeverExpires","value":false}`) {
		t.Fatalf("t8 patch %s", wire)
	}
}

// x on the marked tokens: the prompt, then the confirm dialog with the
// date, the tokens left alone and an example patch (goldens), then a run
// that patches exactly the planned tokens; on v3 the key says why not.
func TestExpireFlow(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{})
	press(t, m, "s", "a") // stale: t2 t3 t5 t6(managed) t8
	p := pushedModal(press(t, m, "x"), expiryID).(*expiryPrompt)
	p.SetSize(100, 30)
	golden.RequireEqual(t, []byte(p.View()))
	at, _ := ParseExpireAt("", testNow)
	out := drain(t, m, m.Update(expiryChosenMsg{at: at}))
	dlg := pushedModal(out, confirmID).(*common.ValueModal[confirm.Model, *confirm.Model])
	dlg.SetSize(100, 40)
	view := flat(dlg.Model.View())
	for _, want := range []string{"Expire 3 tokens?", "New expiry: 2026-06-15 12:01:00 UTC (in 14d).",
		"1 token already expires sooner and is left alone: expired-one.", "3 tokens of other owners: the bulk update",
		"no per-token guard", `{"ids":["t3","t8","t2"],"patch":[{"op":"replace"`} {
		if !strings.Contains(view, want) {
			t.Errorf("dialog lacks %q:\n%s", want, view)
		}
	}
	t.Run("dialog", func(t *testing.T) { golden.RequireEqual(t, []byte(dlg.Model.View())) })
	fin, _ := finishedOf(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 3}))
	// None is the caller's: one bulk update, no single patch.
	if fin.Summary.Done != 3 || len(svc.patches) != 0 || len(svc.bulks) != 1 || strings.Join(svc.bulks[0], ",") != "t3,t8,t2" {
		t.Fatalf("summary %+v, %d patches, bulk updates %v", fin.Summary, len(svc.patches), svc.bulks)
	}
	for _, tk := range svc.toks {
		switch tk.ID {
		case "t2", "t3", "t8":
			if tk.ExpirationDate == nil || !tk.ExpirationDate.Equal(at) || tk.UserAwareTokenNeverExpires {
				t.Errorf("%s: expiry %v", tk.ID, tk.ExpirationDate)
			}
		case "t5":
			if !tk.ExpirationDate.Before(testNow) {
				t.Errorf("t5 (already sooner) changed: %v", tk.ExpirationDate)
			}
		}
	}

	v3 := newTestModel(t, nil, Options{Family: client.FamilyV3})
	if toasts := shellToasts(press(t, v3, "x")); len(toasts) != 1 || !strings.Contains(toasts[0], "--api v1, v2025 or v2026") {
		t.Fatalf("x on v3: %q", toasts)
	}
}

// expireMarkedStale marks the stale tokens, picks the default expiry and
// confirms; it returns the run's summary and what the shell was sent.
func expireMarkedStale(t *testing.T, m *Model, before func()) (client.BulkSummary, []tea.Msg) {
	t.Helper()
	press(t, m, "s", "a")
	pushedModal(press(t, m, "x"), expiryID)
	at, _ := ParseExpireAt("", testNow)
	pushedModal(drain(t, m, m.Update(expiryChosenMsg{at: at})), confirmID)
	if before != nil {
		before()
	}
	fin, shell := finishedOf(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 3}))
	return fin.Summary, shell
}

// The caller's own token keeps its guarded single PATCH; the others go in
// one bulk update, and one changed between the preview and its request is
// left out, reported as a conflict, never sent.
func TestExpireSplitsByOwnerAndGuardsTheBulk(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{IdentityID: "id-bob"}) // bob owns t2
	changed := testNow.Add(90 * 24 * time.Hour)
	sum, _ := expireMarkedStale(t, m, func() { svc.toks[2].ExpirationDate = &changed }) // t3, by someone else
	if len(svc.patches) != 1 || len(svc.bulks) != 1 || strings.Join(svc.bulks[0], ",") != "t8" {
		t.Fatalf("single patches %d, bulk updates %v", len(svc.patches), svc.bulks)
	}
	if sum.Done != 2 || sum.Failed != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if !svc.toks[2].ExpirationDate.Equal(changed) {
		t.Fatalf("the changed token was overwritten: %v", svc.toks[2].ExpirationDate)
	}
}

// A tenant without the bulk update: the others go one by one through the
// single PATCH, and the toast says so once a session.
func TestExpireFallsBackWithoutTheBulkUpdate(t *testing.T) {
	svc := &fakeService{toks: fixture(), noBulk: true}
	m := newTestModel(t, svc, Options{IdentityID: "id-bob"})
	sum, shell := expireMarkedStale(t, m, nil)
	if sum.Done != 3 || len(svc.bulks) != 1 || len(svc.patches) != 3 {
		t.Fatalf("summary %+v, bulk tries %d, single patches %d", sum, len(svc.bulks), len(svc.patches))
	}
	said := 0
	for _, text := range shellToasts(shell) {
		if strings.Contains(text, "no PAT bulk update") {
			said++
		}
	}
	if said != 1 || !m.noBulk.Load() {
		t.Fatalf("said %d times", said)
	}
}
