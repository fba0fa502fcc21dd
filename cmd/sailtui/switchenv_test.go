package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWithoutFlags(t *testing.T) {
	got := withoutFlags([]string{"--env", "a", "--read-only", "-base-url=x", "--theme", "mono", "--client-id", "c", "--write"},
		"env", "base-url", "client-id")
	if !slices.Equal(got, []string{"--read-only", "--theme", "mono", "--write"}) {
		t.Fatalf("%v", got)
	}
}

// writeSailConfig writes a sail CLI file with plain-text secrets (the old
// layout, no keyring needed) under a fresh HOME.
func writeSailConfig(t *testing.T, active string, envs map[string]string) string {
	t.Helper()
	home := t.TempDir()
	var b strings.Builder
	b.WriteString("activeenvironment: " + active + "\nenvironments:\n")
	for _, name := range slices.Sorted(mapsKeys(envs)) {
		b.WriteString("  " + name + ":\n    baseurl: " + envs[name] + "\n    tenanturl: " + envs[name] +
			"\n    pat:\n      clientid: id-" + name + "\n      clientsecret: secret-" + name + "\n")
	}
	dir := filepath.Join(home, ".sailpoint")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return home
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// The switch resolves the new environment from the sail CLI's file even
// when the SAIL_* variables or --base-url named the old tenant; the other
// flags stay, prod stays read-only, and a bad name says why.
func TestSwitchConfig(t *testing.T) {
	home := writeSailConfig(t, "dev", map[string]string{"dev": "http://127.0.0.1:1", "Prod": "http://127.0.0.1:2"})
	env := envOf("HOME", home, "XDG_CONFIG_HOME", t.TempDir(), "SAIL_BASE_URL", "http://127.0.0.1:9", "SAIL_CLIENT_ID", "x",
		"SAIL_CLIENT_SECRET", "y")
	if names := sailEnvNames(filepath.Join(home, ".sailpoint", "config.yaml")); !slices.Equal(names, []string{"dev", "prod"}) {
		t.Fatalf("names %v", names)
	}
	cfg, problem := switchConfig([]string{"--base-url", "http://127.0.0.1:9", "--stale-after", "30d"}, "prod", env)
	if problem != "" {
		t.Fatal(problem)
	}
	if cfg.envName != "prod" || cfg.baseURL != "http://127.0.0.1:2" || cfg.clientID != "id-Prod" || !cfg.readOnly ||
		cfg.staleAfter.Hours() != 30*24 {
		t.Fatalf("cfg %+v", cfg)
	}
	if cfg, _ := switchConfig([]string{"--write"}, "prod", env); cfg.readOnly {
		t.Fatal("--write did not carry over")
	}
	if _, problem := switchConfig(nil, "staging", env); !strings.Contains(problem, `no environment "staging"`) {
		t.Fatalf("problem %q", problem)
	}
}

// The :env picker's rows: base URLs from the sail CLI's file, and what
// each would start as: prod read-only without --write, the settings'
// own readOnly, and --read-only for all.
func TestSailEnvChoices(t *testing.T) {
	home := writeSailConfig(t, "acme-test", map[string]string{
		"acme-test": "https://acme-test.api.identitynow.com", "prod": "https://acme.api.identitynow.com",
		"audit": "https://audit.api.identitynow.com"})
	cfgDir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(cfgDir, "sailtui"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfgDir, "sailtui", "config.yaml"), []byte("environments:\n  audit:\n    readOnly: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := envOf("HOME", home, "XDG_CONFIG_HOME", cfgDir)
	names := sailEnvNames(sailConfigPath(env))
	got := sailEnvChoices(names, config{}, env)
	want := map[string]bool{"acme-test": false, "audit": true, "prod": true}
	if len(got) != 3 {
		t.Fatalf("%+v", got)
	}
	for _, ch := range got {
		if ch.ReadOnly != want[ch.Name] || !strings.HasPrefix(ch.BaseURL, "https://") || (ch.ReadOnly && ch.Why == "") {
			t.Errorf("%+v", ch)
		}
	}
	for _, ch := range sailEnvChoices(names, config{write: true}, env) {
		if ch.Name == "prod" && ch.ReadOnly {
			t.Error("prod read-only with --write")
		}
	}
	for _, ch := range sailEnvChoices(names, config{readOnlyFlag: true}, env) {
		if !ch.ReadOnly {
			t.Errorf("%s not read-only under --read-only", ch.Name)
		}
	}
}
