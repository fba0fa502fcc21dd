package apps

import (
	"errors"
	"fmt"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
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

func (m *Model) openServerFilter() tea.Cmd {
	schema := client.SourceAppFilters(m.list)
	comps := make([]string, 0, len(schema)+12)
	for n := range schema {
		comps = append(comps, n)
	}
	slices.Sort(comps)
	comps = append(comps, "and", "or", "not", "true", "false")
	l := m.list
	notes := append([]string{"Fields of " + sourceapps.ListLabel(l) + " (op: eq ne co sw in gt ge lt le; strings in quotes):"}, sourceapps.FieldsHelp(schema)...)
	p := textprompt.New(m.Common, textprompt.Options{
		ID: filterID, Title: "Server filter · " + sourceapps.ListLabel(l), Prompt: "filters ", Value: m.server.expr,
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
	return common.Toast(common.ToastWarning, "Server filter \""+old+"\" cleared: "+sourceapps.ListLabel(m.list)+" cannot filter that way")
}
