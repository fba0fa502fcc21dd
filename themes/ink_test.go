package themes

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// An ink paints the bytes lipgloss renders for one line of text.
func TestInkPaintsWhatRenderDraws(t *testing.T) {
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, name := range Names() {
			th, _ := ByName(name)
			s := NewStyles(th, renderer(p, true))
			for label, c := range map[string]struct {
				ink    Ink
				render func(...string) string
			}{
				"cell": {s.Row.Cell, s.Table.Cell.Render}, "selected": {s.Row.Selected, s.Table.Selected.Render},
				"marked": {s.Row.Marked, s.Table.Marked.Render}, "stale": {s.Row.Stale, s.Table.Stale.Render},
				"managed": {s.Row.Managed, s.Table.Managed.Render}, "tag": {s.Row.Tag, s.Text.Accent.Render},
			} {
				if got, want := c.ink.Paint("ci deploy ✓"), c.render("ci deploy ✓"); got != want {
					t.Errorf("%s/%s/%s: %q, want %q", p.Name(), name, label, got, want)
				}
			}
			// Underline is one run instead of one per character: the
			// same text, the same attributes.
			m := s.Row.Match.Paint("ali ce")
			if ansi.Strip(m) != "ali ce" || (p != termenv.Ascii && m == "ali ce") {
				t.Errorf("%s/%s: match %q", p.Name(), name, m)
			}
			if s.Row.Stale.Paint("") != "" {
				t.Errorf("%s/%s: empty text painted", p.Name(), name)
			}
		}
	}
}
