package help

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

type keys struct {
	common.Disabler
	bs []key.Binding
}

func (k keys) ShortHelp() []key.Binding  { return k.bs }
func (k keys) FullHelp() [][]key.Binding { return [][]key.Binding{k.bs} }

// The bar keeps the global keys and leaves out disabled ones: read-only
// mode does not offer delete (the ? overlay lists it, struck through).
func TestBarKeepsGlobalKeysAndLeavesOutDisabled(t *testing.T) {
	s := commontest.Styles(themes.Default(), termenv.ANSI256)
	k := keys{bs: []key.Binding{
		common.NewBinding("space", "mark", " "), common.NewBinding("d", "delete", "d"),
		common.NewBinding("/", "a filter with a long description", "/"),
	}}
	k.Disable(k.bs[1], "read-only")
	global := []key.Binding{common.NewBinding("?", "help", "?"), common.NewBinding("q", "quit", "q")}
	out := Bar(s, k, global, 40)
	plain := ansi.Strip(out)
	if !strings.HasSuffix(plain, "? help · q quit") || ansi.StringWidth(out) > 40 {
		t.Fatalf("bar %q (%d wide)", plain, ansi.StringWidth(out))
	}
	if strings.Contains(plain, "long description") {
		t.Fatal("an entry that does not fit was drawn")
	}
	if strings.Contains(plain, "delete") {
		t.Fatalf("a disabled key is offered: %q", plain)
	}
}

// groups is a key map shaped like the Tokens view's: four groups, one of
// them disabled in read-only mode.
type groups struct {
	common.Disabler
	gs [][]key.Binding
}

func (g groups) ShortHelp() []key.Binding  { return g.gs[0] }
func (g groups) FullHelp() [][]key.Binding { return g.gs }

func tokensLike(readOnly bool) groups {
	b := common.NewBinding
	g := groups{gs: [][]key.Binding{
		{b("↑/k", "up", "k"), b("↓/j", "down", "j"), b("pgup", "page up", "pgup"), b("pgdn", "page down", "pgdown"),
			b("g/home", "first", "g"), b("G/end", "last", "G"), b("enter", "details", "enter")},
		{b("/", "filter", "/"), b("esc", "clear filter", "esc"), b("s", "stale only", "s"), b("f", "server filter", "f"),
			b("o", "all/mine", "o"), b("1-8", "sort by column", "1"), b("R", "reverse sort", "R"), b("r", "refresh", "r")},
		{b("space", "mark", " "), b("a", "mark all in view", "a"), b("A", "clear marks", "A"), b("d", "delete", "d"), b("n", "new token", "n")},
		{b("e", "edit", "e"), b("E", "edit in $EDITOR", "E"), b("u", "undo last edit", "u")},
	}}
	if readOnly {
		for _, k := range []key.Binding{g.gs[2][3], g.gs[2][4], g.gs[3][0], g.gs[3][1], g.gs[3][2]} {
			g.Disable(k, "read-only mode (started with --read-only): nothing can be changed")
		}
	}
	return g
}

// The overlay fits any allowed size: columns where they fit, else a
// scrolled body with its position, and the frame is always whole.
func TestOverlayFits(t *testing.T) {
	global := []key.Binding{common.NewBinding("?", "help", "?"), common.NewBinding("q", "quit", "q"),
		common.NewBinding("ctrl+c", "cancel delete, quit", "ctrl+c")}
	for _, tc := range []struct {
		name     string
		w, h     int
		readOnly bool
		scroll   int
	}{
		{"80x24", 80, 24, false, 0},
		{"80x24_read_only", 80, 24, true, 0},
		{"60x12", 60, 12, false, 0},
		{"60x12_scrolled", 60, 12, true, 5},
		{"120x40", 120, 40, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := NewOverlay(commontest.Common(termenv.Ascii, nil), "Tokens", tokensLike(tc.readOnly), global)
			o.SetSize(tc.w, tc.h)
			for range tc.scroll {
				o.Update(tea.KeyMsg{Type: tea.KeyDown})
			}
			out := o.View()
			lines := strings.Split(out, "\n")
			if len(lines) > tc.h {
				t.Errorf("%d lines on a %d-line screen", len(lines), tc.h)
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > tc.w {
					t.Errorf("line %d wide on a %d-column screen: %q", w, tc.w, l)
				}
			}
			if last := lines[len(lines)-1]; !strings.HasPrefix(last, "╰") {
				t.Errorf("no bottom border: %q", last)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}

// / searches the keys: only bindings whose key or words hold the text
// stay; enter keeps the search, esc clears it, a second esc closes.
func TestOverlaySearch(t *testing.T) {
	km := common.HelpKeys{Full: [][]key.Binding{{
		common.NewBinding("d", "delete", "d"), common.NewBinding("x", "expire", "x"), common.NewBinding("X", "export CSV/JSON", "X"),
	}}}
	o := NewOverlay(commontest.Common(termenv.Ascii, nil), "Tokens", km, nil)
	o.SetSize(80, 24)
	o.Update(commontest.Key("/"))
	if !o.TakesText() {
		t.Fatal("/ did not start a search")
	}
	for _, r := range "exp" {
		o.Update(commontest.Key(string(r)))
	}
	o.Update(commontest.Key("enter"))
	v := ansi.Strip(o.View())
	if !strings.Contains(v, "expire") || !strings.Contains(v, "export") || strings.Contains(v, "delete") || !strings.Contains(v, "search: exp") {
		t.Fatalf("search exp:\n%s", v)
	}
	if cmd := o.Update(commontest.Key("esc")); cmd != nil || !strings.Contains(ansi.Strip(o.View()), "delete") {
		t.Fatal("esc did not clear the kept search first")
	}
	if cmd := o.Update(commontest.Key("esc")); cmd == nil {
		t.Fatal("a second esc did not close")
	}
}
