// Package editflow is the one path every edit takes: the inline form or
// $EDITOR → a verified JSON Patch (patchdiff) → the preview → apply on
// explicit confirm, with a 400 shown on the preview (edit kept), a failed
// guard leading to the conflict view and a rebase, and every apply
// audited (an intent before, the outcome after). It is a modal, built
// from a Target the view supplies; it knows nothing of tokens or apps.
package editflow

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/edit/conflict"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/edit/exteditor"
	"github.com/sailtui/sailtui/ui/edit/preview"
)

// Target is what one edit changes.
type Target struct {
	// What names it in titles, the editor header and toasts:
	// `token "ci-bot"`.
	What string
	// Doc is the resource as the server sent it; patches are made
	// against it.
	Doc    []byte
	Rules  patchdiff.Rules
	Fields []editdoc.Field // the inline form
	// Apply sends the patch and returns the resource's new state.
	Apply func(ctx context.Context, p patchdiff.Patch) (Applied, error)
	// Fetch returns the resource's current state after a failed guard.
	Fetch func(ctx context.Context) ([]byte, error)
	// Audit gets an intent before each request and its outcome after;
	// Entry is their template (action, resource, names, base URL,
	// actor). nil: not audited (tests).
	Audit *audit.Log
	Entry audit.Entry
	// Note is shown on the preview, e.g. what an undo undoes.
	Note string
	// Verb titles the preview ("edit" when empty; "undo the last edit of").
	Verb string
}

// Applied is an apply's answer.
type Applied struct {
	Doc     []byte // the new state, as the server sent it
	Outcome client.Outcome
}

// Options configure the flow's surroundings.
type Options struct {
	// ID is the modal's id on the shell's stack.
	ID string
	// Editor is the command line of the user's editor (exteditor.Resolve);
	// Runner runs it (exteditor.TerminalRunner in the program); Shell
	// runs editor lines with quotes; TempDir holds the edit file ("" →
	// the system's).
	Editor  string
	Runner  exteditor.Runner
	Shell   string
	TempDir string
}

// Start is where the flow opens.
type Start int

const (
	StartForm    Start = iota // the inline form (e)
	StartEditor               // $EDITOR (E)
	StartPreview              // a ready edit (undo): straight to the preview
)

// AppliedMsg tells the view a change is on the server, so it can update
// its row and remember the change for undo.
type AppliedMsg struct {
	// ID is the flow's Options.ID: every view sees every message, and
	// only the view that opened the flow takes it.
	ID     string
	Flow   int
	Before []byte // the document the patch was made against
	After  []byte // the server's new state
	Patch  patchdiff.Patch
	Target Target
}

type mode int

const (
	modeForm mode = iota
	modeEditor
	modePreview
	modeFetching // a guard failed; loading the server's version
	modeConflict
)

// applyTimeout bounds one apply, waits for the rate limit included.
const applyTimeout = 2 * time.Minute

// Model is one edit session.
type Model struct {
	common.Common
	flow   int
	opts   Options
	target Target
	mode   mode
	source mode // modeForm or modeEditor: where "back to editing" goes

	base   []byte // the document the current patch is made against
	edited []byte // the edited document (form output or editor text)
	result patchdiff.Result

	form     *editform.Model
	preview  *preview.Model
	conflict *conflict.Model

	// The editor round trip: the file, the text last written to it, and
	// the body of a reopened buffer (saving it unchanged gives up).
	path     string
	body     []byte
	previous []byte

	req int // id of the newest apply or fetch; older answers are dropped
}

// flowSeq would be package state; the view numbers its flows instead.

// New builds a flow numbered flow (the view's counter, so answers reach
// the right one). For StartPreview, edited is the ready document.
func New(c common.Common, flow int, t Target, opts Options, start Start, edited []byte) (*Model, tea.Cmd) {
	m := &Model{Common: c, flow: flow, opts: opts, target: t, base: t.Doc, source: modeForm}
	switch start {
	case StartEditor:
		m.source, m.mode = modeEditor, modeEditor
		body, err := exteditor.Indent(t.Doc)
		if err != nil {
			return m, m.fail("cannot open the editor: " + err.Error())
		}
		return m, m.openEditor(body, nil)
	case StartPreview:
		return m, m.toPreview(edited)
	}
	return m, m.openForm()
}

func (m *Model) openForm() tea.Cmd {
	edited := m.edited
	if edited == nil {
		edited = m.base
	}
	f, err := editform.NewEdited(m.Common, "Edit "+m.target.What, m.base, edited, m.target.Fields)
	if err != nil {
		return m.fail("cannot edit " + m.target.What + ": " + err.Error())
	}
	f = f.WithID(m.opts.ID)
	f.SetSize(m.Width, m.Height)
	m.form, m.mode = &f, modeForm
	return nil
}

// fail closes the flow with an error toast.
func (m *Model) fail(text string) tea.Cmd {
	return tea.Batch(common.PopModal(m.opts.ID), common.Toast(common.ToastError, text))
}

// SetSize implements common.Modal.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	if m.form != nil {
		m.form.SetSize(w, h)
	}
	if m.preview != nil {
		m.preview.SetSize(w, h)
	}
	if m.conflict != nil {
		m.conflict.SetSize(w, h)
	}
}

// TakesText says ? is typed while a form's text input has focus; over a
// toggle, the preview or the conflict it asks for their keys.
func (m *Model) TakesText() bool { return m.mode == modeForm && m.form != nil && m.form.TakesText() }

// Keys implements common.Modal.
func (m *Model) Keys() common.KeyMap {
	switch m.mode {
	case modeForm:
		if m.form != nil {
			return m.form.Keys()
		}
	case modePreview:
		if m.preview != nil {
			return m.preview.Keys()
		}
	case modeConflict:
		if m.conflict != nil {
			return m.conflict.Keys()
		}
	}
	return common.HelpKeys{}
}

// Preview is the preview on screen, nil when none (tests).
func (m *Model) Preview() *preview.Model {
	if m.mode != modePreview {
		return nil
	}
	return m.preview
}

// Conflict is the conflict view on screen, nil when none (tests).
func (m *Model) Conflict() *conflict.Model {
	if m.mode != modeConflict {
		return nil
	}
	return m.conflict
}

// Form is the inline form on screen, nil when none (tests).
func (m *Model) Form() *editform.Model {
	if m.mode != modeForm {
		return nil
	}
	return m.form
}

// Result is the patch on the preview.
func (m *Model) Result() patchdiff.Result { return m.result }

// Base is the document the current patch is made against.
func (m *Model) Base() []byte { return m.base }

// RunState implements common.Interruptible: an apply in flight is
// waited for, never cut off.
func (m *Model) RunState() common.RunState {
	if m.preview != nil && m.preview.Applying() {
		return common.RunActive
	}
	return common.RunIdle
}

// Interrupt implements common.Interruptible.
func (m *Model) Interrupt() tea.Cmd { return nil }

// RunLabel names the running work for the shell.
func (m *Model) RunLabel() string { return "an edit is being applied" }

// InterruptNotice is the toast after the first ctrl+c.
func (m *Model) InterruptNotice() string {
	return "An edit is being applied; its answer will be recorded. Press ctrl+c again to quit anyway"
}

// CapturesKeys is true while a text input of the form has focus.
func (m *Model) CapturesKeys() bool {
	return m.mode == modeForm && m.form != nil && m.form.CapturesKeys()
}

// Open builds flow number flow and pushes it on the shell's stack as
// opts.ID; the view keeps the numbering.
func Open(c common.Common, flow int, t Target, opts Options, start Start, edited []byte) tea.Cmd {
	m, cmd := New(c, flow, t, opts, start, edited)
	m.SetSize(c.Width, c.Height)
	return tea.Sequence(common.PushModal(opts.ID, m), cmd)
}
