package clients

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/plan"
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

// planFlow is the view's approved plans.
func (m *Model) planFlow() plansummary.Flow[client.OAuthClient] {
	svc := m.opts.Service
	return plansummary.Flow[client.OAuthClient]{
		C: m.Common, ID: planID, Kind: plan.KindClients, Noun: "API client", Then: "x disables them, d deletes them",
		Elsewhere: "the Tokens view (:tokens, then :plan FILE)", Home: m.opts.Home,
		Check: func(ctx context.Context, p *plan.Plan) (plan.Result, error) {
			cs, err := svc.ListOAuthClients(ctx, "")
			if err != nil {
				return plan.Result{}, err
			}
			return plan.CheckClients(p, cs), nil
		},
		Items: plan.Result.ToMarkClients,
		Key:   func(c *client.OAuthClient) string { return c.ID },
	}
}

// Command runs a : command meant for this view: "plan FILE".
func (m *Model) Command(name, arg string) (tea.Cmd, bool) { return m.plans.Command(name, arg) }

// updatePlan takes the plan flow's messages: on a yes, exactly the
// plan's checked clients are marked (replacing any marks).
func (m *Model) updatePlan(msg tea.Msg) (tea.Cmd, bool) {
	marks, cmd, ok := m.plans.Update(msg)
	if marks != nil {
		m.rows.Marks().Replace(marks)
		cmd = tea.Batch(cmd, m.load())
	}
	return cmd, ok
}

// withPlan is s naming the active plan when the run is over exactly its
// clients.
func (m *Model) withPlan(s spec, cs []client.OAuthClient) spec {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	if !m.plans.Active.Covers(ids) {
		return s
	}
	return bulkrun.Stamped(s, m.plans.Active.Label, m.plans.Active.Name)
}
