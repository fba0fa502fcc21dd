// Package editform is the inline editor: one row per field of a JSON
// document (text, toggle, date-or-never, string list with completion,
// reference by id), read-only fields shown dimmed. It edits values only;
// on ctrl+s it writes them into the document (editdoc.Write) and sends
// SubmitMsg with the edited bytes. It knows nothing of what it edits.
package editform

import (
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/editdoc"
)

// shownText pairs what a text input showed at first with the text it
// stands for.
type shownText struct{ input, text string }

// SubmitMsg carries the edited document to the form's asker (ID). Seq
// numbers the form's submits (1, 2, …), for FailedMsg.
type SubmitMsg struct {
	ID  string
	Doc []byte
	Seq int
	// Set names the Mixed fields the user set: their value is meant for
	// every item, even one that has it already.
	Set []string
}

// CancelMsg: the user left the form.
type CancelMsg struct{ ID string }

// Model is the form. Build it with New.
type Model struct {
	common.Common
	keys KeyMap
	// id names the form's asker in its answers (WithID).
	id     string
	title  string
	doc    []byte
	fields []editdoc.Field

	initial, values []editdoc.Value
	inputs          []textinput.Model // one per field; lists use theirs for the new item
	// shown is each text input's first value: while the input holds it,
	// the value is the document's (possibly unshowable) text.
	shown   []shownText
	errs    []string
	formErr string

	focus int // field index, or len(fields) for the Preview button
	item  int // within a focused list: an item index, or len(items) for the add row
	sugg  int // selected suggestion
	armed bool
	now   func() time.Time
	// action names the submit button ("" → Preview).
	action string
	// strict checks every field, not only the changed ones.
	strict bool

	// await: a submit waits for its answer (AwaitAnswer); waiting while
	// it does. seq numbers the submits; serverErr is the last failure.
	await, waiting bool
	seq            int
	serverErr      []string
	// quitArmed: the first ctrl+c warned that typed input would be lost.
	quitArmed bool
	// toggled are the Mixed toggles the user set (see isSet).
	toggled []bool
}

// Strict checks every field on submit, changed or not: a form for a new
// resource, whose empty required fields are errors, not "unchanged".
func (m Model) Strict() Model {
	m.strict = true
	return m
}

// WithID names who opened the form: its answers carry the id, so only
// that view or flow acts on them.
func (m Model) WithID(id string) Model {
	m.id = id
	return m
}

// WithAction names the submit button and key for what submitting does
// ("Create"); the edit flow's default is Preview.
func (m Model) WithAction(label string) Model {
	m.action = label
	m.keys.Submit.SetHelp("ctrl+s", strings.ToLower(label))
	return m
}

func (m Model) actionLabel() string {
	if m.action == "" {
		return "Preview"
	}
	return m.action
}

// New builds a form over doc. An error means doc cannot be read as the
// fields say (not an object, a member of the wrong type).
func New(c common.Common, title string, doc []byte, fields []editdoc.Field) (Model, error) {
	return NewEdited(c, title, doc, doc, fields)
}

// NewEdited is New with the values of edited already filled in (an edit
// being resumed after a rebase on a newer doc).
func NewEdited(c common.Common, title string, doc, edited []byte, fields []editdoc.Field) (Model, error) {
	initial, err := editdoc.Read(doc, fields)
	if err != nil {
		return Model{}, err
	}
	vals, err := editdoc.Read(edited, fields)
	if err != nil {
		return Model{}, err
	}
	m := Model{Common: c, keys: DefaultKeyMap(), title: title, doc: doc, fields: fields,
		initial: initial, values: cloneValues(vals), errs: make([]string, len(fields)), now: c.Now}
	m.inputs = make([]textinput.Model, len(fields))
	m.shown = make([]shownText, len(fields))
	for i, f := range fields {
		in := textinput.New()
		in.Prompt = ""
		in.CharLimit = 4096
		in.Cursor.SetMode(cursor.CursorStatic)
		if s := c.Styles; s != nil {
			in.TextStyle = s.Dialog.Input
			in.PlaceholderStyle = s.Dialog.Hint
			in.Cursor.Style = s.Dialog.InputFocused
		}
		switch f.Kind {
		case editdoc.Text, editdoc.Reference:
			in.SetValue(vals[i].Text)
			if f.Mixed { // empty until set: the items keep their own
				in.SetValue("")
				in.Placeholder = "(mixed: each keeps its own)"
			}
			// The input drops what it cannot show (control characters,
			// newlines); the value keeps the document's exact text until
			// the user types, so opening the form is not an edit.
			m.shown[i] = shownText{input: in.Value(), text: vals[i].Text}
		case editdoc.DateOrNever:
			in.Placeholder = "YYYY-MM-DD or never"
			in.SetValue(vals[i].Text)
			switch {
			case f.NoNever:
				in.Placeholder = "YYYY-MM-DD, or empty for the server's default"
			case vals[i].Never:
				in.SetValue("never")
			}
		case editdoc.Number:
			in.SetValue(vals[i].Text)
			in.CharLimit = 18
		case editdoc.StringList:
			in.Placeholder = "add…"
		}
		m.inputs[i] = in
	}
	m.toggled = make([]bool, len(fields))
	m.focus = m.nextEditable(-1, 1)
	m.focusInput()
	return m, nil
}

// isSet reports whether the user set Mixed field i: a toggle pressed, or
// text typed.
func (m Model) isSet(i int) bool {
	f := m.fields[i]
	switch {
	case !f.Mixed:
		return false
	case f.Kind == editdoc.Toggle:
		return m.toggled[i]
	}
	return m.inputs[i].Value() != ""
}

// setFields names the Mixed fields the user set.
func (m Model) setFields() []string {
	var out []string
	for i, f := range m.fields {
		if m.isSet(i) {
			out = append(out, f.Name)
		}
	}
	return out
}

func cloneValues(v []editdoc.Value) []editdoc.Value {
	out := make([]editdoc.Value, len(v))
	for i, x := range v {
		x.Items = append([]string(nil), x.Items...)
		if v[i].Items == nil {
			x.Items = nil
		}
		out[i] = x
	}
	return out
}

// SetSize sets the drawing area.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	for i := range m.inputs {
		// Room after the input for the "● changed" mark.
		m.inputs[i].Width = max(m.valueWidth()-14, 10)
	}
}

// Keys is the key map for the help bar.
func (m Model) Keys() common.KeyMap { return m.keys }

// TakesText says ? is typed while a text input has focus; on a toggle,
// a list's items or the Preview button it shows the form's keys.
func (m Model) TakesText() bool { return m.CapturesKeys() }

// Dirty reports whether any value differs from the document's.
func (m Model) Dirty() bool {
	m.sync()
	for i := range m.values {
		if !m.values[i].Equal(m.initial[i]) || m.isSet(i) {
			return true
		}
	}
	return false
}

// CapturesKeys is true while a text input has focus.
func (m Model) CapturesKeys() bool {
	if m.focus >= len(m.fields) {
		return false
	}
	f := m.fields[m.focus]
	return f.Kind != editdoc.Toggle && (f.Kind != editdoc.StringList || m.item == len(m.values[m.focus].Items))
}

// nextEditable is the next focus stop from i in direction dir (the
// Preview button counts); read-only fields are skipped.
func (m Model) nextEditable(i, dir int) int {
	for j := i + dir; j >= 0 && j <= len(m.fields); j += dir {
		if j == len(m.fields) || !m.fields[j].ReadOnly {
			return j
		}
	}
	if dir < 0 {
		return m.nextEditable(-1, 1)
	}
	return len(m.fields)
}

// sync copies the text inputs into values (m is a copy in value methods).
func (m *Model) sync() {
	for i, f := range m.fields {
		t := m.inputs[i].Value()
		switch f.Kind {
		case editdoc.Text, editdoc.Reference:
			m.values[i].Text = t
			if t == m.shown[i].input {
				m.values[i].Text = m.shown[i].text
			}
		case editdoc.Number:
			m.values[i].Text = strings.TrimSpace(t)
		case editdoc.DateOrNever:
			never := strings.EqualFold(strings.TrimSpace(t), "never")
			if f.NoNever { // empty is null, the server's default
				never = strings.TrimSpace(t) == ""
			}
			m.values[i].Never = never
			m.values[i].Text = ""
			if !never {
				m.values[i].Text = strings.TrimSpace(t)
			}
		}
	}
}

func (m *Model) focusInput() {
	for i := range m.inputs {
		m.inputs[i].Blur()
	}
	if m.focus < len(m.fields) && m.CapturesKeys() {
		m.inputs[m.focus].Focus()
	}
	m.sugg = 0
}

// suggestions for the focused input: known values starting with (then
// containing) what is typed, minus a list's current items.
func (m Model) suggestions() []string {
	if m.focus >= len(m.fields) || !m.CapturesKeys() {
		return nil
	}
	f := m.fields[m.focus]
	typed := strings.ToLower(strings.TrimSpace(m.inputs[m.focus].Value()))
	have := map[string]bool{}
	for _, it := range m.values[m.focus].Items {
		have[it] = true
	}
	var prefix, inside []string
	for _, s := range f.Suggestions {
		l, label := strings.ToLower(s), strings.ToLower(f.Labels[s])
		switch {
		case have[s] || l == typed:
		case strings.HasPrefix(l, typed) || (typed != "" && strings.HasPrefix(label, typed)):
			prefix = append(prefix, s)
		case typed != "" && (strings.Contains(l, typed) || strings.Contains(label, typed)):
			inside = append(inside, s)
		}
	}
	return append(prefix, inside...)
}

// Document is the edited document as ctrl+s would submit it; ok is false
// when a value is invalid (the form then shows why).
func (m *Model) Document() ([]byte, bool) { return m.build() }

// build writes the values into the document; a local error stays on the
// form.
func (m *Model) build() ([]byte, bool) {
	m.addPending()
	m.sync()
	bad := -1
	for i := range m.fields {
		if m.errs[i] = m.check(i); m.errs[i] != "" && bad < 0 {
			bad = i
		}
	}
	if bad >= 0 {
		m.formErr = "Fix the marked fields first: nothing has been sent."
		m.focus, m.item = bad, 0
		m.focusInput()
		return nil, false
	}
	doc, err := editdoc.Write(m.doc, m.fields, m.initial, m.values, m.now())
	if err != nil {
		m.formErr = err.Error()
		return nil, false
	}
	m.formErr = ""
	return doc, true
}

// addPending adds to each list the item typed on its add row when it is
// one of the known values: what the form shows is then what is sent. Any
// other typed text stays, and check says so (nothing half-typed is sent).
func (m *Model) addPending() {
	for i, f := range m.fields {
		typed := strings.TrimSpace(m.inputs[i].Value())
		if f.Kind != editdoc.StringList || f.ReadOnly || typed == "" || !slices.Contains(f.Suggestions, typed) {
			continue
		}
		if !slices.Contains(m.values[i].Items, typed) {
			m.values[i].Items = append(slices.Clone(m.values[i].Items), typed)
		}
		m.inputs[i].SetValue("")
		if m.focus == i {
			m.item = len(m.values[i].Items)
		}
	}
}

// check is field i's local error, or "": a list item typed but not yet
// added is one, so what the form shows is what is sent.
func (m *Model) check(i int) string {
	f := m.fields[i]
	if f.ReadOnly {
		return ""
	}
	if f.Kind == editdoc.StringList {
		if typed := strings.TrimSpace(m.inputs[i].Value()); typed != "" {
			return "press enter to add " + typed + " (or clear it): it is not in the list yet"
		}
	}
	if !m.strict && m.values[i].Equal(m.initial[i]) {
		return ""
	}
	if err := editdoc.Validate(f, m.values[i], m.now()); err != nil {
		return err.Error()
	}
	return ""
}
