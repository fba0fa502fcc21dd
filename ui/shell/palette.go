package shell

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
)

// The command palette: besides views and the shell's commands, the :
// line runs the view's actions by name (:delete, :expire, :export,
// :mark all), sorts by a column's name (:sort last used, :sort name
// desc) and changes the theme (:theme mono). tab completes all of them,
// fuzzily (textprompt.Options.Fuzzy).

// Paletted is a view that offers its actions and sorts to the palette.
type Paletted interface {
	Palette() common.Palette
}

// palette is the view on screen's offer (empty when it has none).
func (m *Model) palette() common.Palette {
	if p, ok := m.view().(Paletted); ok {
		return p.Palette()
	}
	return common.Palette{}
}

// paletteCompletions are the palette's own words for tab.
func (m *Model) paletteCompletions() []string {
	p := m.palette()
	var out []string
	for _, a := range p.Actions {
		out = append(out, strings.ReplaceAll(a.Action, "-", " "))
	}
	for _, s := range p.Sorts {
		out = append(out, "sort "+s, "sort "+s+" desc")
	}
	for _, t := range m.opts.Themes {
		out = append(out, "theme "+t)
	}
	return out
}

// runPalette runs word arg as a sort, a theme or an action; ok is false
// when it is none of them.
func (m *Model) runPalette(word, arg string) (tea.Cmd, bool) {
	switch word {
	case "sort":
		return m.sortCommand(arg), true
	case "theme":
		return m.themeCommand(arg), true
	}
	name := strings.ToLower(strings.Join(strings.Fields(word+" "+arg), "-"))
	for _, a := range m.palette().Actions {
		if a.Action != name {
			continue
		}
		keys := a.Binding.Keys()
		if len(keys) == 0 {
			return common.Toast(common.ToastWarning, ":"+word+" has no key here"), true
		}
		// As if its key were pressed: a disabled action says why, as
		// its key does.
		return m.view().Update(common.SyntheticKey(keys[0])), true
	}
	return nil, false
}

// sortCommand is ":sort COLUMN [desc]".
func (m *Model) sortCommand(arg string) tea.Cmd {
	p := m.palette()
	if p.Sort == nil {
		return common.Toast(common.ToastWarning, "This view does not sort")
	}
	fields := strings.Fields(strings.ToLower(arg))
	desc := len(fields) > 0 && slices.Contains([]string{"desc", "reverse", "▼"}, fields[len(fields)-1])
	if desc || (len(fields) > 0 && fields[len(fields)-1] == "asc") {
		fields = fields[:len(fields)-1]
	}
	cmd, err := p.Sort(strings.Join(fields, " "), desc)
	if err != nil {
		return common.Toast(common.ToastWarning, err.Error())
	}
	return cmd
}

// themeCommand is ":theme NAME": every view and dialog draws with it
// from the next frame (they share the one Styles).
func (m *Model) themeCommand(arg string) tea.Cmd {
	name := strings.TrimSpace(arg)
	if m.opts.SetTheme == nil {
		return common.Toast(common.ToastWarning, "Themes cannot be changed here")
	}
	if name == "" {
		return common.Toast(common.ToastInfo, "Say which: :theme "+strings.Join(m.opts.Themes, ", :theme "))
	}
	st, err := m.opts.SetTheme(name)
	if err != nil {
		return common.Toast(common.ToastWarning, err.Error())
	}
	*m.Styles = *st
	return common.Toast(common.ToastSuccess, "Theme "+name+" (for this session; theme: in the settings keeps it)")
}

// ThemeFunc resolves a theme by name into styles for this terminal.
type ThemeFunc func(name string) (*themes.Styles, error)
