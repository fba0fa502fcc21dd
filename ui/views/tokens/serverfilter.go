package tokens

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
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
	return append(filterprompt.LastUsedPresets(m.Now(), m.opts.StaleAfter), quickPresets()...)
}

// checkServerFilter parses text as the token list's filter and writes it
// in the API's syntax ("" for none).
func checkServerFilter(text string) (string, error) {
	if _, ok := quickNamed(text); ok {
		return strings.TrimSpace(text), nil
	}
	return filterprompt.Check(text, client.PATFilters(), "the token list")
}

func (m *Model) openServerFilter() tea.Cmd {
	p := filterprompt.New(m.Common, filterprompt.Options{
		ID: filterID, Title: "Server filter · tokens", Value: m.server.expr,
		Schema: client.PATFilters(), Of: "the token list", Presets: m.presets(), Check: checkServerFilter,
	})
	return common.PushModal(filterID, p)
}

func (m *Model) onServerFilter(msg textprompt.AnswerMsg) tea.Cmd {
	if cmd, ok := m.onQuickAnswer(msg); ok {
		return cmd
	}
	label, expr, changed, cmd := filterprompt.Answer(msg, m.server.expr, checkServerFilter, m.presets())
	if !changed {
		return cmd
	}
	m.server = serverFilter{label: label, expr: expr}
	return tea.Batch(cmd, m.load())
}
