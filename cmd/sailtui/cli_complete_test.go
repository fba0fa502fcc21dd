package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// complete asks cobra's __complete entry point, as the shell scripts do,
// and returns the values it offers (the directive line dropped).
func complete(t *testing.T, env func(string) (string, bool), args ...string) []string {
	t.Helper()
	code, out, errs := runT(t, append([]string{"__complete"}, args...), env)
	if code != exitOK {
		t.Fatalf("__complete %v: exit %d, %s", args, code, errs)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line != "" && !strings.HasPrefix(line, ":") {
			name, _, _ := strings.Cut(line, "\t") // a description may follow
			got = append(got, name)
		}
	}
	return got
}

func TestCompletionOfDynamicValues(t *testing.T) {
	home := writeSailConfig(t, "acme-test", map[string]string{
		"acme-test": "https://acme-test.api.identitynow.com", "acme-prod": "https://acme.api.identitynow.com"})
	cfg := t.TempDir()
	themesDir := filepath.Join(cfg, "sailtui", "themes")
	if err := os.MkdirAll(themesDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(themesDir, "ocean.yaml"), []byte("base: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := envOf("HOME", home, "XDG_CONFIG_HOME", cfg)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--env", ""}, []string{"acme-prod", "acme-test"}},
		{[]string{"--env", "acme-p"}, []string{"acme-prod"}},
		{[]string{"report", "tokens", "--env", ""}, []string{"acme-prod", "acme-test"}},
		{[]string{"--theme", ""}, []string{"default", "high-contrast", "mono", "ocean"}},
		{[]string{"config", "--theme", "oc"}, []string{"ocean"}},
		{[]string{"--api", ""}, []string{"v1", "v2026", "v2025", "v2024", "v3", "beta"}},
		{[]string{"report", ""}, []string{"apps", "clients", "owner", "tokens"}},
		{[]string{"report", "tokens", "--format", ""}, []string{"csv", "json"}},
		{[]string{"report", "apps", "--list", "a"}, []string{"all", "assigned", "available"}},
		{[]string{""}, []string{"completion", "config", "help", "man", "report", "sandbox", "themes", "version"}},
	} {
		got := complete(t, env, tc.args...)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%v: %v, want %v", tc.args, got, tc.want)
		}
	}
}

// Every shell's script is written, and the man page is roff naming the
// commands.
func TestCompletionScriptsAndManPage(t *testing.T) {
	for sh, want := range map[string]string{"bash": "__start_sailtui", "zsh": "#compdef sailtui", "fish": "complete -c sailtui",
		"powershell": "Register-ArgumentCompleter"} {
		code, out, errs := runT(t, []string{"completion", sh}, envOf())
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("completion %s: exit %d, %s; lacks %q", sh, code, errs, want)
		}
	}
	code, out, _ := runT(t, []string{"man"}, envOf())
	if code != exitOK || !strings.Contains(out, ".TH \"SAILTUI\" \"1\"") || !strings.Contains(out, `\fB--stale-after\fP="90d"`) {
		t.Errorf("man: exit %d\n%.400s", code, out)
	}
	code, v1, _ := runT(t, []string{"version"}, envOf())
	_, v2, _ := runT(t, []string{"--version"}, envOf())
	if code != exitOK || v1 != v2 || !strings.HasPrefix(v1, "sailtui ") {
		t.Errorf("version %q, --version %q", v1, v2)
	}
}

// --view names a saved view (any case); another is refused before
// anything starts; the shell completes the names.
func TestViewFlag(t *testing.T) {
	env := settingsEnv(t, "views:\n  Stale admin tokens:\n    view: tokens\n    only: admin-owner\n  apps by owner:\n    view: apps\n",
		"XDG_STATE_HOME", t.TempDir())
	var out, errb strings.Builder
	cfg, _, ok := parseConfig([]string{"--demo", "--view", "stale ADMIN tokens"}, env, &out, &errb)
	if !ok || cfg.startView != "Stale admin tokens" || len(cfg.views) != 2 {
		t.Fatalf("ok %v, start %q, views %d, %s", ok, cfg.startView, len(cfg.views), errb.String())
	}
	code, _, errs := runT(t, []string{"--demo", "--view", "nope"}, env)
	if code != exitUsage || !strings.Contains(errs, `--view: no saved view "nope" (the settings have "Stale admin tokens", "apps by owner")`) {
		t.Fatalf("exit %d, %q", code, errs)
	}
	if got := complete(t, env, "--view", ""); !slices.Equal(got, []string{"Stale admin tokens", "apps by owner"}) {
		t.Fatalf("completion %v", got)
	}
}

// :columns save writes the choice under columns:, keeping the file's
// other settings and its comments; the next start reads it back.
func TestSaveColumnsKeepsTheSettingsFile(t *testing.T) {
	env := settingsEnv(t, "# my settings\ntheme: mono   # quiet\nstaleAfter: 60d\n")
	path := settingsPath(env)
	save := saveColumns(path)
	if err := save("tokens", []string{"owner:30", "last used", "stale"}); err != nil {
		t.Fatal(err)
	}
	if err := save("apps", []string{"all"}); err != nil {
		t.Fatal(err)
	}
	if err := save("tokens", []string{"owner", "expires"}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{"# my settings", "theme: mono # quiet", "staleAfter: 60d", "tokens: [owner, expires]", "apps: [all]"} {
		if !strings.Contains(text, want) {
			t.Errorf("the file lacks %q:\n%s", want, text)
		}
	}
	st, err := loadSettings(path, themeDir(env))
	if err != nil || strings.Join(st.columns["tokens"], ",") != "owner,expires" {
		t.Fatalf("read back: %v %v", st, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", fi, err)
	}
}
