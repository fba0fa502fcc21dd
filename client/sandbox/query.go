package sandbox

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/sailtui/sailtui/client/filter"
)

// parseFilters reads the filters parameter against an endpoint's schema.
// An absent or blank parameter means no filter (nil).
func parseFilters(q url.Values, schema filter.Schema) (filter.Expr, *apiError) {
	raw := q.Get("filters")
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	e, err := filter.Parse(raw)
	if err != nil {
		return nil, badRequest("Invalid filter %q: %v", raw, err)
	}
	if err := schema.Validate(e); err != nil {
		return nil, badRequest("Invalid filter %q: %v", raw, err)
	}
	return e, nil
}

// page is limit/offset/count for a collection.
type page struct {
	limit, offset int
	count         bool
}

// maxLimit is the default and maximum of the standard limit parameter.
const maxLimit = 250

func parsePage(q url.Values, withCount bool) (page, *apiError) {
	p := page{}
	var aerr *apiError
	if p.limit, aerr = parseLimit(q); aerr != nil {
		return p, aerr
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, badRequest("offset must be a non-negative integer, got %q.", v)
		}
		p.offset = n
	}
	if withCount {
		if v := q.Get("count"); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return p, badRequest("count must be true or false, got %q.", v)
			}
			p.count = b
		}
	}
	return p, nil
}

// parseLimit reads the standard limit parameter: 0..250, default 250.
func parseLimit(q url.Values) (int, *apiError) {
	v := q.Get("limit")
	if v == "" {
		return maxLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > maxLimit {
		return 0, badRequest("limit must be an integer between 0 and %d, got %q.", maxLimit, v)
	}
	return n, nil
}

// pageOf returns the [offset, offset+limit) slice of items.
func pageOf[T any](items []T, p page) []T {
	if p.offset >= len(items) {
		return []T{}
	}
	end := min(len(items), p.offset+p.limit)
	return items[p.offset:end]
}

// sortKey is one parsed sorter.
type sortKey struct {
	field string
	desc  bool
}

// parseSorters reads "name,-modified" against the allowed fields.
func parseSorters(q url.Values, allowed []string) ([]sortKey, *apiError) {
	raw := q.Get("sorters")
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	var keys []sortKey
	for _, part := range strings.Split(raw, ",") {
		part = strings.TrimSpace(part)
		k := sortKey{field: part}
		if strings.HasPrefix(part, "-") {
			k = sortKey{field: part[1:], desc: true}
		}
		if !slices.Contains(allowed, k.field) {
			return nil, badRequest("Invalid sorter %q: supported sorters are %s.", part, strings.Join(allowed, ", "))
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// sortBy sorts items by keys using get to read a field as a comparable
// string (times are formatted so they sort temporally). Strings compare
// case-insensitively; ties keep the store order, which makes paging stable.
// Sort keys are computed once per item, not once per comparison.
func sortBy[T any](items []T, keys []sortKey, get func(T, string) string) {
	if len(keys) == 0 {
		return
	}
	type row struct {
		item T
		keys []string
	}
	rows := make([]row, len(items))
	for i, it := range items {
		ks := make([]string, len(keys))
		for j, k := range keys {
			ks[j] = strings.ToLower(get(it, k.field))
		}
		rows[i] = row{it, ks}
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		for j, k := range keys {
			c := cmp.Compare(a.keys[j], b.keys[j])
			if k.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	for i := range rows {
		items[i] = rows[i].item
	}
}
