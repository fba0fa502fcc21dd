package tokens

import (
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/widgets/export"
)

// Export (X): the marked tokens, or else every token the view shows (the
// filter and stale-only apply), to CSV or JSON at a path the user
// confirms. `sailtui report tokens` writes the same table headless.

// exportID is the save prompt's id on the shell's stack.
const exportID = "tokens.export"

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
		after = DefaultStaleAfter
	}
	rows := make([][]any, len(toks))
	for i := range toks {
		t := &toks[i]
		v := Explain(t, now, after)
		lastAgo, expIn := "never", ""
		if t.LastUsed != nil {
			lastAgo = ago(now, *t.LastUsed)
		}
		if t.ExpirationDate != nil {
			expIn = timefmt.Relative(now, *t.ExpirationDate)
		}
		rows[i] = []any{
			t.ID, t.Name, t.Owner.ID, t.Owner.Name, t.Owner.Type, t.Scope,
			t.Created, ago(now, t.Created), t.LastUsed, lastAgo,
			t.ExpirationDate, expIn, t.UserAwareTokenNeverExpires, t.AccessTokenValiditySeconds,
			t.Managed, v.Stale(), v.String(),
		}
	}
	return report.Table{Columns: ReportColumns(), Rows: rows}
}

// exportRows is what X exports: the marked tokens, or else the rows shown.
func (m *Model) exportRows() (toks []client.PersonalAccessToken, marked bool) {
	if m.rows.Marks().Len() > 0 {
		return m.selection()
	}
	return m.rows.VisibleItems(), false
}

// startExport asks where to save the export.
func (m *Model) startExport() tea.Cmd {
	if !m.loaded {
		return common.Toast(common.ToastWarning, "Nothing to export yet: the list is loading")
	}
	toks, marked := m.exportRows()
	if len(toks) == 0 {
		return common.Toast(common.ToastWarning, "Nothing to export: no tokens in view")
	}
	now, after := m.Now(), m.opts.StaleAfter
	what := plural(len(toks), "token") + " in view"
	if marked {
		what = plural(len(toks), "marked token")
	}
	return m.export.Start(m.Common, export.Request{
		ID: exportID, Title: "Export " + what, Home: m.opts.Home, N: len(toks), Noun: "token",
		Path:  filepath.Join(m.opts.ReportDir, report.FileName("tokens", m.opts.Tenant, now, report.CSV)),
		Build: func() report.Table { return ReportTable(toks, now, after) },
	})
}

// Select is what the view would show of toks with stale-only and the
// filter text applied, in its default order: `sailtui report` uses it so
// that a headless report and an X export of the same view agree.
func Select(toks []client.PersonalAccessToken, now time.Time, after time.Duration, staleOnly bool, text string) []client.PersonalAccessToken {
	if after <= 0 {
		after = DefaultStaleAfter
	}
	t := buildRows(toks, now, after)
	res := computeView(t, list.Query{Sort: defaultSort(), Only: staleOnly, Text: text}, nil)
	out := make([]client.PersonalAccessToken, len(res.Visible))
	for i, r := range res.Visible {
		out[i] = *t.Rows[r].tok
	}
	return out
}
