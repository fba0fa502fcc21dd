package tokens

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/pats/patstest"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// exportFixture is the test list plus names a spreadsheet would run.
func exportFixture() []client.PersonalAccessToken {
	toks := fixture()
	owner := client.PatOwner{Type: "IDENTITY", ID: "id-eve", Name: "=eve"}
	for i, name := range []string{"=cmd|' /C calc'!A0", "@SUM(1+1)", "+1-1", "-2", "\tindented", "a,\"quoted\"\nname"} {
		toks = append(toks, client.PersonalAccessToken{ID: "f" + string(rune('1'+i)), Name: name, Owner: owner,
			Scope: []string{"sp:scopes:all"}, Created: daysAgo(10 * (i + 1))})
	}
	return toks
}

func TestReportGolden(t *testing.T) {
	toks := exportFixture()
	tbl := pats.ReportTable(toks, testNow, 0)
	for _, f := range []report.Format{report.CSV, report.JSON} {
		t.Run(string(f), func(t *testing.T) {
			var b bytes.Buffer
			if err := report.Write(&b, f, tbl); err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, b.Bytes())
			names := parseNames(t, f, b.Bytes())
			if len(names) != len(toks) {
				t.Fatalf("%d rows for %d tokens", len(names), len(toks))
			}
			for i, tok := range toks {
				want := tok.Name
				if f == report.CSV {
					want = report.SafeCell(strings.Map(func(r rune) rune {
						if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
							return '\uFFFD'
						}
						return r
					}, tok.Name))
				}
				if names[i] != want {
					t.Errorf("row %d name %q, want %q", i, names[i], want)
				}
			}
		})
	}
}

// parseNames reads a report back and returns its name column.
func parseNames(t *testing.T, f report.Format, data []byte) []string {
	t.Helper()
	var names []string
	if f == report.JSON {
		var rows []map[string]any
		if err := json.Unmarshal(data, &rows); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r["stale_reason"] == "" || r["id"] == "" {
				t.Fatalf("row lacks fields: %v", r)
			}
			names = append(names, r["name"].(string))
		}
		return names
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(pats.ReportColumns(), ",") {
		t.Fatalf("header %v", recs[0])
	}
	for _, r := range recs[1:] {
		names = append(names, r[1])
	}
	return names
}

// exportTo presses X, checks the prompt, and answers it with path.
func exportTo(t *testing.T, m *Model, path string) []any {
	t.Helper()
	shell := press(t, m, "X")
	if len(shell) != 1 {
		t.Fatalf("X gave %v", shell)
	}
	push, ok := shell[0].(common.PushModalMsg)
	if !ok || push.ID != exportID {
		t.Fatalf("X opened %#v", shell[0])
	}
	if v := push.Modal.(*textprompt.Model).Value(); !strings.HasPrefix(v, m.opts.ReportDir+"/tokens-") || !strings.HasSuffix(v, ".csv") {
		t.Fatalf("suggested path %q", v)
	}
	return answerExport(t, m, path)
}

func answerExport(t *testing.T, m *Model, path string) []any {
	t.Helper()
	var out []any
	for _, msg := range drain(t, m, m.Update(textprompt.AnswerMsg{ID: exportID, Text: path, OK: true})) {
		out = append(out, msg)
	}
	return out
}

func toastText(msgs []any) string {
	var s []string
	for _, m := range msgs {
		if t, ok := m.(common.ToastMsg); ok {
			s = append(s, t.Text)
		}
	}
	return strings.Join(s, " | ")
}

func popped(msgs []any) bool {
	for _, m := range msgs {
		if p, ok := m.(common.PopModalMsg); ok && p.ID == exportID {
			return true
		}
	}
	return false
}

func idsIn(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(data, &rows); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rows {
		ids = append(ids, r["id"].(string))
	}
	return ids
}

func TestExportWritesWhatIsShownOrMarked(t *testing.T) {
	dir := t.TempDir()
	m := newTestModel(t, nil, Options{ReportDir: dir})
	press(t, m, "s") // stale only
	stale := filepath.Join(dir, "stale.json")
	msgs := exportTo(t, m, stale)
	if !popped(msgs) || !strings.Contains(toastText(msgs), "Exported 5 tokens to "+stale) {
		t.Fatalf("export answer %v", msgs)
	}
	want := []string{}
	want = append(want, m.Visible()...)
	if got := idsIn(t, stale); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("exported %v, shown %v", got, want)
	}
	press(t, m, "space", "down", "down", "space")
	marked := filepath.Join(dir, "marked.json")
	if msgs := exportTo(t, m, marked); !strings.Contains(toastText(msgs), "Exported 2 tokens") {
		t.Fatalf("marked export %v", msgs)
	}
	got := idsIn(t, marked)
	if len(got) != 2 || m.rows.Marks().Len() != 2 {
		t.Fatalf("marked export %v, marks %v", got, m.Marked())
	}
	for _, id := range got {
		if !m.rows.Marks().Has(id) {
			t.Fatalf("exported %s, not marked (marks %v)", id, m.Marked())
		}
	}
}

// A bad name or an existing file keeps the prompt open with the text: the
// user fixes it, nothing is lost or overwritten.
func TestExportRefusesBadPathsAndKeepsThePrompt(t *testing.T) {
	dir := t.TempDir()
	m := newTestModel(t, nil, Options{ReportDir: dir})
	taken := filepath.Join(dir, "taken.csv")
	if err := os.WriteFile(taken, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"relative.csv":               "full path",
		filepath.Join(dir, "r.xlsx"): ".csv or .json",
	} {
		press(t, m, "X")
		msgs := answerExport(t, m, path)
		if popped(msgs) || !strings.Contains(toastText(msgs), want) {
			t.Fatalf("%s: %v", path, msgs)
		}
		drain(t, m, m.Update(textprompt.AnswerMsg{ID: exportID}))
	}
	msgs := exportTo(t, m, taken)
	if popped(msgs) || !strings.Contains(toastText(msgs), "already exists") {
		t.Fatalf("existing file: %v", msgs)
	}
	if data, _ := os.ReadFile(taken); string(data) != "keep me" {
		t.Fatal("existing file overwritten")
	}
	// Same prompt, new name: the job is still there.
	if msgs := answerExport(t, m, filepath.Join(dir, "fresh.csv")); !popped(msgs) || !strings.Contains(toastText(msgs), "Exported 8 tokens") {
		t.Fatalf("retry: %v", msgs)
	}
	// Cancelled: nothing written, the prompt closes.
	press(t, m, "X")
	if msgs := drain(t, m, m.Update(textprompt.AnswerMsg{ID: exportID})); len(msgs) != 1 {
		t.Fatalf("cancel: %v", msgs)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Fatalf("files %v", ents)
	}
}

func TestSelectMatchesTheView(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "s", "/")
	typeText(t, m, "o")
	var want []string
	want = append(want, m.Visible()...)
	var got []string
	for _, tok := range pats.Select(fixture(), testNow, 0, true, "o") {
		got = append(got, tok.ID)
	}
	if len(want) == 0 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Select %v, view %v", got, want)
	}
}

// BenchmarkReport100k is what `sailtui report tokens` does after the
// listing: select (all), build the table, write it.
func BenchmarkReport100k(b *testing.B) {
	toks := patstest.Generate(100_000, 1, testNow)
	for _, f := range []report.Format{report.CSV, report.JSON} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sel := pats.Select(toks, testNow, 0, false, "")
				if err := report.Write(io.Discard, f, pats.ReportTable(sel, testNow, 0)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
