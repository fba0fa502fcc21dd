package editform

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/sailtui/sailtui/ui/common"
)

// KeyMap is the form's bindings. Printable keys go to the focused text
// input; these are the keys the form keeps.
type KeyMap struct {
	Next, Prev     key.Binding // fields (and a list's rows)
	Enter          key.Binding // add a list item; next field; on the button, preview
	Submit         key.Binding // preview from anywhere
	Toggle         key.Binding // a toggle field
	Remove         key.Binding // the selected list item
	Complete       key.Binding // complete from the suggestions
	NextSuggestion key.Binding
	PrevSuggestion key.Binding
	Cancel         key.Binding
}

// DefaultKeyMap returns the bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:           common.NewBinding("↓/tab", "next", "down", "tab"),
		Prev:           common.NewBinding("↑/shift+tab", "previous", "up", "shift+tab"),
		Enter:          common.NewBinding("enter", "add item / next", "enter"),
		Submit:         common.NewBinding("ctrl+s", "preview", "ctrl+s"),
		Toggle:         common.NewBinding("space", "toggle", " "),
		Remove:         common.NewBinding("x/del", "remove item", "x", "delete", "backspace"),
		Complete:       common.NewBinding("→/tab", "complete", "right", "tab"),
		NextSuggestion: common.NewBinding("ctrl+n", "next suggestion", "ctrl+n"),
		PrevSuggestion: common.NewBinding("ctrl+p", "previous suggestion", "ctrl+p"),
		Cancel:         common.NewBinding("esc", "cancel", "esc"),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Enter, k.Submit, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.Enter, k.Submit, k.Cancel},
		{k.Toggle, k.Remove, k.Complete, k.NextSuggestion, k.PrevSuggestion},
	}
}

// DisabledReason implements common.KeyMap: nothing is ever disabled.
func (KeyMap) DisabledReason(key.Binding) string { return "" }
