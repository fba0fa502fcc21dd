package apps

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/list"
)

// KeyMap is the Apps view's bindings. Changing bindings stay bound in
// read-only mode with a disabled reason, so a press explains itself.
type KeyMap struct {
	common.Disabler
	list.Keys
	ServerFilter, List       key.Binding
	Edit, EditExternal, Undo key.Binding
	Disable                  key.Binding
	Enabled, AppCenter       key.Binding
	Requests                 key.Binding
	New, Delete              key.Binding
	Sweep, Reassign          key.Binding
}

// NewKeyMap builds the key map with the settings' overrides (action →
// keys, see Named); readOnly disables every key that changes the tenant,
// saying why (readOnlyWhy, see common.ReadOnlyReason).
func NewKeyMap(readOnly bool, readOnlyWhy string, overrides map[string][]string) KeyMap {
	k := KeyMap{
		Keys:         list.NewKeys("first", "last", len(sourceapps.SortKeys())),
		ServerFilter: common.NewBinding("f", "server filter", "f"),
		List:         common.NewBinding("o", "all/assigned/available", "o"),
		Edit:         common.NewBinding("e", "edit", "e"),
		EditExternal: common.NewBinding("E", "edit in $EDITOR", "E"),
		Undo:         common.NewBinding("u", "undo last edit", "u"),
		Disable:      common.NewBinding("x", "disable (soft cleanup)", "x"),
		Enabled:      common.NewBinding("t", "toggle enabled", "t"),
		AppCenter:    common.NewBinding("c", "toggle app center", "c"),
		Requests:     common.NewBinding("p", "toggle access requests", "p"),
		New:          common.NewBinding("n", "new app", "n"),
		Delete:       common.NewBinding("d", "delete", "d", "delete"),
		Sweep:        common.NewBinding("L", "sweep the owner (leaver)", "L"),
		Reassign:     common.NewBinding("w", "reassign to another owner", "w"),
	}
	k.Group, k.Fold, k.Unfold = list.GroupKeys()
	common.Rebind(k.Named(), overrides)
	if readOnly {
		k.DisableChanges(common.ReadOnlyReason(readOnlyWhy))
	}
	return k
}

// Named lists the bindings the settings file may rebind, by action (the
// number keys that sort stay as they are).
func (k *KeyMap) Named() []common.Named {
	return append(k.Keys.Named(), []common.Named{
		{Action: "server-filter", Binding: &k.ServerFilter}, {Action: "list", Binding: &k.List}, {Action: "edit", Binding: &k.Edit},
		{Action: "edit-external", Binding: &k.EditExternal}, {Action: "undo", Binding: &k.Undo},
		{Action: "disable", Binding: &k.Disable}, {Action: "toggle-enabled", Binding: &k.Enabled}, {Action: "toggle-app-center", Binding: &k.AppCenter},
		{Action: "toggle-requests", Binding: &k.Requests}, {Action: "new", Binding: &k.New}, {Action: "delete", Binding: &k.Delete},
		{Action: "sweep", Binding: &k.Sweep}, {Action: "reassign", Binding: &k.Reassign},
		{Action: "unfold", Binding: &k.Unfold},
	}...)
}

// changing lists the bindings that change the tenant.
func (k KeyMap) changing() []key.Binding {
	return []key.Binding{k.Edit, k.EditExternal, k.Undo, k.Disable, k.Enabled, k.AppCenter, k.Requests, k.New, k.Delete, k.Reassign}
}

// DisableChanges disables every changing key for reason, unless an
// earlier reason (read-only mode) is already there.
func (k *KeyMap) DisableChanges(reason string) { k.DisableAll(k.changing(), reason) }

// ShortHelp is the help bar.
func (k KeyMap) ShortHelp() []key.Binding {
	// What fits an 80-column footer comes first, as in every list: find,
	// mark, delete.
	return []key.Binding{k.Filter, k.Mark, k.Delete, k.Disable, k.Detail, k.Edit, k.Enabled, k.List, k.Sort, k.New}
}

// FullHelp is the ? overlay, grouped by purpose.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		append(k.Nav(), k.Detail),
		{k.Filter, k.ClearFilter, k.ServerFilter, k.List, k.Sort, k.Reverse, k.Refresh, k.Export},
		{k.Mark, k.MarkAll, k.ClearMarks, k.Disable, k.Enabled, k.AppCenter, k.Requests},
		{k.Edit, k.EditExternal, k.Undo, k.New, k.Delete},
		{k.Group, k.Fold, k.Unfold, k.Sweep, k.Reassign},
	}
}

// Palette is what the command line offers here (:delete, :sort NAME).
func (m *Model) Palette() common.Palette { return m.rows.Palette(m.keys.Named()) }

// Jump shows a source-app (g on an audit entry).
func (m *Model) Jump(kind, id, name string) (tea.Cmd, bool) {
	if kind != string(audit.KindApp) {
		return nil, false
	}
	return m.rows.Jump(id, name), true
}
