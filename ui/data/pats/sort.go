package pats

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
)

// DefaultSort puts the stalest candidates first: least recently used on top.
func DefaultSort() table.Sort { return table.Sort{Col: int(ColLastUsed)} }

// sortItem is a row's sort key packed next to its index, so sorting
// compares contiguous integers instead of chasing row pointers.
type sortItem struct {
	k1, k2 uint64 // column key, name rank
	i      int32
}

// SortedOrder returns row indices ordered by spec. Ties break on name, then
// id, so the order is total and a refresh never shuffles equal rows.
func SortedOrder(rows []Row, spec table.Sort) []int32 {
	items := make([]sortItem, len(rows))
	key := packedKey(Column(spec.Col))
	for i := range rows {
		items[i] = sortItem{k1: key(&rows[i]), k2: uint64(rows[i].NameRank), i: int32(i)}
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
func fullCompare(rows []Row, spec table.Sort) func(a, b int32) int {
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
		if c = strings.Compare(ra.NameKey, rb.NameKey); c != 0 {
			return c
		}
		return strings.Compare(ra.Tok.ID, rb.Tok.ID)
	}
}

// packedKey maps a row to an unsigned key whose order agrees with the
// column's comparer (exactly, except scopes, whose ties need the full
// comparison).
func packedKey(col Column) func(r *Row) uint64 {
	signed := func(v int64) uint64 { return uint64(v) ^ 1<<63 }
	switch col {
	case ColName:
		return func(r *Row) uint64 { return uint64(r.NameRank) }
	case ColOwner:
		return func(r *Row) uint64 { return uint64(r.OwnerRank) }
	case ColScopes:
		return func(r *Row) uint64 { return uint64(len(r.Tok.Scope)) }
	case ColCreated:
		return func(r *Row) uint64 { return signed(r.Created) }
	case ColLastUsed:
		return func(r *Row) uint64 { return signed(r.LastUsed) }
	case ColExpires:
		return func(r *Row) uint64 { return signed(r.Expires) }
	case ColManaged:
		return func(r *Row) uint64 {
			if r.Tok.Managed {
				return 1
			}
			return 0
		}
	case ColStale:
		return func(r *Row) uint64 {
			if r.Stale != stale.NotStale {
				return 0
			}
			return 1
		}
	case ColRisk:
		return func(r *Row) uint64 { return uint64(^r.Risk) } // the riskiest first
	}
	return func(*Row) uint64 { return 0 }
}

func comparer(col Column) func(a, b *Row) int {
	switch col {
	case ColOwner:
		return func(a, b *Row) int { return strings.Compare(a.OwnerKey, b.OwnerKey) }
	case ColScopes:
		return func(a, b *Row) int {
			if c := cmp.Compare(len(a.Tok.Scope), len(b.Tok.Scope)); c != 0 {
				return c
			}
			return strings.Compare(a.Scopes, b.Scopes)
		}
	case ColCreated:
		return func(a, b *Row) int { return cmp.Compare(a.Created, b.Created) }
	case ColLastUsed:
		return func(a, b *Row) int { return cmp.Compare(a.LastUsed, b.LastUsed) }
	case ColExpires:
		return func(a, b *Row) int { return cmp.Compare(a.Expires, b.Expires) }
	case ColManaged:
		return func(a, b *Row) int { return cmpBool(a.Tok.Managed, b.Tok.Managed) }
	case ColStale:
		// Stale first when ascending: that is the question users ask.
		return func(a, b *Row) int { return -cmpBool(a.Stale != stale.NotStale, b.Stale != stale.NotStale) }
	case ColRisk:
		// The riskiest first when ascending, by the flags' weights.
		return func(a, b *Row) int { return -cmp.Compare(a.Risk, b.Risk) }
	}
	return func(a, b *Row) int { return strings.Compare(a.NameKey, b.NameKey) }
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
