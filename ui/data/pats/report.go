package pats

import (
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// ReportColumns are a token report's columns.
func ReportColumns() []string {
	return []string{
		"id", "name", "owner_id", "owner_name", "owner_type", "scopes",
		"created", "created_ago", "last_used", "last_used_ago",
		"expires", "expires_in", "never_expires", "validity_seconds",
		"managed", "stale", "stale_reason",
		"owner_state", "owner_status", "owner_manager", "risk",
	}
}

// ReportTable is toks as a report, judged stale against after at now.
func ReportTable(toks []client.PersonalAccessToken, now time.Time, after time.Duration) report.Table {
	return ReportTableWith(toks, now, after, nil, false)
}

// ReportTableWith is ReportTable knowing the owners (owner nil: their
// columns stay empty); with ownerRule an inactive owner is a stale reason.
func ReportTableWith(toks []client.PersonalAccessToken, now time.Time, after time.Duration, owner func(string) owners.Info,
	ownerRule bool) report.Table {
	if after <= 0 {
		after = stale.DefaultAfter
	}
	rows := make([][]any, len(toks))
	for i := range toks {
		t := &toks[i]
		var o owners.Info
		if owner != nil {
			o = owner(t.Owner.ID)
		}
		judged := o
		if !ownerRule {
			judged = owners.Info{}
		}
		v := ExplainWith(t, now, after, judged)
		state, status, manager := ownerColumns(o, owner != nil)
		lastAgo, expIn := "never", ""
		if t.LastUsed != nil {
			lastAgo = stale.Ago(now, *t.LastUsed)
		}
		if t.ExpirationDate != nil {
			expIn = timefmt.Relative(now, *t.ExpirationDate)
		}
		rows[i] = []any{
			t.ID, t.Name, t.Owner.ID, t.Owner.Name, t.Owner.Type, t.Scope,
			t.Created, stale.Ago(now, t.Created), t.LastUsed, lastAgo,
			t.ExpirationDate, expIn, t.UserAwareTokenNeverExpires, t.AccessTokenValiditySeconds,
			t.Managed, v.Stale(), v.String(),
			state, status, manager, RiskOf(t, now, o).Names(),
		}
	}
	return report.Table{Columns: ReportColumns(), Rows: rows}
}

// ownerColumns are an owner's state, lifecycle status and manager as a
// report writes them ("unknown" where the identity APIs were refused;
// empty when owners were not read).
func ownerColumns(o owners.Info, read bool) (state, status, manager string) {
	if !read {
		return "", "", ""
	}
	state = map[owners.State]string{owners.Unknown: "unknown", owners.Active: "active", owners.Away: "inactive-short-term",
		owners.Left: "inactive-long-term", owners.Missing: "no-identity", owners.Refused: "unknown"}[o.State]
	return state, o.Status, o.Manager
}

// OwnerColumns are ownerColumns for the other reports (apps).
func OwnerColumns(o owners.Info, read bool) (state, status, manager string) {
	return ownerColumns(o, read)
}
