package tokens

import (
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/list/columns"
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

func specs() [pats.NumColumns]columnSpec {
	return [pats.NumColumns]columnSpec{
		pats.ColMark:     {title: "", width: markWidth},
		pats.ColName:     {title: "NAME", width: 12, floor: 6, flex: 5, sorter: true},
		pats.ColOwner:    {title: "OWNER", width: 10, floor: 5, flex: 3, sorter: true},
		pats.ColScopes:   {title: "SCOPES", width: 10, floor: 6, flex: 2, sorter: true},
		pats.ColCreated:  {title: "CREATED", width: 9, sorter: true},
		pats.ColLastUsed: {title: "LAST USED", width: 10, sorter: true},
		pats.ColExpires:  {title: "EXPIRES", width: 9, sorter: true},
		pats.ColManaged:  {title: "MGD", width: 3, sorter: true},
		pats.ColStale:    {title: "STALE", width: 5, sorter: true},
		pats.ColRisk:     {title: "RISK", width: 4, sorter: true},
	}
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
