package tokens

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/plan"
)

// Approved plans (--plan FILE, :plan FILE): a report someone approved is
// checked against the tenant as it is now, a summary says what will be
// marked and what will not and why, and only then are exactly those
// tokens marked. The usual confirm and delete (or expire) follow; a run
// over plan tokens only names the plan and its checksum in the audit log
// and on the progress panel.

// planID is the plan summary's id on the shell's stack.
const planID = "tokens.plan"

// activePlan is the plan whose tokens are marked.
type activePlan struct {
	label string // path and checksum, for the audit log
	name  string // the file's base name, for titles
	sum   string // sha256, hex
	ids   map[string]bool
}

// planCheckedMsg is a loaded and checked plan.
type planCheckedMsg struct {
	res plan.Result
	err error
}

// planChosenMsg is the summary's answer.
type planChosenMsg struct{ ok bool }

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
	m.planCheck = &msg.res
	return common.PushModal(planID, newPlanSummary(m.Common, msg.res))
}

// onPlanChosen marks exactly the plan's checked tokens (replacing any
// marks), or leaves everything as it was.
func (m *Model) onPlanChosen(msg planChosenMsg) tea.Cmd {
	res := m.planCheck
	m.planCheck = nil
	pop := common.PopModal(planID)
	if !msg.ok || res == nil {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Plan not applied: nothing marked"))
	}
	toMark := res.ToMark()
	if len(toMark) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastWarning, "Nothing in the plan can be marked"))
	}
	marked := make(map[string]client.PersonalAccessToken, len(toMark))
	ids := make(map[string]bool, len(toMark))
	for _, t := range toMark {
		marked[t.ID] = t
		ids[t.ID] = true
	}
	m.rows.Marks().Replace(marked)
	m.plan = &activePlan{label: res.Plan.Label(), name: filepath.Base(res.Plan.Path), sum: res.Plan.SHA256, ids: ids}
	return tea.Batch(pop, m.load(), common.Toast(common.ToastSuccess,
		"Marked "+plural(len(toMark), "token")+" from "+m.plan.name+": d deletes them, x expires them"))
}

// planFor is the plan a run over toks carries out: the active plan when
// every token is one it approved, else nil.
func (m *Model) planFor(toks []client.PersonalAccessToken) *activePlan {
	if m.plan == nil || len(toks) == 0 {
		return nil
	}
	for _, t := range toks {
		if !m.plan.ids[t.ID] {
			return nil
		}
	}
	return m.plan
}

// stampPlan makes spec's audit entries and title name p.
func stampPlan(spec bulkSpec, p *activePlan) bulkSpec {
	if p == nil {
		return spec
	}
	intent, outcome := spec.Intent, spec.Outcome
	spec.Intent = func(at time.Time, op string, tok client.PersonalAccessToken) audit.Entry {
		e := intent(at, op, tok)
		e.Plan = p.label
		return e
	}
	spec.Outcome = func(at time.Time, op string, tok client.PersonalAccessToken, ev client.BulkEvent) audit.Entry {
		e := outcome(at, op, tok, ev)
		e.Plan = p.label
		return e
	}
	spec.Title += " · plan " + p.name
	return spec
}
