// Package createform is the "create a token" form: name, scopes (with the
// common ones offered), access-token validity and expiry. It validates
// locally first, sends SubmitMsg, and shows the server's 400 messages on
// the form with every input kept (ServerErrorMsg). It never calls the API.
package createform

import (
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
)

// Options configure the form.
type Options struct {
	// ID names who opened the form (its id on the shell's stack): its
	// answers carry it, and it takes only ServerErrorMsgs that do.
	ID string
	// NeverExpiring: the API family supports never-expiring tokens
	// (client.Family.SupportsNeverExpiring); only then is "never" offered.
	NeverExpiring bool
	// ExistingNames are the owner's current token names, checked locally
	// because the server rejects duplicates.
	ExistingNames []string
	// Scopes offered for completion; nil → DefaultScopes().
	Scopes []string
	// Title replaces "Create a personal access token" (a rotation says
	// what it replaces); Prefill starts the fields with values (the old
	// token's), and only the non-empty ones.
	Title   string
	Prefill Prefill
}

// Prefill is the form's starting text, field by field.
type Prefill struct {
	Name, Scopes, Validity, Expiry string
}

// SubmitMsg carries a locally valid request. The parent runs CreatePAT in a
// Cmd and answers with ServerErrorMsg on failure, or closes the form.
// Seq numbers the submits of one form (1, 2, ...).
type SubmitMsg struct {
	ID      string
	Request client.CreatePATRequest
	Seq     int
}

// ServerErrorMsg puts a failed create's error (e.g. a 400) on the form.
// Seq echoes SubmitMsg.Seq so an answer to an older submit is dropped;
// 0 means "the current one".
type ServerErrorMsg struct {
	ID  string
	Err error
	Seq int
}

// CancelMsg: the user left the form (esc).
type CancelMsg struct{ ID string }

// field identifies a focusable element.
type field int

const (
	fieldName field = iota
	fieldScopes
	fieldValidity
	fieldExpiry
	fieldCreate // the Create button
	fieldCount
)

// Model is the form. Build it with New.
type Model struct {
	common.Common
	keys KeyMap
	opts Options

	inputs  [fieldCreate]textinput.Model
	errs    [fieldCreate]string // inline, per field
	focus   field
	suggest int  // selected scope suggestion
	picked  bool // the user moved through suggestions with ctrl+n/ctrl+p

	serverErr  []string // the server's lines for the last failed submit
	submitting bool
	seq        int // of the last SubmitMsg

	initial [fieldCreate]string // the values New put in: Dirty compares
	// armed is the key whose first press warned that typed input would be
	// lost; pressing it again discards (esc) or quits (ctrl+c).
	armed discardKey
}

// discardKey is a key that leaves the form and so loses its input.
type discardKey int

const (
	armedNone discardKey = iota
	armedEsc
	armedQuit // the shell's ctrl+c
)

// New returns an empty form (validity 43200 s, expiry six months out).
func New(c common.Common, opts Options) Model {
	if opts.Scopes == nil {
		opts.Scopes = DefaultScopes()
	}
	m := Model{Common: c, keys: DefaultKeyMap(), opts: opts}
	placeholders := [fieldCreate]string{
		"e.g. ci-pipeline",
		"e.g. sp:my-personal-access-tokens:read",
		"43200",
		"YYYY-MM-DD",
	}
	limits := [fieldCreate]int{128, 2000, 5, 10}
	for i := range m.inputs {
		in := textinput.New()
		in.Prompt = "> "
		in.Placeholder = placeholders[i]
		in.CharLimit = limits[i]
		in.Cursor.SetMode(cursor.CursorStatic) // no blink ticks to route
		if s := c.Styles; s != nil {
			in.PromptStyle = s.Text.Faint
			in.TextStyle = s.Dialog.Input
			in.PlaceholderStyle = s.Dialog.Hint
			in.Cursor.Style = s.Dialog.InputFocused
			in.Cursor.TextStyle = s.Dialog.Input
		}
		m.inputs[i] = in
	}
	if opts.NeverExpiring {
		m.inputs[fieldExpiry].Placeholder = "YYYY-MM-DD or never"
		m.inputs[fieldExpiry].CharLimit = 10
	}
	m.inputs[fieldValidity].SetValue("43200")
	m.inputs[fieldExpiry].SetValue(m.now().AddDate(0, 6, 0).UTC().Format(DateLayout))
	for f, v := range map[field]string{fieldName: opts.Prefill.Name, fieldScopes: opts.Prefill.Scopes,
		fieldValidity: opts.Prefill.Validity, fieldExpiry: opts.Prefill.Expiry} {
		if v != "" {
			m.inputs[f].SetValue(v)
		}
	}
	for i := range m.inputs {
		m.initial[i] = m.inputs[i].Value()
	}
	m.setFocus(fieldName)
	return m
}

// NewModal wraps m for the shell's modal stack; unlike a plain
// common.ValueModal it is Interruptible, so ctrl+c warns before quitting
// loses typed input.
func NewModal(m Model) *Modal { return &Modal{common.NewValueModal(m)} }

// Modal is the form on the shell's stack.
type Modal struct {
	*common.ValueModal[Model, *Model]
}

// RunState implements common.Interruptible.
func (d *Modal) RunState() common.RunState { return d.Model.RunState() }

// Interrupt implements common.Interruptible.
func (d *Modal) Interrupt() tea.Cmd {
	d.Model = d.Model.Interrupt()
	return nil
}

// RunLabel names what quitting would lose, for the "too small" screen.
func (d *Modal) RunLabel() string { return "the create form has typed input" }

// InterruptNotice is the shell's toast after the first ctrl+c.
func (d *Modal) InterruptNotice() string { return quitWarning }

const (
	quitWarning    = "Your input in the create form will be lost — press ctrl+c again to quit"
	discardWarning = "Your input will be lost — press esc again to discard"
)

// Dirty reports whether any field differs from what the form opened with.
func (m Model) Dirty() bool {
	for i := range m.inputs {
		if m.inputs[i].Value() != m.initial[i] {
			return true
		}
	}
	return false
}

// RunState is RunActive while quitting would lose typed input; after the
// first ctrl+c warned, RunStopping, so the next one quits. A submitted
// form is the create's business: the view warns about that.
func (m Model) RunState() common.RunState {
	switch {
	case m.submitting || !m.Dirty():
		return common.RunIdle
	case m.armed == armedQuit:
		return common.RunStopping
	}
	return common.RunActive
}

// Interrupt is the first ctrl+c: the form says what quitting loses.
func (m Model) Interrupt() Model {
	if m.RunState() == common.RunActive {
		m.armed = armedQuit
	}
	return m
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// SetSize sets the area the form may use.
func (m *Model) SetSize(w, h int) { m.Common.SetSize(w, h) }

// KeyMap returns the bindings.
func (m Model) KeyMap() KeyMap {
	k := m.keys
	onScopes := m.focus == fieldScopes
	k.NextSuggestion.SetEnabled(onScopes)
	k.PrevSuggestion.SetEnabled(onScopes)
	k.Submit.SetEnabled(!m.submitting)
	return k
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding { return m.KeyMap().ShortHelp() }

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return m.KeyMap().FullHelp() }

// Submitting reports whether a SubmitMsg is awaiting its answer.
func (m Model) Submitting() bool { return m.submitting }

// InputFocused reports whether a text field has focus (always, except on
// the Create button): the parent must not act on keys itself then.
func (m Model) InputFocused() bool { return m.focus < fieldCreate }

// Values returns the raw text of the four fields (name, scopes, validity,
// expiry), as typed.
func (m Model) Values() (name, scopes, validity, expiry string) {
	return m.inputs[fieldName].Value(), m.inputs[fieldScopes].Value(),
		m.inputs[fieldValidity].Value(), m.inputs[fieldExpiry].Value()
}

func (m Model) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

func (m *Model) setFocus(f field) {
	m.focus = f
	for i := range m.inputs {
		if field(i) == f {
			m.inputs[i].Focus()
			m.inputs[i].CursorEnd()
		} else {
			m.inputs[i].Blur()
		}
	}
	m.suggest, m.picked = 0, false
}
