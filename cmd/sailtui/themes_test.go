package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestThemesCommandListsAndChecks(t *testing.T) {
	cfg := t.TempDir()
	dir := filepath.Join(cfg, "sailtui", "themes")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "ocean.yaml"), []byte("accent: blue\n"), 0o600)
	env := envOf("XDG_CONFIG_HOME", cfg)
	code, out, errs := runT(t, []string{"themes"}, env)
	if code != exitOK || errs != "" || !strings.Contains(out, "high-contrast    built-in") || !strings.Contains(out, "ocean            "+dir) {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	// --theme finds the file.
	var o, e strings.Builder
	c, _, ok := parseConfig([]string{"--demo", "--theme", "ocean"}, env, &o, &e)
	if !ok || c.theme.Name != "ocean" || c.theme.Accent.Dark != "4" {
		t.Fatalf("--theme ocean: %v %+v %s", ok, c.theme.Accent, e.String())
	}
	os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("accent: nope\n"), 0o600)
	code, _, errs = runT(t, []string{"themes"}, env)
	if code != exitUsage || !strings.Contains(errs, "broken.yaml:1: accent: \"nope\" is not a colour") {
		t.Fatalf("broken: exit %d %q", code, errs)
	}
	code, _, errs = runT(t, []string{"--demo", "--theme", "broken"}, env)
	if code != exitUsage || !strings.Contains(errs, "--theme: ") || !strings.Contains(errs, "broken.yaml:1") {
		t.Fatalf("--theme broken: exit %d %q", code, errs)
	}
}
