package tokens

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/list/columns"
)

func ids(rows []row, idx []int32) []string {
	out := make([]string, len(idx))
	for i, r := range idx {
		out[i] = rows[r].tok.ID
	}
	return out
}

func TestSortByEveryColumn(t *testing.T) {
	tbl := buildRows(fixture(), testNow, DefaultStaleAfter)
	rows := tbl.Rows
	cases := map[Column][]string{
		ColName:     {"t4", "t1", "t7", "t5", "t3", "t2", "t6", "t8"},
		ColLastUsed: {"t4", "t3", "t8", "t6", "t2", "t5", "t7", "t1"},
		ColExpires:  {"t5", "t7", "t4", "t1", "t3", "t2", "t6", "t8"},
		ColManaged:  {"t4", "t1", "t7", "t5", "t3", "t2", "t8", "t6"},
		ColStale:    {"t5", "t3", "t2", "t6", "t8", "t4", "t1", "t7"},
	}
	for col, want := range cases {
		got := ids(rows, sortedOrder(rows, list.Sort{Col: int(col)}))
		if !slices.Equal(got, want) {
			t.Errorf("sort by %v: %v, want %v", specs()[col].title, got, want)
		}
		rev := ids(rows, sortedOrder(rows, list.Sort{Col: int(col), Desc: true}))
		if col == ColName && !slices.Equal(rev, reversed(want)) {
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
	tbl := buildRows(fixture(), testNow, DefaultStaleAfter)
	rows := tbl.Rows
	r := rows[6]
	if r.name != "evilname" || r.owner != "mallory" {
		t.Fatalf("not sanitized: name %q owner %q", r.name, r.owner)
	}
	if r.nameKey != "evilname" || r.ownerKey != "mallory" || tbl.Index.NumFields(6) != 2 {
		t.Fatalf("keys %q %q", r.nameKey, r.ownerKey)
	}
	if rows[1].scopes != "sp:scopes:default +1" || rows[2].scopes != "default" {
		t.Fatalf("scope summaries %q %q", rows[1].scopes, rows[2].scopes)
	}
}

func TestFilterFuzzyAndStale(t *testing.T) {
	tbl := buildRows(fixture(), testNow, DefaultStaleAfter)
	rows := tbl.Rows
	q := list.Query{Sort: list.Sort{Col: int(ColName)}}
	res := computeView(tbl, list.Query{Text: "alice", Sort: q.Sort}, nil)
	if got := ids(rows, res.Visible); !slices.Equal(got, []string{"t4", "t1"}) {
		t.Fatalf("owner filter: %v", got)
	}
	res = computeView(tbl, list.Query{Text: "srcread", Sort: q.Sort}, nil) // fuzzy over scopes
	if got := ids(rows, res.Visible); !slices.Equal(got, []string{"t2"}) {
		t.Fatalf("scope fuzzy filter: %v", got)
	}
	res = computeView(tbl, list.Query{Only: true, Sort: q.Sort}, nil)
	if got := ids(rows, res.Visible); !slices.Equal(got, []string{"t5", "t3", "t2", "t6", "t8"}) {
		t.Fatalf("stale only: %v", got)
	}
	res = computeView(tbl, list.Query{Text: "EXP", Only: true, Sort: q.Sort}, nil)
	if got := ids(rows, res.Visible); !slices.Equal(got, []string{"t5"}) {
		t.Fatalf("stale + case-insensitive filter: %v", got)
	}
}

// Narrowing from the previous result must give exactly what a fresh
// computation gives, for any sequence of keystrokes.
func TestIncrementalFilterMatchesFresh(t *testing.T) {
	toks := generate(3000, 7)
	tbl := buildRows(toks, testNow, DefaultStaleAfter)
	for _, typed := range []string{"svc-api", "alice", "sp:all", "zzz", "a b", "ci alice", "rep bob read"} {
		for _, stale := range []bool{false, true} {
			var prev *list.Result
			for i := 1; i <= len(typed); i++ {
				q := list.Query{Text: typed[:i], Only: stale, Sort: defaultSort()}
				got := computeView(tbl, q, prev)
				want := computeView(tbl, q, nil)
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
			total += x + columns.Gap
		}
		if w >= 80 && total != w {
			t.Errorf("width %d: columns use %d", w, total)
		}
	}
}

func ExampleParseStaleAfter() {
	d, _ := ParseStaleAfter("90d")
	fmt.Println(d == 90*24*time.Hour)
	// Output: true
}

func TestCellTextDropsJoiners(t *testing.T) {
	if got := sanitize.Line("family \U0001F469\u200d\U0001F467 \u2764\ufe0f"); got != "family \U0001F469\U0001F467 \u2764" {
		t.Fatalf("sanitize.Line = %q", got)
	}
}

// The packed-key sort must order exactly like the plain comparator chain.
func TestPackedSortMatchesComparator(t *testing.T) {
	rows := buildRows(generate(5000, 3), testNow, DefaultStaleAfter).Rows
	for col := ColName; col < numColumns; col++ {
		for _, desc := range []bool{false, true} {
			spec := list.Sort{Col: int(col), Desc: desc}
			got := sortedOrder(rows, spec)
			want := make([]int32, len(rows))
			for i := range want {
				want[i] = int32(i)
			}
			slices.SortFunc(want, fullCompare(rows, spec))
			if !slices.Equal(got, want) {
				t.Fatalf("%s desc=%v: packed sort differs", specs()[col].title, desc)
			}
		}
	}
}
