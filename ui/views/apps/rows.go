package apps

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/list/columns"
)

// Column identifies a table column; keys 1..9 sort by the column with
// that position.
type Column int

const (
	ColMark Column = iota
	ColName
	ColSource
	ColOwner
	ColEnabled
	ColAppCenter
	ColRequests
	ColProfiles
	ColCreated
	ColModified
	numColumns
)

// specs are the columns' layout. Booleans are glyphs (✓ or ·) as well as
// colours, so they read without colour.
func specs() []columns.Spec {
	return []columns.Spec{
		ColMark:      {Width: 2},
		ColName:      {Title: "NAME", Width: 14, Floor: 6, Flex: 5},
		ColSource:    {Title: "SOURCE", Width: 10, Floor: 6, Flex: 3},
		ColOwner:     {Title: "OWNER", Width: 10, Floor: 5, Flex: 3},
		ColEnabled:   {Title: "ON", Width: 3},
		ColAppCenter: {Title: "CTR", Width: 3},
		ColRequests:  {Title: "REQ", Width: 3},
		ColProfiles:  {Title: "APS", Width: 4, Right: true},
		ColCreated:   {Title: "CREATED", Width: 9},
		ColModified:  {Title: "MODIFIED", Width: 9},
	}
}

// sortColumns are the sortable columns in key order ("1" the first).
func sortColumns() []int {
	return []int{int(ColName), int(ColSource), int(ColOwner), int(ColEnabled), int(ColAppCenter), int(ColRequests),
		int(ColProfiles), int(ColCreated), int(ColModified)}
}

// listDef declares the Apps list: its rows, columns, sorters and match
// fields (name, owner, source, description, id).
func (m *Model) listDef() list.Def[client.SourceApp, row] {
	return list.Def[client.SourceApp, row]{
		Noun:  "app",
		ID:    func(a *client.SourceApp) string { return a.ID },
		Label: func(a *client.SourceApp) string { return a.Name },
		Item:  func(r *row) *client.SourceApp { return r.app },
		Build: buildTable,
		Sorter: func() func([]row, table.Sort) []int32 {
			prof := m.profiles // replaced on change, never written: a snapshot
			return func(rows []row, s table.Sort) []int32 {
				return sortedOrder(rows, s, func(id string) int {
					if n, ok := prof[id]; ok {
						return n
					}
					return -1
				})
			}
		},
		Weights: fieldWeights(),
		Columns: specs(),
		// A narrow screen hides the creation date first, then the
		// access-profile count, the modification date and the source;
		// then the owner and the name shrink (owner first: the name tells
		// apps apart).
		Hide:        []int{int(ColCreated), int(ColProfiles), int(ColModified), int(ColSource)},
		Shrink:      []int{int(ColOwner), int(ColSource), int(ColName)},
		SortKeys:    sortColumns(),
		Placeholder: "fuzzy filter: name, owner, source, description",
	}
}

// serverSorter is the server's sorter for a column, "" when the server
// cannot sort by it the way the view does (owner and source sort by
// name here; the server sorts them by id).
func serverSorter(c Column) string {
	switch c {
	case ColName:
		return "name"
	case ColCreated:
		return "created"
	case ColModified:
		return "modified"
	}
	return ""
}

// row is one loaded app plus what is derived from it once per load, so
// sorting, filtering and drawing never re-derive per frame or keystroke.
type row struct {
	app *client.SourceApp
	// Display text, sanitized once.
	name, source, owner string
	nameKey             string
	// Dense ranks of the lowercase name, source and owner.
	nameRank, sourceRank, ownerRank uint32
}

// fieldWeights rank a filter match: name over owner and source over the
// description and the id.
func fieldWeights() match.Weights { return match.Weights{3, 2, 2, 1} }

func ownerName(o *client.BaseReference) string {
	switch {
	case o == nil:
		return ""
	case o.Name != "":
		return o.Name
	}
	return o.ID
}

func sourceName(s *client.AccountSource) string {
	switch {
	case s == nil:
		return ""
	case s.Name != "":
		return s.Name
	}
	return s.ID
}

// buildTable derives rows from the loaded apps. Searchable fields: name,
// owner, source, description, id.
func buildTable(apps []client.SourceApp) table.Table[row] {
	rows := make([]row, len(apps))
	b := match.NewBuilder(len(apps), 5, 96)
	for i := range apps {
		a := &apps[i]
		r := &rows[i]
		r.app = a
		r.name = sanitize.Line(a.Name)
		r.owner = sanitize.Line(ownerName(a.Owner))
		r.source = sanitize.Line(sourceName(a.AccountSource))
		b.Add(r.name)
		b.Add(r.owner)
		b.Add(r.source)
		b.Add(sanitize.Line(a.Description))
		b.Add(a.ID)
		b.EndRow()
	}
	t := table.Table[row]{Rows: rows, Index: b.Index()}
	for i := range rows {
		rows[i].nameKey = t.Index.Field(int32(i), 0)
	}
	names := match.DenseRanks(len(rows), func(i int) string { return t.Index.Field(int32(i), 0) })
	owners := match.DenseRanks(len(rows), func(i int) string { return t.Index.Field(int32(i), 1) })
	sources := match.DenseRanks(len(rows), func(i int) string { return t.Index.Field(int32(i), 2) })
	for i := range rows {
		rows[i].nameRank, rows[i].ownerRank, rows[i].sourceRank = names[i], owners[i], sources[i]
	}
	return t
}

// sortItem is a row's sort key packed next to its index.
type sortItem struct {
	k1 int64
	k2 uint32 // name rank
	i  int32
}

// sortedOrder returns row indices ordered by spec; ties break on name,
// then id, so a refresh never shuffles equal rows. profiles gives the
// known access-profile count (-1 unknown).
func sortedOrder(rows []row, spec table.Sort, profiles func(id string) int) []int32 {
	items := make([]sortItem, len(rows))
	for i := range rows {
		items[i] = sortItem{k1: sortKey(&rows[i], Column(spec.Col), profiles), k2: rows[i].nameRank, i: int32(i)}
	}
	slices.SortFunc(items, func(a, b sortItem) int {
		c := cmp.Compare(a.k1, b.k1)
		if spec.Desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		if c := cmp.Compare(a.k2, b.k2); c != 0 {
			return c
		}
		return strings.Compare(rows[a.i].app.ID, rows[b.i].app.ID)
	})
	order := make([]int32, len(items))
	for n, it := range items {
		order[n] = it.i
	}
	return order
}

func sortKey(r *row, c Column, profiles func(string) int) int64 {
	b := func(v bool) int64 {
		if v {
			return 1
		}
		return 0
	}
	switch c {
	case ColSource:
		return int64(r.sourceRank)
	case ColOwner:
		return int64(r.ownerRank)
	case ColEnabled:
		return b(r.app.Enabled)
	case ColAppCenter:
		return b(r.app.AppCenterEnabled)
	case ColRequests:
		return b(r.app.ProvisionRequestEnabled)
	case ColProfiles:
		return int64(profiles(r.app.ID))
	case ColCreated:
		return r.app.Created.UnixNano()
	case ColModified:
		return r.app.Modified.UnixNano()
	}
	return int64(r.nameRank)
}
