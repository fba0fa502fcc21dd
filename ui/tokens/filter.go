package tokens

import (
	"runtime"
	"strings"
	"sync"
)

// viewQuery is everything that decides which rows are visible and in what
// order. Results computed for an older query are dropped.
type viewQuery struct {
	text      string // fuzzy filter, as typed
	staleOnly bool
	sort      sortSpec
	group     bool   // group by owner
	collapsed string // collapsed owners (collapsedKey)
}

// viewResult is the outcome of applying a viewQuery to the loaded rows.
type viewResult struct {
	query   viewQuery
	order   []int32 // every row, sorted
	matched []int32 // the rows that pass the filter, in sort order
	visible []int32 // matched, best match first while a filter is typed
	// entries is what the list shows, one line each: visible, or, grouped
	// by owner, headers (-(g+1)) each followed by its group's rows.
	entries []int32
	groups  []group
}

// computeView sorts (unless prev already has this sort) and filters. The
// filter text is split into terms; a row is visible when every term
// fuzzy-matches one of its fields (name, owner, a scope). When the new text
// only extends prev's text, matching starts from prev's matches: a fuzzy
// match of "abc" is always a match of "ab".
func computeView(t table, q viewQuery, prev *viewResult) viewResult {
	rows := t.rows
	res := viewResult{query: q}
	sameBase := prev != nil && prev.query.sort == q.sort && len(prev.order) == len(rows)
	if sameBase {
		res.order = prev.order
	} else {
		res.order = sortedOrder(rows, q.sort)
	}
	base := res.order
	switch {
	case sameBase && prev.matched != nil && prev.query.staleOnly == q.staleOnly && narrows(prev.query.text, q.text):
		base = prev.matched // already stale-filtered when staleOnly; in sort order
	case q.staleOnly:
		base = staleOnly(rows, base)
	}
	terms := strings.Fields(strings.ToLower(q.text))
	for _, term := range terms {
		base = matchTerm(t, base, term)
	}
	res.matched = base
	res.visible = rank(t, base, terms)
	res.entries = res.visible
	if q.group {
		res.entries, res.groups = groupView(t, res.visible, q.collapsed)
	}
	return res
}

// matchTerm keeps the rows of base that have a field matching term, in
// base's order. When base is most of the table it scans every row in
// memory order (cache friendly, split across CPUs) into a bitmap and then
// walks base; a small base (a narrowing keystroke) is checked directly.
func matchTerm(t table, base []int32, term string) []int32 {
	pat := []rune(term)
	ascii := isASCII(term)
	match := func(i int32) bool {
		r := &t.rows[i]
		for _, f := range t.fields[r.fieldLo : r.fieldLo+r.fieldN] {
			if fuzzyMatch(t.text[f.lo:f.hi], term, pat, ascii) {
				return true
			}
		}
		return false
	}
	out := make([]int32, 0, len(base)/2)
	if len(base)*4 < len(t.rows) {
		for _, i := range base {
			if match(i) {
				out = append(out, i)
			}
		}
		return out
	}
	bits := make([]uint64, (len(t.rows)+63)/64)
	scan := func(lo, hi int) { // [lo, hi) on word boundaries: no shared words
		for i := lo; i < hi; i++ {
			if match(int32(i)) {
				bits[i>>6] |= 1 << (uint(i) & 63)
			}
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(t.rows)/parallelMin)
	if workers <= 1 {
		scan(0, len(t.rows))
	} else {
		var wg sync.WaitGroup
		chunk := ((len(t.rows)+workers-1)/workers + 63) &^ 63
		for lo := 0; lo < len(t.rows); lo += chunk {
			hi := min(len(t.rows), lo+chunk)
			wg.Go(func() { scan(lo, hi) })
		}
		wg.Wait()
	}
	for _, i := range base {
		if bits[i>>6]&(1<<(uint(i)&63)) != 0 {
			out = append(out, i)
		}
	}
	return out
}

// parallelMin is the smallest share of rows worth a goroutine.
const parallelMin = 20_000

// narrows reports whether every match of next is also a match of prev.
func narrows(prev, next string) bool {
	p := strings.Fields(strings.ToLower(prev))
	n := strings.Fields(strings.ToLower(next))
	if len(p) == 0 || len(n) < len(p) {
		return false
	}
	for i := range p {
		switch {
		case i < len(p)-1 && n[i] != p[i]:
			return false
		case i == len(p)-1 && !strings.HasPrefix(n[i], p[i]):
			return false
		}
	}
	return true
}

func staleOnly(rows []row, base []int32) []int32 {
	out := make([]int32, 0, len(base)/2)
	for _, i := range base {
		if rows[i].stale != NotStale {
			out = append(out, i)
		}
	}
	return out
}
