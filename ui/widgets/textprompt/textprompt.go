// Package textprompt is a one-line input dialog: the : command line and
// "save the report to…" both use it. Tab completes from a list.
package textprompt

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

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
	// Validate, when set, checks the text on enter: an error is shown
	// under the input and the prompt stays open with the text kept.
	Validate func(string) error
	// Notes are lines shown under the input (what may be typed).
	Notes []string
	// CompleteWord completes the last word typed instead of the whole
	// text (expressions: a field name, an operator).
	CompleteWord bool
	// Fuzzy completes from any match, best first: a start of the whole,
	// then starts of its words ("lu" → "sort last used"), then the
	// letters in order; the next best ones are listed under the input
	// (the command palette).
	Fuzzy bool
	// Choices are ready-made texts listed above the input; ↑/↓ put one
	// in the input, to send as it is or to edit first.
	Choices []Choice
}

// Choice is a ready-made text and what it means.
type Choice struct{ Label, Text string }

// Model is the prompt, a common.Modal.
type Model struct {
	common.Common
	opts  Options
	input textinput.Model
	keys  common.HelpKeys
	run   key.Binding
	quit  key.Binding
	comp  key.Binding
	up    key.Binding
	down  key.Binding
	// chosen is the choice in the input (-1: typed text).
	chosen int
	// problem is Validate's complaint about the text last entered.
	problem string
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
		comp: common.NewBinding("tab", "complete", "tab"),
		up:   common.NewBinding("↑", "previous choice", "up"),
		down: common.NewBinding("↓", "next choice", "down"), chosen: -1}
	m.keys = common.HelpKeys{Short: []key.Binding{m.run, m.quit}}
	if len(o.Completions) > 0 {
		m.keys.Short = []key.Binding{m.run, m.comp, m.quit}
	}
	if len(o.Choices) > 0 {
		m.keys.Short = append(m.keys.Short, m.up, m.down)
	}
	for i, c := range o.Choices {
		if c.Text == o.Value {
			m.chosen = i
		}
	}
	return m
}

// choose puts the choice delta away from the current one in the input.
func (m *Model) choose(delta int) {
	n := len(m.opts.Choices)
	if n == 0 {
		return
	}
	i := m.chosen + delta
	if m.chosen < 0 && delta < 0 {
		i = n - 1
	}
	m.chosen = (i%n + n) % n
	m.input.SetValue(m.opts.Choices[m.chosen].Text)
	m.input.CursorEnd()
	m.problem = ""
}

// completions are the choices that start with what is typed.
func (m *Model) completions() []string {
	typed := strings.ToLower(strings.TrimSpace(m.input.Value()))
	if m.opts.CompleteWord {
		typed = strings.ToLower(lastWord(m.input.Value()))
		if typed == "" {
			return nil
		}
	}
	if m.opts.Fuzzy {
		return fuzzyMatches(m.opts.Completions, typed)
	}
	var out []string
	for _, n := range m.opts.Completions {
		if strings.HasPrefix(strings.ToLower(n), typed) {
			out = append(out, n)
		}
	}
	return out
}

// fuzzyMatches are the candidates typed matches, best first (stable
// within a rank): a start of the whole, starts of words, letters in order.
func fuzzyMatches(candidates []string, typed string) []string {
	var ranks [3][]string
	for _, n := range candidates {
		l := strings.ToLower(n)
		switch {
		case strings.HasPrefix(l, typed):
			ranks[0] = append(ranks[0], n)
		case wordStarts(l, typed):
			ranks[1] = append(ranks[1], n)
		case inOrder(l, typed):
			ranks[2] = append(ranks[2], n)
		}
	}
	return append(append(ranks[0], ranks[1]...), ranks[2]...)
}

// wordStarts reports whether typed is, letter by letter, the starts of
// some of l's words in order ("slu" and "sort lu" match "sort last used").
func wordStarts(l, typed string) bool {
	words := strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '-' })
	t := strings.ReplaceAll(strings.ReplaceAll(typed, " ", ""), "-", "")
	var match func(w int, t string) bool
	match = func(w int, t string) bool {
		if t == "" {
			return true
		}
		for ; w < len(words); w++ {
			for n := min(len(words[w]), len(t)); n > 0; n-- {
				if strings.HasPrefix(words[w], t[:n]) && match(w+1, t[n:]) {
					return true
				}
			}
		}
		return false
	}
	return t != "" && match(0, t)
}

// inOrder reports whether typed's letters appear in l in order.
func inOrder(l, typed string) bool {
	i := 0
	for _, r := range l {
		if i < len(typed) && rune(typed[i]) == r {
			i++
		}
	}
	return i == len(typed)
}

// lastWord is the text after the last space.
func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// complete replaces what is typed (or its last word) with c.
func (m *Model) complete(c string) {
	v := m.input.Value()
	if m.opts.CompleteWord {
		v = v[:len(v)-len(lastWord(v))] + c
	} else {
		v = c
	}
	m.input.SetValue(v)
	m.input.CursorEnd()
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
			if m.opts.Validate != nil {
				if err := m.opts.Validate(m.input.Value()); err != nil {
					m.problem = err.Error()
					return nil
				}
			}
			return m.answer(m.input.Value(), true)
		case key.Matches(k, m.comp):
			if hits := m.completions(); len(hits) > 0 {
				m.complete(hits[0])
			}
			return nil
		case key.Matches(k, m.up):
			m.choose(-1)
			return nil
		case key.Matches(k, m.down):
			m.choose(1)
			return nil
		}
	}
	var cmd tea.Cmd
	before := m.input.Value()
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		m.problem = ""
		m.chosen = -1
		for i, c := range m.opts.Choices {
			if c.Text == m.input.Value() {
				m.chosen = i
			}
		}
	}
	return cmd
}

// View draws the dialog.
func (m *Model) View() string {
	s := m.Styles
	f := m.frame()
	hint := m.opts.Hint
	typed := m.input.Value()
	if m.opts.CompleteWord {
		typed = lastWord(typed)
	}
	if hits := m.completions(); len(hits) > 0 && typed != "" && hits[0] != typed {
		hint = "tab → " + hits[0]
	}
	body := append(m.choiceLines(f), m.input.View())
	if hits := m.completions(); m.opts.Fuzzy && typed != "" && len(hits) > 1 {
		body = append(body, s.Dialog.Hint.Render(ansi.Truncate("also: "+strings.Join(hits[1:min(len(hits), 6)], " · "), f.Inner(), s.Glyphs.Ellipsis)))
	}
	if m.problem != "" {
		body = append(body, f.Wrap(s.Dialog.Invalid, m.problem))
	}
	if hint != "" {
		body = append(body, s.Dialog.Hint.Render(hint))
	}
	for _, n := range m.opts.Notes {
		body = append(body, f.Wrap(s.Dialog.Hint, n))
	}
	keys := "enter: ok · esc: cancel"
	if len(m.opts.Choices) > 0 {
		keys = "↑/↓: choose · " + keys
	}
	return f.Render(s.Dialog.Title.Render(m.opts.Title), body, keys)
}

// choiceLines list the choices, the one in the input marked, and a
// blank line before the input.
func (m *Model) choiceLines(f common.DialogFrame) []string {
	if len(m.opts.Choices) == 0 {
		return nil
	}
	s := m.Styles
	out := make([]string, 0, len(m.opts.Choices)+1)
	for i, c := range m.opts.Choices {
		lead, st := "  ", s.Dialog.Body
		if i == m.chosen {
			lead, st = s.Glyphs.Arrow+" ", s.Text.Accent
		}
		out = append(out, f.Wrap(st, lead+c.Label))
	}
	return append(out, "")
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

// TakesText says ? is typed here, not a request for help.
func (m *Model) TakesText() bool { return true }

// CapturesKeys: the prompt is a text input.
func (m *Model) CapturesKeys() bool { return true }

// Value is the text typed so far.
func (m *Model) Value() string { return m.input.Value() }
