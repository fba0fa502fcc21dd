package tokens

import (
	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/list"
)

// listDef declares the Tokens list: rows derived with the stale rule, the
// columns and their narrow-screen order, the sorters, the match fields
// (name, owner, then each scope), stale-only (s) and grouping by owner
// (O).
func (m *Model) listDef() list.Def[client.PersonalAccessToken, row] {
	r := rules()
	return list.Def[client.PersonalAccessToken, row]{
		Noun:  "token",
		ID:    func(t *client.PersonalAccessToken) string { return t.ID },
		Label: func(t *client.PersonalAccessToken) string { return t.Name },
		Item:  func(r *row) *client.PersonalAccessToken { return r.tok },
		Build: func(toks []client.PersonalAccessToken) list.Table[row] {
			return buildRows(toks, m.Now(), m.opts.StaleAfter)
		},
		Sorter:  func() func([]row, list.Sort) []int32 { return r.Order },
		Weights: r.Weights,
		Only:    r.Only,
		Group:   r.Group,
		Columns: columnSpecs(),
		// The glyph columns (mark, managed, stale) and the times that
		// decide staleness are always drawn whole: on a narrow screen
		// CREATED is hidden first (it says least about staleness), then
		// SCOPES, then owner and name shrink to their floors (owner first:
		// the name tells tokens apart).
		Hide:        []int{int(ColCreated), int(ColScopes)},
		Shrink:      []int{int(ColOwner), int(ColName)},
		SortKeys:    sortKeyOrder(),
		Placeholder: "fuzzy filter: name, owner, scope",
	}
}

// rules are the Tokens list's sort, stale-only filter, ranking and
// grouping: the view uses them, and so does `sailtui report tokens`.
func rules() list.Rules[row] {
	return list.Rules[row]{
		Order:   sortedOrder,
		Only:    func(r *row) bool { return r.stale != NotStale },
		Weights: fieldWeights(),
		Group:   ownerGrouping(),
	}
}

// computeView applies a query to the rows as the view does.
func computeView(t list.Table[row], q list.Query, prev *list.Result) list.Result {
	return list.Compute(t, q, prev, rules())
}

// fieldWeights rank a filter match: name over owner over a scope.
func fieldWeights() match.Weights { return match.Weights{3, 2, 1} }
