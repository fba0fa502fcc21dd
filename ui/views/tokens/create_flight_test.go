package tokens

import (
	"slices"
	"testing"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/edit/editform"
)

// Leaving the form while its create is in flight says the answer is still
// coming; a successful answer is never dropped, even after a newer create
// started, because its secret cannot be shown anywhere else.
func TestCreateLeftInFlightStillShowsItsSecret(t *testing.T) {
	m := newTestModel(t, nil, Options{Family: client.FamilyV1})
	first := m.Update(createSubmit("first", 1))
	if m.RunState() != common.RunActive {
		t.Fatalf("run state %v while a create is in flight", m.RunState())
	}
	out := drain(t, m, m.Update(editform.CancelMsg{ID: createID}))
	if texts := shellToasts(out); len(texts) != 1 || texts[0] != "The create is still in flight; its secret will be shown when it arrives" {
		t.Fatalf("toasts %q", texts)
	}
	second := m.Update(createSubmit("second", 1))

	var ops []string
	for _, msg := range drain(t, m, first) {
		switch msg := msg.(type) {
		case common.PushModalMsg:
			ops = append(ops, "push:"+msg.ID)
		case common.PopModalMsg:
			ops = append(ops, "pop:"+msg.ID)
		}
	}
	if !slices.Equal(ops, []string{"push:" + secretID}) {
		t.Fatalf("the first create's answer: modal ops %v; want its secret shown over the newer form", ops)
	}
	if m.RunState() != common.RunActive {
		t.Fatal("the second create is still in flight")
	}
	drain(t, m, second)
	if m.RunState() != common.RunIdle {
		t.Fatalf("run state %v after both answers", m.RunState())
	}
}
