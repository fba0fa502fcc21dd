package confirm

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
)

// Asked keeps what a view asked a confirm dialog about until its answer,
// so the answer and its question meet in one place, by the dialog's id.
type Asked[T any] struct {
	id    string
	value T
	open  bool
}

// Ask remembers value as the question of the dialog id.
func (a *Asked[T]) Ask(id string, value T) { *a = Asked[T]{id: id, value: value, open: true} }

// Open reports whether a question awaits its answer.
func (a *Asked[T]) Open() bool { return a.open }

// Value is the open question (the zero value when none is open).
func (a *Asked[T]) Value() T { return a.value }

// Answer takes msg when it answers the open question: the question, and
// the command that closes its dialog. ok is false for another dialog's
// answer, which is left alone.
func (a *Asked[T]) Answer(msg ResultMsg) (value T, closeDialog tea.Cmd, ok bool) {
	if !a.open || msg.ID != a.id {
		return value, nil, false
	}
	value = a.value
	*a = Asked[T]{}
	return value, common.PopModal(msg.ID), true
}

// Selected fills req's counts and examples from the items a bulk action
// is asked about: session items (the credential sailtui is signed in
// with) are counted and never listed, special ones (managed, internal)
// are listed apart, and items missing from visible are hidden by the
// filter (visible nil: all are in view).
func Selected[T any](req Request, items []T, visible map[string]struct{}, id func(*T) string,
	session, special func(*T) bool, example func(*T) Example) Request {
	req.Count = len(items)
	for i := range items {
		it := &items[i]
		if session(it) {
			req.Session++
			continue
		}
		if _, ok := visible[id(it)]; visible != nil && !ok {
			req.Hidden++
		}
		if special(it) {
			req.Managed++
			req.ManagedExamples = append(req.ManagedExamples, example(it))
		} else {
			req.Examples = append(req.Examples, example(it))
		}
	}
	return req
}
