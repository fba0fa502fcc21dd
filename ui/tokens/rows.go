package tokens

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/sanitize"
)

// row is one loaded token plus everything derived from it once per load, so
// sorting, filtering and drawing never re-derive per frame or keystroke.
type row struct {
	tok *client.PersonalAccessToken
	// Display text, sanitized (server-provided strings never reach the
	// terminal raw).
	name, owner, scopes string
	// Lowercase sort keys: slices of the table's text.
	nameKey, ownerKey string
	// This row's searchable fields are table.fields[fieldLo:fieldLo+fieldN].
	fieldLo, fieldN int32
	// Dense ranks of nameKey and ownerKey, computed once per load, so a sort
	// by name or owner compares integers (equal keys share a rank).
	nameRank, ownerRank uint32
	// Sort keys: unix nanoseconds; never-used sorts first, never-expiring last.
	created, lastUsed, expires int64
	stale                      StaleReason
}

const (
	neverUsed    = math.MinInt64
	neverExpires = math.MaxInt64
)

// span is one searchable field (name, owner or a scope) as a range of
// table.text. The filter matches each field on its own, so a pattern never
// matches by picking letters from the name, the owner and a scope at once.
type span struct{ lo, hi uint32 }

// table is the loaded list in the form the view works on. All search text
// lives in one string, so a filter pass reads memory in order and the
// garbage collector has one object to scan instead of one per token.
type table struct {
	rows   []row
	text   string
	fields []span
}

func (t *table) field(f span) string { return t.text[f.lo:f.hi] }

// buildRows derives rows from a list response. It sanitizes each
// server-provided string exactly once.
func buildRows(toks []client.PersonalAccessToken, now time.Time, staleAfter time.Duration) table {
	rows := make([]row, len(toks))
	fields := make([]span, 0, len(toks)*3)
	var sb strings.Builder
	sb.Grow(len(toks) * 48)
	add := func(s string) {
		lo := sb.Len()
		sb.WriteString(strings.ToLower(s))
		fields = append(fields, span{lo: uint32(lo), hi: uint32(sb.Len())})
	}
	for i := range toks {
		t := &toks[i]
		r := &rows[i]
		r.tok = t
		r.name = sanitize.Line(t.Name)
		r.owner = sanitize.Line(ownerLabel(t.Owner))
		r.scopes = scopeSummary(t.Scope)
		r.fieldLo = int32(len(fields))
		add(r.name)
		add(r.owner)
		for _, s := range t.Scope {
			add(sanitize.Line(s))
		}
		r.fieldN = int32(len(fields)) - r.fieldLo
		r.created = t.Created.UnixNano()
		r.lastUsed = neverUsed
		if t.LastUsed != nil {
			r.lastUsed = t.LastUsed.UnixNano()
		}
		r.expires = neverExpires
		if t.ExpirationDate != nil && !t.UserAwareTokenNeverExpires {
			r.expires = t.ExpirationDate.UnixNano()
		}
		r.stale = Stale(t, now, staleAfter)
	}
	tbl := table{rows: rows, text: sb.String(), fields: fields}
	for i := range rows { // keys are slices of the finished text
		r := &rows[i]
		r.nameKey = tbl.field(fields[r.fieldLo])
		r.ownerKey = tbl.field(fields[r.fieldLo+1])
	}
	rankBy(rows, func(r *row) string { return r.nameKey }, func(r *row, k uint32) { r.nameRank = k })
	rankBy(rows, func(r *row) string { return r.ownerKey }, func(r *row, k uint32) { r.ownerRank = k })
	return tbl
}

// rankBy gives every row the dense rank of its key.
func rankBy(rows []row, key func(*row) string, set func(*row, uint32)) {
	idx := make([]int32, len(rows))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return strings.Compare(key(&rows[a]), key(&rows[b])) })
	var rank uint32
	for n, i := range idx {
		if n > 0 && key(&rows[i]) != key(&rows[idx[n-1]]) {
			rank++
		}
		set(&rows[i], rank)
	}
}

func ownerLabel(o client.PatOwner) string {
	if o.Name != "" {
		return o.Name
	}
	return o.ID
}

// scopeSummary is "count first": "3 sp:scopes:all". An empty scope list
// means the API's default, sp:scopes:default.
func scopeSummary(scopes []string) string {
	switch len(scopes) {
	case 0:
		return "default"
	case 1:
		return sanitize.Line(scopes[0])
	}
	// "sp:scopes:default +3": a leading count read as part of the name.
	return sanitize.Line(scopes[0]) + " +" + strconv.Itoa(len(scopes)-1)
}
