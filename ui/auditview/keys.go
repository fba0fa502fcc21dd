package auditview

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/sailtui/sailtui/ui/common"
)

// KeyMap is the view's bindings.
type KeyMap struct {
	common.Disabler
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Detail, Filter, ClearFilter, Refresh    key.Binding
	Export                                  key.Binding
	// While the filter is typed.
	Apply, Cancel key.Binding
}

// NewKeyMap builds the bindings with the settings' overrides (action →
// keys, see Named).
func NewKeyMap(overrides map[string][]string) KeyMap {
	k := KeyMap{
		Up:          common.NewBinding("↑/k", "up", "up", "k"),
		Down:        common.NewBinding("↓/j", "down", "down", "j"),
		PageUp:      common.NewBinding("pgup", "page up", "pgup", "ctrl+b"),
		PageDown:    common.NewBinding("pgdn", "page down", "pgdown", "ctrl+f"),
		Top:         common.NewBinding("g/home", "newest", "g", "home"),
		Bottom:      common.NewBinding("G/end", "oldest", "G", "end"),
		Detail:      common.NewBinding("enter", "whole entry", "enter"),
		Filter:      common.NewBinding("/", "filter", "/"),
		ClearFilter: common.NewBinding("esc", "clear filter", "esc"),
		Refresh:     common.NewBinding("r", "reload", "r", "ctrl+r"),
		Export:      common.NewBinding("X", "export CSV/JSON", "X"),
		Apply:       common.NewBinding("enter", "keep filter", "enter"),
		Cancel:      common.NewBinding("esc", "clear filter", "esc"),
	}
	common.Rebind(k.Named(), overrides)
	return k
}

// Named lists the bindings the settings file may rebind, by action (the
// filter input's own enter and esc stay).
func (k *KeyMap) Named() []common.Named {
	return []common.Named{
		{Action: "up", Binding: &k.Up}, {Action: "down", Binding: &k.Down}, {Action: "page-up", Binding: &k.PageUp},
		{Action: "page-down", Binding: &k.PageDown}, {Action: "top", Binding: &k.Top}, {Action: "bottom", Binding: &k.Bottom},
		{Action: "detail", Binding: &k.Detail}, {Action: "filter", Binding: &k.Filter}, {Action: "clear-filter", Binding: &k.ClearFilter},
		{Action: "refresh", Binding: &k.Refresh}, {Action: "export", Binding: &k.Export},
	}
}

// ShortHelp is the help bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Detail, k.Filter, k.Refresh, k.Export}
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Detail, k.Filter, k.ClearFilter, k.Refresh, k.Export},
	}
}

func (k KeyMap) filtering() common.KeyMap {
	return common.HelpKeys{Short: []key.Binding{k.Apply, k.Cancel}}
}
