// Package sourceapps is the app list's rules, apart from any view: the
// rows derived from the loaded apps, their sorting and filtering, the
// server filter each list takes, and the report table. The Apps view and
// `sailtui report apps` select with the same rules.
package sourceapps

import (
	"cmp"
	"strings"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/table"
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
	NumColumns
)

// SortKeys are the sortable columns in key order ("1" the first).
func SortKeys() []int {
	return []int{int(ColName), int(ColSource), int(ColOwner), int(ColEnabled), int(ColAppCenter), int(ColRequests),
		int(ColProfiles), int(ColCreated), int(ColModified)}
}

// ServerSorter is the server's sorter for a column, "" when the server
// cannot sort by it the way the view does (owner and source sort by
// name here; the server sorts them by id).
func ServerSorter(c Column) string {
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

// Row is one loaded app plus what is derived from it once per load, so
// sorting, filtering and drawing never re-derive per frame or keystroke.
type Row struct {
	App *client.SourceApp
	// Display text, sanitized once.
	Name, Source, Owner string
	NameKey             string
	// Dense ranks of the lowercase name, source and owner.
	NameRank, SourceRank, OwnerRank uint32
}

// Weights rank a filter match: name over owner and source over the
// description and the id.
func Weights() match.Weights { return match.Weights{3, 2, 2, 1} }

func OwnerName(o *client.BaseReference) string {
	switch {
	case o == nil:
		return ""
	case o.Name != "":
		return o.Name
	}
	return o.ID
}

func SourceName(s *client.AccountSource) string {
	switch {
	case s == nil:
		return ""
	case s.Name != "":
		return s.Name
	}
	return s.ID
}

// BuildRows derives rows from the loaded apps. Searchable fields: name,
// owner, source, description, id.
func BuildRows(apps []client.SourceApp) table.Table[Row] {
	rows := make([]Row, len(apps))
	b := match.NewBuilder(len(apps), 5, 96)
	for i := range apps {
		a := &apps[i]
		r := &rows[i]
		r.App = a
		r.Name = sanitize.Line(a.Name)
		r.Owner = sanitize.Line(OwnerName(a.Owner))
		r.Source = sanitize.Line(SourceName(a.AccountSource))
		b.Add(r.Name)
		b.Add(r.Owner)
		b.Add(r.Source)
		b.Add(sanitize.Line(a.Description))
		b.Add(a.ID)
		b.EndRow()
	}
	t := table.Table[Row]{Rows: rows, Index: b.Index()}
	for i := range rows {
		rows[i].NameKey = t.Index.Field(int32(i), 0)
	}
	names := match.DenseRanks(len(rows), func(i int) string { return t.Index.Field(int32(i), 0) })
	owners := match.DenseRanks(len(rows), func(i int) string { return t.Index.Field(int32(i), 1) })
	sources := match.DenseRanks(len(rows), func(i int) string { return t.Index.Field(int32(i), 2) })
	for i := range rows {
		rows[i].NameRank, rows[i].OwnerRank, rows[i].SourceRank = names[i], owners[i], sources[i]
	}
	return t
}

// SortedOrder returns row indices ordered by spec; ties break on name,
// then id, so a refresh never shuffles equal rows. profiles gives the
// known access-profile count (-1 unknown).
func SortedOrder(rows []Row, spec table.Sort, profiles func(id string) int) []int32 {
	return table.KeyedOrder(len(rows), spec.Desc,
		func(i int) (int64, uint32) { return sortKey(&rows[i], Column(spec.Col), profiles), rows[i].NameRank },
		func(i int) string { return rows[i].App.ID })
}

func sortKey(r *Row, c Column, profiles func(string) int) int64 {
	b := func(v bool) int64 {
		if v {
			return 1
		}
		return 0
	}
	switch c {
	case ColSource:
		return int64(r.SourceRank)
	case ColOwner:
		return int64(r.OwnerRank)
	case ColEnabled:
		return b(r.App.Enabled)
	case ColAppCenter:
		return b(r.App.AppCenterEnabled)
	case ColRequests:
		return b(r.App.ProvisionRequestEnabled)
	case ColProfiles:
		return int64(profiles(r.App.ID))
	case ColCreated:
		return r.App.Created.UnixNano()
	case ColModified:
		return r.App.Modified.UnixNano()
	}
	return int64(r.NameRank)
}

// Group counts: an owner's apps, and how many of them are disabled.
const (
	NApps = iota
	NDisabled
)

// OwnerGrouping groups apps by owner (O): the owners with the most apps
// first, then by name; apps without an owner together.
func OwnerGrouping() *table.Grouping[Row] {
	return &table.Grouping[Row]{
		By: func(r *Row) (key, label string) {
			if o := r.App.Owner; o != nil && o.ID != "" {
				return o.ID, r.Owner
			}
			return "", "(no owner)"
		},
		Tally: func(r *Row, n *[3]int) {
			n[NApps]++
			if !r.App.Enabled {
				n[NDisabled]++
			}
		},
		Order: func(a, b *table.Group) int {
			return cmp.Or(cmp.Compare(b.N[NApps], a.N[NApps]), cmp.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)))
		},
	}
}
