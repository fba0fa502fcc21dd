package table

import (
	"cmp"
	"slices"
	"strings"
)

// KeyedOrder orders n rows by a packed column key (descending when desc),
// ties broken by a name rank, then by id, so a refresh never shuffles
// equal rows. The keys are computed once per row, not per comparison.
func KeyedOrder(n int, desc bool, key func(i int) (col int64, name uint32), id func(i int) string) []int32 {
	type item struct {
		k1 int64
		k2 uint32
		i  int32
	}
	items := make([]item, n)
	for i := range items {
		k1, k2 := key(i)
		items[i] = item{k1: k1, k2: k2, i: int32(i)}
	}
	slices.SortFunc(items, func(a, b item) int {
		c := cmp.Compare(a.k1, b.k1)
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		if c := cmp.Compare(a.k2, b.k2); c != 0 {
			return c
		}
		return strings.Compare(id(int(a.i)), id(int(b.i)))
	})
	order := make([]int32, n)
	for i, it := range items {
		order[i] = it.i
	}
	return order
}
