package main

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/views/tokens"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/client"
)

// settingsEnv writes config.yaml under a fresh XDG_CONFIG_HOME.
func settingsEnv(t *testing.T, body string, kv ...string) func(string) (string, bool) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sailtui"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sailtui", "config.yaml"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return envOf(append([]string{"XDG_CONFIG_HOME", dir}, kv...)...)
}

func TestSettingsFileAndFlagsBeatIt(t *testing.T) {
	env := settingsEnv(t, "theme: high-contrast\nstaleAfter: 30d\napi: v2025\nrateLimit: 50/10s\neditor: nano\n")
	var o, e strings.Builder
	c, _, ok := parseConfig([]string{"--demo", "--stale-after", "10d"}, env, &o, &e)
	if !ok {
		t.Fatal(e.String())
	}
	if c.theme.Name != "high-contrast" || c.family != client.FamilyV2025 || c.rateLimit.Requests != 50 || c.editor != "nano" {
		t.Fatalf("settings not applied: %s %s %+v %q", c.theme.Name, c.family, c.rateLimit, c.editor)
	}
	if c.staleAfter != 10*24*time.Hour {
		t.Fatalf("the flag must beat the file: %v", c.staleAfter)
	}
	if ed := editOptions(envOf(), "nano").Editor; ed != "nano" {
		t.Fatalf("editor %q", ed)
	}
	if ed := editOptions(envOf("SAILTUI_EDITOR", "vim"), "nano").Editor; ed != "vim" {
		t.Fatalf("SAILTUI_EDITOR must beat the file: %q", ed)
	}
}

func TestEnvironmentSection(t *testing.T) {
	get := fakeKeyring(map[[2]string]string{
		{keyringClientID, "acme-test"}: "id", {keyringClientSecret, "acme-test"}: "secret",
	})
	home := sailHome(t, sail2)
	env := settingsEnv(t, "staleAfter: 60d\nenvironments:\n  Acme-Test:\n    readOnly: true\n    staleAfter: 14d\n", "HOME", home)
	var o, e strings.Builder
	c, _, ok := parseWith(nil, env, get, &o, &e)
	if !ok || !c.readOnly || c.staleAfter != 14*24*time.Hour {
		t.Fatalf("ok %v readOnly %v staleAfter %v: %s", ok, c.readOnly, c.staleAfter, e.String())
	}
	c, _, _ = parseWith([]string{"--stale-after", "5d"}, env, get, &o, &e)
	if c.staleAfter != 5*24*time.Hour {
		t.Fatalf("flag vs environment section: %v", c.staleAfter)
	}
}

// Every kind of mistake names the file, the line and the key, exit 2.
func TestSettingsMistakes(t *testing.T) {
	var b strings.Builder
	for _, body := range []string{
		"staleAfter: [30d",
		"- theme",
		"stale_after: 30d",
		"staleAfter: forever",
		"api: v9",
		"rateLimit: lots",
		"readOnly: maybe",
		"refresh: 5s",
		"refresh: soon",
		"mouse: sometimes",
		"columns:\n  users: [name]",
		"views:\n  stale:\n    only: stale",
		"views:\n  x:\n    view: users",
		"views:\n  x:\n    view: tokens\n    colour: red",
		"theme: neon",
		"editor: ''",
		"keys:\n  delete: D",
		"keys:\n  tokens.obliterate: D",
		"keys:\n  tokens.delete: {x: 1}",
		"keys:\n  tokens.delete: s",
		"keys:\n  global.quit: d",
		"keys:\n  apps.toggle-enabled: []",
		"keys:\n  tokens.delete: ctrl+c",         // always quits
		"keys:\n  tokens.delete: ctlr+d",         // no such key
		"keys:\n  tokens.delete: [D, shift+alt]", // nor this
		"keys: D",
		"environments: prod",
		"environments:\n  prod:\n    theme: mono",
		"environments:\n  prod:\n    staleAfter: 0d",
	} {
		code, out, errs := runT(t, []string{"--demo"}, settingsEnv(t, "# settings\n"+body+"\n"))
		if code != exitUsage || out != "" {
			t.Errorf("%q: exit %d", body, code)
		}
		errs = strings.ReplaceAll(errs, filepath.Dir(filepath.Dir(strings.SplitN(strings.TrimPrefix(errs, "sailtui: "), ":", 2)[0]))+"/", "$XDG_CONFIG_HOME/")
		b.WriteString(strings.ReplaceAll(body, "\n", "⏎") + "\n    " + errs)
	}
	golden.RequireEqual(t, []byte(b.String()))
}

func TestConfigDir(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux's folders; every system's are userdirs' tests")
	}
	for _, c := range []struct {
		env  []string
		want string
	}{
		{[]string{"XDG_CONFIG_HOME", "/x", "HOME", "/h"}, "/x/sailtui"},
		{[]string{"XDG_CONFIG_HOME", "relative", "HOME", "/h"}, "/h/.config/sailtui"},
		{nil, ""},
	} {
		if got := configDir(envOf(c.env...)); got != c.want {
			t.Errorf("%v: %q", c.env, got)
		}
	}
	if settingsPath(envOf()) != "" || themeDir(envOf("HOME", "/h")) != "/h/.config/sailtui/themes" {
		t.Fatal("paths")
	}
}

// No two default actions of a screen share a key, and an override
// rebinds its action: the key map matches the new key, and its help
// shows it.
func TestKeyOverrides(t *testing.T) {
	scopes := keyScopes()
	for _, view := range []string{"tokens", "apps", "clients", "audit"} {
		if c := common.Conflicts(map[string][]common.Named{view: scopes[view], "global": scopes["global"]}); len(c) > 0 {
			t.Errorf("%s defaults conflict: %v", view, c)
		}
	}
	st, err := loadSettings(settingsPath(settingsEnv(t, "keys:\n  tokens.delete: [D, ctrl+d]\n")), "")
	if err != nil || !slices.Equal(st.keys["tokens"]["delete"], []string{"D", "ctrl+d"}) {
		t.Fatalf("keys %v, %v", st.keys, err)
	}
	km := tokens.NewKeyMap(true, "", st.keys["tokens"])
	if !key.Matches(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("D")}, km.Delete) || km.Delete.Help().Key != "D/ctrl+d" ||
		km.DisabledReason(km.Delete) == "" {
		t.Fatalf("delete %v %q, disabled %q", km.Delete.Keys(), km.Delete.Help().Key, km.DisabledReason(km.Delete))
	}
}
