package apps

import (
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// filterID is the server filter prompt's id on the shell's stack.
const filterID = "apps.filter"

// The server filter is an expression in the API's own syntax (name sw
// "HR" and enabled eq true), parsed into the filter builder's terms and
// checked against exactly what the chosen list supports (isc-api.md §2)
// before any request: the user learns at once that /all cannot filter
// by accountSource.id, not from a 400.

// fieldsHelp lists a schema's fields with their operators.
func fieldsHelp(s filter.Schema) []string {
	names := make([]string, 0, len(s))
	for n := range s {
		names = append(names, n)
	}
	slices.Sort(names)
	out := make([]string, 0, len(names))
	for _, n := range names {
		ops := make([]string, len(s[n].Ops))
		for i, o := range s[n].Ops {
			ops[i] = string(o)
		}
		out = append(out, n+": "+strings.Join(ops, " "))
	}
	return out
}

// ServerFilter is text checked as list l's server filter and written in
// the API's syntax ("" for none): `sailtui report apps` uses it.
func ServerFilter(text string, l client.AppList) (string, error) { return parseServerFilter(text, l) }

// parseServerFilter parses and checks text for list l; "" is no filter.
// An expression another list would take says which.
func parseServerFilter(text string, l client.AppList) (string, error) {
	if strings.TrimSpace(text) == "" {
		return "", nil
	}
	expr, err := filter.Parse(text)
	if err != nil {
		return "", err
	}
	if err := client.SourceAppFilters(l).Validate(expr); err != nil {
		for _, other := range []client.AppList{client.AppsAll, client.AppsAvailable, client.AppsAssigned} {
			if other != l && client.SourceAppFilters(other).Validate(expr) == nil {
				return "", fmt.Errorf("%w; the list of %s takes it (o switches lists)", err, listLabel(other))
			}
		}
		return "", fmt.Errorf("%w (for %s)", err, listLabel(l))
	}
	return expr.String(), nil
}

func (m *Model) openServerFilter() tea.Cmd {
	schema := client.SourceAppFilters(m.list)
	comps := make([]string, 0, len(schema)+12)
	for n := range schema {
		comps = append(comps, n)
	}
	slices.Sort(comps)
	comps = append(comps, "and", "or", "not", "true", "false")
	l := m.list
	notes := append([]string{"Fields of " + listLabel(l) + " (op: eq ne co sw in gt ge lt le; strings in quotes):"}, fieldsHelp(schema)...)
	p := textprompt.New(m.Common, textprompt.Options{
		ID: filterID, Title: "Server filter · " + listLabel(l), Prompt: "filters ", Value: m.server.expr,
		Hint:  `e.g. name sw "HR" and modified ge 2026-01-01T00:00:00Z · empty: none`,
		Notes: notes, Completions: comps, CompleteWord: true, Width: 70,
		Validate: func(s string) error { _, err := parseServerFilter(s, l); return err },
	})
	return common.PushModal(filterID, p)
}

func (m *Model) onServerFilter(msg textprompt.AnswerMsg) tea.Cmd {
	pop := common.PopModal(filterID)
	if !msg.OK {
		return pop
	}
	expr, err := parseServerFilter(msg.Text, m.list)
	if err != nil { // Validate let it through: the list changed meanwhile
		return tea.Batch(pop, common.Toast(common.ToastError, "Server filter not applied: "+err.Error()))
	}
	if expr == m.server.expr {
		return pop
	}
	m.server = serverFilter{label: expr, expr: expr}
	return tea.Batch(pop, m.load())
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
	return common.Toast(common.ToastWarning, "Server filter \""+old+"\" cleared: "+listLabel(m.list)+" cannot filter that way")
}
