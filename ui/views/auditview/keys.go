package auditview

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/list"
)

// KeyMap is the view's bindings.
type KeyMap struct {
	common.Disabler
	// Keys are the list's: the cursor, the filter, details, reload and
	// export (an audit list is neither marked nor sorted).
	list.Keys
}

// NewKeyMap builds the bindings with the settings' overrides (action →
// keys, see Named).
func NewKeyMap(overrides map[string][]string) KeyMap {
	k := KeyMap{
		Keys: list.Keys{
			ListKeys:    common.NewListKeys("newest", "oldest"),
			Filter:      common.NewBinding("/", "filter", "/"),
			ClearFilter: common.NewBinding("esc", "clear filter", "esc"),
			Detail:      common.NewBinding("enter", "whole entry", "enter"),
			Refresh:     common.NewBinding("r", "reload", "r", "ctrl+r"),
			Export:      common.NewBinding("X", "export CSV/JSON", "X"),
		},
	}
	common.Rebind(k.Named(), overrides)
	return k
}

// ShortHelp is the help bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Detail, k.Filter, k.Refresh, k.Export}
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		k.Nav(),
		{k.Detail, k.Filter, k.ClearFilter, k.Refresh, k.Export},
	}
}

// Palette is what the command line offers here (:delete, :sort NAME).
func (m *Model) Palette() common.Palette { return m.rows.Palette(m.keys.Named()) }
