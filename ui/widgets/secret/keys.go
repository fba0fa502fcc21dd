package secret

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the modal's bindings.
type KeyMap struct {
	CopySecret   key.Binding
	CopyClientID key.Binding
	Close        key.Binding
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		CopySecret:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy secret")),
		CopyClientID: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "copy client id")),
		Close:        key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", "close")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.CopySecret, k.CopyClientID, k.Close}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
