package shell

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
)

// paletteView is a stub view with actions and sorts.
type paletteView struct {
	*stubView
	export, expire key.Binding
	sorted         []string
}

func (v *paletteView) Palette() common.Palette {
	return common.Palette{
		Actions: []common.Named{{Action: "export", Binding: &v.export}, {Action: "mark-all", Binding: &v.expire}},
		Sorts:   []string{"name", "last used"},
		Sort: func(name string, desc bool) (tea.Cmd, error) {
			if name != "name" && name != "last used" {
				return nil, errors.New("sort by what? name, last used")
			}
			v.sorted = append(v.sorted, name+map[bool]string{true: " desc", false: ""}[desc])
			return nil, nil
		},
	}
}

// :ACTION presses the action's key in the view; :sort NAME [desc] sorts;
// :theme NAME swaps the one Styles every view draws with.
func TestPaletteRunsActionsSortsAndThemes(t *testing.T) {
	v := &paletteView{stubView: newStub(), export: key.NewBinding(key.WithKeys("X")), expire: key.NewBinding(key.WithKeys("a"))}
	c := testCommon()
	if c.Styles.Theme.Mono {
		t.Fatal("the test must start in a colour theme")
	}
	m := New(c, Options{Themes: []string{"mono"}, SetTheme: func(name string) (*themes.Styles, error) {
		if name != "mono" {
			return nil, errors.New("unknown theme " + name)
		}
		st := themes.NewStyles(themes.Mono(), nil)
		return st, nil
	}}, v, newStub())
	m.Init()
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, text := range []string{"export", "mark all", "sort last used desc", "sort name"} {
		m, _ = command(m, text)
	}
	var keys []string
	for _, msg := range v.got {
		if k, ok := msg.(tea.KeyMsg); ok {
			keys = append(keys, k.String())
		}
	}
	if strings.Join(keys, ",") != "X,a" || strings.Join(v.sorted, ",") != "last used desc,name" {
		t.Fatalf("keys %v, sorts %v", keys, v.sorted)
	}
	m, cmd := command(m, "sort size")
	if tm, ok := cmd().(common.ToastMsg); !ok || !strings.Contains(tm.Text, "sort by what?") {
		t.Fatalf("unknown column: %#v", cmd())
	}
	m, cmd = command(m, "theme mono")
	m = settle(m, cmd) // the theme is read off the event loop
	if !c.Styles.Theme.Mono || !strings.Contains(ansi.Strip(m.View()), "Theme mono") {
		t.Fatal(":theme did not swap the styles")
	}
	if got := m.commandCompletions(); !containsAll(got, "export", "mark all", "sort last used desc", "theme mono") {
		t.Fatalf("completions %v", got)
	}
}

func containsAll(list []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, l := range list {
			found = found || l == w
		}
		if !found {
			return false
		}
	}
	return true
}

// jumpView is a stub view of one kind of resource.
type jumpView struct {
	*stubView
	kind   string
	jumped []string
}

func (v *jumpView) Jump(kind, id, _ string) (tea.Cmd, bool) {
	if kind != v.kind {
		return nil, false
	}
	v.jumped = append(v.jumped, id)
	return nil, true
}

// g on an audit entry reaches the view of its kind, which comes on screen.
func TestJumpSwitchesToTheViewOfTheKind(t *testing.T) {
	audit := newStub()
	audit.title = "Audit"
	apps := &jumpView{stubView: newStub(), kind: "source-app"}
	apps.title = "Apps"
	toks := &jumpView{stubView: newStub(), kind: "pat"}
	m := New(testCommon(), Options{}, toks, apps, audit)
	m.Init()
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, _ = update(m, common.JumpMsg{Kind: "source-app", ID: "a1", Name: "Payroll"})
	if m.view() != View(apps) || len(apps.jumped) != 1 || len(toks.jumped) != 0 {
		t.Fatalf("active %s, jumped %v / %v", m.view().Title(), apps.jumped, toks.jumped)
	}
	m, cmd := update(m, common.JumpMsg{Kind: "api-client", ID: "c1"})
	if tm, ok := cmd().(common.ToastMsg); !ok || !strings.Contains(tm.Text, "No view here shows") {
		t.Fatalf("unknown kind: %#v", cmd())
	}
}

// The wheel moves the view (or the dialog on top) three lines a notch, a
// click reaches the view at its own row, a click on the view's name in
// the status bar shows the next view.
func TestMouseWheelClickAndViewName(t *testing.T) {
	m, a, b := twoViews(t)
	wheel := tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown, X: 10, Y: 5}
	m, _ = update(m, wheel)
	downs := 0
	for _, msg := range a.got {
		if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyDown {
			downs++
		}
	}
	if downs != 3 {
		t.Fatalf("a wheel notch: %d downs, messages %v", downs, a.got)
	}
	m, _ = update(m, tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonLeft, X: 12, Y: 4})
	if last, ok := a.got[len(a.got)-1].(common.ClickMsg); !ok || last != (common.ClickMsg{X: 12, Y: 3}) {
		t.Fatalf("click: %#v", a.got[len(a.got)-1])
	}
	bar := ansi.Strip(strings.SplitN(m.View(), "\n", 2)[0])
	x := ansi.StringWidth(bar[:strings.Index(bar, "Tokens 1/2")]) + 2
	m, _ = update(m, tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonLeft, X: x, Y: 0})
	if m.view() != View(b) {
		t.Fatalf("a click on the view's name: active %s", m.view().Title())
	}
}

// colsView is a stub view whose columns can be chosen.
type colsView struct {
	*stubView
	shown []string
}

func (v *colsView) Palette() common.Palette {
	return common.Palette{Columns: []string{"owner", "stale"},
		ShowColumns: func(names []string) error {
			for _, n := range names {
				if n != "owner" && n != "stale" && n != "all" {
					return errors.New("no column " + n)
				}
			}
			v.shown = names
			return nil
		},
		ShownColumns: func() []string { return v.shown }}
}

// The settings' columns apply at start; :columns chooses; :columns save
// writes the choice, off the event loop, and says so.
func TestColumnsFromTheSettingsAndSaved(t *testing.T) {
	v := &colsView{stubView: newStub()}
	v.title = "Tokens"
	var saved []string
	m := New(testCommon(), Options{Columns: map[string][]string{"tokens": {"stale"}},
		SaveColumns: func(view string, cols []string) error { saved = append([]string{view}, cols...); return nil }}, v, newStub())
	m.Init()
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	if strings.Join(v.shown, ",") != "stale" {
		t.Fatalf("at start: %v", v.shown)
	}
	m, _ = command(m, "columns owner, stale")
	m, cmd := command(m, "columns save")
	if tm, ok := cmd().(common.ToastMsg); !ok || !strings.Contains(tm.Text, "saved: owner, stale") {
		t.Fatalf("save: %#v", tm)
	}
	if strings.Join(saved, ",") != "tokens,owner,stale" {
		t.Fatalf("saved %v", saved)
	}
	_, cmd = command(m, "columns size")
	if tm, ok := cmd().(common.ToastMsg); !ok || !strings.Contains(tm.Text, "no column size") {
		t.Fatalf("bad name: %#v", tm)
	}
}
