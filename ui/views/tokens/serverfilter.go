package tokens

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/filterprompt"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// filterID is the server filter prompt's id on the shell's stack.
const filterID = "tokens.filter"

// The token list filters on lastUsed only (le, isnull; isc-api.md §1),
// so the ready-made filters cover most uses; any expression the list
// takes may be typed, checked before a request is sent.

// presets are the ready-made filters, dated from now: the stale rule's
// age first.
func (m *Model) presets() []filterprompt.Preset {
	notUsedFor := func(d time.Duration) filterprompt.Preset {
		y, mo, dd := m.Now().Add(-d).UTC().Date()
		since := time.Date(y, mo, dd, 0, 0, 0, 0, time.UTC)
		expr := filter.Or(filter.IsNull("lastUsed"), filter.Le("lastUsed", since)).String()
		return filterprompt.Preset{Label: "Not used in " + timefmt.Plural(int(d.Hours()/24), "day") + " (since " + since.Format(time.DateOnly) + ")", Expr: expr}
	}
	out := []filterprompt.Preset{{Label: "Never used", Expr: filter.IsNull("lastUsed").String()}}
	for _, d := range []time.Duration{m.opts.StaleAfter, 30 * 24 * time.Hour, 365 * 24 * time.Hour} {
		if d > 0 && (len(out) == 1 || d != m.opts.StaleAfter) {
			out = append(out, notUsedFor(d))
		}
	}
	return out
}

// checkServerFilter parses text as the token list's filter and writes it
// in the API's syntax ("" for none).
func checkServerFilter(text string) (string, error) {
	if strings.TrimSpace(text) == "" {
		return "", nil
	}
	expr, err := filter.Parse(text)
	if err != nil {
		return "", err
	}
	if err := client.PATFilters().Validate(expr); err != nil {
		return "", fmt.Errorf("%w (the token list filters on lastUsed only)", err)
	}
	return expr.String(), nil
}

func (m *Model) openServerFilter() tea.Cmd {
	p := filterprompt.New(m.Common, filterprompt.Options{
		ID: filterID, Title: "Server filter · tokens", Value: m.server.expr,
		Schema: client.PATFilters(), Of: "the token list", Presets: m.presets(), Check: checkServerFilter,
	})
	return common.PushModal(filterID, p)
}

func (m *Model) onServerFilter(msg textprompt.AnswerMsg) tea.Cmd {
	pop := common.PopModal(filterID)
	if !msg.OK {
		return pop
	}
	expr, err := checkServerFilter(msg.Text)
	if err != nil { // Validate let nothing else through
		return tea.Batch(pop, common.Toast(common.ToastError, "Server filter not applied: "+err.Error()))
	}
	if expr == m.server.expr {
		return pop
	}
	m.server = serverFilter{label: filterprompt.Label(expr, m.presets()), expr: expr}
	return tea.Batch(pop, m.load())
}
