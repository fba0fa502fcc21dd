package tokens

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/list"
)

// listDef declares the Tokens list: rows derived with the stale rule, the
// columns and their narrow-screen order, the sorters, the match fields
// (name, owner, then each scope), stale-only (s) and grouping by owner
// (O).
func (m *Model) listDef() list.Def[client.PersonalAccessToken, pats.Row] {
	r := pats.Rules()
	return list.Def[client.PersonalAccessToken, pats.Row]{
		Noun:  "token",
		ID:    func(t *client.PersonalAccessToken) string { return t.ID },
		Label: func(t *client.PersonalAccessToken) string { return t.Name },
		Item:  func(r *pats.Row) *client.PersonalAccessToken { return r.Tok },
		Build: func(toks []client.PersonalAccessToken) table.Table[pats.Row] {
			return pats.BuildRowsWith(toks, m.Now(), m.opts.StaleAfter, m.ownerOf, !m.opts.OwnerRuleOff)
		},
		Sorter:  func() func([]pats.Row, table.Sort) []int32 { return r.Order },
		Weights: r.Weights,
		Only: func(r *pats.Row) bool {
			if q := quick(m.quick.Load()); q != quickOwner {
				return q.keep(r)
			}
			return m.keepOwner(r)
		},
		Group:   r.Group,
		Columns: columnSpecs(),
		// The glyph columns (mark, managed, stale) and the times that
		// decide staleness are always drawn whole: on a narrow screen
		// CREATED is hidden first (it says least about staleness), then
		// RISK and SCOPES, then owner and name shrink to their floors
		// (owner first: the name tells tokens apart).
		Hide:        []int{int(pats.ColCreated), int(pats.ColRisk), int(pats.ColScopes)},
		Shrink:      []int{int(pats.ColOwner), int(pats.ColName)},
		SortKeys:    pats.SortKeys(),
		Movable:     [2]int{int(pats.ColScopes), int(pats.ColExpires)}, // the owner stays by the name
		Placeholder: "fuzzy filter: name, owner, scope",
		Refresh: func() tea.Cmd { // the list, then every owner's state again
			m.ownersAgain = true
			return m.load()
		},
		// The timer lists again and reads only owners not read yet: every
		// owner's state and admin rights again is r's, hundreds of requests.
		Reload: m.load,
		Open:   m.openDetail, Export: m.startExport,
	}
}
