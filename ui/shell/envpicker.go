package shell

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// EnvChoice is one sail CLI environment as the picker shows it.
type EnvChoice struct {
	Name, BaseURL string
	// ReadOnly: the session there would start read-only (Why says why:
	// a production name without --write, the settings, --read-only).
	ReadOnly bool
	Why      string
}

// envPicker is `:env` with no name, as k9s shows contexts: every
// environment with its base URL, whether it starts read-only and which
// is current. Typing narrows the list, tab completes, enter switches
// (through :env NAME: the same checks and the question about marks).
type envPicker struct {
	common.Common
	choices []EnvChoice
	current string
	typed   string
	cursor  int
	keys    envPickerKeys
}

// envPickedMsg is the picker's answer.
type envPickedMsg struct{ name string }

type envPickerKeys struct {
	common.Disabler
	Up, Down, Complete, Pick, Cancel key.Binding
}

func (k envPickerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Complete, k.Pick, k.Cancel}
}
func (k envPickerKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newEnvPicker(c common.Common, choices []EnvChoice, current string) *envPicker {
	p := &envPicker{Common: c, choices: choices, current: current, keys: envPickerKeys{
		Up:       common.NewBinding("↑", "up", "up"),
		Down:     common.NewBinding("↓", "down", "down"),
		Complete: common.NewBinding("tab", "complete the name", "tab"),
		Pick:     common.NewBinding("enter", "switch to it", "enter"),
		Cancel:   common.NewBinding("esc", "stay", "esc"),
	}}
	for i, ch := range choices { // start on the current one
		if ch.Name == current {
			p.cursor = i
		}
	}
	return p
}

func (p *envPicker) Keys() common.KeyMap { return p.keys }
func (p *envPicker) TakesText() bool     { return true }

// shown are the choices whose name contains what was typed.
func (p *envPicker) shown() []EnvChoice {
	var out []EnvChoice
	for _, ch := range p.choices {
		if strings.Contains(ch.Name, strings.ToLower(p.typed)) {
			out = append(out, ch)
		}
	}
	return out
}

func (p *envPicker) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	shown := p.shown()
	switch {
	case key.Matches(k, p.keys.Cancel):
		return common.PopModal(envID)
	case key.Matches(k, p.keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, p.keys.Down):
		p.cursor = min(p.cursor+1, max(len(shown)-1, 0))
	case key.Matches(k, p.keys.Complete):
		if len(shown) > 0 {
			p.typed, p.cursor = shown[min(p.cursor, len(shown)-1)].Name, 0
		}
	case key.Matches(k, p.keys.Pick):
		if len(shown) == 0 {
			return common.Toast(common.ToastInfo, "No environment matches "+p.typed)
		}
		name := shown[min(p.cursor, len(shown)-1)].Name
		return func() tea.Msg { return envPickedMsg{name: name} } // the shell closes the picker
	case k.Type == tea.KeyBackspace:
		if r := []rune(p.typed); len(r) > 0 {
			p.typed, p.cursor = string(r[:len(r)-1]), 0
		}
	case k.Type == tea.KeyRunes:
		p.typed, p.cursor = p.typed+string(k.Runes), 0
	}
	return nil
}

func (p *envPicker) SetSize(w, h int) { p.Width, p.Height = w, h }

func (p *envPicker) View() string {
	s := p.Styles
	frame := common.NewDialogFrame(s, p.Width-2, 96, 40)
	w := frame.Inner() - 2
	shown := p.shown()
	nameW, urlW := 8, 0
	for _, ch := range shown {
		nameW = max(nameW, ansi.StringWidth(ch.Name))
		urlW = max(urlW, ansi.StringWidth(sanitize.Line(ch.BaseURL)))
	}
	body := []string{s.Text.Secondary.Render("env ") + s.Text.Primary.Render(sanitize.Line(p.typed)) + s.Text.Faint.Render("_")}
	for i, ch := range shown {
		gutter := "  "
		if i == p.cursor {
			gutter = s.Glyphs.Cursor + " "
		}
		var tags []string
		if ch.Name == p.current {
			tags = append(tags, "current")
		}
		if ch.ReadOnly {
			tags = append(tags, "read-only")
		}
		line := gutter + common.Pad(sanitize.Line(ch.Name), nameW, "") + "  " + common.Pad(sanitize.Line(ch.BaseURL), urlW, "")
		if len(tags) > 0 {
			line += "  " + s.Status.Warning.Render(strings.Join(tags, " · "))
		}
		line = ansi.Truncate(line, w, s.Glyphs.Ellipsis)
		if i == p.cursor {
			line = s.Table.Selected.Render(common.Pad(line, w, ""))
		}
		body = append(body, line)
	}
	if len(shown) == 0 {
		body = append(body, s.Text.Faint.Render("  no environment matches"))
	}
	if i := min(p.cursor, len(shown)-1); i >= 0 && shown[i].ReadOnly && shown[i].Why != "" {
		body = append(body, "", s.Text.Faint.Render(ansi.Truncate(shown[i].Why, w, s.Glyphs.Ellipsis)))
	}
	return frame.Render(s.Dialog.Title.Render("Switch environment"), body, "type to narrow · tab complete · enter switch · esc stay")
}
