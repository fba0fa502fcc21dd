// Package preview is the screen between an edit and the request: the
// unified diff of the document (line numbers, changed words marked), the
// exact operations that will be sent, warnings for changes that will not
// be sent, and notes on unguarded operations. It knows nothing of what
// is edited; it sends ApplyMsg, EditMsg or DiscardMsg and never calls the
// API itself.
package preview

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
)

// The preview's answers carry Input.ID, the flow that opened it.

// ApplyMsg: the user confirmed; send the patch.
type ApplyMsg struct{ ID string }

// EditMsg: back to editing, with the edit kept.
type EditMsg struct{ ID string }

// DiscardMsg: the user dropped the edit.
type DiscardMsg struct{ ID string }

// Input is what the preview shows.
type Input struct {
	// ID names who opened the preview; its answers carry it.
	ID    string
	Title string // e.g. `Edit token "ci-bot"`
	View  patchdiff.View
	// Wire is the patch exactly as it will be sent (patchdiff's MarshalJSON
	// bytes); the op lines shown are cut from it.
	Wire []byte
	// Note is an extra line under the title (e.g. "undo of the edit at
	// 12:04", "rebased on the server's current version").
	Note string
}

// Model is the preview. Build it with New.
type Model struct {
	common.Common
	keys KeyMap
	in   Input
	ops  []string // one wire op per line

	scroll common.Scroll
	// applying: ApplyMsg was sent and no answer has come back.
	applying bool
	// serverErr is the last failed apply's messages, shown on top.
	serverErr []string
	// armed: esc was pressed once and warned that the edit will be lost.
	armed bool

	body  []string // rendered lines, rebuilt on size or content change
	bodyW int
}

// New returns a preview of in.
func New(c common.Common, in Input) Model {
	m := Model{Common: c, keys: DefaultKeyMap(), in: in, ops: splitOps(in.Wire)}
	if in.View.Empty() {
		m.keys.Disable(m.keys.Apply, "nothing to send: the edit changes no patchable field")
	}
	return m
}

// SetSize sets the drawing area.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.body = nil
	m.clamp()
}

// SetApplying marks the apply as in flight (or over).
func (m *Model) SetApplying(on bool) {
	m.applying = on
	if on {
		m.keys.Disable(m.keys.Apply, "the change is being applied")
		m.keys.Disable(m.keys.Edit, "the change is being applied")
		m.keys.Disable(m.keys.Discard, "the change is being applied")
	} else {
		m.keys.Enable(m.keys.Edit)
		m.keys.Enable(m.keys.Discard)
		if !m.in.View.Empty() {
			m.keys.Enable(m.keys.Apply)
		}
	}
}

// SetServerError shows a failed apply's messages on the preview (the edit
// is kept; e goes back to fix it).
func (m *Model) SetServerError(lines []string) {
	m.serverErr = lines
	m.body = nil
	m.scroll.Offset = 0
}

// Applying reports whether an apply is in flight.
func (m Model) Applying() bool { return m.applying }

// Keys is the key map for the help bar.
func (m Model) Keys() common.KeyMap { return m.keys }

// Update handles keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if !key.Matches(k, m.keys.Discard) {
		m.armed = false
	}
	switch {
	case key.Matches(k, m.keys.Apply):
		if r := m.keys.DisabledReason(m.keys.Apply); r != "" {
			return common.Toast(common.ToastInfo, r)
		}
		id := m.in.ID
		return func() tea.Msg { return ApplyMsg{ID: id} }
	case key.Matches(k, m.keys.Edit):
		if r := m.keys.DisabledReason(m.keys.Edit); r != "" {
			return common.Toast(common.ToastInfo, r)
		}
		id := m.in.ID
		return func() tea.Msg { return EditMsg{ID: id} }
	case key.Matches(k, m.keys.Discard):
		if r := m.keys.DisabledReason(m.keys.Discard); r != "" {
			return common.Toast(common.ToastInfo, r)
		}
		if !m.in.View.Empty() && !m.armed {
			m.armed = true
			return common.Toast(common.ToastWarning, "Press esc again to discard this edit (e goes back to it)")
		}
		id := m.in.ID
		return func() tea.Msg { return DiscardMsg{ID: id} }
	}
	m.scroll.Handle(k, m.keys.scrollKeys(), len(m.lines()), m.listHeight())
	return nil
}

func (m *Model) clamp() { m.scroll.Clamp(len(m.lines()), m.listHeight()) }
