package apps

import (
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/export"
)

// Export (X): the marked apps, or else every app the view shows, to CSV
// or JSON; `sailtui report apps` writes the same table headless.

// exportID is the save prompt's id on the shell's stack.
const exportID = "apps.export"

// ReportColumns are an app report's columns.
func ReportColumns() []string {
	return []string{
		"id", "name", "description", "enabled", "app_center", "access_requests", "match_all_accounts",
		"source_id", "source_name", "owner_id", "owner_name", "access_profiles",
		"created", "created_ago", "modified", "modified_ago", "cloud_app_id",
	}
}

// ReportTable is apps as a report at now; profiles are the known
// access-profile counts (an unknown count is left empty).
func ReportTable(apps []client.SourceApp, now time.Time, profiles map[string]int) report.Table {
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
		rows[i] = []any{
			a.ID, a.Name, a.Description, a.Enabled, a.AppCenterEnabled, a.ProvisionRequestEnabled, a.MatchAllAccounts,
			srcID, srcName, ownID, ownName, n,
			a.Created, timefmt.Relative(now, a.Created), a.Modified, timefmt.Relative(now, a.Modified), a.CloudAppID,
		}
	}
	return report.Table{Columns: ReportColumns(), Rows: rows}
}

// Select is what the view would show of apps with the filter text
// applied, in its default order (by name): `sailtui report apps` uses it.
func Select(apps []client.SourceApp, text string) []client.SourceApp {
	t := buildTable(apps)
	byName := func(rows []row, s table.Sort) []int32 { return sortedOrder(rows, s, func(string) int { return -1 }) }
	res := table.Compute(t, table.Query{Text: text, Sort: table.Sort{Col: int(ColName)}}, nil, table.Rules[row]{Order: byName, Weights: fieldWeights()})
	out := make([]client.SourceApp, len(res.Visible))
	for i, r := range res.Visible {
		out[i] = *t.Rows[r].app
	}
	return out
}

// startExport asks where to save the export.
func (m *Model) startExport() tea.Cmd {
	if !m.loaded {
		return common.Toast(common.ToastWarning, "Nothing to export yet: the list is loading")
	}
	apps := m.markedApps()
	what := timefmt.Plural(len(apps), "marked app")
	if len(apps) == 0 {
		apps = m.rows.VisibleItems()
		what = timefmt.Plural(len(apps), "app") + " in view"
	}
	if len(apps) == 0 {
		return common.Toast(common.ToastWarning, "Nothing to export: no apps in view")
	}
	if !m.complete {
		what += " (of those loaded so far)"
	}
	now, prof := m.Now(), m.profiles
	return m.export.Start(m.Common, export.Request{
		ID: exportID, Title: "Export " + what, Home: m.opts.Home, N: len(apps), Noun: "app",
		Path:  filepath.Join(m.opts.ReportDir, report.FileName("apps", m.opts.Tenant, now, report.CSV)),
		Build: func() report.Table { return ReportTable(apps, now, prof) },
	})
}
