package listview

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/list/columns"
)

func TestFrameDrawsOnlyTheRowsOnScreen(t *testing.T) {
	drawn := 0
	f := Frame{Info: "info", Filter: "/ x", Header: "HEAD", Rows: 1000, Offset: 500, Height: 3,
		Row: func(pos int) string { drawn++; return "row " + strconv.Itoa(pos) }}
	if got := f.Render(); got != "info\n/ x\nHEAD\nrow 500\nrow 501\nrow 502" || drawn != 3 {
		t.Fatalf("%q (%d drawn)", got, drawn)
	}
	empty := Frame{Info: "i", Header: "H", Empty: "none", Height: 3}
	if got := empty.Render(); got != "i\nH\nnone\n\n" {
		t.Fatalf("%q", got)
	}
}

func TestHeaderArrowOnTheSortedColumn(t *testing.T) {
	s := commontest.Styles(themes.Default(), termenv.Ascii)
	specs := []columns.Spec{{Width: 2}, {Title: "NAME", Width: 8}, {Title: "N", Width: 3, Right: true}}
	got := ansi.Strip(Header(s, specs, []int{2, 8, 3}, []int{0, 1, 2}, 1, true, 80))
	if !strings.HasPrefix(got, "   NAME"+s.Glyphs.SortDsc) || !strings.HasSuffix(got, "  N") {
		t.Fatalf("%q", got)
	}
	// In another order (:columns), the titles follow it.
	if got := ansi.Strip(Header(s, specs, []int{2, 8, 3}, []int{0, 2, 1}, -1, false, 80)); !strings.HasPrefix(got, "     N NAME") {
		t.Fatalf("reordered %q", got)
	}
}
