package pats

import (
	"time"

	"github.com/sailtui/sailtui/client"
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
	}
}

// ReportTable is toks as a report, judged stale against after at now.
func ReportTable(toks []client.PersonalAccessToken, now time.Time, after time.Duration) report.Table {
	if after <= 0 {
		after = stale.DefaultAfter
	}
	rows := make([][]any, len(toks))
	for i := range toks {
		t := &toks[i]
		v := Explain(t, now, after)
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
		}
	}
	return report.Table{Columns: ReportColumns(), Rows: rows}
}
