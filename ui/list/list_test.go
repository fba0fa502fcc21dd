package list

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/list/columns"
	"github.com/sailtui/sailtui/ui/list/offloop"
)

// item and its row are the smallest list a view could declare.
type item struct {
	ID, Name string
	Size     int
}

type row struct {
	it   *item
	name string
}

func def() Def[item, row] {
	return Def[item, row]{
		Noun:  "item",
		ID:    func(i *item) string { return i.ID },
		Label: func(i *item) string { return i.Name },
		Item:  func(r *row) *item { return r.it },
		Build: func(items []item) table.Table[row] {
			rows := make([]row, len(items))
			b := match.NewBuilder(len(items), 1, 16)
			for i := range items {
				rows[i] = row{it: &items[i], name: items[i].Name}
				b.Add(items[i].Name)
				b.EndRow()
			}
			return table.Table[row]{Rows: rows, Index: b.Index()}
		},
		Sorter: func() func([]row, table.Sort) []int32 {
			return func(rows []row, s table.Sort) []int32 {
				order := make([]int32, len(rows))
				for i := range order {
					order[i] = int32(i)
				}
				slices.SortFunc(order, func(a, b int32) int {
					c := cmp.Compare(rows[a].name, rows[b].name)
					if s.Col == 1 {
						c = cmp.Compare(rows[a].it.Size, rows[b].it.Size)
					}
					if s.Desc {
						c = -c
					}
					return cmp.Or(c, cmp.Compare(rows[a].it.ID, rows[b].it.ID))
				})
				return order
			}
		},
		Weights:  match.Weights{1},
		Only:     func(r *row) bool { return r.it.Size > 2 },
		Columns:  []columns.Spec{{Title: "NAME", Width: 10, Flex: 1}, {Title: "SIZE", Width: 6}},
		Hide:     []int{1},
		SortKeys: []int{0, 1},
	}
}

func newList(t *testing.T, items ...item) *Model[item, row] {
	t.Helper()
	l := New(commontest.Common(termenv.Ascii, func() time.Time { return time.Unix(0, 0) }), def(), table.Sort{})
	l.SetSize(40, 10)
	run(t, l, l.SetItems(items))
	return l
}

// run feeds a command's messages back to the list, as the shell would.
func run(t *testing.T, l *Model[item, row], cmd tea.Cmd) {
	t.Helper()
	commontest.Drain(cmd, func(msg tea.Msg) tea.Cmd { c, _ := l.HandleMsg(msg); return c }, nil)
}

func press(t *testing.T, l *Model[item, row], keys ...string) {
	t.Helper()
	for _, k := range keys {
		cmd, _ := l.HandleKey(commontest.Key(k), NewKeys("first", "last", 2))
		run(t, l, cmd)
	}
}

func fixture() []item {
	return []item{{"3", "cherry", 5}, {"1", "apple", 1}, {"2", "banana", 3}, {"4", "apricot", 9}}
}

func TestSortFilterOnlyAndMarks(t *testing.T) {
	l := newList(t, fixture()...)
	if got := strings.Join(l.Visible(), ","); got != "1,4,2,3" {
		t.Fatalf("by name: %s", got)
	}
	press(t, l, "2") // by size
	if got := strings.Join(l.Visible(), ","); got != "1,2,3,4" {
		t.Fatalf("by size: %s", got)
	}
	press(t, l, "2") // the same column again reverses
	if got := strings.Join(l.Visible(), ","); got != "4,3,2,1" {
		t.Fatalf("reversed: %s", got)
	}
	run(t, l, l.ToggleOnly())
	if got := strings.Join(l.Visible(), ","); got != "4,3,2" {
		t.Fatalf("only: %s", got)
	}
	press(t, l, "/", "a", "p", "enter")
	if got := strings.Join(l.Visible(), ","); got != "4" {
		t.Fatalf("filter ap within only: %s", got)
	}
	press(t, l, "a")
	press(t, l, "esc")
	run(t, l, l.ToggleOnly())
	press(t, l, "G", " ")
	if got := strings.Join(l.Marked(), ","); got != "1,4" {
		t.Fatalf("marked %s", got)
	}
	press(t, l, "A")
	if l.Marks().Len() != 0 {
		t.Fatal("A clears marks")
	}
}

// A mark outlives a narrower list and goes with a whole one that lacks it.
func TestReconcileKeepsUnlistedMarksUntilWhole(t *testing.T) {
	l := newList(t, fixture()...)
	press(t, l, " ")
	run(t, l, l.SetItems(fixture()[:1]))
	if cmd := l.Reconcile(false); cmd == nil || l.Marks().Len() != 1 || len(l.Unlisted()) != 1 {
		t.Fatalf("narrow list: marks %d, unlisted %d", l.Marks().Len(), len(l.Unlisted()))
	}
	if l.Reconcile(true); l.Marks().Len() != 0 {
		t.Fatal("a whole list without it drops the mark")
	}
}

// The cursor stays on the top row while rows arrive, until the user
// moves; then it follows its item.
func TestCursorFollowsItsItemOnceMoved(t *testing.T) {
	l := newList(t, fixture()...)
	l.Append([]item{{"0", "aardvark", 1}})
	run(t, l, l.Rebuild())
	if l.SelectedItem().ID != "0" {
		t.Fatalf("top row %s", l.SelectedItem().ID)
	}
	press(t, l, "down")
	l.Append([]item{{"00", "aa", 1}, {"", "no id", 1}, {"3", "cherry again", 1}})
	run(t, l, l.Rebuild())
	if l.SelectedItem().ID != "1" || l.Len() != 6 {
		t.Fatalf("cursor on %s, %d items (a blank or repeated id is not added)", l.SelectedItem().ID, l.Len())
	}
}

// A large list is built and sorted off the event loop; a build that ran
// while items arrived is followed by one more, and a result for another
// list's job is not taken.
func TestLargeListBuildsOffTheLoop(t *testing.T) {
	many := make([]item, offloop.Threshold+1)
	for i := range many {
		many[i] = item{ID: strconv.Itoa(i), Name: "n" + strconv.Itoa(i), Size: i}
	}
	l := newList(t)
	cmd := l.SetItems(many)
	if cmd == nil || !l.Busy() {
		t.Fatal("a large build returns a command")
	}
	l.Append([]item{{ID: "late", Name: "late"}})
	if l.Rebuild() != nil {
		t.Fatal("a build is running: the next waits")
	}
	other := newList(t)
	if c, ok := other.HandleMsg(cmd()); !ok || c != nil || other.Len() != 0 {
		t.Fatal("another list ignores the result")
	}
	next, _ := l.HandleMsg(cmd())
	if next == nil {
		t.Fatal("the stale table is built again")
	}
	run(t, l, next)
	if len(l.Visible()) != len(many)+1 || l.Busy() {
		t.Fatalf("%d visible", len(l.Visible()))
	}
}

func TestFrameDropsColumnsAndShowsTheFilter(t *testing.T) {
	l := newList(t, fixture()...)
	line := func(r *row, pos int, selected bool, w []int) string {
		s := r.name
		if w[1] > 0 {
			s += " " + strconv.Itoa(r.it.Size)
		}
		if selected {
			s = ">" + s
		}
		return s
	}
	if got := l.Frame("info", "empty", line, nil); !strings.Contains(got, "SIZE") || !strings.Contains(got, ">apple 1") {
		t.Fatalf("wide frame:\n%s", got)
	}
	l.SetSize(12, 10)
	press(t, l, "/", "z")
	got := l.Frame("info", "nothing", line, nil)
	if strings.Contains(got, "SIZE") || !strings.Contains(got, "no matches") || !strings.Contains(got, "nothing") {
		t.Fatalf("narrow frame with a filter:\n%s", got)
	}
}
