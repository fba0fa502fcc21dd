package clients

import (
	"fmt"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/oauthclients"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/detail"
	"github.com/sailtui/sailtui/ui/widgets/export"
)

// detailSource names this view in the details' EditMsg.
const detailSource = "clients"

// openDetail shows every field of the selected client: redirect URIs,
// validity in words, the stale verdict with its facts.
func (m *Model) openDetail() tea.Cmd {
	c := m.rows.SelectedItem()
	if c == nil {
		return nil
	}
	d := detail.NewText(m.Common, "API client "+sanitize.Line(c.Name), m.detailLines(c)).WithSubject(detail.Subject{Source: detailSource,
		ID: c.ID, Name: c.Name, Editable: m.keys.Edit.Enabled(), NotEditable: m.keys.DisabledReason(m.keys.Edit)})
	return common.PushModal(detail.ID, d)
}

func (m *Model) detailLines(c *client.OAuthClient) []string {
	now := m.Now()
	opt := func(p *string) string {
		if p == nil || *p == "" {
			return "—"
		}
		return *p
	}
	list := func(xs []string) string {
		if len(xs) == 0 {
			return "—"
		}
		return strings.Join(xs, ", ")
	}
	when := func(t *string, at string) string { return at + " (" + *t + ")" }
	created, modified := stale.Ago(now, c.Created), stale.Ago(now, c.Modified)
	last := "never"
	if c.LastUsed != nil {
		last = timefmt.Absolute(*c.LastUsed) + " (" + stale.Ago(now, *c.LastUsed) + "; moves at most once a day)"
	}
	state := "enabled"
	if !c.Enabled {
		state = "DISABLED: it cannot sign in"
	}
	if m.isSession(c) {
		state += " · sailtui is signed in with this client"
	}
	rows := [][2]string{
		{"Client id", c.ID},
		{"Name", c.Name},
		{"Description", opt(c.Description)},
		{"State", state},
		{"Internal", yesNo(c.Internal)},
		{"Grant types", list(c.GrantTypes)},
		{"Redirect URIs", list(c.RedirectURIs)},
		{"Access type", c.AccessType + " · type " + c.Type},
		{"Token validity", validityText(c.AccessTokenValiditySeconds)},
		{"Refresh validity", validityText(c.RefreshTokenValiditySeconds)},
		{"Scopes", oauthclients.ScopesText(c.Scope)},
		{"Business name", opt(c.BusinessName)},
		{"Homepage", opt(c.HomepageURL)},
		{"Strong auth", yesNo(c.StrongAuthSupported) + " · SAML claims " + yesNo(c.ClaimsSupported)},
		{"Created", when(&created, timefmt.Absolute(c.Created))},
		{"Modified", when(&modified, timefmt.Absolute(c.Modified))},
		{"Last used", last},
		{"Stale", oauthclients.Judge(c, now, m.opts.StaleAfter).String()},
	}
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = fmt.Sprintf("%-18s%s", r[0]+":", r[1])
	}
	for i := range lines {
		lines[i] = sanitize.Line(lines[i])
	}
	return lines
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// startExport asks where to save the marked clients, or every client in
// view, as CSV or JSON; `sailtui report clients` writes the same table.
func (m *Model) startExport() tea.Cmd {
	if !m.loaded {
		return common.Toast(common.ToastWarning, "Nothing to export yet: the list is loading")
	}
	cs := m.rows.MarkedItems()
	what := timefmt.Plural(len(cs), "marked API client")
	if len(cs) == 0 {
		cs = m.rows.VisibleItems()
		what = timefmt.Plural(len(cs), "API client") + " in view"
	}
	if len(cs) == 0 {
		return common.Toast(common.ToastWarning, "Nothing to export: no API clients in view")
	}
	now, after := m.Now(), m.opts.StaleAfter
	return m.export.Start(m.Common, export.Request{
		ID: exportID, Title: "Export " + what, Home: m.opts.Home, N: len(cs), Noun: "API client",
		Path:  filepath.Join(m.opts.ReportDir, report.FileName("clients", m.opts.Tenant, now, report.CSV)),
		Build: func() report.Table { return oauthclients.ReportTable(cs, now, after) },
	})
}
