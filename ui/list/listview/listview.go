// Package listview draws the frame every list view shares: the info
// line, the filter line when shown, the column header with the sorted
// column's arrow, and only the rows on screen, padded to the height, so a
// frame costs the same for a hundred rows as for a hundred thousand.
package listview

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/list/columns"
)

// Frame is one frame's parts.
type Frame struct {
	Info   string
	Filter string // "" when the filter line is not shown
	Header string
	// Rows is how many entries the list has; Offset the first on screen;
	// Row draws entry pos. Empty is drawn when there are none.
	Rows, Offset int
	Row          func(pos int) string
	Empty        string
	// Height is the lines the rows may use.
	Height int
}

// Render draws the frame.
func (f Frame) Render() string {
	var b strings.Builder
	b.WriteString(f.Info)
	if f.Filter != "" {
		b.WriteByte('\n')
		b.WriteString(f.Filter)
	}
	b.WriteByte('\n')
	b.WriteString(f.Header)
	h := f.Height
	if f.Rows == 0 {
		b.WriteByte('\n')
		b.WriteString(f.Empty)
		h--
	} else {
		end := min(f.Rows, f.Offset+h)
		for pos := f.Offset; pos < end; pos++ {
			b.WriteByte('\n')
			b.WriteString(f.Row(pos))
		}
		h -= end - f.Offset
	}
	for ; h > 0; h-- {
		b.WriteByte('\n')
	}
	return b.String()
}

// Header draws the titles of the shown columns (width > 0) in order; the
// sorted one carries its arrow.
func Header(s *themes.Styles, specs []columns.Spec, w []int, order []int, sorted int, desc bool, width int) string {
	var b strings.Builder
	first := true
	for _, c := range order {
		sp := specs[c]
		if w[c] == 0 {
			continue
		}
		if !first {
			b.WriteByte(' ')
		}
		first = false
		title, st := sp.Title, s.Table.Header
		if c == sorted {
			st = s.Table.HeaderSorted
			arrow := s.Glyphs.SortAsc
			if desc {
				arrow = s.Glyphs.SortDsc
			}
			title = columns.SortedTitle(title, arrow, w[c])
		}
		b.WriteString(st.Render(columns.Cell(title, w[c], sp.Right, s.Glyphs.Ellipsis)))
	}
	return ansi.Truncate(b.String(), width, "")
}
