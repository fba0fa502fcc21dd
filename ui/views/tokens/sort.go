package tokens

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sailtui/sailtui/ui/list"
)

// defaultSort puts the stalest candidates first: least recently used on top.
func defaultSort() list.Sort { return list.Sort{Col: int(ColLastUsed)} }

// sortItem is a row's sort key packed next to its index, so sorting
// compares contiguous integers instead of chasing row pointers.
type sortItem struct {
	k1, k2 uint64 // column key, name rank
	i      int32
}

// sortedOrder returns row indices ordered by spec. Ties break on name, then
// id, so the order is total and a refresh never shuffles equal rows.
func sortedOrder(rows []row, spec list.Sort) []int32 {
	items := make([]sortItem, len(rows))
	key := packedKey(Column(spec.Col))
	for i := range rows {
		items[i] = sortItem{k1: key(&rows[i]), k2: uint64(rows[i].nameRank), i: int32(i)}
	}
	exact := Column(spec.Col) != ColScopes
	full := fullCompare(rows, spec)
	slices.SortFunc(items, func(a, b sortItem) int {
		if c := cmp.Compare(a.k1, b.k1); c != 0 {
			if spec.Desc {
				return -c
			}
			return c
		}
		if exact {
			if c := cmp.Compare(a.k2, b.k2); c != 0 {
				return c
			}
		}
		return full(a.i, b.i)
	})
	order := make([]int32, len(items))
	for i, it := range items {
		order[i] = it.i
	}
	return order
}

// fullCompare is the complete ordering: column, then name, then id.
func fullCompare(rows []row, spec list.Sort) func(a, b int32) int {
	cmpCol := comparer(Column(spec.Col))
	return func(a, b int32) int {
		ra, rb := &rows[a], &rows[b]
		c := cmpCol(ra, rb)
		if spec.Desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		if c = strings.Compare(ra.nameKey, rb.nameKey); c != 0 {
			return c
		}
		return strings.Compare(ra.tok.ID, rb.tok.ID)
	}
}

// packedKey maps a row to an unsigned key whose order agrees with the
// column's comparer (exactly, except scopes, whose ties need the full
// comparison).
func packedKey(col Column) func(r *row) uint64 {
	signed := func(v int64) uint64 { return uint64(v) ^ 1<<63 }
	switch col {
	case ColName:
		return func(r *row) uint64 { return uint64(r.nameRank) }
	case ColOwner:
		return func(r *row) uint64 { return uint64(r.ownerRank) }
	case ColScopes:
		return func(r *row) uint64 { return uint64(len(r.tok.Scope)) }
	case ColCreated:
		return func(r *row) uint64 { return signed(r.created) }
	case ColLastUsed:
		return func(r *row) uint64 { return signed(r.lastUsed) }
	case ColExpires:
		return func(r *row) uint64 { return signed(r.expires) }
	case ColManaged:
		return func(r *row) uint64 {
			if r.tok.Managed {
				return 1
			}
			return 0
		}
	case ColStale:
		return func(r *row) uint64 {
			if r.stale != NotStale {
				return 0
			}
			return 1
		}
	}
	return func(*row) uint64 { return 0 }
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
