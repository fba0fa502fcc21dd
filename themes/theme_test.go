package themes

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestResolve(t *testing.T) {
	cases := []struct {
		name    string
		noColor bool
		want    string
		err     bool
	}{
		{"", false, "default", false},
		{"high-contrast", false, "high-contrast", false},
		{" MONO ", false, "mono", false},
		{"default", true, "mono", false}, // NO_COLOR wins
		{"neon", false, "", true},
		{"neon", true, "", true}, // a bad name is said even under NO_COLOR
	}
	for _, c := range cases {
		th, err := Resolve(c.name, "", c.noColor)
		if (err != nil) != c.err || (!c.err && th.Name != c.want) {
			t.Errorf("Resolve(%q, %v) = %q, %v", c.name, c.noColor, th.Name, err)
		}
	}
	if got := strings.Join(Names(), ","); got != "default,high-contrast,mono" {
		t.Errorf("Names = %s", got)
	}
}

// Every built-in renders every style without panicking, and mono emits no
// colour at all even on a 256-colour terminal.
func TestNewStylesBuiltins(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	for _, name := range Names() {
		th, _ := ByName(name)
		s := NewStyles(th, r)
		out := s.Table.Stale.Render("x") + s.Bar.ReadOnly.Render("RO") + s.Toast.Error.Render("e") + s.Table.Selected.Render("row")
		if name == "mono" && (strings.Contains(out, "38;5") || strings.Contains(out, "48;5")) {
			t.Errorf("mono emits colour: %q", out)
		}
		if s.Glyphs.Stale == "" || s.Glyphs.Wait == "" || s.Glyphs.Session == "" || s.Glyphs.Cursor == "" {
			t.Errorf("%s: glyphs missing", name)
		}
	}
	ascii := NewStyles(Theme{Name: "plain", Mono: true, ASCII: true}, r)
	if ascii.Glyphs.Stale != "!" || ascii.Glyphs.Marked != "*" || ascii.Glyphs.Session != "@" || ascii.Glyphs.Cursor != ">" {
		t.Errorf("ASCII glyphs = %+v", ascii.Glyphs)
	}
}

// The token names in struct tags are what theme files will use.
func TestThemeDecodesFromTokenNames(t *testing.T) {
	var th Theme
	err := json.Unmarshal([]byte(`{"name":"mine","status.warning":{"light":"#aa0000","dark":"#ff5555"},"row.selected":{"dark":"4"}}`), &th)
	if err != nil || th.StatusWarning.Dark != "#ff5555" || th.RowSelected.Dark != "4" || th.Name != "mine" {
		t.Fatalf("decode: %+v, %v", th, err)
	}
}
