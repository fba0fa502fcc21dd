package editform

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/editdoc"
)

// Update handles keys (and cursor messages for the focused input).
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if f, ok := msg.(FailedMsg); ok {
		m.failed(f)
		return nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m.updateInput(msg)
	}
	m.quitArmed = false // "press again" means next, not later
	if !key.Matches(k, m.keys.Cancel) {
		m.armed = false
	}
	switch {
	case key.Matches(k, m.keys.Cancel):
		// While a submit awaits its answer, leaving is safe: the asker
		// says what became of it.
		if m.Dirty() && !m.armed && !m.waiting {
			m.armed = true
			return common.Toast(common.ToastWarning, m.discardWarning())
		}
		id := m.id
		return func() tea.Msg { return CancelMsg{ID: id} }
	case m.waiting:
		return nil // the request is in flight; the input stays as sent
	case key.Matches(k, m.keys.Submit):
		return m.submit()
	case key.Matches(k, m.keys.NextSuggestion), key.Matches(k, m.keys.PrevSuggestion):
		if n := len(m.suggestions()); n > 0 {
			step := 1
			if key.Matches(k, m.keys.PrevSuggestion) {
				step = n - 1
			}
			m.sugg = (m.sugg + step) % n
		}
		return nil
	case key.Matches(k, m.keys.Complete) && m.complete(k.Type == tea.KeyTab):
		return nil
	case key.Matches(k, m.keys.Next):
		m.move(1)
		return nil
	case key.Matches(k, m.keys.Prev):
		m.move(-1)
		return nil
	case key.Matches(k, m.keys.Enter):
		return m.enter()
	}
	if m.focus < len(m.fields) {
		switch m.fields[m.focus].Kind {
		case editdoc.Toggle:
			if key.Matches(k, m.keys.Toggle) {
				m.values[m.focus].On = !m.values[m.focus].On
				if m.fields[m.focus].Mixed && !m.toggled[m.focus] { // the first press says yes
					m.values[m.focus].On, m.toggled[m.focus] = true, true
				}
			}
			return nil
		case editdoc.StringList:
			if !m.CapturesKeys() {
				if key.Matches(k, m.keys.Remove) {
					m.removeItem()
				}
				return nil
			}
		}
	}
	return m.updateInput(msg)
}

func (m *Model) updateInput(msg tea.Msg) tea.Cmd {
	if m.focus >= len(m.fields) || !m.CapturesKeys() {
		return nil
	}
	var cmd tea.Cmd
	before := m.inputs[m.focus].Value()
	m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	if m.inputs[m.focus].Value() != before {
		m.sugg, m.errs[m.focus] = 0, ""
	}
	return cmd
}

// move goes to the next or previous focus stop; a list's rows are stops.
// A field left with text in it is checked, so a mistake shows as the user
// moves on (an empty one only on submit).
func (m *Model) move(dir int) {
	m.sync()
	if m.focus < len(m.fields) && m.fields[m.focus].Kind != editdoc.StringList &&
		strings.TrimSpace(m.inputs[m.focus].Value()) != "" {
		m.errs[m.focus] = m.check(m.focus)
	}
	if m.focus < len(m.fields) && m.fields[m.focus].Kind == editdoc.StringList {
		n := len(m.values[m.focus].Items)
		if next := m.item + dir; next >= 0 && next <= n {
			m.item = next
			m.focusInput()
			return
		}
	}
	m.focus = m.nextEditable(m.focus, dir)
	m.item = 0
	if m.focus < len(m.fields) && m.fields[m.focus].Kind == editdoc.StringList && dir < 0 {
		m.item = len(m.values[m.focus].Items)
	}
	m.focusInput()
}

// enter adds a typed list item, moves on, or previews from the button.
func (m *Model) enter() tea.Cmd {
	if m.focus >= len(m.fields) {
		return m.submit()
	}
	f := m.fields[m.focus]
	if f.Kind == editdoc.StringList && m.CapturesKeys() {
		it := strings.TrimSpace(m.inputs[m.focus].Value())
		switch {
		case it == "":
		case !slices.Contains(f.Suggestions, it) && len(m.suggestions()) > 0:
			// A partial entry completes first; the next enter adds what
			// is then shown, so nothing half-typed is added by accident.
			m.complete(false)
			return nil
		default:
			m.addItem(it)
			return nil
		}
	}
	m.focus = m.nextEditable(m.focus, 1)
	m.item = 0
	m.focusInput()
	return nil
}

// complete fills the focused input with the selected suggestion; false
// when there is none (→ then moves the cursor as usual, tab moves on).
// Tab completes only what has been typed and is not yet a known value,
// so tab through a filled form never changes it.
func (m *Model) complete(tab bool) bool {
	sug := m.suggestions()
	if len(sug) == 0 || !m.CapturesKeys() {
		return false
	}
	if typed := strings.TrimSpace(m.inputs[m.focus].Value()); tab && (typed == "" || m.known(typed)) {
		return false
	}
	in := &m.inputs[m.focus]
	if in.Position() < len(in.Value()) {
		return false
	}
	in.SetValue(sug[m.sugg%len(sug)])
	in.CursorEnd()
	m.sugg = 0
	return true
}

// addItem appends it to the focused list, once; a value outside the
// suggestions is allowed but noted.
func (m *Model) addItem(it string) {
	v := &m.values[m.focus]
	if slices.Contains(v.Items, it) {
		m.errs[m.focus] = it + " is already in the list"
		return
	}
	v.Items = append(v.Items, it)
	m.inputs[m.focus].SetValue("")
	m.item = len(v.Items)
	m.errs[m.focus] = ""
	if f := m.fields[m.focus]; len(f.Suggestions) > 0 && !slices.Contains(f.Suggestions, it) {
		m.errs[m.focus] = "note: " + it + " is not a known value; it is kept"
	}
}

// removeItem drops the selected list item.
func (m *Model) removeItem() {
	v := &m.values[m.focus]
	if m.item >= len(v.Items) {
		return
	}
	v.Items = slices.Delete(slices.Clone(v.Items), m.item, m.item+1)
	if len(v.Items) == 0 {
		v.Items = []string{}
	}
	m.item = min(m.item, len(v.Items))
	m.focusInput()
}

func (m *Model) submit() tea.Cmd {
	doc, ok := m.build()
	if !ok {
		return nil
	}
	m.seq++
	m.serverErr = nil
	m.waiting = m.await
	id, seq, set := m.id, m.seq, m.setFields()
	return func() tea.Msg { return SubmitMsg{ID: id, Doc: doc, Seq: seq, Set: set} }
}

// known reports whether typed is one of the focused field's suggestions
// (a name typed in full is not: tab turns it into its id).
func (m Model) known(typed string) bool {
	return slices.ContainsFunc(m.fields[m.focus].Suggestions, func(s string) bool { return strings.EqualFold(s, typed) })
}
