package confirm

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the dialog's bindings. While the count input has focus it gets
// every key except Next/Prev, Select, IncludeManaged and Cancel, and keeps
// only digits.
type KeyMap struct {
	Next, Prev     key.Binding // cycle focus through input, checkbox, buttons
	Left, Right    key.Binding // move between the buttons
	Select         key.Binding // activate the focused element
	Toggle         key.Binding // toggle the focused checkbox
	IncludeManaged key.Binding // toggle "include managed" from anywhere, the input too
	Cancel         key.Binding
	// Up/Down scroll the list of what will be deleted (keys that type
	// nothing, so they also work while the count input has focus).
	Up, Down, PageUp, PageDown key.Binding
	// DetailsUp/DetailsDown scroll the details when the screen is too
	// short for them.
	DetailsUp, DetailsDown key.Binding
}

// DefaultKeyMap returns the dialog's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next")),
		Prev: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		// Arrows only, no h/l: a word typed into the dialog by mistake
		// ("delete" and enter, meant for the filter) must not walk focus
		// to the Delete button and press it.
		Left:           key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "left")),
		Right:          key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "right")),
		Select:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "select")),
		Toggle:         key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "toggle")),
		IncludeManaged: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "include managed")),
		Cancel:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Up:             key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "scroll list")),
		Down:           key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "scroll list")),
		PageUp:         key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:       key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		DetailsUp:      key.NewBinding(key.WithKeys("shift+up"), key.WithHelp("shift+↑", "scroll details")),
		DetailsDown:    key.NewBinding(key.WithKeys("shift+down"), key.WithHelp("shift+↓", "scroll details")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Select, k.IncludeManaged, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.Left, k.Right},
		{k.Select, k.Toggle, k.IncludeManaged, k.Cancel},
		{k.Up, k.Down, k.PageUp, k.PageDown},
		{k.DetailsUp, k.DetailsDown},
	}
}
