package tokens

import (
	"slices"
	"testing"

	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/pats/patstest"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/list/columns"
)

func ids(rows []pats.Row, idx []int32) []string {
	out := make([]string, len(idx))
	for i, r := range idx {
		out[i] = rows[r].Tok.ID
	}
	return out
}

func TestSortByEveryColumn(t *testing.T) {
	tbl := pats.BuildRows(fixture(), testNow, stale.DefaultAfter)
	rows := tbl.Rows
	cases := map[pats.Column][]string{
		pats.ColName:     {"t4", "t1", "t7", "t5", "t3", "t2", "t6", "t8"},
		pats.ColLastUsed: {"t4", "t3", "t8", "t6", "t2", "t5", "t7", "t1"},
		pats.ColExpires:  {"t5", "t7", "t4", "t1", "t3", "t2", "t6", "t8"},
		pats.ColManaged:  {"t4", "t1", "t7", "t5", "t3", "t2", "t8", "t6"},
		pats.ColStale:    {"t5", "t3", "t2", "t6", "t8", "t4", "t1", "t7"},
	}
	for col, want := range cases {
		got := ids(rows, pats.SortedOrder(rows, table.Sort{Col: int(col)}))
		if !slices.Equal(got, want) {
			t.Errorf("sort by %v: %v, want %v", specs()[col].title, got, want)
		}
		rev := ids(rows, pats.SortedOrder(rows, table.Sort{Col: int(col), Desc: true}))
		if col == pats.ColName && !slices.Equal(rev, reversed(want)) {
			t.Errorf("reverse name sort: %v", rev)
		}
	}
}

func reversed(s []string) []string {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

func TestRowsSanitizeAndKeys(t *testing.T) {
	tbl := pats.BuildRows(fixture(), testNow, stale.DefaultAfter)
	rows := tbl.Rows
	r := rows[6]
	if r.Name != "evilname" || r.Owner != "mallory" {
		t.Fatalf("not sanitized: name %q owner %q", r.Name, r.Owner)
	}
	if r.NameKey != "evilname" || r.OwnerKey != "mallory" || tbl.Index.NumFields(6) != 2 {
		t.Fatalf("keys %q %q", r.NameKey, r.OwnerKey)
	}
	if rows[1].Scopes != "sp:scopes:default +1" || rows[2].Scopes != "default" {
		t.Fatalf("scope summaries %q %q", rows[1].Scopes, rows[2].Scopes)
	}
}

func TestFilterFuzzyAndStale(t *testing.T) {
	tbl := pats.BuildRows(fixture(), testNow, stale.DefaultAfter)
	rows := tbl.Rows
	q := table.Query{Sort: table.Sort{Col: int(pats.ColName)}}
	res := pats.Compute(tbl, table.Query{Text: "alice", Sort: q.Sort}, nil)
	if got := ids(rows, res.Visible); !slices.Equal(got, []string{"t4", "t1"}) {
		t.Fatalf("owner filter: %v", got)
	}
	res = pats.Compute(tbl, table.Query{Text: "srcread", Sort: q.Sort}, nil) // fuzzy over scopes
	if got := ids(rows, res.Visible); !slices.Equal(got, []string{"t2"}) {
		t.Fatalf("scope fuzzy filter: %v", got)
	}
	res = pats.Compute(tbl, table.Query{Only: true, Sort: q.Sort}, nil)
	if got := ids(rows, res.Visible); !slices.Equal(got, []string{"t5", "t3", "t2", "t6", "t8"}) {
		t.Fatalf("stale only: %v", got)
	}
	res = pats.Compute(tbl, table.Query{Text: "EXP", Only: true, Sort: q.Sort}, nil)
	if got := ids(rows, res.Visible); !slices.Equal(got, []string{"t5"}) {
		t.Fatalf("stale + case-insensitive filter: %v", got)
	}
}

// Narrowing from the previous result must give exactly what a fresh
// computation gives, for any sequence of keystrokes.
func TestIncrementalFilterMatchesFresh(t *testing.T) {
	toks := patstest.Generate(3000, 7, testNow)
	tbl := pats.BuildRows(toks, testNow, stale.DefaultAfter)
	for _, typed := range []string{"svc-api", "alice", "sp:all", "zzz", "a b", "ci alice", "rep bob read"} {
		for _, stale := range []bool{false, true} {
			var prev *table.Result
			for i := 1; i <= len(typed); i++ {
				q := table.Query{Text: typed[:i], Only: stale, Sort: pats.DefaultSort()}
				got := pats.Compute(tbl, q, prev)
				want := pats.Compute(tbl, q, nil)
				if !slices.Equal(got.Visible, want.Visible) {
					t.Fatalf("%q stale=%v: incremental %d rows, fresh %d", q.Text, stale, len(got.Visible), len(want.Visible))
				}
				prev = &got
			}
		}
	}
}

func TestLayoutFillsWidth(t *testing.T) {
	for _, w := range []int{60, 80, 120, 200} {
		l := layout(w)
		total := -columns.Gap
		for _, x := range l {
			if x > 0 { // a hidden column takes no gap
				total += x + columns.Gap
			}
		}
		if w >= 80 && total != w {
			t.Errorf("width %d: columns use %d", w, total)
		}
	}
}

func TestCellTextDropsJoiners(t *testing.T) {
	if got := sanitize.Line("family \U0001F469\u200d\U0001F467 \u2764\ufe0f"); got != "family \U0001F469\U0001F467 \u2764" {
		t.Fatalf("sanitize.Line = %q", got)
	}
}
