package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/shell"
)

// runThemes is `sailtui themes`: the built-in themes, then the user's
// files, each checked; exit 2 when a file has a mistake.
func runThemes(args []string, getenv func(string) (string, bool), stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "sailtui themes: takes no arguments; it lists and checks every theme")
		return exitUsage
	}
	for _, n := range themes.Names() {
		fmt.Fprintf(stdout, "%-16s built-in\n", n)
	}
	dir := themeDir(getenv)
	if dir == "" {
		return exitOK
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	sort.Strings(files)
	code := exitOK
	for _, f := range files {
		t, err := themes.LoadFile(f)
		if err != nil {
			fmt.Fprintln(stderr, "sailtui themes:", err)
			code = exitUsage
			continue
		}
		fmt.Fprintf(stdout, "%-16s %s\n", t.Name, f)
	}
	if len(files) == 0 {
		if _, err := os.Stat(dir); err != nil {
			fmt.Fprintf(stdout, "(no theme files: put NAME.yaml in %s)\n", dir)
		}
	}
	return code
}

// themeSetter makes a theme's styles for :theme, as --theme would.
func themeSetter(stdout io.Writer, getenv func(string) (string, bool)) shell.ThemeFunc {
	return func(name string) (*themes.Styles, error) {
		if v, _ := getenv("NO_COLOR"); v != "" {
			return nil, errors.New("NO_COLOR is set: sailtui draws in mono")
		}
		th, err := themes.Resolve(name, themeDir(getenv), false)
		if err != nil {
			return nil, err
		}
		return themes.NewStyles(th, themes.NewRenderer(stdout, th)), nil
	}
}
