// Package confirm is the delete confirmation dialog (k9s dialog/confirm.go
// style): Cancel has focus first, managed tokens are left out unless the
// user includes them, and large or risky deletes need the count typed in
// (k9s ShowConfirmAck). The parent shows it as a modal and reacts to
// ResultMsg; the dialog itself never deletes anything.
package confirm

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// TypeThreshold is the smallest delete that must be confirmed by typing
// the count. Any delete that includes a managed token must be typed too.
const TypeThreshold = 5

// MaxExamples is how many names the list shows at once on a tall screen;
// the rest scroll (↑/↓).
const MaxExamples = 8

// Request describes what the user asked to delete.
type Request struct {
	// ID is the dialog's id on the shell's stack; its answer carries it,
	// so only the one who asked acts on it.
	ID string
	// Count is every item the user asked for (marked, or the selected
	// row), managed ones included.
	Count int
	// Hidden is how many of Count the current filter hides from view.
	Hidden int
	// Managed is how many of Count are managed (platform-created) tokens,
	// not counting a Session one.
	Managed int
	// Session is how many of Count are the credential this session is
	// signed in with (0 or 1). They are always left out: there is no
	// toggle, because deleting one would lock the user out mid-run.
	Session int
	// Examples are what will be deleted (never a managed or Session one),
	// all of them: the list scrolls, so the user can read every name
	// before typing the count.
	Examples []Example
	// ManagedExamples are the managed ones, listed after Examples once the
	// user includes managed tokens.
	ManagedExamples []Example
	// ManagedProtected means managed tokens may not be deleted at all in
	// this session: the include toggle is disabled and says why.
	ManagedProtected bool
	// Special is what the items left out by default are called (""
	// → "managed"; "internal" for API clients), and SpecialWhy what they
	// are ("" → "created by the platform, e.g. Workflows").
	Special, SpecialWhy string
	// Noun is the singular name of the items; "" → "token".
	Noun string
	// Verb is what confirming does, capitalised for the title and button
	// ("" → "Delete"); Consequence replaces "This cannot be undone.";
	// Details are lines shown under the list (the new expiry, an example
	// patch).
	Verb, Consequence string
	Details           []string
	// Harmless: confirming changes nothing on the tenant (it marks
	// items), so the count is never typed.
	Harmless bool
}

// Example names one item: its name and its owner, since names repeat
// across owners ("Backup job" ×3). Both come from the tenant; the dialog
// sanitizes them.
type Example struct {
	Name, Owner string
}

// ResultMsg is the dialog's answer. Confirmed is true only after an
// explicit Delete (and the typed count, when required). Count is how many
// will be deleted: Request.Count, less the managed ones unless included.
type ResultMsg struct {
	ID             string // Request.ID
	Confirmed      bool
	IncludeManaged bool
	Count          int
}

// element is something that can hold focus.
type element int

const (
	elemInput element = iota
	elemManaged
	elemCancel
	elemDelete
)

// Model is the dialog. Build it with New.
type Model struct {
	common.Common
	keys KeyMap
	req  Request

	includeManaged bool
	input          textinput.Model
	focus          element
	problem        string        // inline error under the input / buttons
	answered       bool          // a ResultMsg was sent; ignore further keys
	list           common.Scroll // the list of what will be deleted
	detailsOff     int           // the first detail row shown, when they scroll
}

// New returns the dialog for req with Cancel focused.
func New(c common.Common, req Request) Model {
	if req.Noun == "" {
		req.Noun = "token"
	}
	if req.Verb == "" {
		req.Verb = "Delete"
	}
	if req.Consequence == "" {
		req.Consequence = "This cannot be undone."
	}
	req.Count = max(req.Count, 0)
	req.Session = min(max(req.Session, 0), req.Count)
	req.Managed = min(max(req.Managed, 0), req.Count-req.Session)
	req.Hidden = min(max(req.Hidden, 0), req.Count)
	// Names come from the tenant; cleaning twice is cheap and idempotent.
	req.Examples = sanitizeExamples(req.Examples)
	req.ManagedExamples = sanitizeExamples(req.ManagedExamples)

	in := textinput.New()
	in.Prompt = "> "
	in.CharLimit = 9
	in.Placeholder = "type the number"
	// A static cursor: no blink ticks for the parent to route.
	in.Cursor.SetMode(cursor.CursorStatic)
	// The count is typed, not pasted: that is the point of asking for it.
	in.KeyMap.Paste.SetEnabled(false)
	if s := c.Styles; s != nil {
		in.PromptStyle = s.Dialog.InputFocused
		in.TextStyle = s.Dialog.Input
		in.PlaceholderStyle = s.Dialog.Hint
		in.Cursor.Style = s.Dialog.InputFocused
		in.Cursor.TextStyle = s.Dialog.Input
	}
	m := Model{Common: c, keys: DefaultKeyMap(), req: req, input: in, focus: elemCancel}
	m.keys.IncludeManaged.SetHelp("m", "include "+m.special())
	return m
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// SetSize sets the area the dialog may use; it draws at most w columns.
func (m *Model) SetSize(w, h int) { m.Common.SetSize(w, h) }

// KeyMap returns the bindings, with the toggle disabled when it does nothing.
func (m Model) KeyMap() KeyMap {
	k := m.keys
	k.IncludeManaged.SetEnabled(m.req.Managed > 0 && !m.req.ManagedProtected)
	return k
}

// ShortHelp implements help.KeyMap for the parent's help bar.
func (m Model) ShortHelp() []key.Binding { return m.KeyMap().ShortHelp() }

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return m.KeyMap().FullHelp() }

// IncludeManaged reports the state of the toggle.
func (m Model) IncludeManaged() bool { return m.includeManaged }

// DeleteCount is how many items a confirm would delete right now: never
// the session's own credential, managed ones only when included.
func (m Model) DeleteCount() int {
	n := m.req.Count - m.req.Session
	if !m.includeManaged {
		n -= m.req.Managed
	}
	return n
}

// NeedsTyping reports whether the count must be typed to confirm.
func (m Model) NeedsTyping() bool {
	if m.req.Harmless {
		return false
	}
	return m.DeleteCount() >= TypeThreshold || (m.includeManaged && m.req.Managed > 0)
}

// InputFocused reports whether the count input has focus (the parent must
// then not interpret keys itself).
func (m Model) InputFocused() bool { return m.focus == elemInput }

// ring is the focus order for the current state. There is no Delete
// button while nothing would be deleted.
func (m Model) ring() []element {
	var r []element
	if m.NeedsTyping() {
		r = append(r, elemInput)
	}
	if m.req.Managed > 0 {
		r = append(r, elemManaged)
	}
	r = append(r, elemCancel)
	if m.DeleteCount() > 0 {
		r = append(r, elemDelete)
	}
	return r
}

func sanitizeExamples(in []Example) []Example {
	out := make([]Example, len(in))
	for i, e := range in {
		out[i] = Example{Name: sanitize.Line(e.Name), Owner: sanitize.Line(e.Owner)}
	}
	return out
}
