package tokens

import (
	"math"
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
	// search holds the lowercase fields for the fuzzy filter, "name owner
	// scope scope"; nameKey, ownerKey and the row's fieldRefs slice it.
	search            string
	nameKey, ownerKey string
	fieldLo           int32 // first fieldRef of this row
	fieldN            int32
	// Sort keys: unix nanoseconds; never-used sorts first, never-expiring last.
	created, lastUsed, expires int64
	stale                      StaleReason
}

const (
	neverUsed    = math.MinInt64
	neverExpires = math.MaxInt64
)

// fieldRef is one searchable field of one row: row.search[lo:hi]. The
// filter matches each field on its own, so a pattern never matches by
// picking letters from the name, the owner and a scope at once.
type fieldRef struct {
	row    int32
	lo, hi uint16
}

// table is the loaded list in the form the view works on.
type table struct {
	rows   []row
	fields []fieldRef
}

// buildRows derives rows from a list response. It sanitizes each
// server-provided string exactly once.
func buildRows(toks []client.PersonalAccessToken, now time.Time, staleAfter time.Duration) table {
	rows := make([]row, len(toks))
	fields := make([]fieldRef, 0, len(toks)*3)
	var sb strings.Builder
	var bounds []int
	for i := range toks {
		t := &toks[i]
		r := &rows[i]
		r.tok = t
		r.name = sanitize.Line(t.Name)
		r.owner = sanitize.Line(ownerLabel(t.Owner))
		r.scopes = scopeSummary(t.Scope)
		sb.Reset()
		bounds = bounds[:0]
		add := func(s string) {
			if sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			lo := sb.Len()
			sb.WriteString(strings.ToLower(s))
			bounds = append(bounds, lo, sb.Len())
		}
		add(r.name)
		add(r.owner)
		for _, s := range t.Scope {
			add(sanitize.Line(s))
		}
		r.search = sb.String()
		r.nameKey, r.ownerKey = r.search[bounds[0]:bounds[1]], r.search[bounds[2]:bounds[3]]
		r.fieldLo = int32(len(fields))
		for j := 0; j < len(bounds); j += 2 {
			if bounds[j+1] > 0xffff { // absurdly long field: search its start only
				bounds[j+1] = 0xffff
			}
			if bounds[j] < bounds[j+1] {
				fields = append(fields, fieldRef{row: int32(i), lo: uint16(bounds[j]), hi: uint16(bounds[j+1])})
			}
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
	return table{rows: rows, fields: fields}
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
	return strconv.Itoa(len(scopes)) + " " + sanitize.Line(scopes[0])
}
