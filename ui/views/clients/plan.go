package clients

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/plan"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/bulkrun"
	"github.com/sailtui/sailtui/ui/widgets/plansummary"
)

// Approved plans of API clients (:plan FILE here, or --plan with a
// clients report): the plan is checked against a fresh list (gone, used
// since, changed since, internal without the approver's yes), a summary
// says what will be marked and why not, and only then are exactly those
// marked. A disable or delete over exactly them names the plan and its
// checksum in the audit log and on the progress panel.

// planID is the plan summary's id on the shell's stack.
const planID = "clients.plan"

// planCheckedMsg is a loaded and checked plan.
type planCheckedMsg struct {
	res plan.Result
	err error
}

// Command runs a : command meant for this view: "plan FILE".
func (m *Model) Command(name, arg string) (tea.Cmd, bool) {
	if name != "plan" {
		return nil, false
	}
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return common.Toast(common.ToastWarning, "Say which plan: :plan /path/to/clients-report.csv"), true
	}
	return m.loadPlan(common.ExpandHome(arg, m.opts.Home)), true
}

// loadPlan reads the plan and checks it against a fresh, unfiltered
// list, off the event loop.
func (m *Model) loadPlan(path string) tea.Cmd {
	svc := m.opts.Service
	return func() tea.Msg {
		p, err := plan.Load(path)
		if err != nil {
			return planCheckedMsg{err: err}
		}
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		cs, err := svc.ListOAuthClients(ctx, "")
		if err != nil {
			return planCheckedMsg{err: err}
		}
		return planCheckedMsg{res: plan.CheckClients(p, cs)}
	}
}

func (m *Model) onPlanChecked(msg planCheckedMsg) tea.Cmd {
	if msg.err != nil {
		err := msg.err
		return func() tea.Msg { return common.ErrorMsg{Title: "Plan not loaded", Err: err} }
	}
	if k := msg.res.Plan.Kind; k != plan.KindClients {
		return common.Toast(common.ToastWarning, "This plan lists "+string(k)+": open it in the Tokens view (:tokens, then :plan FILE)")
	}
	m.planCheck = &msg.res
	return common.PushModal(planID, plansummary.New(m.Common, planID, msg.res))
}

// onPlanChosen marks exactly the plan's checked clients (replacing any
// marks), or leaves everything as it was.
func (m *Model) onPlanChosen(msg plansummary.ChosenMsg) tea.Cmd {
	res := m.planCheck
	m.planCheck = nil
	pop := common.PopModal(planID)
	if !msg.OK || res == nil {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Plan not applied: nothing marked"))
	}
	toMark := res.ToMarkClients()
	if len(toMark) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastWarning, "Nothing in the plan can be marked"))
	}
	marked := make(map[string]client.OAuthClient, len(toMark))
	ids := make([]string, 0, len(toMark))
	for _, c := range toMark {
		marked[c.ID] = c
		ids = append(ids, c.ID)
	}
	m.rows.Marks().Replace(marked)
	m.plan = plansummary.NewActive(*res, ids)
	return tea.Batch(pop, m.load(), common.Toast(common.ToastSuccess,
		"Marked "+timefmt.Plural(len(toMark), "API client")+" from "+m.plan.Name+": x disables them, d deletes them"))
}

// withPlan is s naming the active plan when the run is over exactly its
// clients.
func (m *Model) withPlan(s spec, cs []client.OAuthClient) spec {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	if !m.plan.Covers(ids) {
		return s
	}
	return bulkrun.Stamped(s, m.plan.Label, m.plan.Name)
}
