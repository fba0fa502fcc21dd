package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap is what every view and modal exposes to the help bar. Disabled
// bindings still match their keys (so pressing one can say why it does
// nothing, lazygit style); DisabledReason returns that reason, or "" when
// the binding is usable.
type KeyMap interface {
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	DisabledReason(b key.Binding) string
}

// Disabler records why some bindings are unusable right now (read-only
// mode, nothing selected ...). Bindings are told apart by their help key,
// which is unique within a key map.
type Disabler struct {
	reasons map[string]string
}

// Disable marks b as unusable for reason.
func (d *Disabler) Disable(b key.Binding, reason string) {
	if d.reasons == nil {
		d.reasons = map[string]string{}
	}
	d.reasons[b.Help().Key] = reason
}

// Enable clears b's reason.
func (d *Disabler) Enable(b key.Binding) { delete(d.reasons, b.Help().Key) }

// DisabledReason returns why b is disabled, or "".
func (d Disabler) DisabledReason(b key.Binding) string { return d.reasons[b.Help().Key] }

// NewBinding is a shorthand for key.NewBinding with keys and help.
func NewBinding(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// HelpKeys adapts a plain help.KeyMap (a component with no disabled
// bindings) to KeyMap.
type HelpKeys struct {
	Short []key.Binding
	Full  [][]key.Binding
}

func (h HelpKeys) ShortHelp() []key.Binding        { return h.Short }
func (h HelpKeys) FullHelp() [][]key.Binding       { return h.Full }
func (HelpKeys) DisabledReason(key.Binding) string { return "" }

// KeysOf converts anything with ShortHelp/FullHelp to KeyMap.
func KeysOf(km interface {
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}) KeyMap {
	if k, ok := km.(KeyMap); ok {
		return k
	}
	return HelpKeys{Short: km.ShortHelp(), Full: km.FullHelp()}
}

// DisableAll disables each of bs for reason, unless an earlier reason
// (read-only mode) is already there: that one is the one to show.
func (d *Disabler) DisableAll(bs []key.Binding, reason string) {
	for _, b := range bs {
		if d.DisabledReason(b) == "" {
			d.Disable(b, reason)
		}
	}
}

// Action is a key that changes something: What names it when it is
// disabled ("Delete is disabled: read-only mode").
type Action struct {
	Binding key.Binding
	What    string
	Run     func() tea.Cmd
}

// RunAction runs the first action msg matches, or says in a toast why
// its binding is disabled; ok is false when none matches.
func RunAction(msg tea.KeyMsg, km KeyMap, actions []Action) (cmd tea.Cmd, ok bool) {
	for _, a := range actions {
		if !key.Matches(msg, a.Binding) {
			continue
		}
		if why := km.DisabledReason(a.Binding); why != "" {
			return Toast(ToastWarning, a.What+" is disabled: "+why), true
		}
		return a.Run(), true
	}
	return nil, false
}

// ListKeys are the cursor keys every list view has.
type ListKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// NewListKeys builds them; top and bottom say what the ends are ("first",
// "newest").
func NewListKeys(top, bottom string) ListKeys {
	return ListKeys{
		Up:       NewBinding("↑/k", "up", "up", "k"),
		Down:     NewBinding("↓/j", "down", "down", "j"),
		PageUp:   NewBinding("pgup", "page up", "pgup", "ctrl+b"),
		PageDown: NewBinding("pgdn", "page down", "pgdown", "ctrl+f"),
		Top:      NewBinding("g/home", top, "g", "home"),
		Bottom:   NewBinding("G/end", bottom, "G", "end"),
	}
}

// Scroll is them for MoveCursor.
func (k ListKeys) Scroll() ScrollKeys {
	return ScrollKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top, Bottom: k.Bottom}
}

// Named lists them for key overrides.
func (k *ListKeys) Named() []Named {
	return []Named{{Action: "up", Binding: &k.Up}, {Action: "down", Binding: &k.Down}, {Action: "page-up", Binding: &k.PageUp},
		{Action: "page-down", Binding: &k.PageDown}, {Action: "top", Binding: &k.Top}, {Action: "bottom", Binding: &k.Bottom}}
}

// Nav is their line in a full help.
func (k ListKeys) Nav() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// ReadOnlyReason is what a disabled changing key says in a read-only
// session, the same in every view: why names the session's own cause
// ("" → it was started with --read-only) and how to lift it.
func ReadOnlyReason(why string) string {
	if why == "" {
		why = "started with --read-only; start without it to make changes"
	}
	return "read-only: " + why
}
