package common_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

func asciiStyles() *themes.Styles { return commontest.Styles(themes.Default(), termenv.Ascii) }

func TestDialogFrameSizesAndFrames(t *testing.T) {
	s := asciiStyles()
	for _, c := range []struct{ avail, want int }{{0, 60}, {200, 60}, {50, 50}, {20, 32}} {
		f := common.NewDialogFrame(s, c.avail, 60, 32)
		out := f.Render("Title", []string{"body text that is long enough to wrap around inside a narrow dialog"}, "esc close")
		lines := strings.Split(out, "\n")
		for _, l := range lines {
			if w := ansi.StringWidth(l); w != c.want {
				t.Errorf("avail %d: line %q is %d wide, want %d", c.avail, l, w, c.want)
			}
		}
		if !strings.Contains(lines[1], "Title") || strings.TrimSpace(strings.Trim(lines[2], "│")) != "" ||
			!strings.Contains(lines[len(lines)-2], "esc close") || f.Inner() != c.want-4 {
			t.Errorf("avail %d: frame\n%s", c.avail, out)
		}
	}
	plain := common.NewDialogFrame(s, 0, 40, 32).Render("T", nil, "")
	danger := common.NewDialogFrame(s, 0, 40, 32).Danger(true).Render("T", nil, "")
	if plain == danger || !strings.Contains(danger, "┃") {
		t.Fatalf("danger frame not distinct:\n%s\n%s", plain, danger)
	}
}

// counter is a bubbles-style value component.
type counter struct{ n, w int }

func (c counter) Update(tea.Msg) (counter, tea.Cmd) { c.n++; return c, nil }
func (c counter) View() string                      { return strings.Repeat("x", c.n) }
func (c *counter) SetSize(w, _ int)                 { c.w = w }
func (c counter) ShortHelp() []key.Binding          { return []key.Binding{common.NewBinding("x", "do", "x")} }
func (c counter) FullHelp() [][]key.Binding         { return [][]key.Binding{c.ShortHelp()} }

func TestValueModalUpdatesInPlace(t *testing.T) {
	var md common.Modal = common.NewValueModal(counter{})
	md.Update(nil)
	md.Update(nil)
	md.SetSize(42, 10)
	v := md.(*common.ValueModal[counter, *counter])
	if md.View() != "xx" || v.Model.w != 42 || len(md.Keys().ShortHelp()) != 1 {
		t.Fatalf("modal %+v view %q", v.Model, md.View())
	}
}

func TestButtonFocusIsBracketedAndAsWide(t *testing.T) {
	s := asciiStyles()
	plain := common.Button(s.Dialog.Button, "Delete 3", false)
	focused := common.Button(s.Dialog.ButtonFocused, "Delete 3", true)
	if plain != "  Delete 3  " || focused != "[ Delete 3 ]" {
		t.Fatalf("plain %q focused %q", plain, focused)
	}
}
