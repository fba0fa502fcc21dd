package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/userdirs"
)

// sailtui's own settings: $XDG_CONFIG_HOME/sailtui/config.yaml (default
// ~/.config/sailtui/config.yaml). Every key is optional; flags beat the
// file, and an environment's own section beats the top level. An unknown
// key or a bad value is an error naming the file, the line and the key.
//
//	theme: high-contrast
//	staleAfter: 60d
//	api: v2025
//	rateLimit: 100/10s
//	editor: nvim -u NONE
//	readOnly: false
//	staleWhenOwnerInactive: true
//	environments:
//	  acme-prod: {readOnly: true, staleAfter: 30d}
//	keys:
//	  tokens.delete: D

// settingFlag is the flag a top-level key stands for ("" for the editor,
// which has no flag); ok is false for an unknown key.
func settingFlag(key string) (name string, ok bool) {
	switch key {
	case "theme":
		return "theme", true
	case "staleAfter":
		return "stale-after", true
	case "api":
		return "api", true
	case "rateLimit":
		return "rate-limit", true
	case "readOnly":
		return "read-only", true
	case "refresh":
		return "refresh", true
	case "editor", "staleWhenOwnerInactive", "mouse":
		return "", true
	}
	return "", false
}

// envSettingFlag is settingFlag for the keys an environment's section may
// hold.
func envSettingFlag(key string) (string, bool) {
	switch key {
	case "readOnly", "staleAfter", "api":
		return settingFlag(key)
	}
	return "", false
}

// settings is a checked settings file.
type settings struct {
	path   string
	top    map[string]string            // flag → value
	envs   map[string]map[string]string // environment (lower case) → flag → value
	editor string
	keys   map[string]map[string][]string // scope → action → keys
	// ownerRuleOff: staleWhenOwnerInactive: false.
	ownerRuleOff bool
	// mouseOff: mouse: false (the terminal's own selection works).
	mouseOff bool
	// views are the saved views (views:); columns the column choices
	// per view (columns:).
	views   []common.SavedView
	columns map[string][]string
}

// configDir is sailtui's configuration directory: $XDG_CONFIG_HOME/sailtui
// (an absolute one; the XDG spec says to ignore a relative one), else the
// system's own place (userdirs.Config); "" when there is no home.
func configDir(getenv func(string) (string, bool)) string {
	return userdirs.Config(userdirs.Env{GOOS: runtime.GOOS, Getenv: getenv})
}

// settingsPath is the settings file ("" when there is no home).
func settingsPath(getenv func(string) (string, bool)) string {
	return inConfigDir(getenv, "config.yaml")
}

// themeDir holds the user's theme files ("" when there is no home).
func themeDir(getenv func(string) (string, bool)) string { return inConfigDir(getenv, "themes") }

func inConfigDir(getenv func(string) (string, bool), name string) string {
	if d := configDir(getenv); d != "" {
		return filepath.Join(d, name)
	}
	return ""
}

// loadSettings reads and checks the file; a missing file is no settings.
func loadSettings(path, themeDir string) (*settings, error) {
	s := &settings{path: path, top: map[string]string{}, envs: map[string]map[string]string{}}
	if path == "" {
		return s, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not YAML: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return s, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: the settings are a mapping of key: value", path, root.Line)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value == "environments" {
			if err := s.readEnvs(v); err != nil {
				return nil, err
			}
			continue
		}
		if k.Value == "keys" {
			if err := s.readKeys(v); err != nil {
				return nil, err
			}
			continue
		}
		if k.Value == "views" {
			if err := s.readViews(v); err != nil {
				return nil, err
			}
			continue
		}
		if k.Value == "columns" {
			if err := s.readColumns(v); err != nil {
				return nil, err
			}
			continue
		}
		flagName, ok := settingFlag(k.Value)
		if !ok {
			return nil, s.errorAt(k, k.Value, "unknown key (known: theme, staleAfter, api, rateLimit, editor, readOnly, refresh, mouse, staleWhenOwnerInactive, environments, keys, views, columns)")
		}
		val, err := s.value(v, k.Value, k.Value, themeDir)
		if err != nil {
			return nil, err
		}
		if k.Value == "staleWhenOwnerInactive" || k.Value == "mouse" {
			on, _ := strconv.ParseBool(val) // checked by value
			if k.Value == "mouse" {
				s.mouseOff = !on
			} else {
				s.ownerRuleOff = !on
			}
			continue
		}
		if k.Value == "editor" {
			s.editor = val
			continue
		}
		s.top[flagName] = val
	}
	return s, nil
}

func (s *settings) readEnvs(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return s.errorAt(n, "environments", "is a mapping of environment name to its settings")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name, body := n.Content[i], n.Content[i+1]
		if body.Kind != yaml.MappingNode {
			return s.errorAt(body, "environments."+name.Value, "is a mapping (readOnly, staleAfter, api)")
		}
		env := map[string]string{}
		for j := 0; j+1 < len(body.Content); j += 2 {
			k, v := body.Content[j], body.Content[j+1]
			key := "environments." + name.Value + "." + k.Value
			flagName, ok := envSettingFlag(k.Value)
			if !ok {
				return s.errorAt(k, key, "unknown key (an environment may set readOnly, staleAfter, api)")
			}
			val, err := s.value(v, k.Value, key, "")
			if err != nil {
				return err
			}
			env[flagName] = val
		}
		s.envs[strings.ToLower(name.Value)] = env
	}
	return nil
}

// value checks one value with the parser its flag uses.
func (s *settings) value(v *yaml.Node, key, label, themeDir string) (string, error) {
	if v.Kind != yaml.ScalarNode {
		return "", s.errorAt(v, label, "is a single value")
	}
	val := strings.TrimSpace(v.Value)
	var err error
	switch key {
	case "staleAfter":
		_, err = stale.ParseAfter(val)
	case "api":
		_, err = client.ParseFamily(val)
	case "rateLimit":
		_, err = client.ParseRateLimit(val)
	case "refresh":
		_, err = parseRefresh(val)
	case "readOnly", "staleWhenOwnerInactive", "mouse":
		_, err = strconv.ParseBool(val)
		if err != nil {
			err = errors.New("is true or false")
		}
	case "theme":
		_, err = themes.Find(val, themeDir)
	case "editor":
		if val == "" {
			err = errors.New("names an editor command, e.g. \"nvim -u NONE\"")
		}
	}
	if err != nil {
		return "", s.errorAt(v, label, err.Error())
	}
	return val, nil
}

func (s *settings) errorAt(n *yaml.Node, key, msg string) error {
	return fmt.Errorf("%s:%d: %s: %s", s.path, n.Line, key, msg)
}

// applyTop sets the flags the command line left alone from the file's top
// level; set are the flags the command line did set.
func (s *settings) applyTop(fs *pflag.FlagSet, set map[string]bool) {
	for f, v := range s.top {
		if !set[f] {
			_ = fs.Set(f, v) // checked when loaded
		}
	}
}

// applyEnv applies environment env's section to cfg, except what the
// command line set.
func (s *settings) applyEnv(c *config, env string, set map[string]bool) {
	for f, v := range s.envs[strings.ToLower(env)] {
		if set[f] {
			continue
		}
		switch f {
		case "read-only":
			c.readOnly, _ = strconv.ParseBool(v)
		case "stale-after":
			c.staleAfter, _ = stale.ParseAfter(v)
		case "api":
			c.family, _ = client.ParseFamily(v)
		}
		c.record("setting "+f, v, s.path+" environments."+env)
	}
}

// minRefresh is the shortest timer refresh: a tenant's request budget is
// shared with every other tool, and a list of 10,000 tokens is 40 pages.
const minRefresh = 30 * time.Second

// parseRefresh reads --refresh (and refresh: in the settings): a Go
// duration or days (5m, 1h, 1d); "" or 0 is off.
func parseRefresh(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return 0, nil
	}
	d, err := stale.ParseDays(s)
	if err != nil {
		return 0, fmt.Errorf("%q: write a duration such as 5m, 1h or 1d", s)
	}
	if d < minRefresh {
		return 0, fmt.Errorf("%s is too often: at least %s (the tenant's request budget is shared)", s, minRefresh)
	}
	return d, nil
}
