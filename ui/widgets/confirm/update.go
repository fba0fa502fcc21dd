package confirm

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
)

// Update handles keys. Once an answer was sent the dialog ignores input,
// so a key repeat can never send a second ResultMsg.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if m.answered {
		return m, nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		// Cursor blinks and the like belong to the input.
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	switch {
	case key.Matches(k, m.keys.Cancel):
		return m.answer(false)
	case key.Matches(k, m.keys.Next), key.Matches(k, m.keys.Prev):
		delta := 1
		if key.Matches(k, m.keys.Prev) {
			delta = -1
		}
		m = m.moveFocus(delta)
		cmd := m.focusCmd()
		return m, cmd
	case key.Matches(k, m.keys.Select):
		return m.activate()
	case key.Matches(k, m.keys.IncludeManaged):
		// From anywhere, the input too: it takes digits only, so m is
		// never typed into it, and the help bar's "m" always holds.
		m = m.toggleManaged()
		cmd := m.focusCmd()
		return m, cmd
	}
	if m.scrollList(k) {
		return m, nil
	}
	switch {
	case key.Matches(k, m.keys.DetailsDown):
		m.detailsOff = min(m.detailsOff+1, m.layout().detailsMax)
		return m, nil
	case key.Matches(k, m.keys.DetailsUp):
		m.detailsOff = max(m.detailsOff-1, 0)
		return m, nil
	}
	if m.focus == elemInput {
		return m.updateInput(k)
	}
	return m.handleButtonKey(k)
}

// handleButtonKey handles keys while the checkbox or a button has focus.
func (m Model) handleButtonKey(k tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(k, m.keys.Left):
		if m.focus == elemDelete {
			m.focus = elemCancel
		}
	case key.Matches(k, m.keys.Right):
		if m.focus == elemCancel && m.DeleteCount() > 0 {
			m.focus = elemDelete
		}
	case key.Matches(k, m.keys.Toggle):
		if m.focus == elemManaged {
			m = m.toggleManaged()
		}
	case m.NeedsTyping() && isDigits(k):
		// Type-ahead: digits typed on a button go to the count input.
		m.focus = elemInput
		return m.updateInput(k)
	}
	return m, nil
}

// updateInput edits the count. It takes digits only: any other
// character, typed or pasted, is dropped, so "32m" can never be typed.
func (m Model) updateInput(k tea.KeyMsg) (Model, tea.Cmd) {
	if len(k.Runes) > 0 {
		digits := k.Runes[:0:0]
		for _, r := range k.Runes {
			if r >= '0' && r <= '9' {
				digits = append(digits, r)
			}
		}
		if len(digits) == 0 {
			return m, nil
		}
		k.Type, k.Runes, k.Alt = tea.KeyRunes, digits, false
	}
	var focusCmd, cmd tea.Cmd
	if !m.input.Focused() {
		focusCmd = m.input.Focus() // an unfocused textinput ignores keys
	}
	m.input, cmd = m.input.Update(k)
	m.problem = ""
	return m, tea.Batch(focusCmd, cmd)
}

// activate is enter on the focused element.
func (m Model) activate() (Model, tea.Cmd) {
	switch m.focus {
	case elemCancel:
		return m.answer(false)
	case elemManaged:
		// Including managed tokens is an escalation: it takes its own key
		// (space or m), never the enter that also confirms.
		m.problem = fmt.Sprintf("Press space (or m) to include %s %s; enter does not.", m.special(), m.plural(2))
		return m, nil
	default: // the input and the Delete button both try to confirm
		return m.tryConfirm()
	}
}

// tryConfirm confirms when everything required is in place; otherwise it
// explains what is missing and takes no action.
func (m Model) tryConfirm() (Model, tea.Cmd) {
	n := m.DeleteCount()
	if n == 0 { // there is no Delete button; the dialog says why
		return m, nil
	}
	if m.NeedsTyping() {
		typed := strings.TrimSpace(m.input.Value())
		if v, err := strconv.Atoi(typed); err != nil || v != n {
			if typed == "" {
				m.problem = fmt.Sprintf("Type %d, then press enter.", n)
			} else {
				m.problem = fmt.Sprintf("%q is not %d: nothing was deleted.", typed, n)
			}
			m.focus = elemInput
			cmd := m.focusCmd()
			return m, cmd
		}
	}
	return m.answer(true)
}

// nothingToDelete says why a confirm would delete nothing; the dialog
// shows it in place of "This cannot be undone." and has no Delete button.
func (m Model) nothingToDelete() string {
	if m.req.Session > 0 && m.req.Managed == 0 {
		return "The selected " + m.req.Noun + " is the one sailtui is signed in with."
	}
	if m.req.ManagedProtected {
		return fmt.Sprintf("The selected %s %s %s, and %s %s are protected.",
			m.plural(m.req.Count), isAre(m.req.Count), m.special(), m.special(), m.plural(2))
	}
	other := ""
	if m.req.Session > 0 {
		other = "other "
	}
	return fmt.Sprintf("Every %sselected %s is %s. Press m to include them.", other, m.req.Noun, m.special())
}

func (m Model) answer(confirmed bool) (Model, tea.Cmd) {
	m.answered = true
	m.input.Blur()
	res := ResultMsg{ID: m.req.ID, Confirmed: confirmed, IncludeManaged: confirmed && m.includeManaged}
	if confirmed {
		res.Count = m.DeleteCount()
	}
	return m, func() tea.Msg { return res }
}

// toggleManaged flips "include managed". The count to type changes, so
// whatever was typed is cleared rather than silently re-validated.
func (m Model) toggleManaged() Model {
	if m.req.Managed == 0 {
		return m
	}
	if m.req.ManagedProtected {
		m.problem = fmt.Sprintf("%s %s are protected in this session and cannot be deleted.", capitalise(m.special()), m.plural(2))
		return m
	}
	m.includeManaged = !m.includeManaged
	m.input.Reset()
	m.problem = ""
	if m.focus == elemInput && !m.NeedsTyping() {
		m.focus = elemCancel
		m.input.Blur()
	}
	if m.focus == elemDelete && m.DeleteCount() == 0 { // the button is gone
		m.focus = elemCancel
	}
	return m
}

func (m Model) moveFocus(delta int) Model {
	r := m.ring()
	i := 0
	for j, e := range r {
		if e == m.focus {
			i = j
		}
	}
	m.focus = r[(i+delta+len(r))%len(r)]
	return m
}

// focusCmd keeps the text input's focus (and cursor) in step with m.focus.
func (m *Model) focusCmd() tea.Cmd {
	if m.focus == elemInput {
		return m.input.Focus()
	}
	m.input.Blur()
	return nil
}

func isDigits(k tea.KeyMsg) bool {
	if k.Type != tea.KeyRunes || len(k.Runes) == 0 {
		return false
	}
	for _, r := range k.Runes {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func (m Model) plural(n int) string {
	if n == 1 {
		return m.req.Noun
	}
	return m.req.Noun + "s"
}

// listed is every item the list shows now: the deletable ones, then the
// managed ones once included.
func (m Model) listed() []Example {
	out := m.req.Examples
	if m.includeManaged {
		out = append(out[:len(out):len(out)], m.req.ManagedExamples...)
	}
	return out
}

// listHeight is how many list rows fit: up to MaxExamples, fewer on a
// short screen (the rest of the dialog needs about 14 lines).
func (m Model) listHeight() int { return m.layout().listRows }

// scrollList moves the list on ↑/↓/pgup/pgdn; false for other keys.
func (m *Model) scrollList(k tea.KeyMsg) bool {
	keys := common.ScrollKeys{Up: m.keys.Up, Down: m.keys.Down, PageUp: m.keys.PageUp, PageDown: m.keys.PageDown}
	return m.list.Handle(k, keys, len(m.listed()), m.listHeight())
}

// special is what the items left out by default are called.
func (m Model) special() string {
	if m.req.Special == "" {
		return "managed"
	}
	return m.req.Special
}

func (m Model) specialWhy() string {
	if m.req.SpecialWhy == "" {
		return "created by the platform, e.g. Workflows"
	}
	return m.req.SpecialWhy
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
