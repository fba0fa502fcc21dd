package auditview

import (
	"strconv"
	"strings"
	"time"

	"github.com/sailtui/sailtui/ui/audit"
)

// A query is the filter's terms: "field:value" looks in one field,
// anything else in every field; all terms must match, case-insensitive.
// Fields: action, result, name (or token, resource), owner, actor, date
// (a prefix of the RFC 3339 time: 2026-12, 2026-12-04T16), status, op.
// An unreadable line has result "unreadable" and matches bare terms
// against its text.
type query []term

type term struct{ field, value string }

// fieldNames maps what may be typed to the field it searches.
var fieldNames = map[string]string{
	"action": "action", "result": "result", "name": "name", "token": "name", "resource": "name",
	"owner": "owner", "actor": "actor", "date": "date", "time": "date", "status": "status", "op": "op",
}

func parseQuery(s string) query {
	var q query
	for _, f := range strings.Fields(strings.ToLower(s)) {
		if k, v, ok := strings.Cut(f, ":"); ok && v != "" {
			if field, known := fieldNames[k]; known {
				q = append(q, term{field: field, value: v})
				continue
			}
		}
		q = append(q, term{value: f})
	}
	return q
}

// unreadable is an unparsable line's result, for filtering and export.
const unreadable = "unreadable"

// fields are a line's searchable values.
func fields(l *audit.Line) map[string]string {
	if l.Err != nil {
		return map[string]string{"result": unreadable, "raw": l.Raw, "error": l.Err.Error()}
	}
	e := &l.Entry
	f := map[string]string{
		"action": e.Action, "result": string(e.Result), "name": e.Name + " " + e.TokenID,
		"owner": e.OwnerName + " " + e.OwnerID, "actor": e.ActorName + " " + e.ActorID,
		"date": e.Time.UTC().Format(time.RFC3339), "op": e.Op, "error": e.Error,
		"tracking": e.TrackingID, "note": e.Note,
	}
	if e.Status != 0 {
		f["status"] = strconv.Itoa(e.Status)
	}
	return f
}

func (q query) match(l *audit.Line) bool {
	if len(q) == 0 {
		return true
	}
	f := fields(l)
	for _, t := range q {
		if t.field == "date" {
			if !strings.HasPrefix(f["date"], t.value) && !strings.HasPrefix(strings.ToLower(f["date"]), t.value) {
				return false
			}
			continue
		}
		if t.field != "" {
			if !strings.Contains(strings.ToLower(f[t.field]), t.value) {
				return false
			}
			continue
		}
		found := false
		for _, v := range f {
			if strings.Contains(strings.ToLower(v), t.value) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
