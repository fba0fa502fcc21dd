package tokens

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/owners"
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

// planFlow is the view's approved plans: checked against a fresh,
// unfiltered list (every owner's, else the caller's own).
func (m *Model) planFlow() plansummary.Flow[client.PersonalAccessToken] {
	svc, me, book := m.opts.Service, m.opts.IdentityID, m.owners
	return plansummary.Flow[client.PersonalAccessToken]{
		C: m.Common, ID: planID, Kind: plan.KindTokens, Noun: "token", Then: "d deletes them, x expires them",
		Elsewhere: "the Clients view (:clients, then :plan FILE)", Home: m.opts.Home,
		Check: func(ctx context.Context, p *plan.Plan) (plan.Result, error) {
			only := ""
			toks, refused, err := listFallingBack(ctx, svc, scopeAll, "")
			if refused != nil {
				only = me
			}
			if err != nil {
				return plan.Result{}, err
			}
			var active func(string) bool
			if book.Reading() { // the owners the report saw inactive, read again now
				var ids []string
				for _, it := range p.Items {
					if it.OwnerInactive {
						ids = append(ids, it.OwnerID)
					}
				}
				if now, err := owners.Lookup(ctx, book.Service, ids); err == nil {
					active = func(id string) bool { return now[id].State == owners.Active }
				}
			}
			return plan.CheckOwners(p, toks, only, active), nil
		},
		Items: plan.Result.ToMark,
		Key:   func(t *client.PersonalAccessToken) string { return t.ID },
	}
}

// Command runs a : command meant for this view: "plan FILE", "owner NAME".
func (m *Model) Command(name, arg string) (tea.Cmd, bool) {
	if name == "owner" {
		return m.ownerCommand(arg), true
	}
	return m.plans.Command(name, arg)
}

// updatePlan takes the plan flow's messages: on a yes, exactly the
// plan's checked tokens are marked (replacing any marks).
func (m *Model) updatePlan(msg tea.Msg) (tea.Cmd, bool) {
	marks, cmd, ok := m.plans.Update(msg)
	if marks != nil {
		m.rows.Marks().Replace(marks)
		cmd = tea.Batch(cmd, m.load())
	}
	return cmd, ok
}

// planFor is the plan a run over toks carries out: the active plan when
// every token is one it approved, else nil.
func (m *Model) planFor(toks []client.PersonalAccessToken) *plansummary.Active {
	ids := make([]string, len(toks))
	for i, t := range toks {
		ids[i] = t.ID
	}
	if !m.plans.Active.Covers(ids) {
		return nil
	}
	return m.plans.Active
}

// stampPlan makes spec's audit entries and title name p.
func stampPlan(spec bulkSpec, p *plansummary.Active) bulkSpec {
	if p == nil {
		return spec
	}
	return bulkrun.Stamped(spec, p.Label, p.Name)
}
