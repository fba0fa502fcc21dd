package preview

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/sailtui/sailtui/ui/common"
)

// KeyMap is the preview's bindings.
type KeyMap struct {
	Apply, Edit, Discard key.Binding
	Up, Down             key.Binding
	PageUp, PageDown     key.Binding
	Top, Bottom          key.Binding
	common.Disabler
}

// DefaultKeyMap returns the bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Apply:    common.NewBinding("enter/y", "apply", "enter", "y"),
		Edit:     common.NewBinding("e", "back to editing", "e"),
		Discard:  common.NewBinding("esc", "discard", "esc"),
		Up:       common.NewBinding("↑/k", "scroll", "up", "k"),
		Down:     common.NewBinding("↓/j", "scroll", "down", "j"),
		PageUp:   common.NewBinding("pgup", "page up", "pgup", "ctrl+u"),
		PageDown: common.NewBinding("pgdn", "page down", "pgdown", "ctrl+d", " "),
		Top:      common.NewBinding("g", "top", "g", "home"),
		Bottom:   common.NewBinding("G", "bottom", "G", "end"),
	}
}

func (k KeyMap) scrollKeys() common.ScrollKeys {
	return common.ScrollKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top, Bottom: k.Bottom}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Apply, k.Edit, k.Discard, k.Down} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Apply, k.Edit, k.Discard}, {k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}}
}
