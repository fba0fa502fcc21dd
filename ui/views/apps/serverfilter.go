package apps

import (
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/filterprompt"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// filterID is the server filter prompt's id on the shell's stack.
const filterID = "apps.filter"

// The server filter is an expression in the API's own syntax (name sw
// "HR" and enabled eq true), parsed into the filter builder's terms and
// checked against exactly what the chosen list supports (isc-api.md §2)
// before any request: the user learns at once that /all cannot filter
// by accountSource.id, not from a 400.

// parseServerFilter is sourceapps.ServerFilter, worded for this view: an
// expression another list takes says how to switch to it.
func parseServerFilter(text string, l client.AppList) (string, error) {
	expr, err := sourceapps.ServerFilter(text, l)
	var wrong *sourceapps.WrongListError
	if errors.As(err, &wrong) {
		return "", fmt.Errorf("%w (o switches lists)", err)
	}
	return expr, err
}

// presets are the ready-made filters the chosen list takes.
func (m *Model) presets() []filterprompt.Preset {
	y, mo, d := m.Now().AddDate(-1, 0, 0).UTC().Date()
	yearAgo := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	out := []filterprompt.Preset{}
	if m.list == client.AppsAll {
		out = append(out, filterprompt.Preset{Label: "Disabled apps", Expr: filter.Eq("enabled", false).String()},
			filterprompt.Preset{Label: "Enabled apps", Expr: filter.Eq("enabled", true).String()})
	}
	out = append(out, filterprompt.Preset{Label: "Not modified in a year (since " + yearAgo.Format(time.DateOnly) + ")",
		Expr: filter.Le("modified", yearAgo).String()})
	if p, ok := m.ownerLeftPreset(); ok {
		out = append(out, p)
	}
	return out
}

// maxOwnerIDs bounds the owner.id in (…) of the owner-left filter, so
// the request's URL stays well under what a gateway takes.
const maxOwnerIDs = 60

// ownerLeftPreset is the apps whose owner is away or gone, as /all's
// owner.id filter over the inactive owners the session has read.
func (m *Model) ownerLeftPreset() (filterprompt.Preset, bool) {
	if m.list != client.AppsAll || !m.owners.Reading() {
		return filterprompt.Preset{}, false
	}
	d := m.owners.Directory()
	var ids []any
	seen := map[string]bool{}
	for _, a := range m.rows.Items() {
		if o := a.Owner; o != nil && !seen[o.ID] && d.Get(o.ID).Inactive() && len(ids) < maxOwnerIDs {
			seen[o.ID] = true
			ids = append(ids, o.ID)
		}
	}
	if len(ids) == 0 {
		return filterprompt.Preset{}, false
	}
	return filterprompt.Preset{Label: "Owner left or away (" + timefmt.Plural(len(ids), "owner") + ")",
		Expr: filter.In("owner.id", ids...).String()}, true
}

func (m *Model) openServerFilter() tea.Cmd {
	l := m.list
	p := filterprompt.New(m.Common, filterprompt.Options{
		ID: filterID, Title: "Server filter · " + sourceapps.ListLabel(l), Value: m.server.expr,
		Schema: client.SourceAppFilters(l), Of: sourceapps.ListLabel(l), Presets: m.presets(),
		Check: func(s string) (string, error) { return parseServerFilter(s, l) },
	})
	return common.PushModal(filterID, p)
}

func (m *Model) onServerFilter(msg textprompt.AnswerMsg) tea.Cmd {
	l := m.list
	check := func(s string) (string, error) { return parseServerFilter(s, l) }
	label, expr, changed, cmd := filterprompt.Answer(msg, m.server.expr, check, m.presets())
	if !changed {
		return cmd
	}
	m.server = serverFilter{label: label, expr: expr}
	return tea.Batch(cmd, m.load())
}

// dropUnsupportedFilter clears a server filter the newly chosen list
// cannot take, and says so.
func (m *Model) dropUnsupportedFilter() tea.Cmd {
	if m.server.expr == "" {
		return nil
	}
	if _, err := parseServerFilter(m.server.expr, m.list); err == nil {
		return nil
	}
	old := m.server.label
	m.server = serverFilter{}
	return common.Toast(common.ToastWarning, "Server filter \""+old+"\" cleared: "+sourceapps.ListLabel(m.list)+" cannot filter that way")
}
