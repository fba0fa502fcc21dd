package list

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/table"
)

// Jump selects an item; says when a filter hides it or it is gone; and
// on a list not read yet, selects it once it is.
func TestJump(t *testing.T) {
	toast := func(t *testing.T, l *Model[item, row], id string) string {
		t.Helper()
		cmd := l.Jump(id, "name-"+id)
		if cmd == nil {
			return ""
		}
		return cmd().(common.ToastMsg).Text
	}
	l := newList(t, fixture()...)
	l.SetRead(time.Unix(0, 0).Add(-2 * time.Minute))
	if msg := toast(t, l, "4"); msg != "" || l.SelectedItem().ID != "4" {
		t.Fatalf("jump to 4: %q, selected %s", msg, l.SelectedItem().ID)
	}
	press(t, l, "/")
	for _, r := range "cherry" {
		press(t, l, string(r))
	}
	press(t, l, "enter")
	if msg := toast(t, l, "2"); !strings.Contains(msg, "hidden by the filter") {
		t.Fatalf("filtered: %q", msg)
	}
	if msg := toast(t, l, "9"); !strings.Contains(msg, `"name-9" is gone`) || !strings.Contains(msg, "read 2m ago") {
		t.Fatalf("gone: %q", msg)
	}

	fresh := New(commontest.Common(termenv.Ascii, func() time.Time { return time.Unix(0, 0) }), def(), table.Sort{})
	fresh.SetSize(40, 10)
	if msg := toast(t, fresh, "2"); msg != "" {
		t.Fatalf("not read yet: %q", msg)
	}
	run(t, fresh, fresh.SetItems(fixture())) // as the views do: the items, then the read
	fresh.SetRead(time.Unix(0, 0))
	if it := fresh.SelectedItem(); it == nil || it.ID != "2" {
		t.Fatalf("after the read: %+v", it)
	}
}

// A click selects the line under it; a second click on the selected row
// opens it (Def.Open); clicks on the title lines or below do nothing.
func TestClick(t *testing.T) {
	opened := 0
	d := def()
	d.Open = func() tea.Cmd { opened++; return nil }
	l := New(commontest.Common(termenv.Ascii, func() time.Time { return time.Unix(0, 0) }), d, table.Sort{})
	l.SetSize(40, 10)
	run(t, l, l.SetItems(fixture()))
	click := func(y int) { run(t, l, func() tea.Cmd { c, _ := l.HandleMsg(common.ClickMsg{Y: y}); return c }()) }
	click(4) // info, titles, then rows 0, 1, 2: the third row
	if l.cursor != 2 || opened != 0 {
		t.Fatalf("cursor %d, opened %d", l.cursor, opened)
	}
	click(4)
	if opened != 1 {
		t.Fatal("a second click did not open the row")
	}
	click(1)
	click(30)
	if l.cursor != 2 || opened != 1 {
		t.Fatalf("clicks off the rows moved %d / opened %d", l.cursor, opened)
	}
}

// :columns shows exactly the named columns (the first, the name, always),
// laid out as if the others were not declared; "all" shows every one.
func TestShowColumns(t *testing.T) {
	l := newList(t, fixture()...)
	if got := l.ColumnNames(); len(got) != 1 || got[0] != "size" {
		t.Fatalf("names %v", got)
	}
	if err := l.ShowColumns([]string{"weight"}); err == nil || !strings.Contains(err.Error(), "size") {
		t.Fatalf("unknown column: %v", err)
	}
	if err := l.ShowColumns([]string{"name"}); err != nil {
		t.Fatal(err)
	}
	if w := l.Widths(); w[1] != 0 || w[0] < 30 {
		t.Fatalf("size hidden: widths %v", w)
	}
	if err := l.ShowColumns([]string{"all"}); err != nil || l.Widths()[1] == 0 {
		t.Fatalf("all: %v %v", err, l.Widths())
	}
}
