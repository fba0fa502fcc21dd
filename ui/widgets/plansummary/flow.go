package plansummary

import (
	"context"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/plan"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// Flow is one view's approved plans (:plan FILE, --plan): the plan read
// and checked against a fresh list off the event loop, the summary, and
// on its yes exactly the items to mark; the Active plan then names runs
// over exactly them. T is the view's item.
type Flow[T any] struct {
	// C draws the summary.
	C common.Common
	// ID is the summary's modal id; Kind what the view's plans list;
	// Noun one item ("token"), Then what the marks are for ("d deletes
	// them, x expires them"), Elsewhere where a plan of another kind goes
	// (":clients, then :plan FILE").
	ID, Noun, Then, Elsewhere, Home string
	Kind                            plan.Kind
	// Check lists the tenant and checks the plan against it; Items are
	// a checked plan's items to mark; Key is an item's id.
	Check func(ctx context.Context, p *plan.Plan) (plan.Result, error)
	Items func(plan.Result) []T
	Key   func(*T) string

	pending *plan.Result
	// Active is the plan whose items are marked (nil: none).
	Active *Active
}

// checkedMsg is a loaded and checked plan, for the flow with id.
type checkedMsg struct {
	id  string
	res plan.Result
	err error
}

// checkTimeout bounds reading the tenant for the check.
const checkTimeout = 2 * time.Minute

// Command runs ":plan FILE"; ok is false for any other command.
func (f *Flow[T]) Command(name, arg string) (tea.Cmd, bool) {
	if name != "plan" {
		return nil, false
	}
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return common.Toast(common.ToastWarning, "Say which plan: :plan /path/to/report.csv"), true
	}
	return f.Load(common.ExpandHome(arg, f.Home)), true
}

// Load reads the plan at path and checks it, off the event loop.
func (f *Flow[T]) Load(path string) tea.Cmd {
	id, check := f.ID, f.Check
	return func() tea.Msg {
		p, err := plan.Load(path)
		if err != nil {
			return checkedMsg{id: id, err: err}
		}
		ctx, cancel := context.WithTimeout(context.Background(), checkTimeout)
		defer cancel()
		res, err := check(ctx, p)
		return checkedMsg{id: id, res: res, err: err}
	}
}

// Update takes the flow's messages: marks is the items to mark (the
// view replaces its marks with them), non-nil only when the user said
// yes; ok is false for any other message.
func (f *Flow[T]) Update(msg tea.Msg) (marks map[string]T, cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case checkedMsg:
		if msg.id != f.ID {
			return nil, nil, false
		}
		return nil, f.checked(msg), true
	case ChosenMsg:
		if msg.ID != f.ID {
			return nil, nil, false
		}
		marks, cmd := f.chosen(msg)
		return marks, cmd, true
	}
	return nil, nil, false
}

func (f *Flow[T]) checked(msg checkedMsg) tea.Cmd {
	if msg.err != nil {
		err := msg.err
		return func() tea.Msg { return common.ErrorMsg{Title: "Plan not loaded", Err: err} }
	}
	if k := msg.res.Plan.Kind; k != f.Kind {
		return common.Toast(common.ToastWarning, "This plan lists "+string(k)+": open it in "+f.Elsewhere)
	}
	f.pending = &msg.res
	return common.PushModal(f.ID, New(f.C, f.ID, msg.res))
}

func (f *Flow[T]) chosen(msg ChosenMsg) (map[string]T, tea.Cmd) {
	res := f.pending
	f.pending = nil
	pop := common.PopModal(f.ID)
	if !msg.OK || res == nil {
		return nil, tea.Batch(pop, common.Toast(common.ToastInfo, "Plan not applied: nothing marked"))
	}
	items := f.Items(*res)
	if len(items) == 0 {
		return nil, tea.Batch(pop, common.Toast(common.ToastWarning, "Nothing in the plan can be marked"))
	}
	marks := make(map[string]T, len(items))
	ids := make([]string, 0, len(items))
	for i := range items {
		id := f.Key(&items[i])
		marks[id] = items[i]
		ids = append(ids, id)
	}
	f.Active = NewActive(*res, ids)
	return marks, tea.Batch(pop, common.Toast(common.ToastSuccess,
		"Marked "+timefmt.Plural(len(items), f.Noun)+" from "+f.Active.Name+": "+f.Then))
}

// Pending is the checked plan the summary asks about (nil: none).
func (f *Flow[T]) Pending() *plan.Result { return f.pending }
