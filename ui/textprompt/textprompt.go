// Package textprompt is a one-line input dialog: the : command line and
// "save the report to…" both use it. Tab completes from a list.
package textprompt

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
)

// AnswerMsg is a prompt's answer. OK is false when it was cancelled. ID
// is the prompt's own, so its asker knows the answer is for it.
type AnswerMsg struct {
	ID   string
	Text string
	OK   bool
}

// Options describe a prompt.
type Options struct {
	ID     string // the modal's id, echoed in AnswerMsg
	Title  string
	Prompt string // before the input (":" for the command line)
	Value  string // initial text
	// Hint is shown under the input while there is no completion to
	// offer.
	Hint string
	// Completions are offered by tab, first match of what is typed.
	Completions []string
	// Limit bounds the input in characters (default 256).
	Limit int
	// Width is the dialog's preferred width (default 50).
	Width int
}

// Model is the prompt, a common.Modal.
type Model struct {
	common.Common
	opts  Options
	input textinput.Model
	keys  common.HelpKeys
	run   key.Binding
	quit  key.Binding
	comp  key.Binding
}

// New builds a focused prompt.
func New(c common.Common, o Options) *Model {
	if o.Limit <= 0 {
		o.Limit = 256
	}
	if o.Width <= 0 {
		o.Width = 50
	}
	in := textinput.New()
	in.Prompt = o.Prompt
	in.CharLimit = o.Limit
	in.Cursor.SetMode(cursor.CursorStatic)
	if s := c.Styles; s != nil {
		in.PromptStyle, in.TextStyle = s.Text.Accent, s.Dialog.Input
	}
	in.SetValue(o.Value)
	in.CursorEnd()
	in.Focus()
	m := &Model{Common: c, opts: o, input: in,
		run:  common.NewBinding("enter", "ok", "enter"),
		quit: common.NewBinding("esc", "cancel", "esc"),
		comp: common.NewBinding("tab", "complete", "tab")}
	m.keys = common.HelpKeys{Short: []key.Binding{m.run, m.quit}}
	if len(o.Completions) > 0 {
		m.keys.Short = []key.Binding{m.run, m.comp, m.quit}
	}
	return m
}

// completions are the choices that start with what is typed.
func (m *Model) completions() []string {
	typed := strings.ToLower(strings.TrimSpace(m.input.Value()))
	var out []string
	for _, n := range m.opts.Completions {
		if strings.HasPrefix(strings.ToLower(n), typed) {
			out = append(out, n)
		}
	}
	return out
}

func (m *Model) answer(text string, ok bool) tea.Cmd {
	id := m.opts.ID
	return func() tea.Msg { return AnswerMsg{ID: id, Text: text, OK: ok} }
}

// Update handles keys: enter answers, esc cancels, tab completes.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, m.quit):
			return m.answer("", false)
		case key.Matches(k, m.run):
			return m.answer(m.input.Value(), true)
		case key.Matches(k, m.comp):
			if hits := m.completions(); len(hits) > 0 {
				m.input.SetValue(hits[0])
				m.input.CursorEnd()
			}
			return nil
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// View draws the dialog.
func (m *Model) View() string {
	s := m.Styles
	f := m.frame()
	hint := m.opts.Hint
	if hits := m.completions(); len(hits) > 0 && m.input.Value() != "" && hits[0] != m.input.Value() {
		hint = "tab → " + hits[0]
	}
	body := []string{m.input.View()}
	if hint != "" {
		body = append(body, s.Dialog.Hint.Render(hint))
	}
	return f.Render(s.Dialog.Title.Render(m.opts.Title), body, "enter: ok · esc: cancel")
}

func (m *Model) frame() common.DialogFrame {
	return common.NewDialogFrame(m.Styles, m.Width-2, m.opts.Width, 30)
}

// SetSize is the screen's size; a long value scrolls within the dialog.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.input.Width = max(m.frame().Inner()-len(m.opts.Prompt)-1, 10)
}

// Keys are the prompt's keys.
func (m *Model) Keys() common.KeyMap { return m.keys }

// CapturesKeys: the prompt is a text input.
func (m *Model) CapturesKeys() bool { return true }

// Value is the text typed so far.
func (m *Model) Value() string { return m.input.Value() }
