package tokens

// Column identifies a table column; the number keys 1..9 sort by the
// column with that position.
type Column int

const (
	ColMark Column = iota
	ColName
	ColOwner
	ColScopes
	ColCreated
	ColLastUsed
	ColExpires
	ColManaged
	ColStale
	numColumns
)

// columnSpec is how a column is laid out: a base width, a floor it may
// shrink to on narrow screens, and a share of the space left over (flex).
type columnSpec struct {
	title  string
	width  int // base width
	floor  int // narrowest it gets before the row is cut (flex columns only)
	flex   int // weight of the leftover width
	right  bool
	sorter bool
}

// markWidth is the gutter: the cursor glyph, then the mark glyph.
const markWidth = 2

func specs() [numColumns]columnSpec {
	return [numColumns]columnSpec{
		ColMark:     {title: "", width: markWidth},
		ColName:     {title: "NAME", width: 12, floor: 6, flex: 5, sorter: true},
		ColOwner:    {title: "OWNER", width: 10, floor: 5, flex: 3, sorter: true},
		ColScopes:   {title: "SCOPES", width: 10, floor: 6, flex: 2, sorter: true},
		ColCreated:  {title: "CREATED", width: 9, sorter: true},
		ColLastUsed: {title: "LAST USED", width: 10, sorter: true},
		ColExpires:  {title: "EXPIRES", width: 9, sorter: true},
		ColManaged:  {title: "MGD", width: 3, sorter: true},
		ColStale:    {title: "STALE", width: 5, sorter: true},
	}
}

// sortKeyOrder lists the sortable columns in key order: key "1" sorts by
// the first, "2" by the second ...
func sortKeyOrder() []Column {
	return []Column{ColName, ColOwner, ColScopes, ColCreated, ColLastUsed, ColExpires, ColManaged, ColStale}
}

// colGap is the space between columns.
const colGap = 1

// widths are a frame's column widths; 0 means the column is hidden.
type widths [numColumns]int

// total is the width of a row: the shown columns and the gaps between.
func (w *widths) total() int {
	n := -colGap
	for _, cw := range w {
		if cw > 0 {
			n += cw + colGap
		}
	}
	return max(n, 0)
}

// layout computes column widths for a table width. The glyph columns
// (mark, managed, stale) and the times that decide staleness are always
// drawn whole: on a narrow screen CREATED is hidden first, then SCOPES,
// then owner and name shrink to their floors; only below that (narrower
// than the app ever draws) is the row cut at the right edge. What is left
// over goes to the flex columns by weight.
func layout(width int) widths {
	sp := specs()
	var w widths
	for i, s := range sp {
		w[i] = s.width
	}
	// Hidden in turn while the base widths do not fit: the creation date
	// says least about staleness (last used and expiry decide it), the
	// scope summary next.
	for _, c := range [...]Column{ColCreated, ColScopes} {
		if w.total() <= width {
			break
		}
		w[c] = 0
	}
	// Then below their base: owner before name, which tells tokens apart.
	for _, c := range [...]Column{ColOwner, ColName} {
		if over := w.total() - width; over > 0 {
			w[c] -= min(over, w[c]-sp[c].floor)
		}
	}
	extra := width - w.total()
	if extra <= 0 {
		return w
	}
	flexTotal := 0
	for i, s := range sp {
		if w[i] > 0 {
			flexTotal += s.flex
		}
	}
	given, last := 0, Column(-1)
	for i, s := range sp {
		if s.flex == 0 || w[i] == 0 {
			continue
		}
		add := extra * s.flex / flexTotal
		w[i] += add
		given += add
		last = Column(i)
	}
	if last >= 0 {
		w[last] += extra - given
	}
	return w
}
