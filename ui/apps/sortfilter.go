package apps

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/match"
)

// viewQuery decides which rows are visible and in what order.
type viewQuery struct {
	text string // fuzzy filter, as typed
	sort sortSpec
}

// viewResult is a viewQuery applied to the loaded rows.
type viewResult struct {
	query   viewQuery
	order   []int32 // every row, sorted
	matched []int32 // rows passing the filter, in sort order
	visible []int32 // matched, best match first while a filter is typed
}

// computeView sorts (unless prev already has this sort over the same
// rows) and filters; a filter that only extends prev's starts from prev's
// matches. profiles is a snapshot of the known access-profile counts:
// it is never changed after the call (the view replaces it instead).
func computeView(t table, q viewQuery, prev *viewResult, profiles map[string]int) viewResult {
	res := viewResult{query: q}
	sameBase := prev != nil && prev.query.sort == q.sort && len(prev.order) == len(t.rows)
	if sameBase {
		res.order = prev.order
	} else {
		res.order = sortedOrder(t.rows, q.sort, func(id string) int {
			if n, ok := profiles[id]; ok {
				return n
			}
			return -1
		})
	}
	base := res.order
	if sameBase && prev.matched != nil && match.Narrows(prev.query.text, q.text) {
		base = prev.matched
	}
	terms := match.Terms(q.text)
	res.matched = t.idx.KeepAll(base, terms)
	res.visible = t.idx.Rank(res.matched, terms, fieldWeights())
	return res
}

// recompute re-sorts/filters after the query changed: inline for small
// lists, off the event loop for large ones (the newest request wins).
func (m *Model) recompute() tea.Cmd {
	prev, tbl, q, prof := m.res, m.tbl, m.query, m.profiles
	return m.sortFilter.Run(len(tbl.rows), func() viewResult { return computeView(tbl, q, &prev, prof) },
		func(r viewResult) tea.Cmd { m.applyResult(r); return nil })
}

// applyResult installs a result and keeps the cursor on the same app when
// it is still visible; a new filter puts it on the best match.
func (m *Model) applyResult(res viewResult) {
	newFilter := !slices.Equal(match.Terms(res.query.text), match.Terms(m.res.query.text))
	m.res = res
	switch {
	case newFilter:
		m.cursor, m.offset, m.moved = 0, 0, false
	case !m.moved:
		// Pages still arriving: until the user moves, the cursor stays on
		// the top row (the best match), not on whichever app was there.
		m.cursor, m.offset = 0, 0
	default:
		i, ok := m.byID[m.selectedID]
		if !ok {
			break
		}
		if pos := slices.Index(res.visible, i); pos >= 0 {
			m.cursor = pos
		}
	}
	m.clamp()
}
