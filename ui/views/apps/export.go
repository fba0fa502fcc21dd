package apps

import (
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/export"
)

// Export (X): the marked apps, or else every app the view shows, to CSV
// or JSON; `sailtui report apps` writes the same table headless.

// exportID is the save prompt's id on the shell's stack.
const exportID = "apps.export"

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
	var owner func(string) owners.Info
	if m.owners.Reading() {
		owner = m.owners.Directory().Get
	}
	return m.export.Start(m.Common, export.Request{
		ID: exportID, Title: "Export " + what, Home: m.opts.Home, N: len(apps), Noun: "app",
		Path:  filepath.Join(m.opts.ReportDir, report.FileName("apps", m.opts.Tenant, now, report.CSV)),
		Build: func() report.Table { return sourceapps.ReportTableWith(apps, now, prof, owner) },
	})
}
