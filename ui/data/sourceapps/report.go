package sourceapps

import (
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// ReportColumns are an app report's columns.
func ReportColumns() []string {
	return []string{
		"id", "name", "description", "enabled", "app_center", "access_requests", "match_all_accounts",
		"source_id", "source_name", "owner_id", "owner_name", "access_profiles",
		"created", "created_ago", "modified", "modified_ago", "cloud_app_id",
		"owner_state", "owner_status", "owner_manager",
	}
}

// ReportTable is apps as a report at now; profiles are the known
// access-profile counts (an unknown count is left empty).
func ReportTable(apps []client.SourceApp, now time.Time, profiles map[string]int) report.Table {
	return ReportTableWith(apps, now, profiles, nil)
}

// ReportTableWith is ReportTable knowing the owners (owner nil: their
// columns stay empty).
func ReportTableWith(apps []client.SourceApp, now time.Time, profiles map[string]int, owner func(string) owners.Info) report.Table {
	rows := make([][]any, len(apps))
	for i := range apps {
		a := &apps[i]
		var srcID, srcName, ownID, ownName string
		if s := a.AccountSource; s != nil {
			srcID, srcName = s.ID, s.Name
		}
		if o := a.Owner; o != nil {
			ownID, ownName = o.ID, o.Name
		}
		var n any = ""
		if c, ok := profiles[a.ID]; ok {
			n = c
		}
		var o owners.Info
		if owner != nil && ownID != "" {
			o = owner(ownID)
		}
		state, status, manager := pats.OwnerColumns(o, owner != nil && ownID != "")
		rows[i] = []any{
			a.ID, a.Name, a.Description, a.Enabled, a.AppCenterEnabled, a.ProvisionRequestEnabled, a.MatchAllAccounts,
			srcID, srcName, ownID, ownName, n,
			a.Created, timefmt.Relative(now, a.Created), a.Modified, timefmt.Relative(now, a.Modified), a.CloudAppID,
			state, status, manager,
		}
	}
	return report.Table{Columns: ReportColumns(), Rows: rows}
}

// Select is what the view would show of apps with the filter text
// applied, in its default order (by name): `sailtui report apps` uses it.
func Select(apps []client.SourceApp, text string) []client.SourceApp {
	t := BuildRows(apps)
	byName := func(rows []Row, s table.Sort) []int32 { return SortedOrder(rows, s, func(string) int { return -1 }) }
	res := table.Compute(t, table.Query{Text: text, Sort: table.Sort{Col: int(ColName)}}, nil, table.Rules[Row]{Order: byName, Weights: Weights()})
	out := make([]client.SourceApp, len(res.Visible))
	for i, r := range res.Visible {
		out[i] = *t.Rows[r].App
	}
	return out
}
