package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sailtui/sailtui/ui/common"
)

// Saved views, from the settings file:
//
//	views:
//	  stale admin tokens, oldest first:
//	    view: tokens
//	    only: admin-owner      # a quick view: stale, owner-left, expiring-soon, …
//	    sort: created          # a column's name
//	    desc: false
//	    filter: jenkins        # the / filter
//	    owner: Ada Lovelace    # sweep one owner
//	    columns: [owner, created, last used, stale, risk]
//
// :view NAME opens one, --view NAME at start. What only a view can check
// (a column's or quick view's name) is said when it opens.

// savedViewKinds are the views a saved view may name.
func savedViewKinds() []string { return []string{"tokens", "apps", "clients", "audit"} }

func (s *settings) readViews(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return s.errorAt(n, "views", "is a mapping of a view's name to what it shows")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name, body := n.Content[i], n.Content[i+1]
		label := "views." + name.Value
		if body.Kind != yaml.MappingNode {
			return s.errorAt(body, label, "is a mapping (view, only, sort, desc, filter, owner, columns)")
		}
		sv := common.SavedView{Name: strings.TrimSpace(name.Value)}
		for j := 0; j+1 < len(body.Content); j += 2 {
			if err := s.readViewKey(&sv, label, body.Content[j], body.Content[j+1]); err != nil {
				return err
			}
		}
		if sv.View == "" {
			return s.errorAt(name, label, "says which view: view: "+strings.Join(savedViewKinds(), "|"))
		}
		s.views = append(s.views, sv)
	}
	return nil
}

func (s *settings) readViewKey(sv *common.SavedView, label string, k, v *yaml.Node) error {
	key := label + "." + k.Value
	if k.Value == "columns" {
		cols, err := s.columnList(v, key)
		sv.Columns = cols
		return err
	}
	if v.Kind != yaml.ScalarNode {
		return s.errorAt(v, key, "is a single value")
	}
	val := strings.TrimSpace(v.Value)
	switch k.Value {
	case "view":
		sv.View = strings.ToLower(val)
		if !slices.Contains(savedViewKinds(), sv.View) {
			return s.errorAt(v, key, "is one of "+strings.Join(savedViewKinds(), ", "))
		}
	case "only":
		sv.Only = val
	case "sort":
		sv.Sort = val
	case "desc":
		b, err := strconv.ParseBool(val)
		if err != nil {
			return s.errorAt(v, key, "is true or false")
		}
		sv.Desc = b
	case "filter":
		sv.Filter = val
	case "owner":
		sv.Owner = val
	default:
		return s.errorAt(k, key, "unknown key (a view may set view, only, sort, desc, filter, owner, columns)")
	}
	return nil
}

// columnList reads columns: a list, or one text of names split by commas.
func (s *settings) columnList(v *yaml.Node, key string) ([]string, error) {
	var raw []string
	switch v.Kind {
	case yaml.SequenceNode:
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, s.errorAt(c, key, "lists column names")
			}
			raw = append(raw, c.Value)
		}
	case yaml.ScalarNode:
		raw = strings.Split(v.Value, ",")
	default:
		return nil, s.errorAt(v, key, "lists column names")
	}
	var out []string
	for _, c := range raw {
		if c = strings.ToLower(strings.TrimSpace(c)); c != "" {
			out = append(out, c)
		}
	}
	return out, nil
}

// viewNames are the saved views' names (--view completes them).
func viewNames(getenv func(string) (string, bool)) []string {
	st, err := loadSettings(settingsPath(getenv), themeDir(getenv))
	if err != nil {
		return nil
	}
	var out []string
	for _, v := range st.views {
		out = append(out, v.Name)
	}
	return out
}

// checkView is --view: a saved view's name (any case), or why not.
func checkView(name string, views []common.SavedView) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil
	}
	var names []string
	for _, v := range views {
		if strings.EqualFold(v.Name, name) {
			return v.Name, nil
		}
		names = append(names, strconv.Quote(v.Name))
	}
	if len(names) == 0 {
		return "", errors.New("no saved views: add them under views: in the settings file")
	}
	return "", errors.New("no saved view " + strconv.Quote(name) + " (the settings have " + strings.Join(names, ", ") + ")")
}

// readColumns reads columns: (a view's name → the columns it shows, as
// :columns save writes them).
func (s *settings) readColumns(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return s.errorAt(n, "columns", "is a mapping of a view to its columns, e.g. tokens: [owner, last used, stale]")
	}
	s.columns = map[string][]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		view, body := n.Content[i], n.Content[i+1]
		key := "columns." + view.Value
		if !slices.Contains(savedViewKinds(), strings.ToLower(view.Value)) {
			return s.errorAt(view, key, "names a view: "+strings.Join(savedViewKinds(), ", "))
		}
		cols, err := s.columnList(body, key)
		if err != nil {
			return err
		}
		s.columns[strings.ToLower(view.Value)] = cols
	}
	return nil
}

// saveColumns writes view's column choice into the settings file at
// path, under columns:, keeping the rest of the file (comments too) as
// it is; the file is replaced whole, never half written.
func saveColumns(path string) func(view string, cols []string) error {
	return func(view string, cols []string) error {
		if path == "" {
			return errors.New("no settings file: no home folder")
		}
		var doc yaml.Node
		data, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		default:
			if err := yaml.Unmarshal(data, &doc); err != nil {
				return fmt.Errorf("%s is not YAML now: %w", path, err)
			}
		}
		if len(doc.Content) == 0 {
			doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
		}
		root := doc.Content[0]
		if root.Kind != yaml.MappingNode {
			return fmt.Errorf("%s is not a mapping of settings", path)
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, c := range cols {
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: c})
		}
		setIn(mappingAt(root, "columns"), view, seq)
		var b bytes.Buffer
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(&doc); err != nil {
			return err
		}
		return writeWhole(path, b.Bytes())
	}
}

// mappingAt is root's mapping under key, made when missing.
func mappingAt(root *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key && root.Content[i+1].Kind == yaml.MappingNode {
			return root.Content[i+1]
		}
	}
	m := &yaml.Node{Kind: yaml.MappingNode}
	root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, m)
	return m
}

// setIn sets key to v in mapping m.
func setIn(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
}

// writeWhole replaces path with data through a temporary file in its
// folder, readable by the user only.
func writeWhole(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".config-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
