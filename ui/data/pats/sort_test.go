package pats

import (
	"slices"
	"testing"

	"github.com/sailtui/sailtui/ui/data/pats/patstest"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
)

// The packed-key sort must order exactly like the plain comparator chain.
func TestPackedSortMatchesComparator(t *testing.T) {
	rows := BuildRows(patstest.Generate(5000, 3, testNow), testNow, stale.DefaultAfter).Rows
	for col := ColName; col < NumColumns; col++ {
		for _, desc := range []bool{false, true} {
			spec := table.Sort{Col: int(col), Desc: desc}
			got := SortedOrder(rows, spec)
			want := make([]int32, len(rows))
			for i := range want {
				want[i] = int32(i)
			}
			slices.SortFunc(want, fullCompare(rows, spec))
			if !slices.Equal(got, want) {
				t.Fatalf("column %d desc=%v: packed sort differs", col, desc)
			}
		}
	}
}
