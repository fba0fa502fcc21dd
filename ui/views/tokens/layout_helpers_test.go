package tokens

import (
	"strings"

	"github.com/sailtui/sailtui/ui/list/columns"
)

// layout is the Tokens list's column widths at a width, as a frame lays
// them out.
func layout(width int) []int {
	d := (&Model{}).listDef()
	return columns.Layout(d.Columns, width, d.Hide, d.Shrink)
}

// filterLine is the frame's filter line (the second, when shown).
func (m *Model) filterLine() string { return strings.Split(m.View(), "\n")[1] }
