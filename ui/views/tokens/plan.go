package tokens

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/plan"
	"github.com/sailtui/sailtui/ui/widgets/bulkrun"
	"github.com/sailtui/sailtui/ui/widgets/plansummary"
)

// Approved plans (--plan FILE, :plan FILE): a report someone approved is
// checked against the tenant as it is now, a summary says what will be
// marked and what will not and why, and only then are exactly those
// tokens marked. The usual confirm and delete (or expire) follow; a run
// over plan tokens only names the plan and its checksum in the audit log
// and on the progress panel.

// planID is the plan summary's id on the shell's stack.
const planID = "tokens.plan"

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
		return common.Toast(common.ToastWarning, "Say which plan: :plan /path/to/report.csv"), true
	}
	return m.loadPlan(common.ExpandHome(arg, m.opts.Home)), true
}

// loadPlan reads the plan and checks it against a fresh, unfiltered list
// (every owner's, else the caller's own), off the event loop.
func (m *Model) loadPlan(path string) tea.Cmd {
	svc, me := m.opts.Service, m.opts.IdentityID
	return func() tea.Msg {
		p, err := plan.Load(path)
		if err != nil {
			return planCheckedMsg{err: err}
		}
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		only := ""
		toks, refused, err := listFallingBack(ctx, svc, scopeAll, "")
		if refused != nil {
			only = me
		}
		if err != nil {
			return planCheckedMsg{err: err}
		}
		return planCheckedMsg{res: plan.Check(p, toks, only)}
	}
}

func (m *Model) onPlanChecked(msg planCheckedMsg) tea.Cmd {
	if msg.err != nil {
		err := msg.err
		return func() tea.Msg { return common.ErrorMsg{Title: "Plan not loaded", Err: err} }
	}
	if k := msg.res.Plan.Kind; k != plan.KindTokens {
		return common.Toast(common.ToastWarning, "This plan lists "+string(k)+": open it in the Clients view (:clients, then :plan FILE)")
	}
	m.planCheck = &msg.res
	return common.PushModal(planID, plansummary.New(m.Common, planID, msg.res))
}

// onPlanChosen marks exactly the plan's checked tokens (replacing any
// marks), or leaves everything as it was.
func (m *Model) onPlanChosen(msg plansummary.ChosenMsg) tea.Cmd {
	res := m.planCheck
	m.planCheck = nil
	pop := common.PopModal(planID)
	if !msg.OK || res == nil {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Plan not applied: nothing marked"))
	}
	toMark := res.ToMark()
	if len(toMark) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastWarning, "Nothing in the plan can be marked"))
	}
	marked := make(map[string]client.PersonalAccessToken, len(toMark))
	ids := make([]string, 0, len(toMark))
	for _, t := range toMark {
		marked[t.ID] = t
		ids = append(ids, t.ID)
	}
	m.rows.Marks().Replace(marked)
	m.plan = plansummary.NewActive(*res, ids)
	return tea.Batch(pop, m.load(), common.Toast(common.ToastSuccess,
		"Marked "+plural(len(toMark), "token")+" from "+m.plan.Name+": d deletes them, x expires them"))
}

// planFor is the plan a run over toks carries out: the active plan when
// every token is one it approved, else nil.
func (m *Model) planFor(toks []client.PersonalAccessToken) *plansummary.Active {
	ids := make([]string, len(toks))
	for i, t := range toks {
		ids[i] = t.ID
	}
	if !m.plan.Covers(ids) {
		return nil
	}
	return m.plan
}

// stampPlan makes spec's audit entries and title name p.
func stampPlan(spec bulkSpec, p *plansummary.Active) bulkSpec {
	if p == nil {
		return spec
	}
	return bulkrun.Stamped(spec, p.Label, p.Name)
}
