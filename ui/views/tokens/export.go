package tokens

import (
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/widgets/export"
)

// Export (X): the marked tokens, or else every token the view shows (the
// filter and stale-only apply), to CSV or JSON at a path the user
// confirms. `sailtui report tokens` writes the same table headless.

// exportID is the save prompt's id on the shell's stack.
const exportID = "tokens.export"

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
		Build: m.reportOf(toks, now, after),
	})
}

// reportOf builds the report of toks, with the owners' columns when the
// session reads them (a snapshot: built off the event loop).
func (m *Model) reportOf(toks []client.PersonalAccessToken, now time.Time, after time.Duration) func() report.Table {
	if !m.owners.Reading() {
		return func() report.Table { return pats.ReportTable(toks, now, after) }
	}
	d, rule := m.owners.Directory(), !m.opts.OwnerRuleOff
	return func() report.Table { return pats.ReportTableWith(toks, now, after, d.Get, rule) }
}
