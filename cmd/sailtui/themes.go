package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/sailtui/sailtui/themes"
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
