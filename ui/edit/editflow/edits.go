package editflow

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
)

// Edits is one view's edit flows: it opens them under the view's modal id
// with fresh numbers, takes their AppliedMsg (only its own), and keeps
// the last applied change, which u undoes through the same preview.
type Edits struct {
	// ID is the view's edit modal id; Options are the flow's surroundings.
	ID      string
	Options Options
	seq     int
	last    *AppliedMsg
}

// Open opens a flow on t (see editflow.Open).
func (e *Edits) Open(c common.Common, t Target, start Start, edited []byte) tea.Cmd {
	e.seq++
	opts := e.Options
	opts.ID = e.ID
	return Open(c, e.seq, t, opts, start, edited)
}

// Applied takes msg when it is this view's and remembers it for undo;
// ok is false for another view's.
func (e *Edits) Applied(msg AppliedMsg) (ok bool) {
	if msg.ID != e.ID {
		return false
	}
	e.last = &msg
	return true
}

// Last is the last applied change (nil: none this session).
func (e *Edits) Last() *AppliedMsg { return e.last }

// Undo opens the inverse of the last applied change, guarded by tests of
// the values it wrote; current, when set, names the resource as it is now
// (its Target as a fresh edit would build it), else the change's own.
func (e *Edits) Undo(c common.Common, current func(last *AppliedMsg) (Target, bool)) tea.Cmd {
	last := e.last
	if last == nil {
		return common.Toast(common.ToastInfo, "Nothing to undo: no edit was applied in this session")
	}
	t := last.Target
	if current != nil {
		if cur, ok := current(last); ok {
			t = cur
		}
	}
	t, undo, err := Undo(last.Before, last.After, t)
	if err != nil {
		return common.Toast(common.ToastError, "Cannot undo: "+err.Error())
	}
	return e.Open(c, t, StartPreview, undo)
}
