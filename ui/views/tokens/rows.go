package tokens

import (
	"math"
	"strconv"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/list"
)

// row is one loaded token plus everything derived from it once per load, so
// sorting, filtering and drawing never re-derive per frame or keystroke.
type row struct {
	tok *client.PersonalAccessToken
	i   int32 // its index in the table (the search index's row)
	// Display text, sanitized (server-provided strings never reach the
	// terminal raw).
	name, owner, scopes string
	// Lowercase sort keys: slices of the index's text.
	nameKey, ownerKey string
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

// buildRows derives rows from a list response, with the search index of
// their fields (name, owner, then each scope; the filter matches each
// field on its own). It sanitizes each server-provided string exactly
// once.
func buildRows(toks []client.PersonalAccessToken, now time.Time, staleAfter time.Duration) list.Table[row] {
	rows := make([]row, len(toks))
	b := match.NewBuilder(len(toks), 3, 48)
	for i := range toks {
		t := &toks[i]
		r := &rows[i]
		r.tok, r.i = t, int32(i)
		r.name = sanitize.Line(t.Name)
		r.owner = sanitize.Line(ownerLabel(t.Owner))
		r.scopes = scopeSummary(t.Scope)
		b.Add(r.name)
		b.Add(r.owner)
		for _, s := range t.Scope {
			b.Add(sanitize.Line(s))
		}
		b.EndRow()
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
	tbl := list.Table[row]{Rows: rows, Index: b.Index()}
	for i := range rows { // keys are slices of the finished text
		r := &rows[i]
		r.nameKey = tbl.Index.Field(int32(i), 0)
		r.ownerKey = tbl.Index.Field(int32(i), 1)
	}
	nameRanks := match.DenseRanks(len(rows), func(i int) string { return rows[i].nameKey })
	ownerRanks := match.DenseRanks(len(rows), func(i int) string { return rows[i].ownerKey })
	for i := range rows {
		rows[i].nameRank, rows[i].ownerRank = nameRanks[i], ownerRanks[i]
	}
	return tbl
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
