package clients

import (
	"errors"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"strconv"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/oauthclients"
	"github.com/sailtui/sailtui/ui/list"
)

// KeyMap is the view's bindings: the list's, and the same keys as Tokens
// and Apps for the same things (x soft cleanup, t toggle, d delete, e/E
// edit, u undo, n create, f server filter, s stale only).
type KeyMap struct {
	common.Disabler
	list.Keys
	StaleOnly, ServerFilter  key.Binding
	Disable, Toggle, Delete  key.Binding
	Edit, EditExternal, Undo key.Binding
	New                      key.Binding
}

// NewKeyMap builds the key map with the settings' overrides; readOnly
// disables every key that changes the tenant, saying why.
func NewKeyMap(readOnly bool, readOnlyWhy string, overrides map[string][]string) KeyMap {
	k := KeyMap{
		Keys:         list.NewKeys("first", "last", len(oauthclients.SortKeys())),
		StaleOnly:    common.NewBinding("s", "stale only", "s"),
		ServerFilter: common.NewBinding("f", "server filter", "f"),
		Disable:      common.NewBinding("x", "disable (soft cleanup)", "x"),
		Toggle:       common.NewBinding("t", "toggle enabled", "t"),
		Delete:       common.NewBinding("d", "delete", "d", "delete"),
		Edit:         common.NewBinding("e", "edit", "e"),
		EditExternal: common.NewBinding("E", "edit in $EDITOR", "E"),
		Undo:         common.NewBinding("u", "undo last edit", "u"),
		New:          common.NewBinding("n", "new API client", "n"),
	}
	common.Rebind(k.Named(), overrides)
	if readOnly {
		k.DisableChanges(common.ReadOnlyReason(readOnlyWhy))
	}
	return k
}

// Named lists the bindings the settings file may rebind, by action.
func (k *KeyMap) Named() []common.Named {
	return append(k.Keys.Named(), []common.Named{
		{Action: "stale-only", Binding: &k.StaleOnly}, {Action: "server-filter", Binding: &k.ServerFilter},
		{Action: "disable", Binding: &k.Disable}, {Action: "toggle-enabled", Binding: &k.Toggle},
		{Action: "delete", Binding: &k.Delete}, {Action: "edit", Binding: &k.Edit},
		{Action: "edit-external", Binding: &k.EditExternal}, {Action: "undo", Binding: &k.Undo}, {Action: "new", Binding: &k.New},
	}...)
}

func (k KeyMap) changing() []key.Binding {
	return []key.Binding{k.Disable, k.Toggle, k.Delete, k.Edit, k.EditExternal, k.Undo, k.New}
}

// DisableChanges disables every changing key for reason, unless an
// earlier reason (read-only mode) is there already.
func (k *KeyMap) DisableChanges(reason string) { k.DisableAll(k.changing(), reason) }

// ShortHelp is the help bar: what fits 80 columns first.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Filter, k.Mark, k.Delete, k.Disable, k.StaleOnly, k.MarkAll, k.Sort, k.Detail, k.New}
}

// FullHelp is the ? overlay, grouped by purpose.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		append(k.Nav(), k.Detail),
		{k.Filter, k.ClearFilter, k.StaleOnly, k.ServerFilter, k.Sort, k.Reverse, k.Refresh, k.Export},
		{k.Mark, k.MarkAll, k.ClearMarks, k.Disable, k.Toggle, k.Delete},
		{k.Edit, k.EditExternal, k.Undo, k.New},
	}
}

// Palette is what the command line offers here (:delete, :sort NAME).
func (m *Model) Palette() common.Palette {
	p := m.rows.Palette(m.keys.Named())
	p.Only = func(name string) (tea.Cmd, error) { // stale only is the one quick view
		switch {
		case name != "" && name != "stale":
			return nil, errors.New("no quick view " + strconv.Quote(name) + ": stale")
		case (name == "stale") != m.rows.Query().Only:
			return m.rows.ToggleOnly(), nil
		}
		return nil, nil
	}
	return p
}

// Jump shows a api-client (g on an audit entry).
func (m *Model) Jump(kind, id, name string) (tea.Cmd, bool) {
	if kind != string(audit.KindAPIClient) {
		return nil, false
	}
	return m.rows.Jump(id, name), true
}
