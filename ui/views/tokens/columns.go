package tokens

import "github.com/sailtui/sailtui/ui/list/columns"

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
func sortKeyOrder() []int {
	return []int{int(ColName), int(ColOwner), int(ColScopes), int(ColCreated), int(ColLastUsed), int(ColExpires),
		int(ColManaged), int(ColStale)}
}

// columnSpecs are the specs as the shared layout and header take them.
func columnSpecs() []columns.Spec {
	sp := specs()
	cs := make([]columns.Spec, len(sp))
	for i, s := range sp {
		cs[i] = columns.Spec{Title: s.title, Width: s.width, Floor: s.floor, Flex: s.flex, Right: s.right}
	}
	return cs
}
