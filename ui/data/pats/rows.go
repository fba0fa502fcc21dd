// Package pats is the token list's rules, apart from any view: the rows
// derived from a list response (sanitized text, sort keys, the stale
// verdict), their sorting, filtering and grouping, the stale rule for a
// token, and the report table. The Tokens view and `sailtui report
// tokens` select with the same rules.
package pats

import (
	"math"
	"strconv"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
)

// Row is one loaded token plus everything derived from it once per load,
// so sorting, filtering and drawing never re-derive per frame or
// keystroke.
type Row struct {
	Tok   *client.PersonalAccessToken
	Index int32 // its index in the table (the search index's row)
	// Display text, sanitized (server-provided strings never reach the
	// terminal raw).
	Name, Owner, Scopes string
	// Lowercase sort keys: slices of the index's text.
	NameKey, OwnerKey string
	// Dense ranks of NameKey and OwnerKey, computed once per load, so a
	// sort by name or owner compares integers (equal keys share a rank).
	NameRank, OwnerRank uint32
	// Sort keys: unix nanoseconds; never-used sorts first, never-expiring
	// last.
	Created, LastUsed, Expires int64
	Stale                      stale.Reason
	// OwnerState is the owner's state as far as it is known; Risk the
	// token's risk flags.
	OwnerState owners.State
	Risk       Risk
}

// Sort keys of the missing times.
const (
	NeverUsed    = math.MinInt64
	NeverExpires = math.MaxInt64
)

// BuildRows derives rows from a list response, with the search index of
// their fields (name, owner, then each scope; the filter matches each
// field on its own). It sanitizes each server-provided string exactly
// once.
func BuildRows(toks []client.PersonalAccessToken, now time.Time, staleAfter time.Duration) table.Table[Row] {
	return BuildRowsWith(toks, now, staleAfter, nil, false)
}

// BuildRowsWith is BuildRows with the owners' states (owner nil: none
// known): with ownerRule, an inactive owner makes a token stale
// (OwnerInactive).
func BuildRowsWith(toks []client.PersonalAccessToken, now time.Time, staleAfter time.Duration, owner func(id string) owners.Info,
	ownerRule bool) table.Table[Row] {
	rows := make([]Row, len(toks))
	b := match.NewBuilder(len(toks), 3, 48)
	for i := range toks {
		t := &toks[i]
		r := &rows[i]
		r.Tok, r.Index = t, int32(i)
		r.Name = sanitize.Line(t.Name)
		r.Owner = sanitize.Line(OwnerLabel(t.Owner))
		r.Scopes = ScopeSummary(t.Scope)
		var o owners.Info
		if owner != nil {
			o = owner(t.Owner.ID)
		}
		r.OwnerState, r.Risk = o.State, RiskOf(t, now, o)
		b.Add(r.Name)
		b.Add(r.Owner)
		for _, s := range t.Scope {
			b.Add(sanitize.Line(s))
		}
		b.EndRow()
		r.Created = t.Created.UnixNano()
		r.LastUsed = NeverUsed
		if t.LastUsed != nil {
			r.LastUsed = t.LastUsed.UnixNano()
		}
		r.Expires = NeverExpires
		if t.ExpirationDate != nil && !t.UserAwareTokenNeverExpires {
			r.Expires = t.ExpirationDate.UnixNano()
		}
		if !ownerRule {
			o = owners.Info{}
		}
		r.Stale = ExplainWith(t, now, staleAfter, o).Reason
	}
	tbl := table.Table[Row]{Rows: rows, Index: b.Index()}
	for i := range rows { // keys are slices of the finished text
		r := &rows[i]
		r.NameKey = tbl.Index.Field(int32(i), 0)
		r.OwnerKey = tbl.Index.Field(int32(i), 1)
	}
	nameRanks := match.DenseRanks(len(rows), func(i int) string { return rows[i].NameKey })
	ownerRanks := match.DenseRanks(len(rows), func(i int) string { return rows[i].OwnerKey })
	for i := range rows {
		rows[i].NameRank, rows[i].OwnerRank = nameRanks[i], ownerRanks[i]
	}
	return tbl
}

func OwnerLabel(o client.PatOwner) string {
	if o.Name != "" {
		return o.Name
	}
	return o.ID
}

// ScopeSummary is "count first": "3 sp:scopes:all". An empty scope list
// means the API's default, sp:scopes:default.
func ScopeSummary(scopes []string) string {
	switch len(scopes) {
	case 0:
		return "default"
	case 1:
		return sanitize.Line(scopes[0])
	}
	// "sp:scopes:default +3": a leading count read as part of the name.
	return sanitize.Line(scopes[0]) + " +" + strconv.Itoa(len(scopes)-1)
}
