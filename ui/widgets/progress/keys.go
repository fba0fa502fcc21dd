package progress

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the panel's bindings. Cancel works while the run is going,
// Close once it has finished; Model.KeyMap disables the other one.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	FailedOnly       key.Binding
	Retry            key.Binding // once finished: the failed items again
	Undo             key.Binding // once finished: put back what the run changed
	Cancel           key.Binding
	Close            key.Binding
	// QuitBlocked catches q while the run goes on (Close takes it after),
	// so q explains itself instead of quitting or doing nothing.
	QuitBlocked key.Binding
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "ctrl+f", " "), key.WithHelp("pgdn", "page down")),
		Top:         key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "top")),
		Bottom:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "bottom (follow)")),
		FailedOnly:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "failed only")),
		Retry:       key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "retry failed")),
		Undo:        key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo this run")),
		Cancel:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Close:       key.NewBinding(key.WithKeys("enter", "esc", "q"), key.WithHelp("enter", "close")),
		QuitBlocked: key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit (after the run)")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.FailedOnly, k.Retry, k.Undo, k.Cancel, k.Close}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.FailedOnly, k.Retry, k.Undo, k.Cancel, k.Close},
	}
}
