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

// columnSpec is how a column is laid out: a fixed width, or a share of the
// space left over (flex).
type columnSpec struct {
	title  string
	width  int // fixed width, or the minimum for flex columns
	flex   int // weight of the leftover width
	right  bool
	sorter bool
}

func specs() [numColumns]columnSpec {
	return [numColumns]columnSpec{
		ColMark:     {title: "", width: 1},
		ColName:     {title: "NAME", width: 12, flex: 5, sorter: true},
		ColOwner:    {title: "OWNER", width: 10, flex: 3, sorter: true},
		ColScopes:   {title: "SCOPES", width: 10, flex: 2, sorter: true},
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

// layout computes column widths for a table width; flex columns share what
// the fixed ones leave. On narrow screens flex columns fall back to their
// minimum and the row is cut at the right edge.
func layout(width int) [numColumns]int {
	sp := specs()
	var w [numColumns]int
	fixed, flexTotal := 0, 0
	for i, s := range sp {
		w[i] = s.width
		fixed += s.width + colGap
		flexTotal += s.flex
	}
	fixed -= colGap
	extra := width - fixed
	if extra <= 0 || flexTotal == 0 {
		return w
	}
	given := 0
	last := Column(-1)
	for i, s := range sp {
		if s.flex == 0 {
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
