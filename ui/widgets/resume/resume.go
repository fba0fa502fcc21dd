// Package resume offers, in the view of its kind, to mark again what a
// killed bulk run left to do: its items that never got an outcome saying
// they were done, and that the view's list still holds (never sent, or
// sent and still there). The view asks once its list is read; marking is
// all it does: the user then runs d or x again, with the usual confirm.
package resume

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/runs"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
)

// List is the view's list: what it holds, whether it was read, and its
// marks.
type List interface {
	Has(id string) bool
	WasRead() bool
	MarkOnly(ids []string) int
}

// Offer is a view's pending resume question.
type Offer struct {
	common.Common
	id, kind, noun string
	list           List
	msg            *common.ResumeMsg
	asked          []string // the ids the question named
}

// New is the offer of a view of kind (an audit kind) whose items are
// called noun; id is its question's id on the shell's stack.
func New(c common.Common, id, kind, noun string, list List) *Offer {
	return &Offer{Common: c, id: id, kind: kind, noun: noun, list: list}
}

// Take keeps msg when it is this view's kind, and asks at once when the
// list is read already.
func (o *Offer) Take(msg common.ResumeMsg) tea.Cmd {
	if msg.Kind != o.kind {
		return nil
	}
	o.msg, o.asked = &msg, nil
	return o.Ready()
}

// Ready asks, once the list is read, to mark the run's items still
// there, or says there are none and forgets the run. Nil when there is
// nothing to offer (yet).
func (o *Offer) Ready() tea.Cmd {
	if o.msg == nil || o.asked != nil || !o.list.WasRead() {
		return nil
	}
	has := o.list.Has
	msg := *o.msg
	var ex []confirm.Example
	o.asked = []string{}
	for _, it := range msg.Items {
		if has(it.ID) {
			o.asked = append(o.asked, it.ID)
			ex = append(ex, confirm.Example{Name: it.Name, Owner: it.ID})
		}
	}
	if len(o.asked) == 0 {
		o.msg = nil
		return tea.Batch(forget(msg), common.Toast(common.ToastInfo, "The interrupted run ("+msg.What+") left nothing to do"))
	}
	req := confirm.Request{ID: o.id, Count: len(o.asked), Noun: o.noun, Verb: "Mark", Examples: ex, Harmless: true,
		Consequence: "The run " + msg.What + " was interrupted. These " + timefmt.Plural(len(o.asked), o.noun) +
			" of it are still to do: never sent, or sent and still here.",
		Details: []string{"Marking replaces the current marks; then d or x runs again, with its own confirm.",
			"esc forgets the run."}}
	return common.PushModal(o.id, common.NewValueModal(confirm.New(o.Common, req)))
}

// Answer takes the question's answer: on a yes the run's items still
// there become the marks. It closes the question and forgets the run;
// ok is false for another dialog's answer.
func (o *Offer) Answer(res confirm.ResultMsg) (cmd tea.Cmd, ok bool) {
	if res.ID != o.id || o.msg == nil {
		return nil, false
	}
	msg := *o.msg
	o.msg = nil
	cmd = tea.Batch(common.PopModal(o.id), forget(msg))
	if !res.Confirmed {
		return tea.Batch(cmd, common.Toast(common.ToastInfo, "Interrupted run forgotten: nothing marked")), true
	}
	n := o.list.MarkOnly(o.asked)
	return tea.Batch(cmd, common.Toast(common.ToastSuccess, "Marked "+timefmt.Plural(n, o.noun)+
		" of the interrupted run: d or x to carry on")), true
}

// forget removes the run's journal: it is offered once.
func forget(msg common.ResumeMsg) tea.Cmd {
	return func() tea.Msg {
		_ = runs.Remove(msg.Dir, msg.Run) // a journal left behind is only offered again
		return nil
	}
}
