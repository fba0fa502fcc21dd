package common

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Key overrides: the settings file may give any action other keys
// ("tokens.delete: D"). Each key map lists its actions by name (Named);
// Rebind applies the overrides before any binding is disabled (the
// disabled reasons go by the help key), and Conflicts finds two actions
// that would share a key, which the start reports instead of guessing.

// Named is a binding and the name settings call it by.
type Named struct {
	Action  string
	Binding *key.Binding
}

// Rebind gives each named binding the keys overrides hold for its action;
// the help shows them joined by "/".
func Rebind(named []Named, overrides map[string][]string) {
	for _, n := range named {
		keys, ok := overrides[n.Action]
		if !ok || len(keys) == 0 {
			continue
		}
		n.Binding.SetKeys(keys...)
		shown := make([]string, len(keys))
		for i, k := range keys {
			shown[i] = strings.ReplaceAll(k, " ", "space") // " " is how the terminal names it
		}
		n.Binding.SetHelp(strings.Join(shown, "/"), n.Binding.Help().Desc)
	}
}

// Actions are the names of named.
func Actions(named []Named) []string {
	out := make([]string, len(named))
	for i, n := range named {
		out[i] = n.Action
	}
	return out
}

// Conflicts lists the keys two actions of one screen would share, as
// "D: tokens.delete, tokens.new". Each set is a scope ("tokens",
// "global") and its bindings; every pair of sets is on screen together.
func Conflicts(sets map[string][]Named) []string {
	owner := map[string][]string{} // key → scope.action
	for _, scope := range slices.Sorted(mapKeys(sets)) {
		for _, n := range sets[scope] {
			for _, k := range n.Binding.Keys() {
				owner[k] = append(owner[k], scope+"."+n.Action)
			}
		}
	}
	var out []string
	for _, k := range slices.Sorted(mapKeys(owner)) {
		if who := slices.Compact(owner[k]); len(who) > 1 {
			out = append(out, fmt.Sprintf("%q: %s", k, strings.Join(who, ", ")))
		}
	}
	return out
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Palette is what a view offers the command line (:delete, :sort last
// used): its named actions, run by pressing their first key, and the
// columns it sorts by, by name.
type Palette struct {
	Actions []Named
	Sorts   []string
	Sort    func(name string, desc bool) (tea.Cmd, error)
	// Columns can be shown or hidden by name (ShowColumns; none or "all":
	// every one).
	Columns      []string
	ShowColumns  func(names []string) error
	ShownColumns func() []string
	// ColumnWidth is a column's width as declared or chosen.
	ColumnWidth func(name string) int
	// Filter sets the / filter's text ("" clears it).
	Filter func(text string) tea.Cmd
	// Only shows a quick view by name ("stale", "owner-left"…; "" shows
	// every row); nil when the view has none.
	Only func(name string) (tea.Cmd, error)
}

// SavedView is a named way to look at a view, from the settings (views:):
// opened by :view NAME or --view NAME.
type SavedView struct {
	Name, View string // its name; the view's ("tokens")
	Filter     string
	Only       string // a quick view: stale, owner-left, …
	Sort       string // a column's name
	Desc       bool
	Owner      string // sweep this owner
	Columns    []string
}
