package tokens

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// Read-only mode and an unwritable audit log disable e, E and u with the
// reason, like delete.
func TestEditKeysDisabledWithReason(t *testing.T) {
	m := newTestModel(t, nil, Options{ReadOnly: true})
	for _, k := range []string{"e", "E", "u"} {
		toasts := shellToasts(press(t, m, k))
		if len(toasts) != 1 || !strings.Contains(toasts[0], "is disabled: read-only: started with --read-only") {
			t.Errorf("%s in read-only: %q", k, toasts)
		}
	}
	m = newTestModel(t, nil, Options{})
	m.keys.DisableChanges("audit log not writable: /x: permission denied")
	if toasts := shellToasts(press(t, m, "e")); len(toasts) != 1 || !strings.Contains(toasts[0], "audit log not writable") {
		t.Errorf("e with the audit log down: %q", toasts)
	}
}

// The form offers exactly the family's patchable fields: expiry on
// v2025/v2026/v1, read-only elsewhere.
func TestTokenFieldsFollowTheFamily(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	for _, tc := range []struct {
		family   client.Family
		editable bool
	}{{client.FamilyV1, true}, {client.FamilyV2025, true}, {client.FamilyV3, false}, {client.FamilyBeta, false}, {client.FamilyV2024, false}} {
		m.opts.Family = tc.family
		tg, err := m.tokenTarget(fixture()[0])
		if err != nil {
			t.Fatal(err)
		}
		var expiry editdoc.Field
		for _, f := range tg.Fields {
			if f.Name == "expirationDate" {
				expiry = f
			}
		}
		patchable := false
		for _, f := range tg.Rules.Fields {
			patchable = patchable || f.Name == "expirationDate"
		}
		if expiry.ReadOnly == tc.editable || patchable != tc.editable {
			t.Errorf("%s: expiry field %+v, patchable %v", tc.family, expiry, patchable)
		}
	}
}

// Names that terminals draw differently (joined emoji, hundreds of
// combining accents, long runs of wide characters, skin tones) never
// shift a column: every line is exactly the screen's width, at every
// width, and the columns after the name start at one place.
func TestAwkwardNamesKeepColumnsInLine(t *testing.T) {
	toks := fixture()
	names := []string{
		"family \U0001F469\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466 deploy",
		"zalgo e" + strings.Repeat("\u0301\u0316", 150) + " token",
		strings.Repeat("日本語のトークン", 8),
		"thumbs \U0001F44D\U0001F3FD up \u2764\ufe0f",
		"half 日本語のトークン wide",
	}
	for i, n := range names {
		toks[i].Name, toks[i].Owner.Name = n, n
	}
	for _, w := range []int{60, 80, 81, 120} {
		m := newTestModel(t, &fakeService{toks: toks}, Options{})
		m.SetSize(w, 20)
		lines := strings.Split(m.View(), "\n")
		// The header's CREATED starts where every row's created cell does.
		created := strings.Index(ansi.Strip(lines[2]), "CREATED")
		for i, l := range lines {
			if l == "" {
				continue // the shell fills the rest of the screen
			}
			if got := ansi.StringWidth(l); got != w {
				t.Errorf("width %d: line %d is %d wide: %q", w, i, got, ansi.Strip(l))
			}
			if i < 3 || created < 0 {
				continue
			}
			plain := ansi.Strip(l)
			if j := strings.Index(plain, " ago"); j >= 0 {
				start := strings.LastIndex(plain[:j], "  ") + 2
				if at := ansi.StringWidth(plain[:start]); at != ansi.StringWidth(ansi.Strip(lines[2])[:created]) {
					t.Errorf("width %d: line %d's created cell starts at %d, the header's at %d: %q", w, i, at, created, plain)
				}
			}
		}
	}
}

// An audit log that cannot be written disables every change and leaves a
// badge on the status bar for as long as it lasts.
func TestAuditOffBadge(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	if m.Status().Badge != "" {
		t.Fatal("badge without a reason")
	}
	m.keys.DisableChanges(auditReason(errors.New("audit log not writable: /x/audit.jsonl: permission denied")))
	if m.Status().Badge != "AUDIT OFF" {
		t.Fatalf("status %+v", m.Status())
	}
	ro := newTestModel(t, nil, Options{ReadOnly: true})
	ro.keys.DisableChanges("audit log not writable: x")
	if ro.Status().Badge != "" {
		t.Fatal("read-only sessions write nothing: no audit badge")
	}
}

// The panel's retry asks again for exactly the failed tokens: the confirm
// dialog lists those and nothing else.
func TestRetryConfirmsExactlyTheFailed(t *testing.T) {
	m := newTestModel(t, &fakeService{toks: fixture()}, Options{})
	finishedOf(t, m, m.runBulk([]client.PersonalAccessToken{fixture()[0]}, m.deleteSpec(1))) // the run whose panel asks
	out := m.Update(progress.RetryMsg{Run: m.bulk.Addr, IDs: []string{"t3", "t5"}})
	var dlg *common.ValueModal[confirm.Model, *confirm.Model]
	for _, msg := range drain(t, m, out) {
		if p, ok := msg.(common.PushModalMsg); ok && p.ID == confirmID {
			dlg = p.Modal.(*common.ValueModal[confirm.Model, *confirm.Model])
		}
	}
	if dlg == nil || !m.pending.Open() || len(m.pending.Value().toks) != 2 || m.pending.Value().toks[0].ID != "t3" || m.pending.Value().toks[1].ID != "t5" {
		t.Fatalf("pending %+v", m.pending.Value())
	}
	if v := ansi.Strip(dlg.Model.View()); !strings.Contains(v, "Delete 2 tokens?") || !strings.Contains(v, "never-touched") ||
		!strings.Contains(v, "expired-one") {
		t.Fatalf("dialog:\n%s", v)
	}
}

// Another owner's token: only its owner may change name and scopes (read-
// only, with the reason); its expiry goes through the bulk update with no
// test guard, and the preview says so.
func TestEditOthersTokenGoesThroughTheBulkUpdate(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{IdentityID: "id-alice"})
	tok := svc.toks[1] // bob's
	tg, err := m.tokenTarget(tok)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range tg.Fields {
		if (f.Name == "name" || f.Name == "scope") && (!f.ReadOnly || f.Why != "only its owner may change it") {
			t.Errorf("field %s: %+v", f.Name, f)
		}
	}
	if tg.Rules.Guard || len(tg.Rules.Fields) != 2 || !strings.Contains(tg.Note, "bulk update") {
		t.Fatalf("rules %+v, note %q", tg.Rules, tg.Note)
	}
	at := testNow.Add(10 * 24 * time.Hour)
	v, _ := json.Marshal(at)
	if _, err := tg.Apply(context.Background(), patchdiff.Patch{{Op: "replace", Path: "/expirationDate", Value: v}}); err != nil {
		t.Fatal(err)
	}
	if len(svc.bulks) != 1 || svc.bulks[0][0] != tok.ID || len(svc.patches) != 0 || !svc.toks[1].ExpirationDate.Equal(at) {
		t.Fatalf("bulk updates %v, single patches %d, expiry %v", svc.bulks, len(svc.patches), svc.toks[1].ExpirationDate)
	}
	// Her own token keeps the guarded single PATCH and every field.
	own, _ := m.tokenTarget(svc.toks[0])
	if !own.Rules.Guard || own.Note != "" {
		t.Fatalf("own token: rules %+v, note %q", own.Rules, own.Note)
	}
}
