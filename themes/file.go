package themes

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Theme files: $XDG_CONFIG_HOME/sailtui/themes/NAME.yaml holds any of the
// semantic tokens (text.primary, status.warning, …). Missing tokens come
// from the built-in theme named by `base` (default: default). A colour is
// "#rgb"/"#rrggbb", an ANSI number 0–255, or a name (red, bright-blue, …),
// or a {light: …, dark: …} pair for adaptive themes. Every mistake names
// the file, the line and the token.

// ansiNumber is one of the 16 ANSI colours by name.
func ansiNumber(name string) (int, bool) {
	base := [...]string{"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"}
	switch name {
	case "gray", "grey":
		return 8, true
	}
	bright := strings.HasPrefix(name, "bright-")
	for i, b := range base {
		if strings.TrimPrefix(name, "bright-") == b {
			if bright {
				return i + 8, true
			}
			return i, true
		}
	}
	return 0, false
}

// FileError is a mistake in a theme file.
type FileError struct {
	Path  string
	Line  int
	Token string
	Msg   string
}

func (e *FileError) Error() string {
	where := e.Path
	if e.Line > 0 {
		where += ":" + strconv.Itoa(e.Line)
	}
	if e.Token != "" {
		return fmt.Sprintf("%s: %s: %s", where, e.Token, e.Msg)
	}
	return where + ": " + e.Msg
}

// colorTokens maps token names to the Theme's colour fields.
func colorTokens(t *Theme) map[string]*Color {
	out := map[string]*Color{}
	v := reflect.ValueOf(t).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if f.Type != reflect.TypeOf(Color{}) {
			continue
		}
		out[strings.Split(f.Tag.Get("yaml"), ",")[0]] = v.Field(i).Addr().Interface().(*Color)
	}
	return out
}

// TokenNames lists the colour tokens a theme file may set, sorted.
func TokenNames() []string {
	var t Theme
	var names []string
	for n := range colorTokens(&t) {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LoadFile reads a theme file; its name is the file's base name.
func LoadFile(path string) (Theme, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Theme{}, fmt.Errorf("theme: %w", err)
	}
	return Parse(path, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), data)
}

// Parse reads a theme file's bytes; path is for messages.
func Parse(path, name string, data []byte) (Theme, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Theme{}, &FileError{Path: path, Msg: "not YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return Theme{}, &FileError{Path: path, Msg: "empty: set at least one token (" + strings.Join(TokenNames(), ", ") + ")"}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return Theme{}, &FileError{Path: path, Line: root.Line, Msg: "a theme is a mapping of token: colour"}
	}
	t, err := baseOf(path, root)
	if err != nil {
		return Theme{}, err
	}
	t.Name = name
	tokens := colorTokens(&t)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch key := k.Value; key {
		case "base", "name":
		case "mono", "ascii":
			var b bool
			if v.Decode(&b) != nil {
				return Theme{}, &FileError{Path: path, Line: v.Line, Token: key, Msg: "is true or false"}
			}
			if key == "mono" {
				t.Mono = b
			} else {
				t.ASCII = b
			}
		default:
			c, ok := tokens[key]
			if !ok {
				return Theme{}, &FileError{Path: path, Line: k.Line, Token: key,
					Msg: "unknown token (known: " + strings.Join(TokenNames(), ", ") + ", base, mono, ascii)"}
			}
			col, err := parseColor(v)
			if err != nil {
				return Theme{}, &FileError{Path: path, Line: v.Line, Token: key, Msg: err.Error()}
			}
			*c = col
		}
	}
	return t, nil
}

// baseOf is the built-in theme the file starts from.
func baseOf(path string, root *yaml.Node) (Theme, error) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "base" {
			v := root.Content[i+1]
			t, err := ByName(v.Value)
			if err != nil {
				return Theme{}, &FileError{Path: path, Line: v.Line, Token: "base", Msg: err.Error()}
			}
			return t, nil
		}
	}
	return Default(), nil
}

// parseColor reads "value" or {light: value, dark: value}.
func parseColor(n *yaml.Node) (Color, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		v, err := colorValue(n.Value)
		return Same(v), err
	case yaml.MappingNode:
		var c Color
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i].Value, n.Content[i+1].Value
			val, err := colorValue(v)
			if err != nil {
				return Color{}, fmt.Errorf("%s: %w", k, err)
			}
			switch k {
			case "light":
				c.Light = val
			case "dark":
				c.Dark = val
			default:
				return Color{}, fmt.Errorf("a colour pair has light and dark, not %q", k)
			}
		}
		if c.Light == "" || c.Dark == "" {
			return Color{}, errors.New("a colour pair needs both light and dark")
		}
		return c, nil
	}
	return Color{}, errors.New("is a colour (\"#5fafff\", 75, blue) or {light: …, dark: …}")
}

// colorValue normalises one colour to what lipgloss takes.
func colorValue(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil // terminal default
	}
	if n, ok := ansiNumber(s); ok {
		return strconv.Itoa(n), nil
	}
	if strings.HasPrefix(s, "#") {
		hex := s[1:]
		if (len(hex) == 3 || len(hex) == 6) && strings.Trim(hex, "0123456789abcdef") == "" {
			if len(hex) == 3 {
				hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
			}
			return "#" + hex, nil
		}
		return "", fmt.Errorf("%q is not a hex colour (#rgb or #rrggbb)", s)
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 || n > 255 {
			return "", fmt.Errorf("ANSI colour %d is out of range (0–255)", n)
		}
		return s, nil
	}
	return "", fmt.Errorf("%q is not a colour: use #rrggbb, an ANSI number 0–255, or a name (red, bright-blue, …)", s)
}

// Find returns a built-in theme or, failing that, the user's file
// dir/NAME.yaml.
func Find(name, dir string) (Theme, error) {
	if t, err := ByName(name); err == nil {
		return t, nil
	}
	name = strings.TrimSpace(name)
	if dir != "" && name != "" && !strings.ContainsAny(name, `/\`) && !strings.HasPrefix(name, ".") {
		path := filepath.Join(dir, name+".yaml")
		if _, err := os.Stat(path); err == nil {
			return LoadFile(path)
		}
	}
	switch {
	case dir == "":
		return Theme{}, fmt.Errorf("unknown theme %q (built-in: %s)", name, strings.Join(Names(), ", "))
	case strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, "."):
		// A name, not a path: theme files are read from dir only.
		return Theme{}, fmt.Errorf("unknown theme %q: a theme is a name (built-in: %s; or the name of a file in %s)",
			name, strings.Join(Names(), ", "), dir)
	}
	return Theme{}, fmt.Errorf("unknown theme %q (built-in: %s; or a file %s)", name, strings.Join(Names(), ", "),
		filepath.Join(dir, name+".yaml"))
}
