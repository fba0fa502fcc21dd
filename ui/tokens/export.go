package tokens

import (
	"net/url"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/report"
	"github.com/sailtui/sailtui/ui/textprompt"
)

// Export (X): the marked tokens, or else every token the view shows (the
// filter and stale-only apply), to CSV or JSON at a path the user
// confirms. `sailtui report tokens` writes the same table headless.

// exportID is the save prompt's id on the shell's stack.
const exportID = "tokens.export"

// ReportColumns are a token report's columns.
var ReportColumns = []string{
	"id", "name", "owner_id", "owner_name", "owner_type", "scopes",
	"created", "created_ago", "last_used", "last_used_ago",
	"expires", "expires_in", "never_expires", "validity_seconds",
	"managed", "stale", "stale_reason",
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
			expIn = common.Relative(now, *t.ExpirationDate)
		}
		rows[i] = []any{
			t.ID, t.Name, t.Owner.ID, t.Owner.Name, t.Owner.Type, t.Scope,
			t.Created, ago(now, t.Created), t.LastUsed, lastAgo,
			t.ExpirationDate, expIn, t.UserAwareTokenNeverExpires, t.AccessTokenValiditySeconds,
			t.Managed, v.Stale(), v.String(),
		}
	}
	return report.Table{Columns: ReportColumns, Rows: rows}
}

// exportRows is what X exports: the marked tokens, or else the rows shown.
func (m *Model) exportRows() (toks []client.PersonalAccessToken, marked bool) {
	if len(m.marks) > 0 {
		return m.selection()
	}
	for _, i := range m.res.visible {
		toks = append(toks, *m.rows[i].tok)
	}
	return toks, false
}

// exportJob is the export the save prompt is asking about.
type exportJob struct {
	toks   []client.PersonalAccessToken
	marked bool
	now    time.Time
	saving bool // a save is under way: enter again does nothing
}

// exportSavedMsg is a finished save.
type exportSavedMsg struct {
	path string
	n    int
	err  error
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
	now := m.Now()
	m.export = &exportJob{toks: toks, marked: marked, now: now}
	what := plural(len(toks), "token") + " in view"
	if marked {
		what = plural(len(toks), "marked token")
	}
	path := filepath.Join(m.opts.ReportDir, report.FileName("tokens", tenantOf(m.opts.BaseURL), now, report.CSV))
	return common.PushModal(exportID, textprompt.New(m.Common, textprompt.Options{
		ID: exportID, Title: "Export " + what, Value: path, Width: 90, Limit: 4096,
		Hint: "ends in .csv or .json; an existing file is never replaced",
	}))
}

// onExportAnswer saves to the chosen path, off the event loop. The prompt
// stays open until the save succeeds, so a bad name or an existing file
// costs nothing: the user fixes the path and presses enter again.
func (m *Model) onExportAnswer(msg textprompt.AnswerMsg) tea.Cmd {
	job := m.export
	if !msg.OK || job == nil {
		m.export = nil
		return common.PopModal(exportID)
	}
	if job.saving {
		return nil
	}
	path := strings.TrimSpace(msg.Text)
	if strings.HasPrefix(path, "~/") && m.opts.Home != "" {
		path = filepath.Join(m.opts.Home, path[2:])
	}
	if !filepath.IsAbs(path) {
		return common.Toast(common.ToastWarning, "Give a full path (starting with / or ~/)")
	}
	if _, err := report.FormatOf(path); err != nil {
		return common.Toast(common.ToastWarning, err.Error())
	}
	job.saving = true
	tbl := ReportTable(job.toks, job.now, m.opts.StaleAfter)
	return func() tea.Msg {
		return exportSavedMsg{path: path, n: len(job.toks), err: report.Save(path, tbl)}
	}
}

func (m *Model) onExportSaved(msg exportSavedMsg) tea.Cmd {
	if m.export != nil {
		m.export.saving = false
	}
	if msg.err != nil {
		return common.Toast(common.ToastError, "Not exported: "+msg.err.Error())
	}
	m.export = nil
	return tea.Batch(common.PopModal(exportID),
		common.Toast(common.ToastSuccess, "Exported "+plural(msg.n, "token")+" to "+msg.path))
}

// tenantOf names the tenant in a report's file name: the base URL's host.
func tenantOf(base string) string {
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return u.Hostname()
	}
	return "tenant"
}

// Select is what the view would show of toks with stale-only and the
// filter text applied, in its default order: `sailtui report` uses it so
// that a headless report and an X export of the same view agree.
func Select(toks []client.PersonalAccessToken, now time.Time, after time.Duration, staleOnly bool, text string) []client.PersonalAccessToken {
	if after <= 0 {
		after = DefaultStaleAfter
	}
	t := buildRows(toks, now, after)
	res := computeView(t, viewQuery{sort: defaultSort(), staleOnly: staleOnly, text: text}, nil)
	out := make([]client.PersonalAccessToken, len(res.visible))
	for i, r := range res.visible {
		out[i] = *t.rows[r].tok
	}
	return out
}
