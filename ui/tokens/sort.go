package tokens

import (
	"cmp"
	"slices"
	"strings"
)

// sortSpec is the current sort: a column and a direction.
type sortSpec struct {
	col  Column
	desc bool
}

// defaultSort puts the stalest candidates first: least recently used on top.
func defaultSort() sortSpec { return sortSpec{col: ColLastUsed} }

// sortedOrder returns row indices ordered by spec. Ties break on name, then
// id, so the order is total and a refresh never shuffles equal rows.
func sortedOrder(rows []row, spec sortSpec) []int32 {
	order := make([]int32, len(rows))
	for i := range order {
		order[i] = int32(i)
	}
	cmpCol := comparer(spec.col)
	slices.SortFunc(order, func(a, b int32) int {
		ra, rb := &rows[a], &rows[b]
		c := cmpCol(ra, rb)
		if spec.desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		if c = strings.Compare(ra.nameKey, rb.nameKey); c != 0 {
			return c
		}
		return strings.Compare(ra.tok.ID, rb.tok.ID)
	})
	return order
}

func comparer(col Column) func(a, b *row) int {
	switch col {
	case ColOwner:
		return func(a, b *row) int { return strings.Compare(a.ownerKey, b.ownerKey) }
	case ColScopes:
		return func(a, b *row) int {
			if c := cmp.Compare(len(a.tok.Scope), len(b.tok.Scope)); c != 0 {
				return c
			}
			return strings.Compare(a.scopes, b.scopes)
		}
	case ColCreated:
		return func(a, b *row) int { return cmp.Compare(a.created, b.created) }
	case ColLastUsed:
		return func(a, b *row) int { return cmp.Compare(a.lastUsed, b.lastUsed) }
	case ColExpires:
		return func(a, b *row) int { return cmp.Compare(a.expires, b.expires) }
	case ColManaged:
		return func(a, b *row) int { return cmpBool(a.tok.Managed, b.tok.Managed) }
	case ColStale:
		// Stale first when ascending: that is the question users ask.
		return func(a, b *row) int { return -cmpBool(a.stale != NotStale, b.stale != NotStale) }
	}
	return func(a, b *row) int { return strings.Compare(a.nameKey, b.nameKey) }
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
