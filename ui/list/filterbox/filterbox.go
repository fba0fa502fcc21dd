// Package filterbox is the `/` fuzzy filter line every list view has:
// the input, its keys (enter keeps the filter, esc clears it, the arrows
// still move the list), its help, and the line with the match count.
package filterbox

import (
	"strconv"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
)

// Event is what a key did to the filter.
type Event int

const (
	None    Event = iota // nothing the view must act on
	Changed              // the text changed: filter again
	Kept                 // enter: the filter stays, the list has the keys again
	Cleared              // esc: the text is gone and the input closed
	Move                 // an arrow or page key: move the list's cursor
)

// Model is the filter input. Build it with New.
type Model struct {
	input   textinput.Model
	focused bool
}

// New builds the input; placeholder says what it searches.
func New(c common.Common, placeholder string) Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = placeholder
	in.CharLimit = 200
	in.Cursor.SetMode(cursor.CursorStatic) // no blink timer: fewer frames
	if s := c.Styles; s != nil {
		in.PromptStyle = s.Text.Accent
		in.TextStyle = s.Text.Primary
		in.PlaceholderStyle = s.Text.Faint
	}
	return Model{input: in}
}

// Focus opens the input for typing.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	return m.input.Focus()
}

// Focused reports whether the input has the keys.
func (m *Model) Focused() bool { return m.focused }

// Value is the filter text.
func (m *Model) Value() string { return m.input.Value() }

// Set puts text in the box, as if typed and kept (a saved view).
func (m *Model) Set(text string) {
	m.input.SetValue(text)
	m.input.CursorEnd()
}

// Shown reports whether the filter line is on screen.
func (m *Model) Shown() bool { return m.focused || m.input.Value() != "" }

// Clear empties the filter; it reports whether there was text.
func (m *Model) Clear() bool {
	had := m.input.Value() != ""
	m.input.SetValue("")
	return had
}

// SetWidth sets the input's width for a screen w wide.
func (m *Model) SetWidth(w int) { m.input.Width = max(10, w-30) }

// Update takes a message while the input is focused.
func (m *Model) Update(msg tea.Msg) (Event, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.Type {
		case tea.KeyEnter:
			m.focused = false
			m.input.Blur()
			return Kept, nil
		case tea.KeyEsc:
			m.focused = false
			m.input.Blur()
			m.input.SetValue("")
			return Cleared, nil
		case tea.KeyUp, tea.KeyDown, tea.KeyPgUp, tea.KeyPgDown:
			return Move, nil
		}
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		return Changed, cmd
	}
	return None, cmd
}

// View is the filter line with the match count; width is the screen's.
func (m *Model) View(c common.Common, matches, width int) string {
	s := c.Styles
	count := s.Text.Faint.Render(" " + MatchCount(matches))
	if !m.focused {
		return s.Text.Accent.Render("/ ") + s.Text.Primary.Render(ansi.Truncate(m.input.Value(), width-20, s.Glyphs.Ellipsis)) +
			count + s.Text.Faint.Render("  (/ edit · esc clear)")
	}
	return m.input.View() + count
}

// MatchCount is "no matches", "1 match", "25 matches".
func MatchCount(n int) string {
	switch n {
	case 0:
		return "no matches"
	case 1:
		return "1 match"
	}
	return strconv.Itoa(n) + " matches"
}

// Keys is the help while the input is focused: letters type, they do
// not act.
type Keys struct {
	common.Disabler
	Apply, Clear, Move key.Binding
}

// NewKeys builds the help's bindings.
func NewKeys() Keys {
	return Keys{
		Apply: common.NewBinding("enter", "keep filter", "enter"),
		Clear: common.NewBinding("esc", "clear filter", "esc"),
		Move:  common.NewBinding("↑/↓", "move", "up", "down"),
	}
}

func (k Keys) ShortHelp() []key.Binding  { return []key.Binding{k.Apply, k.Clear, k.Move} }
func (k Keys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Handle is what a list view does with a key while the filter has focus:
// the arrows move the list (move), a changed text filters again
// (changed), enter keeps the filter and gives the list its keys (kept).
func (m *Model) Handle(msg tea.KeyMsg, move func(tea.KeyMsg) tea.Cmd, changed func(text string) tea.Cmd, kept func()) tea.Cmd {
	ev, cmd := m.Update(msg)
	switch ev {
	case Move:
		return move(msg)
	case Kept:
		kept()
	case Changed, Cleared:
		return tea.Batch(cmd, changed(m.Value()))
	}
	return cmd
}
