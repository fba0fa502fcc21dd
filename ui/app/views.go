package app

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
)

// Views: tab and shift+tab cycle them, and a k9s-style command line (:)
// jumps by name with completion (:tokens, :audit). Each view keeps its
// own state while another is shown; its async results still reach it.

// commandID is the command line's id on the modal stack.
const commandID = "app.command"

// commandMsg is a command line's answer ("" when cancelled).
type commandMsg struct{ text string }

// viewNames are the views' command names, in tab order.
func (m Model) viewNames() []string {
	out := make([]string, len(m.views))
	for i, v := range m.views {
		out[i] = strings.ToLower(v.Title())
	}
	return out
}

// switchTo shows view i, starting it the first time.
func (m *Model) switchTo(i int) tea.Cmd {
	if i < 0 || i >= len(m.views) || i == m.active {
		return nil
	}
	m.active = i
	v := m.views[i]
	v.SetSize(m.Width, m.viewHeight())
	if m.started == nil {
		m.started = map[int]bool{}
	}
	if !m.started[i] {
		m.started[i] = true
		return v.Init()
	}
	return nil
}

// cycle moves to the next (or previous) view.
func (m *Model) cycle(step int) tea.Cmd {
	if len(m.views) < 2 {
		return nil
	}
	return m.switchTo((m.active + step + len(m.views)) % len(m.views))
}

// runCommand carries out a command line: a view's name (or an unambiguous
// start of one).
func (m *Model) runCommand(text string) tea.Cmd {
	text = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), ":")))
	if text == "" {
		return nil
	}
	names := m.viewNames()
	if i := slices.Index(names, text); i >= 0 {
		return m.switchTo(i)
	}
	var hits []int
	for i, n := range names {
		if strings.HasPrefix(n, text) {
			hits = append(hits, i)
		}
	}
	if len(hits) == 1 {
		return m.switchTo(hits[0])
	}
	return common.Toast(common.ToastWarning, "No command "+text+": try :"+strings.Join(names, ", :"))
}

// commandLine is the : prompt: tab completes a view's name.
type commandLine struct {
	common.Common
	input  textinput.Model
	names  []string
	run    key.Binding
	cancel key.Binding
	comp   key.Binding
}

func newCommandLine(c common.Common, names []string) *commandLine {
	in := textinput.New()
	in.Prompt = ":"
	in.CharLimit = 64
	in.Cursor.SetMode(cursor.CursorStatic)
	if s := c.Styles; s != nil {
		in.PromptStyle, in.TextStyle = s.Text.Accent, s.Dialog.Input
	}
	in.Focus()
	return &commandLine{Common: c, input: in, names: names,
		run:    common.NewBinding("enter", "go", "enter"),
		cancel: common.NewBinding("esc", "cancel", "esc"),
		comp:   common.NewBinding("tab", "complete", "tab")}
}

// completions are the names that start with what is typed.
func (c *commandLine) completions() []string {
	typed := strings.ToLower(strings.TrimSpace(c.input.Value()))
	var out []string
	for _, n := range c.names {
		if strings.HasPrefix(n, typed) {
			out = append(out, n)
		}
	}
	return out
}

func (c *commandLine) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, c.cancel):
			return func() tea.Msg { return commandMsg{} }
		case key.Matches(k, c.run):
			text := c.input.Value()
			return func() tea.Msg { return commandMsg{text: text} }
		case key.Matches(k, c.comp):
			if hits := c.completions(); len(hits) > 0 {
				c.input.SetValue(hits[0])
				c.input.CursorEnd()
			}
			return nil
		}
	}
	var cmd tea.Cmd
	c.input, cmd = c.input.Update(msg)
	return cmd
}

func (c *commandLine) View() string {
	s := c.Styles
	f := common.NewDialogFrame(s, c.Width-2, 50, 30)
	hint := "views: :" + strings.Join(c.names, ", :")
	if hits := c.completions(); len(hits) > 0 && c.input.Value() != "" {
		hint = "tab → " + hits[0]
	}
	return f.Render(s.Dialog.Title.Render("Command"), []string{c.input.View(), s.Dialog.Hint.Render(hint)}, "enter: go · esc: cancel")
}

func (c *commandLine) SetSize(w, h int) { c.Common.SetSize(w, h) }

func (c *commandLine) Keys() common.KeyMap {
	return common.HelpKeys{Short: []key.Binding{c.run, c.comp, c.cancel}}
}
