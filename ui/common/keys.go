package common

import "github.com/charmbracelet/bubbles/key"

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
