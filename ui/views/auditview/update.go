package auditview

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/detail"
	"github.com/sailtui/sailtui/ui/widgets/export"
)

// exportID is the export prompt's id on the shell's stack.
const exportID = "audit.export"

// Update handles the view's messages and keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.rows.HandleMsg(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case loadedMsg:
		return m.onLoaded(msg)
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	if cmd, ok := m.export.Update(msg); ok {
		return cmd
	}
	return nil
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	cmd, _ := m.rows.HandleKey(msg, m.keys.Keys)
	return cmd
}

// openDetail shows the line under the cursor in full.
func (m *Model) openDetail() tea.Cmd {
	l := m.current()
	if l == nil {
		return nil
	}
	g := m.Styles.Glyphs
	var text []string
	title := fmt.Sprintf("Audit entry %s line %d", g.Arrow, l.N)
	if l.Err != nil {
		title = fmt.Sprintf("Unreadable line %d", l.N)
		text = append(text, "This line is not an audit entry: "+sanitize.Line(l.Err.Error()), "", "As written:")
		text = append(text, wrap(sanitize.Line(l.Raw), max(m.Width-12, 20))...)
	} else {
		b, err := json.MarshalIndent(l.Entry, "", "  ")
		if err != nil {
			b = []byte(err.Error())
		}
		for _, s := range strings.Split(string(b), "\n") {
			text = append(text, sanitize.Line(s))
		}
	}
	text = append(text, "", "in "+sanitize.Line(m.opts.Path))
	d := detail.NewText(m.Common, title, text)
	if l.Err == nil && l.Entry.ResourceID != "" {
		d.WithSubject(detail.Subject{Source: "audit", ID: l.Entry.ResourceID, Name: l.Entry.Name, Kind: string(l.Entry.Kind)})
	}
	return common.PushModal(detail.ID, d)
}

// wrap cuts s into pieces of at most w bytes (a raw line has no spaces to
// break at, often).
func wrap(s string, w int) []string {
	var out []string
	for len(s) > w {
		out = append(out, s[:w])
		s = s[w:]
	}
	return append(out, s)
}

// exportColumns are an audit export's columns.
func exportColumns() []string {
	return []string{
		"line", "time", "action", "result", "kind", "resource_id", "name", "owner_id", "owner_name", "actor_id", "actor_name",
		"status", "tracking_id", "error", "op", "ops", "note", "base_url", "raw",
	}
}

// exportTable is lines as a report.
func exportTable(lines []audit.Line) report.Table {
	rows := make([][]any, len(lines))
	for i := range lines {
		l := &lines[i]
		if l.Err != nil {
			rows[i] = []any{l.N, nil, "", unreadable, "", "", "", "", "", "", "", "", "", l.Err.Error(), "", "", "", "", l.Raw}
			continue
		}
		e := &l.Entry
		status := ""
		if e.Status != 0 {
			status = fmt.Sprint(e.Status)
		}
		rows[i] = []any{l.N, e.Time, e.Action, string(e.Result), string(e.Kind), e.ResourceID, e.Name, e.OwnerID, e.OwnerName,
			e.ActorID, e.ActorName, status, e.TrackingID, e.Error, e.Op, string(e.Ops), e.Note, e.BaseURL, ""}
	}
	return report.Table{Columns: exportColumns(), Rows: rows}
}

// startExport asks where to save the lines shown.
func (m *Model) startExport() tea.Cmd {
	lines := m.rows.VisibleItems()
	if len(lines) == 0 {
		return common.Toast(common.ToastWarning, "Nothing to export: no entries in view")
	}
	now := m.Now()
	return m.export.Start(m.Common, export.Request{
		ID: exportID, Title: "Export " + timefmt.Plural(len(lines), "audit entry") + " in view", Home: m.opts.Home,
		N: len(lines), Noun: "entry",
		Path:  filepath.Join(m.opts.ReportDir, report.FileName("audit", m.opts.Tenant, now, report.CSV)),
		Build: func() report.Table { return exportTable(lines) },
	})
}
