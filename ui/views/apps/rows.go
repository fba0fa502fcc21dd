package apps

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/list/columns"
)

// specs are the columns' layout. Booleans are glyphs (✓ or ·) as well as
// colours, so they read without colour.
func specs() []columns.Spec {
	return []columns.Spec{
		sourceapps.ColMark:      {Width: 2},
		sourceapps.ColName:      {Title: "NAME", Width: 22, Floor: 6, Flex: 5},
		sourceapps.ColSource:    {Title: "SOURCE", Width: 10, Floor: 6, Flex: 3},
		sourceapps.ColOwner:     {Title: "OWNER", Width: 10, Floor: 5, Flex: 3},
		sourceapps.ColEnabled:   {Title: "ON", Width: 3},
		sourceapps.ColAppCenter: {Title: "CTR", Width: 3},
		sourceapps.ColRequests:  {Title: "REQ", Width: 3},
		sourceapps.ColProfiles:  {Title: "APS", Width: 4, Right: true},
		sourceapps.ColCreated:   {Title: "CREATED", Width: 9},
		sourceapps.ColModified:  {Title: "MODIFIED", Width: 9},
	}
}

// listDef declares the Apps list: its rows, columns, sorters and match
// fields (name, owner, source, description, id).
func (m *Model) listDef() list.Def[client.SourceApp, sourceapps.Row] {
	return list.Def[client.SourceApp, sourceapps.Row]{
		Noun:  "app",
		ID:    func(a *client.SourceApp) string { return a.ID },
		Label: func(a *client.SourceApp) string { return a.Name },
		Item:  func(r *sourceapps.Row) *client.SourceApp { return r.App },
		Build: sourceapps.BuildRows,
		Sorter: func() func([]sourceapps.Row, table.Sort) []int32 {
			prof := m.profiles // replaced on change, never written: a snapshot
			return func(rows []sourceapps.Row, s table.Sort) []int32 {
				return sourceapps.SortedOrder(rows, s, func(id string) int {
					if n, ok := prof[id]; ok {
						return n
					}
					return -1
				})
			}
		},
		Weights: sourceapps.Weights(),
		Only:    m.keepSwept, // the sweep (L): one owner's apps
		Group:   sourceapps.OwnerGrouping(),
		Columns: specs(),
		// A narrow screen hides the creation date first, then the
		// access-profile count, the modification date and the source;
		// then the owner and the name shrink (owner first: the name tells
		// apps apart).
		Hide:        []int{int(sourceapps.ColCreated), int(sourceapps.ColProfiles), int(sourceapps.ColModified), int(sourceapps.ColSource)},
		Shrink:      []int{int(sourceapps.ColOwner), int(sourceapps.ColSource), int(sourceapps.ColName)},
		SortKeys:    sourceapps.SortKeys(),
		Movable:     [2]int{int(sourceapps.ColSource), int(sourceapps.NumColumns) - 1},
		Placeholder: "fuzzy filter: name, owner, source, description",
		Refresh: func() tea.Cmd { // the list, then every owner's state again
			m.ownersAgain = true
			return m.load()
		},
		Open: m.openDetail, Export: m.startExport,
	}
}
