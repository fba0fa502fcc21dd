package auditview

import (
	"strconv"
	"strings"
	"time"

	"github.com/sailtui/sailtui/ui/data/audit"
)

// A query is the filter's terms: "field:value" looks in one field,
// anything else in every field; all terms must match, case-insensitive.
// Fields: action, result, name (or token, resource), owner, actor, date
// (a prefix of the RFC 3339 time: 2026-12, 2026-12-04T16), status, op.
// An unreadable line has result "unreadable" and matches bare terms
// against its text.
type query []term

type term struct {
	field int // a field index, or anyField
	value string
}

// Searchable fields, in a line's search record.
const (
	fAction = iota
	fResult
	fName
	fOwner
	fActor
	fDate
	fStatus
	fOp
	fOther // error, tracking id, note, an unreadable line's text
	numFields
	anyField = -1
)

// fieldNamed is the field a typed name searches.
func fieldNamed(name string) (int, bool) {
	switch name {
	case "action":
		return fAction, true
	case "result":
		return fResult, true
	case "name", "token", "resource":
		return fName, true
	case "owner":
		return fOwner, true
	case "actor":
		return fActor, true
	case "date", "time":
		return fDate, true
	case "status":
		return fStatus, true
	case "op":
		return fOp, true
	}
	return 0, false
}

func parseQuery(s string) query {
	var q query
	for _, f := range strings.Fields(strings.ToLower(s)) {
		if k, v, ok := strings.Cut(f, ":"); ok && v != "" {
			if field, known := fieldNamed(k); known {
				q = append(q, term{field: field, value: v})
				continue
			}
		}
		q = append(q, term{field: anyField, value: f})
	}
	return q
}

// unreadable is an unparsable line's result, for filtering and export.
const unreadable = "unreadable"

// search is a line's searchable text, lower-cased once when the log is
// read (off the event loop), so a keystroke only compares strings.
type search [numFields]string

func searchOf(l *audit.Line) search {
	var s search
	if l.Err != nil {
		s[fResult], s[fOther] = unreadable, strings.ToLower(l.Raw+" "+l.Err.Error())
		return s
	}
	e := &l.Entry
	s[fAction], s[fResult] = strings.ToLower(e.Action), strings.ToLower(string(e.Result))
	s[fName] = strings.ToLower(e.Name + " " + e.ResourceID)
	s[fOwner] = strings.ToLower(e.OwnerName + " " + e.OwnerID)
	s[fActor] = strings.ToLower(e.ActorName + " " + e.ActorID)
	s[fDate] = strings.ToLower(e.Time.UTC().Format(time.RFC3339))
	if e.Status != 0 {
		s[fStatus] = strconv.Itoa(e.Status)
	}
	s[fOp] = strings.ToLower(e.Op)
	s[fOther] = strings.ToLower(e.Error + " " + e.TrackingID + " " + e.Note)
	return s
}

func (q query) match(s *search) bool {
	for _, t := range q {
		switch t.field {
		case fDate:
			if !strings.HasPrefix(s[fDate], t.value) {
				return false
			}
		case anyField:
			found := false
			for _, v := range s {
				if strings.Contains(v, t.value) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		default:
			if !strings.Contains(s[t.field], t.value) {
				return false
			}
		}
	}
	return true
}
