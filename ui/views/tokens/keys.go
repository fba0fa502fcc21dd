package tokens

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/list"
)

// KeyMap is the Tokens view's bindings. Mutating bindings stay bound in
// read-only mode but carry a disabled reason, so pressing one explains
// itself instead of silently doing nothing.
type KeyMap struct {
	common.Disabler
	list.Keys
	StaleOnly, ServerFilter  key.Binding
	OwnerScope               key.Binding
	Sweep                    key.Binding
	Delete, New              key.Binding
	Edit, EditExternal, Undo key.Binding
	Expire, Rotate           key.Binding
}

// NewKeyMap builds the key map with the settings' overrides (action →
// keys, see Named); readOnly disables every key that changes the tenant,
// saying why (readOnlyWhy, see common.ReadOnlyReason).
func NewKeyMap(readOnly bool, readOnlyWhy string, overrides map[string][]string) KeyMap {
	k := KeyMap{
		Keys:         list.NewKeys("first", "last", len(pats.SortKeys())),
		StaleOnly:    common.NewBinding("s", "stale only", "s"),
		ServerFilter: common.NewBinding("f", "server filter", "f"),
		OwnerScope:   common.NewBinding("o", "all/mine", "o"),
		Sweep:        common.NewBinding("L", "sweep the owner (leaver)", "L"),
		Delete:       common.NewBinding("d", "delete", "d", "delete"),
		New:          common.NewBinding("n", "new token", "n"),
		Edit:         common.NewBinding("e", "edit", "e"),
		EditExternal: common.NewBinding("E", "edit in $EDITOR", "E"),
		Undo:         common.NewBinding("u", "undo last edit", "u"),
		Expire:       common.NewBinding("x", "expire instead of delete", "x"),
		Rotate:       common.NewBinding("N", "new in its place (rotate)", "N"),
	}
	k.Group, k.Fold, k.Unfold = list.GroupKeys()
	common.Rebind(k.Named(), overrides)
	if readOnly {
		for _, b := range k.changing() {
			k.Disable(b, common.ReadOnlyReason(readOnlyWhy))
		}
	}
	return k
}

// Named lists the bindings the settings file may rebind, by action (the
// number keys that sort stay as they are).
func (k *KeyMap) Named() []common.Named {
	return append(k.Keys.Named(), []common.Named{
		{Action: "stale-only", Binding: &k.StaleOnly}, {Action: "server-filter", Binding: &k.ServerFilter},
		{Action: "owner-scope", Binding: &k.OwnerScope}, {Action: "sweep", Binding: &k.Sweep},
		{Action: "delete", Binding: &k.Delete}, {Action: "new", Binding: &k.New},
		{Action: "edit", Binding: &k.Edit}, {Action: "edit-external", Binding: &k.EditExternal}, {Action: "undo", Binding: &k.Undo},
		{Action: "expire", Binding: &k.Expire}, {Action: "rotate", Binding: &k.Rotate},
	}...)
}

// changing lists the bindings that change the tenant.
func (k KeyMap) changing() []key.Binding {
	return []key.Binding{k.Delete, k.New, k.Edit, k.EditExternal, k.Undo, k.Expire, k.Rotate}
}

// DisableChanges disables delete, create and edits for reason, unless read-only
// mode already did (that reason is the one to show).
func (k *KeyMap) DisableChanges(reason string) { k.DisableAll(k.changing(), reason) }

// ShortHelp is the help bar: the keys a cleanup needs.
func (k KeyMap) ShortHelp() []key.Binding {
	// What fits an 80-column footer comes first: find, mark, delete.
	return []key.Binding{k.Filter, k.Mark, k.Delete, k.StaleOnly, k.MarkAll, k.Sort, k.Detail, k.New}
}

// FullHelp is the `?` overlay, grouped by purpose.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		append(k.Nav(), k.Detail),
		{k.Filter, k.ClearFilter, k.StaleOnly, k.ServerFilter, k.OwnerScope, k.Sort, k.Reverse, k.Refresh},
		{k.Group, k.Fold, k.Unfold, k.Sweep, k.Export},
		{k.Mark, k.MarkAll, k.ClearMarks, k.Delete, k.Expire, k.New},
		{k.Edit, k.EditExternal, k.Undo, k.Rotate},
	}
}

// Palette is what the command line offers here (:delete, :sort NAME).
func (m *Model) Palette() common.Palette {
	p := m.rows.Palette(m.keys.Named())
	p.Only = m.onlyNamed
	return p
}

// Jump shows a pat (g on an audit entry).
func (m *Model) Jump(kind, id, name string) (tea.Cmd, bool) {
	if kind != string(audit.KindPAT) {
		return nil, false
	}
	return m.rows.Jump(id, name), true
}
