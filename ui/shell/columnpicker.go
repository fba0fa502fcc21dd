package shell

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
)

// The :columns picker: every column of the view with whether it shows
// and its width. space shows or hides one, shift+↑/↓ (K/J) move it,
// +/- size it; enter applies, s applies and saves to the settings file.
// It says the same words as ":columns a, b:30" (ShowColumns).

const columnsID = "app.columns"

type pickedColumn struct {
	name  string
	shown bool
	width int
}

type columnPicker struct {
	common.Common
	cols   []pickedColumn
	cursor int
	keys   columnKeys
}

// columnsPickedMsg is the picker's answer; save asks to keep it too.
type columnsPickedMsg struct {
	words []string
	save  bool
}

type columnKeys struct {
	common.Disabler
	Up, Down, Toggle, MoveUp, MoveDown, Wider, Narrower, Apply, Save, Cancel key.Binding
}

func (k columnKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Toggle, k.MoveUp, k.MoveDown, k.Wider, k.Narrower, k.Apply, k.Save, k.Cancel}
}
func (k columnKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Toggle, k.MoveUp, k.MoveDown}, {k.Wider, k.Narrower, k.Apply, k.Save, k.Cancel}}
}

// newColumnPicker starts from what the view shows now.
func newColumnPicker(c common.Common, p common.Palette) *columnPicker {
	shown := p.ShownColumns()
	all := len(shown) == 1 && shown[0] == "all"
	cp := &columnPicker{Common: c, keys: columnKeys{
		Up:       common.NewBinding("↑", "up", "up"),
		Down:     common.NewBinding("↓", "down", "down"),
		Toggle:   common.NewBinding("space", "show or hide", " "),
		MoveUp:   common.NewBinding("K", "move up", "K", "shift+up"),
		MoveDown: common.NewBinding("J", "move down", "J", "shift+down"),
		Wider:    common.NewBinding("+", "wider", "+", "="),
		Narrower: common.NewBinding("-", "narrower", "-"),
		Apply:    common.NewBinding("enter", "apply", "enter"),
		Save:     common.NewBinding("s", "apply and save", "s"),
		Cancel:   common.NewBinding("esc", "cancel", "esc"),
	}}
	seen := map[string]bool{}
	for _, w := range shown { // in the order shown
		name, size, _ := strings.Cut(w, ":")
		if all || !slices.Contains(p.Columns, name) {
			continue
		}
		n, _ := strconv.Atoi(size)
		cp.cols = append(cp.cols, pickedColumn{name: name, shown: true, width: n})
		seen[name] = true
	}
	for _, name := range p.Columns {
		if !seen[name] {
			cp.cols = append(cp.cols, pickedColumn{name: name, shown: all})
		}
	}
	for i := range cp.cols {
		if cp.cols[i].width == 0 && p.ColumnWidth != nil {
			cp.cols[i].width = p.ColumnWidth(cp.cols[i].name)
		}
	}
	return cp
}

func (p *columnPicker) Keys() common.KeyMap { return p.keys }
func (p *columnPicker) SetSize(w, h int)    { p.Width, p.Height = w, h }

func (p *columnPicker) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok || len(p.cols) == 0 {
		return nil
	}
	c := &p.cols[p.cursor]
	switch {
	case key.Matches(k, p.keys.Cancel):
		return common.PopModal(columnsID)
	case key.Matches(k, p.keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, p.keys.Down):
		p.cursor = min(p.cursor+1, len(p.cols)-1)
	case key.Matches(k, p.keys.Toggle):
		c.shown = !c.shown
	case key.Matches(k, p.keys.MoveUp) && p.cursor > 0:
		p.cols[p.cursor-1], p.cols[p.cursor] = p.cols[p.cursor], p.cols[p.cursor-1]
		p.cursor--
	case key.Matches(k, p.keys.MoveDown) && p.cursor < len(p.cols)-1:
		p.cols[p.cursor+1], p.cols[p.cursor] = p.cols[p.cursor], p.cols[p.cursor+1]
		p.cursor++
	case key.Matches(k, p.keys.Wider):
		c.width = min(c.width+2, 200)
	case key.Matches(k, p.keys.Narrower):
		c.width = max(c.width-2, 3)
	case key.Matches(k, p.keys.Apply), key.Matches(k, p.keys.Save):
		words := p.words()
		if len(words) == 0 {
			return common.Toast(common.ToastInfo, "Show at least one column besides the name (space)")
		}
		save := key.Matches(k, p.keys.Save)
		return func() tea.Msg { return columnsPickedMsg{words: words, save: save} }
	}
	return nil
}

// words are the choice as :columns takes it.
func (p *columnPicker) words() []string {
	var out []string
	for _, c := range p.cols {
		if c.shown {
			out = append(out, c.name+":"+strconv.Itoa(c.width))
		}
	}
	return out
}

func (p *columnPicker) View() string {
	s := p.Styles
	frame := common.NewDialogFrame(s, p.Width-2, 60, 36)
	body := []string{s.Text.Faint.Render("The name always shows, first.")}
	for i, c := range p.cols {
		box := "[ ]"
		if c.shown {
			box = "[x]"
		}
		line := fmt.Sprintf("%s %s %-14s %3d", map[bool]string{true: s.Glyphs.Cursor, false: " "}[i == p.cursor], box, c.name, c.width)
		if i == p.cursor {
			line = s.Table.Selected.Render(common.Pad(line, frame.Inner()-2, ""))
		}
		body = append(body, line)
	}
	return frame.Render(s.Dialog.Title.Render("Columns"), body, "space show · K/J move · +/- width · enter · s save")
}
