package plan

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/oauthclients"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/report"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func at(d int) *time.Time {
	t := now.Add(-time.Duration(d)*24*time.Hour + 123*time.Millisecond)
	return &t
}

func tenant() []client.PersonalAccessToken {
	o := func(n string) client.PatOwner { return client.PatOwner{Type: "IDENTITY", ID: "id-" + n, Name: n} }
	return []client.PersonalAccessToken{
		{ID: "a", Name: "=cmd|calc", Owner: o("alice"), LastUsed: at(200)},
		{ID: "b", Name: "used-later", Owner: o("bob"), LastUsed: at(300)},
		{ID: "c", Name: "deleted-later", Owner: o("carol")},
		{ID: "d", Name: "reowned-later", Owner: o("dave")},
		{ID: "e", Name: "managed", Owner: o("sys"), Managed: true},
		{ID: "f", Name: "never", Owner: o("erin")},
	}
}

// writePlan writes toks as a report, the way X does.
func writePlan(t *testing.T, f report.Format, toks []client.PersonalAccessToken) string {
	t.Helper()
	rows := make([][]any, len(toks))
	for i, tk := range toks {
		rows[i] = []any{tk.ID, tk.Name, tk.Owner.ID, tk.Owner.Name, tk.LastUsed, tk.Managed}
	}
	path := filepath.Join(t.TempDir(), "plan."+string(f))
	if err := report.Save(path, report.Table{Columns: []string{"id", "name", "owner_id", "owner_name", "last_used", "managed"}, Rows: rows}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRoundTripThenChangesAreCaught(t *testing.T) {
	for _, f := range []report.Format{report.CSV, report.JSON} {
		t.Run(string(f), func(t *testing.T) {
			toks := tenant()
			p, err := Load(writePlan(t, f, toks))
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Items) != 6 || p.Items[0].Name != "=cmd|calc" || len(p.SHA256) != 64 {
				t.Fatalf("plan %+v", p)
			}
			// Unchanged: all marked but the managed one.
			if r := Check(p, toks, ""); r.Count(Mark) != 5 || r.Count(Managed) != 1 {
				t.Fatalf("unchanged tenant: %+v", r.Findings)
			}
			// Then: b used, c deleted, d re-owned.
			later := tenant()
			later[1].LastUsed = at(0)
			later[3].Owner = client.PatOwner{ID: "id-zed", Name: "zed"}
			later = append(later[:2], later[3:]...)
			r := Check(p, later, "")
			got := map[string]Verdict{}
			for _, f := range r.Findings {
				got[f.Item.ID] = f.Verdict
			}
			want := map[string]Verdict{"a": Mark, "b": Used, "c": Gone, "d": Reowned, "e": Managed, "f": Mark}
			for id, v := range want {
				if got[id] != v {
					t.Errorf("%s: %v, want %v", id, got[id], v)
				}
			}
			if ids := r.ToMark(); len(ids) != 2 || ids[0].ID != "a" || ids[1].ID != "f" {
				t.Fatalf("to mark %v", ids)
			}
			if !strings.Contains(r.Findings[3].Reason, "owner changed: zed, was dave") {
				t.Fatalf("reason %q", r.Findings[3].Reason)
			}
		})
	}
}

func TestIncludeManagedAndHidden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.csv")
	os.WriteFile(path, []byte("id,owner_id,managed,include_managed\r\ne,id-sys,true,yes\r\nx,id-other,false,\r\n,,,\r\n"), 0o600)
	p, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	r := Check(p, tenant(), "id-me")
	if r.Findings[0].Verdict != Mark || r.Findings[1].Verdict != Hidden || len(r.Findings) != 2 {
		t.Fatalf("%+v", r.Findings)
	}
}

func TestBadPlansAreRefusedClearly(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct{ body, want string }{
		"noid.csv":  {"name,owner\r\nx,y\r\n", "no id column"},
		"dup.csv":   {"id\r\na\r\na\r\n", "listed twice (lines 2 and 3)"},
		"empty.csv": {"id\r\n", "lists no tokens"},
		"time.csv":  {"id,last_used\r\na,yesterday\r\n", "line 2: last_used"},
		"bad.json":  {`{"id":"a"}`, "array of objects"},
		"quote.csv": {"id\r\n\"a\r\n", "not CSV"},
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(c.body), 0o600)
		if _, err := Load(path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("missing file accepted")
	}
}

// An API client report is a plan of clients: checked against a fresh
// list, a client gone, used since, changed since, or internal without the
// approver's yes is not marked.
func TestClientPlan(t *testing.T) {
	at := func(d int) *time.Time { v := now.AddDate(0, 0, -d).Truncate(time.Second); return &v }
	cs := []client.OAuthClient{
		{ID: "c1", Name: "stale", LastUsed: at(200), Modified: *at(300), Enabled: true},
		{ID: "c2", Name: "used-later", LastUsed: at(200), Modified: *at(300)},
		{ID: "c3", Name: "gone-later", Modified: *at(300)},
		{ID: "c4", Name: "changed-later", Modified: *at(300)},
		{ID: "c5", Name: "internal", Internal: true, Modified: *at(300)},
	}
	for _, f := range []report.Format{report.CSV, report.JSON} {
		path := filepath.Join(t.TempDir(), "plan."+string(f))
		if err := report.Save(path, oauthclients.ReportTable(cs, now, 0)); err != nil {
			t.Fatal(err)
		}
		p, err := Load(path)
		if err != nil || p.Kind != KindClients || len(p.Items) != 5 {
			t.Fatalf("%s: %+v %v", f, p, err)
		}
		later := slices.Clone(cs)
		later[1].LastUsed = at(1)
		later[3].Modified = *at(1)
		later = slices.Delete(later, 2, 3)
		r := CheckClients(p, later)
		if r.Count(Mark) != 1 || r.Count(Used) != 1 || r.Count(Gone) != 1 || r.Count(Changed) != 1 || r.Count(Managed) != 1 {
			t.Fatalf("%s: %+v", f, r.Findings)
		}
		if got := r.ToMarkClients(); len(got) != 1 || got[0].ID != "c1" {
			t.Fatalf("to mark %v", got)
		}
		if KindOf(path) != KindClients {
			t.Fatalf("%s: KindOf says %s", f, KindOf(path))
		}
	}
}

// A report that saw a token's owner gone re-checks the owner: one who is
// back is not marked; one still gone is.
func TestPlanRechecksTheOwner(t *testing.T) {
	toks := tenant()[:2] // alice's a, bob's b
	tbl := pats.ReportTableWith(toks, now, 0, func(string) owners.Info { return owners.Info{State: owners.Left} }, true)
	path := filepath.Join(t.TempDir(), "plan.csv")
	if err := report.Save(path, tbl); err != nil {
		t.Fatal(err)
	}
	p, err := Load(path)
	if err != nil || !p.Items[0].OwnerInactive {
		t.Fatalf("%+v %v", p, err)
	}
	r := CheckOwners(p, toks, "", func(id string) bool { return id == "id-alice" })
	if r.Findings[0].Verdict != OwnerBack || r.Findings[1].Verdict != Mark {
		t.Fatalf("%+v", r.Findings)
	}
}
