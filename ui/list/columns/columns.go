// Package columns lays out a list view's table: base widths, columns
// hidden in a set order when the screen is narrow, flexible columns shrunk
// to their floors, and what is left over shared by weight. Every list
// view lays out its columns this way.
package columns

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
)

// Gap is the space between columns.
const Gap = 1

// Spec is how a column is laid out.
type Spec struct {
	Title string
	Width int // base width
	Floor int // narrowest it gets before the row is cut (flex columns only)
	Flex  int // weight of the leftover width
	Right bool
}

// Total is the width of a row: the shown columns (width > 0) and the
// gaps between them.
func Total(w []int) int {
	n := -Gap
	for _, cw := range w {
		if cw > 0 {
			n += cw + Gap
		}
	}
	return max(n, 0)
}

// Layout computes the widths of specs for a table width; 0 means hidden.
// While the base widths do not fit, the columns of hide are hidden in
// turn; then those of shrink go below their base, down to their floor.
// Only below that is the row cut at the right edge. What is left over
// goes to the flex columns by weight, the remainder to the last.
func Layout(specs []Spec, width int, hide, shrink []int) []int {
	w := make([]int, len(specs))
	for i, s := range specs {
		w[i] = s.Width
	}
	for _, c := range hide {
		if Total(w) <= width {
			break
		}
		w[c] = 0
	}
	for _, c := range shrink {
		if over := Total(w) - width; over > 0 && w[c] > 0 {
			w[c] -= min(over, w[c]-specs[c].Floor)
		}
	}
	extra := width - Total(w)
	if extra <= 0 {
		return w
	}
	flexTotal := 0
	for i, s := range specs {
		if w[i] > 0 {
			flexTotal += s.Flex
		}
	}
	given, last := 0, -1
	for i, s := range specs {
		if s.Flex == 0 || w[i] == 0 {
			continue
		}
		add := extra * s.Flex / flexTotal
		w[i] += add
		given += add
		last = i
	}
	if last >= 0 {
		w[last] += extra - given
	}
	return w
}

// SortedTitle is the sorted column's title with its arrow in w cells. The
// arrow says how the table is sorted, so when both do not fit the title
// is cut, without an ellipsis: in a narrow cell "MG▲" reads better than
// "M…▲".
func SortedTitle(title, arrow string, w int) string {
	if ansi.StringWidth(title)+ansi.StringWidth(arrow) <= w {
		return title + arrow
	}
	return ansi.Truncate(title, max(0, w-ansi.StringWidth(arrow)), "") + arrow
}

// Cell fits text into w cells: cut with the ellipsis when too long,
// padded on the right, or on the left when right-aligned.
func Cell(text string, w int, right bool, ellipsis string) string {
	if sw := ansi.StringWidth(text); right && sw < w {
		return strings.Repeat(" ", w-sw) + text
	}
	return common.Pad(text, w, ellipsis)
}

// SortKey reads a number key ("1" is cols[0]): the column it picks, and
// the direction, ascending for a new column and reversed for the one
// sorted now (cur, desc); ok is false for a key past the columns.
func SortKey[C comparable](k string, cols []C, cur C, desc bool) (col C, newDesc, ok bool) {
	if len(k) != 1 || k[0] < '1' || int(k[0]-'1') >= len(cols) {
		return col, false, false
	}
	col = cols[k[0]-'1']
	return col, col == cur && !desc, true
}
