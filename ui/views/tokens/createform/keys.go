package createform

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the form's bindings. Text keys always go to the focused input;
// these are the only keys the form takes for itself.
type KeyMap struct {
	Next, Prev     key.Binding // move between fields (tab also completes a scope)
	Enter          key.Binding // next field; on the last one, create
	Submit         key.Binding // create from any field
	NextSuggestion key.Binding
	PrevSuggestion key.Binding
	Cancel         key.Binding
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:           key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next / complete")),
		Prev:           key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous")),
		Enter:          key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next / create")),
		Submit:         key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "create")),
		NextSuggestion: key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "next scope")),
		PrevSuggestion: key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "previous scope")),
		Cancel:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Enter, k.Submit, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.Enter, k.Submit},
		{k.NextSuggestion, k.PrevSuggestion, k.Cancel},
	}
}
