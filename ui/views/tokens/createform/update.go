package createform

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// Update handles keys and the parent's ServerErrorMsg. Everything else
// (e.g. paste) goes to the focused input.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ServerErrorMsg:
		if msg.ID != m.opts.ID || (msg.Seq != 0 && msg.Seq != m.seq) {
			return m, nil // an answer to an earlier submit
		}
		m.submitting = false
		m.serverErr = describeError(msg.Err)
		return m, nil
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	if m.focus < fieldCreate {
		var cmd tea.Cmd
		m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m Model) handleKey(k tea.KeyMsg) (Model, tea.Cmd) {
	armed := m.armed
	m.armed = armedNone // "press again" means next, not later
	if key.Matches(k, m.keys.Cancel) {
		// Typed input is not dropped on one key: the first esc warns.
		// While submitting, leaving is safe: the view says the create is
		// still in flight.
		if armed != armedEsc && m.Dirty() && !m.submitting {
			m.armed = armedEsc
			return m, nil
		}
		id := m.opts.ID
		return m, func() tea.Msg { return CancelMsg{ID: id} }
	}
	if m.submitting {
		return m, nil // the request is in flight; the input stays as sent
	}
	switch {
	case key.Matches(k, m.keys.Submit):
		return m.submit()
	case key.Matches(k, m.keys.Enter):
		if m.focus >= fieldExpiry {
			return m.submit()
		}
		m.leave()
		m.setFocus(m.focus + 1)
		return m, nil
	case key.Matches(k, m.keys.Next):
		if k.Type == tea.KeyTab && m.completeScope() {
			return m, nil
		}
		m.leave()
		m.setFocus((m.focus + 1) % fieldCount)
		return m, nil
	case key.Matches(k, m.keys.Prev):
		m.leave()
		m.setFocus((m.focus + fieldCount - 1) % fieldCount)
		return m, nil
	case m.focus == fieldScopes && key.Matches(k, m.keys.NextSuggestion):
		m.suggest, m.picked = m.suggest+1, true
		return m, nil
	case m.focus == fieldScopes && key.Matches(k, m.keys.PrevSuggestion):
		m.suggest, m.picked = m.suggest-1, true
		return m, nil
	}
	if m.focus == fieldCreate {
		return m, nil
	}
	before := m.inputs[m.focus].Value()
	var cmd tea.Cmd
	m.inputs[m.focus], cmd = m.inputs[m.focus].Update(k)
	if m.inputs[m.focus].Value() != before {
		m.errs[m.focus] = "" // the user is fixing it
		m.suggest, m.picked = 0, false
	}
	return m, cmd
}

// suggestions for the scopes field and the selected one (-1: none).
func (m Model) suggestions() ([]string, string, int) {
	seg, matches := completion(m.inputs[fieldScopes].Value(), m.opts.Scopes)
	if len(matches) == 0 {
		return nil, seg, -1
	}
	n := len(matches)
	return matches, seg, ((m.suggest % n) + n) % n
}

// completeScope accepts the selected suggestion when the user has started
// typing a scope (or picked one with ctrl+n/ctrl+p); otherwise tab moves on.
func (m *Model) completeScope() bool {
	if m.focus != fieldScopes {
		return false
	}
	matches, seg, sel := m.suggestions()
	if sel < 0 || (seg == "" && !m.picked) {
		return false
	}
	in := &m.inputs[fieldScopes]
	in.SetValue(complete(in.Value(), matches[sel]))
	in.CursorEnd()
	m.errs[fieldScopes] = ""
	m.suggest, m.picked = 0, false
	return true
}

// leave validates the focused field when it has content, so mistakes show
// up as the user moves on (empty fields are only flagged on submit).
func (m *Model) leave() {
	if m.focus >= fieldCreate || strings.TrimSpace(m.inputs[m.focus].Value()) == "" {
		return
	}
	m.errs[m.focus] = m.validateField(m.focus)
}

func (m Model) validateField(f field) string {
	v := m.inputs[f].Value()
	var err error
	switch f {
	case fieldName:
		_, err = ValidateName(v, m.opts.ExistingNames)
	case fieldScopes:
		_, err = ParseScopes(v)
	case fieldValidity:
		_, err = ParseValidity(v)
	case fieldExpiry:
		_, err = ParseExpiry(v, m.now(), m.opts.NeverExpiring)
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// submit validates every field; on any error it focuses the first bad
// field and sends nothing.
func (m Model) submit() (Model, tea.Cmd) {
	first := fieldCreate
	for f := fieldName; f < fieldCreate; f++ {
		m.errs[f] = m.validateField(f)
		if m.errs[f] != "" && first == fieldCreate {
			first = f
		}
	}
	if first != fieldCreate {
		m.setFocus(first)
		return m, nil
	}
	name, scopes, validity, expiry := m.Values()
	n, _ := ValidateName(name, m.opts.ExistingNames)
	sc, _ := ParseScopes(scopes)
	v, _ := ParseValidity(validity)
	exp, _ := ParseExpiry(expiry, m.now(), m.opts.NeverExpiring)
	req := buildRequest(n, sc, v, exp)
	m.submitting = true
	m.serverErr = nil
	m.seq++
	seq := m.seq
	id := m.opts.ID
	return m, func() tea.Msg { return SubmitMsg{ID: id, Request: req, Seq: seq} }
}

// describeError turns a create failure into lines for the form: the
// status, every message and cause the server sent, and its trackingId.
func describeError(err error) []string {
	if err == nil {
		return nil
	}
	e, ok := client.AsAPIError(err)
	if !ok {
		return []string{"Could not create the token: " + sanitize.Line(err.Error())}
	}
	head := fmt.Sprintf("The server rejected the token (HTTP %d)", e.Status)
	if e.DetailCode != "" {
		head += ": " + sanitize.Line(e.DetailCode)
	}
	lines := []string{head}
	seen := map[string]bool{}
	for _, msg := range append(append([]client.ErrorMessage{}, e.Messages...), e.Causes...) {
		t := sanitize.Line(strings.TrimSpace(msg.Text))
		if t != "" && !seen[t] {
			seen[t] = true
			lines = append(lines, t)
		}
	}
	if len(lines) == 1 {
		lines = append(lines, sanitize.Line(e.Message()))
	}
	if e.TrackingID != "" {
		lines = append(lines, "tracking id "+sanitize.Line(e.TrackingID))
	}
	return lines
}
