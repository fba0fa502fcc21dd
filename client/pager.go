package client

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// maxPageSize is the ISC maximum (and default) limit of list endpoints.
const maxPageSize = 250

// Page is one page of a paged list.
type Page[T any] struct {
	Items  []T
	Offset int // offset of Items[0]
	Total  int // X-Total-Count when count was requested, else -1
}

// Pager walks a paged list page by page. It is not safe for concurrent use.
type Pager[T any] struct {
	fetch  func(ctx context.Context, offset int, count bool) (Page[T], error)
	limit  int
	offset int
	count  bool
	total  int
	done   bool
}

func newPager[T any](limit, offset int, count bool, fetch func(ctx context.Context, offset int, count bool) (Page[T], error)) *Pager[T] {
	if limit <= 0 || limit > maxPageSize {
		limit = maxPageSize
	}
	return &Pager[T]{fetch: fetch, limit: limit, offset: max(offset, 0), count: count, total: -1}
}

// Next fetches the next page. After the last page Done reports true and
// Next returns an empty page. A failed Next can be called again: the
// position only advances on success.
func (p *Pager[T]) Next(ctx context.Context) (Page[T], error) {
	if p.done {
		return Page[T]{Offset: p.offset, Total: p.total}, nil
	}
	// The total only needs asking once; counting costs the server.
	page, err := p.fetch(ctx, p.offset, p.count && p.total < 0)
	if err != nil {
		return Page[T]{}, err
	}
	if page.Total >= 0 {
		p.total = page.Total
	}
	page.Total = p.total
	p.offset += len(page.Items)
	if len(page.Items) < p.limit || (p.total >= 0 && p.offset >= p.total) {
		p.done = true
	}
	return page, nil
}

// Done reports whether the last page has been fetched.
func (p *Pager[T]) Done() bool { return p.done }

// Total is the server's X-Total-Count, or -1 when not (yet) known.
func (p *Pager[T]) Total() int { return p.total }

// All fetches the remaining pages and returns their items.
func (p *Pager[T]) All(ctx context.Context) ([]T, error) {
	var all []T
	for !p.done {
		page, err := p.Next(ctx)
		if err != nil {
			return all, err
		}
		all = append(all, page.Items...)
	}
	return all, nil
}

// pageQuery builds limit/offset/count/sorters/filters, refusing values the
// API would reject so the user gets a clear error before anything is sent.
func pageQuery(limit, offset int, count bool, sorters, filters string) (url.Values, error) {
	if limit < 0 || limit > maxPageSize {
		return nil, fmt.Errorf("limit %d is outside 0..%d (0 means the default, %d)", limit, maxPageSize, maxPageSize)
	}
	if offset < 0 {
		return nil, fmt.Errorf("offset %d is negative", offset)
	}
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if offset > 0 {
		q.Set("offset", strconv.Itoa(offset))
	}
	if count {
		q.Set("count", "true")
	}
	if s := strings.TrimSpace(sorters); s != "" {
		q.Set("sorters", s)
	}
	if f := strings.TrimSpace(filters); f != "" {
		q.Set("filters", f)
	}
	return q, nil
}

// totalCount reads X-Total-Count; -1 when absent or malformed.
func totalCount(v string) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return -1
	}
	return n
}
