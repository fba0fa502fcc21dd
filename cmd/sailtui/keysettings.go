package main

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"gopkg.in/yaml.v3"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/shell"
	"github.com/sailtui/sailtui/ui/views/apps"
	"github.com/sailtui/sailtui/ui/views/auditview"
	"github.com/sailtui/sailtui/ui/views/clients"
	"github.com/sailtui/sailtui/ui/views/tokens"
)

// Key overrides in the settings file, one binding per action:
//
//	keys:
//	  tokens.delete: D
//	  apps.toggle-enabled: [ctrl+e, E]
//	  global.quit: Q
//
// Scopes are global (the shell), tokens, apps and audit; the actions are
// those the key maps name (Named). A key two actions of one screen would
// share is reported at start, with the file and line, like any other
// mistake in the file.

// keyScopes are the default bindings of each scope, by action.
func keyScopes() map[string][]common.Named {
	tk, ak, av, gk := tokens.NewKeyMap(false, "", nil), apps.NewKeyMap(false, "", nil), auditview.NewKeyMap(nil), shell.DefaultKeyMap()
	ck := clients.NewKeyMap(false, "", nil)
	return map[string][]common.Named{"tokens": tk.Named(), "apps": ak.Named(), "clients": ck.Named(), "audit": av.Named(), "global": gk.Named()}
}

// keyOverride is one line of the keys section.
type keyOverride struct {
	scope, action string
	keys          []string
	node          *yaml.Node
}

// readKeys reads and checks the keys section.
func (s *settings) readKeys(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return s.errorAt(n, "keys", "is a mapping of scope.action to a key or a list of keys (e.g. tokens.delete: D)")
	}
	scopes := keyScopes()
	var overrides []keyOverride
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		label := "keys." + k.Value
		scope, action, _ := strings.Cut(k.Value, ".")
		named, ok := scopes[scope]
		if !ok {
			return s.errorAt(k, label, "unknown scope (global, tokens, apps, audit), as in tokens.delete")
		}
		if !slices.Contains(common.Actions(named), action) {
			return s.errorAt(k, label, "unknown action; "+scope+" has: "+strings.Join(common.Actions(named), ", "))
		}
		keys, err := keyList(v)
		if err != nil {
			return s.errorAt(v, label, err.Error())
		}
		overrides = append(overrides, keyOverride{scope: scope, action: action, keys: keys, node: k})
	}
	s.keys = map[string]map[string][]string{}
	for _, o := range overrides {
		if s.keys[o.scope] == nil {
			s.keys[o.scope] = map[string][]string{}
		}
		s.keys[o.scope][o.action] = o.keys
	}
	return s.keyConflicts(overrides)
}

// keyList is a key or a list of keys.
func keyList(v *yaml.Node) ([]string, error) {
	var nodes []*yaml.Node
	switch v.Kind {
	case yaml.ScalarNode:
		nodes = []*yaml.Node{v}
	case yaml.SequenceNode:
		nodes = v.Content
	default:
		return nil, fmt.Errorf("is a key (D, ctrl+d, delete) or a list of keys")
	}
	var keys []string
	for _, k := range nodes {
		key := strings.TrimSpace(k.Value)
		if k.Kind != yaml.ScalarNode || key == "" {
			if k.Kind != yaml.ScalarNode || k.Value != " " {
				return nil, fmt.Errorf("is a key (D, ctrl+d, delete) or a list of keys")
			}
			key = " "
		}
		if key == "space" {
			key = " " // how the terminal names it
		}
		if err := checkKey(key); err != nil {
			return nil, err
		}
		keys = append(keys, key)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("names at least one key")
	}
	return keys, nil
}

// keyConflicts checks each screen (a view with the shell's keys) for a
// key two actions would share after the overrides; the error points at
// an override that takes part.
func (s *settings) keyConflicts(overrides []keyOverride) error {
	for _, view := range []string{"tokens", "apps", "clients", "audit"} {
		scopes := keyScopes()
		common.Rebind(scopes[view], s.keys[view])
		common.Rebind(scopes["global"], s.keys["global"])
		conflicts := common.Conflicts(map[string][]common.Named{view: scopes[view], "global": scopes["global"]})
		if len(conflicts) == 0 {
			continue
		}
		for _, o := range overrides {
			if o.scope != view && o.scope != "global" {
				continue
			}
			for _, k := range o.keys {
				for _, c := range conflicts {
					if strings.HasPrefix(c, fmt.Sprintf("%q:", k)) {
						return s.errorAt(o.node, "keys."+o.scope+"."+o.action, "key "+c+" would do two things; pick another")
					}
				}
			}
		}
		return fmt.Errorf("%s: keys: %s", s.path, strings.Join(conflicts, "; "))
	}
	return nil
}

// checkKey refuses a key no terminal sends, and ctrl+c, which always
// quits (twice when work is running) so that a binding can never trap the
// user.
func checkKey(key string) error {
	if key == "ctrl+c" {
		return fmt.Errorf("cannot use ctrl+c: it always quits sailtui")
	}
	if utf8.RuneCountInString(key) == 1 {
		return nil
	}
	named := map[string]bool{}
	for t := tea.KeyType(-200); t < 300; t++ {
		if n := t.String(); n != "" && n != "runes" {
			named[n] = true
		}
	}
	base, alt := strings.CutPrefix(key, "alt+")
	if named[base] || (alt && utf8.RuneCountInString(base) == 1) {
		return nil
	}
	return fmt.Errorf("%q is not a key a terminal sends (e.g. D, space, enter, ctrl+d, alt+d, f5, shift+tab)", key)
}
