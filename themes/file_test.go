package themes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

func TestPartialFileInheritsItsBase(t *testing.T) {
	th, err := Parse("ocean.yaml", "ocean", []byte(`# my colours
base: high-contrast
accent: "#5fafff"
status.warning: bright-yellow
row.selected: {light: "#ddd", dark: 236}
ascii: true
`))
	if err != nil {
		t.Fatal(err)
	}
	hc := HighContrast()
	if th.Name != "ocean" || th.Accent != Same("#5fafff") || th.StatusWarning != Same("11") ||
		th.RowSelected != (Color{Light: "#dddddd", Dark: "236"}) || !th.ASCII {
		t.Fatalf("theme %+v", th)
	}
	if th.TextPrimary != hc.TextPrimary || th.DiffAdded != hc.DiffAdded {
		t.Fatal("unset tokens did not come from the base")
	}
	if th, err := Parse("x.yaml", "x", []byte("text.faint: 244\n")); err != nil || th.TextPrimary != Default().TextPrimary {
		t.Fatalf("default base: %v", err)
	}
}

// Each kind of mistake names the file, the line and the token.
func TestFileMistakes(t *testing.T) {
	var b strings.Builder
	for _, body := range []string{
		"accent: [oops",
		"",
		"- accent",
		"acent: red",
		"accent: purple-ish",
		"accent: 300",
		"accent: '#12345'",
		"base: neon",
		"row.selected: {light: red}",
		"row.selected: {light: red, dim: blue}",
		"mono: maybe",
		"accent: [1, 2]",
	} {
		_, err := Parse("themes/bad.yaml", "bad", []byte("# header\n"+body+"\n"))
		if err == nil {
			t.Errorf("%q accepted", body)
			continue
		}
		b.WriteString(strings.ReplaceAll(body, "\n", "⏎") + "\n    " + err.Error() + "\n")
	}
	golden.RequireEqual(t, []byte(b.String()))
}

func TestFindPrefersBuiltinsThenFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ocean.yaml"), []byte("accent: blue\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if th, err := Find("ocean", dir); err != nil || th.Accent != Same("4") {
		t.Fatalf("ocean: %+v %v", th.Accent, err)
	}
	if th, err := Find("mono", dir); err != nil || !th.Mono {
		t.Fatal("built-in not preferred")
	}
	for _, bad := range []string{"../ocean", "nope"} {
		if _, err := Find(bad, dir); err == nil || !strings.Contains(err.Error(), "unknown theme") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// A theme is a name: a path, even one that leads back inside, is refused
// without naming a file outside the themes folder.
func TestThemeNameIsNotAPath(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"../..", "..", "../themes/x", `..\x`, ".hidden"} {
		_, err := Find(name, dir)
		if err == nil || !strings.Contains(err.Error(), "a theme is a name") || strings.Contains(err.Error(), "...yaml") {
			t.Errorf("%q: %v", name, err)
		}
	}
}
