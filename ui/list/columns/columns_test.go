package columns

import (
	"slices"
	"testing"
)

func TestLayoutHidesThenShrinksThenShares(t *testing.T) {
	specs := []Spec{{Width: 2}, {Width: 10, Floor: 4, Flex: 2}, {Width: 8, Floor: 4, Flex: 1}, {Width: 6}}
	// Wide: base 2+10+8+6+3 gaps = 29; 11 extra shared 2:1, rest to the last flex.
	if w := Layout(specs, 40, []int{3}, []int{2, 1}); !slices.Equal(w, []int{2, 17, 12, 6}) || Total(w) != 40 {
		t.Fatalf("wide %v (%d)", w, Total(w))
	}
	// 24: the 4th column goes (22 left), then nothing shrinks; 2 extra.
	if w := Layout(specs, 24, []int{3}, []int{2, 1}); w[3] != 0 || Total(w) != 24 {
		t.Fatalf("narrow %v", w)
	}
	// 14: hidden, then col 2 to its floor (4), then col 1 down to 6.
	if w := Layout(specs, 14, []int{3}, []int{2, 1}); !slices.Equal(w, []int{2, 6, 4, 0}) || Total(w) != 14 {
		t.Fatalf("narrower %v (%d)", w, Total(w))
	}
	// Too narrow for floors: cut at the edge, never below a floor.
	if w := Layout(specs, 5, []int{3}, []int{2, 1}); !slices.Equal(w, []int{2, 4, 4, 0}) {
		t.Fatalf("tiny %v", w)
	}
}

func TestSortedTitle(t *testing.T) {
	for _, c := range []struct {
		title string
		w     int
		want  string
	}{
		{"NAME", 12, "NAME▲"},
		{"EXPIRES", 8, "EXPIRES▲"},
		{"MGD", 3, "MG▲"},
		{"STALE", 5, "STAL▲"},
		{"MGD", 1, "▲"},
	} {
		if got := SortedTitle(c.title, "▲", c.w); got != c.want {
			t.Errorf("SortedTitle(%q, %d) = %q, want %q", c.title, c.w, got, c.want)
		}
	}
}

func TestSortKey(t *testing.T) {
	cols := []string{"name", "owner"}
	if c, desc, ok := SortKey("2", cols, "name", false); !ok || c != "owner" || desc {
		t.Fatal("new column ascends")
	}
	if c, desc, ok := SortKey("1", cols, "name", false); !ok || c != "name" || !desc {
		t.Fatal("same column reverses")
	}
	if _, desc, _ := SortKey("1", cols, "name", true); desc {
		t.Fatal("and back")
	}
	if _, _, ok := SortKey("3", cols, "name", false); ok {
		t.Fatal("past the columns")
	}
}
