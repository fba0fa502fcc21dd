package shell

import (
	"slices"
	"strconv"
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
	if len(p.Columns) > 0 {
		out = append(out, "columns all", "columns "+strings.Join(p.Columns, ", "))
	}
	for _, v := range m.opts.SavedViews {
		out = append(out, "view "+v.Name)
	}
	return out
}

// columnsCommand is ":columns a, b, c": exactly those columns (and the
// name) shown, for this session; ":columns all" shows every one again,
// ":columns" alone says which there are.
func (m *Model) columnsCommand(arg string) tea.Cmd {
	p := m.palette()
	if p.ShowColumns == nil {
		return common.Toast(common.ToastWarning, "This view has no columns to choose")
	}
	switch strings.TrimSpace(arg) {
	case "":
		if p.ShownColumns == nil {
			return common.Toast(common.ToastInfo, "Columns: "+strings.Join(p.Columns, ", ")+" · :columns a, b:30, c")
		}
		m.push(columnsID, newColumnPicker(m.Common, p))
		return nil
	case "save":
		return m.saveColumns(p)
	}
	var names []string
	for _, n := range strings.Split(arg, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	if err := p.ShowColumns(names); err != nil {
		return common.Toast(common.ToastWarning, err.Error())
	}
	return nil
}

// viewCommand is ":view NAME": a saved view from the settings; ":view"
// alone lists them.
func (m *Model) viewCommand(arg string) tea.Cmd {
	name := strings.TrimSpace(arg)
	var names []string
	for _, v := range m.opts.SavedViews {
		if strings.EqualFold(v.Name, name) {
			return m.openSaved(v)
		}
		names = append(names, v.Name)
	}
	if len(names) == 0 {
		return common.Toast(common.ToastInfo, "No saved views: add them under views: in the settings file")
	}
	if name == "" {
		return common.Toast(common.ToastInfo, "Saved views: "+strings.Join(names, ", ")+" (:view NAME)")
	}
	return common.Toast(common.ToastWarning, "No saved view "+strconv.Quote(name)+": "+strings.Join(names, ", "))
}

// openSaved shows sv's view as sv says: its quick view, filter, sort,
// columns and owner.
func (m *Model) openSaved(sv common.SavedView) tea.Cmd {
	i := slices.IndexFunc(m.views, func(v View) bool { return strings.EqualFold(v.Title(), sv.View) })
	if i < 0 {
		return common.Toast(common.ToastWarning, "Saved view "+sv.Name+": no "+sv.View+" view in this session")
	}
	cmds := []tea.Cmd{m.switchTo(i)}
	pv, ok := m.views[i].(Paletted)
	if !ok {
		return cmds[0]
	}
	p := pv.Palette()
	var problems []string
	try := func(cmd tea.Cmd, err error) {
		if err != nil {
			problems = append(problems, err.Error())
		}
		cmds = append(cmds, cmd)
	}
	if p.Only != nil {
		try(p.Only(sv.Only))
	} else if sv.Only != "" {
		problems = append(problems, sv.View+" has no quick views")
	}
	if p.Filter != nil {
		cmds = append(cmds, p.Filter(sv.Filter))
	}
	if sv.Sort != "" && p.Sort != nil {
		try(p.Sort(sv.Sort, sv.Desc))
	}
	if p.ShowColumns != nil {
		try(nil, p.ShowColumns(sv.Columns))
	}
	if sv.Owner != "" {
		if c, ok := m.views[i].(Commander); ok {
			cmd, _ := c.Command("owner", sv.Owner)
			cmds = append(cmds, cmd)
		}
	}
	if len(problems) > 0 {
		cmds = append(cmds, common.Toast(common.ToastWarning, "Saved view "+sv.Name+": "+strings.Join(problems, "; ")))
	} else {
		cmds = append(cmds, common.Toast(common.ToastInfo, "View "+sv.Name))
	}
	return tea.Batch(cmds...)
}

// runPalette runs word arg as a sort, a theme or an action; ok is false
// when it is none of them.
func (m *Model) runPalette(word, arg string) (tea.Cmd, bool) {
	switch word {
	case "sort":
		return m.sortCommand(arg), true
	case "theme":
		return m.themeCommand(arg), true
	case "columns", "cols":
		return m.columnsCommand(arg), true
	case "view":
		return m.viewCommand(arg), true
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

// themeCommand is ":theme NAME": the theme is read off the event loop (a
// user's theme is a file), then every view and dialog draws with it from
// the next frame (they share the one Styles).
func (m *Model) themeCommand(arg string) tea.Cmd {
	name := strings.TrimSpace(arg)
	if m.opts.SetTheme == nil {
		return common.Toast(common.ToastWarning, "Themes cannot be changed here")
	}
	if name == "" {
		return common.Toast(common.ToastInfo, "Say which: :theme "+strings.Join(m.opts.Themes, ", :theme "))
	}
	resolve := m.opts.SetTheme
	return func() tea.Msg {
		st, err := resolve(name)
		return themeReadyMsg{name: name, styles: st, err: err}
	}
}

// themeReadyMsg is a theme read for :theme.
type themeReadyMsg struct {
	name   string
	styles *themes.Styles
	err    error
}

// onThemeReady swaps the styles every view shares.
func (m *Model) onThemeReady(msg themeReadyMsg) tea.Cmd {
	if msg.err != nil {
		return common.Toast(common.ToastWarning, msg.err.Error())
	}
	*m.Styles = *msg.styles
	return common.Toast(common.ToastSuccess, "Theme "+msg.name+" (for this session; theme: in the settings keeps it)")
}

// ThemeFunc resolves a theme by name into styles for this terminal.
type ThemeFunc func(name string) (*themes.Styles, error)

// startViewMsg opens Options.StartView once the program runs.
type startViewMsg struct{}

// saveColumns writes the view's column choice to the settings file.
func (m *Model) saveColumns(p common.Palette) tea.Cmd {
	if m.opts.SaveColumns == nil || p.ShownColumns == nil {
		return common.Toast(common.ToastWarning, "Column choices cannot be saved here")
	}
	view, cols, save := strings.ToLower(m.view().Title()), p.ShownColumns(), m.opts.SaveColumns
	return func() tea.Msg {
		if err := save(view, cols); err != nil {
			return common.ToastMsg{Level: common.ToastError, Text: "Columns not saved: " + err.Error()}
		}
		return common.ToastMsg{Level: common.ToastSuccess, Text: "Columns of " + view + " saved: " + strings.Join(cols, ", ")}
	}
}

// applyColumns gives each view the settings' column choice at start; a
// name the view does not have is said.
func (m Model) applyColumns() tea.Cmd {
	var problems []string
	for _, v := range m.views {
		cols, ok := m.opts.Columns[strings.ToLower(v.Title())]
		p, isPal := v.(Paletted)
		if !ok || !isPal {
			continue
		}
		if show := p.Palette().ShowColumns; show != nil {
			if err := show(cols); err != nil {
				problems = append(problems, "columns."+strings.ToLower(v.Title())+": "+err.Error())
			}
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return common.Toast(common.ToastWarning, "Settings: "+strings.Join(problems, "; "))
}

// onColumnsPicked applies the picker's choice to the view on screen, and
// saves it when asked.
func (m *Model) onColumnsPicked(msg columnsPickedMsg) tea.Cmd {
	m.pop(columnsID)
	p := m.palette()
	if p.ShowColumns == nil {
		return nil
	}
	if err := p.ShowColumns(msg.words); err != nil {
		return common.Toast(common.ToastWarning, err.Error())
	}
	if msg.save {
		return m.saveColumns(p)
	}
	return nil
}
