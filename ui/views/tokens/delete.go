package tokens

import (
	"context"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// pendingDelete is what the confirm dialog is asking about: a delete, or
// another bulk run (spec set).
type pendingDelete struct {
	toks []client.PersonalAccessToken // marked (or the selected one), in table order
	spec *bulkSpec                    // nil: a delete
}

// startDelete opens the confirm dialog for the marked tokens, or for the
// selected one when nothing is marked.
func (m *Model) startDelete() tea.Cmd {
	if m.bulk != nil || m.checking != 0 {
		return common.Toast(common.ToastWarning, "A delete is already running")
	}
	toks, marked := m.selection()
	if len(toks) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to delete: mark tokens with space, or select one")
	}
	if len(toks) == 1 && m.isSession(&toks[0]) {
		return common.Toast(common.ToastWarning, "Not deleted: sailtui is signed in with this token; deleting it would end this session")
	}
	return m.confirmDelete(toks, marked)
}

// selection is what a bulk key acts on: the marked tokens in the table's
// order (hidden rows included, then marks the list does not show), or
// else the selected one.
func (m *Model) selection() (toks []client.PersonalAccessToken, marked bool) {
	if m.rows.Marks().Len() > 0 {
		return m.rows.MarkedItems(), true
	}
	if r := m.selected(); r != nil {
		toks = append(toks, *r.Tok)
	}
	return toks, false
}

// confirmDelete opens the confirm dialog for toks; marked says they were
// chosen by marks (some may be hidden by the filter), not by the cursor.
func (m *Model) confirmDelete(toks []client.PersonalAccessToken, marked bool) tea.Cmd {
	return m.confirmRun(toks, marked, nil, confirm.Request{})
}

// confirmRun opens the confirm dialog for a bulk run over toks: a delete
// when spec is nil. base carries the dialog's wording for other runs
// (verb, consequence, details); the counts come from toks.
func (m *Model) confirmRun(toks []client.PersonalAccessToken, marked bool, spec *bulkSpec, base confirm.Request) tea.Cmd {
	var visible map[string]struct{}
	if marked { // the selected token is in view by definition
		visible = map[string]struct{}{}
		for _, id := range m.rows.Visible() {
			visible[id] = struct{}{}
		}
	}
	req := confirm.Selected(base, toks, visible, func(t *client.PersonalAccessToken) string { return t.ID }, m.isSession,
		func(t *client.PersonalAccessToken) bool { return t.Managed },
		func(t *client.PersonalAccessToken) confirm.Example {
			name, owner := m.labels(t)
			return confirm.Example{Name: name, Owner: owner}
		})
	if p := m.planFor(toks); p != nil {
		req.Details = append([]string{"From the approved plan " + sanitize.Line(p.Name) + " (sha256 " + p.Sum[:12] + "…)"}, req.Details...)
	}
	m.pending.Ask(confirmID, pendingDelete{toks: toks, spec: spec})
	req.ID = confirmID
	dlg := confirm.New(m.Common, req)
	return common.PushModal(confirmID, common.NewValueModal(dlg))
}

// onConfirm starts the run once the user confirmed.
func (m *Model) onConfirm(msg confirm.ResultMsg) tea.Cmd {
	pend, pop, ok := m.pending.Answer(msg)
	if !ok {
		return nil // another dialog's answer
	}
	spec := m.deleteSpec(0)
	if pend.spec != nil {
		spec = *pend.spec
	}
	if !msg.Confirmed {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing "+spec.Verbs.Done))
	}
	var toks []client.PersonalAccessToken
	for _, t := range pend.toks {
		if m.isSession(&t) || (t.Managed && !msg.IncludeManaged) {
			continue
		}
		toks = append(toks, t)
	}
	if len(toks) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing "+spec.Verbs.Done+": only managed tokens were selected"))
	}
	spec.Title = capitalize(spec.Verbs.Doing) + " " + plural(len(toks), "token")
	log := m.opts.Audit
	if log == nil { // auditing disabled (tests): the summary says so
		return tea.Batch(pop, m.runBulk(toks, spec))
	}
	// The log was writable at start-up; make sure it still is before
	// anything is sent.
	m.runSeq++
	seq := m.runSeq
	m.checking = seq
	return tea.Batch(pop, func() tea.Msg { return auditCheckedMsg{seq: seq, toks: toks, spec: spec, err: log.Check()} })
}

// onAuditChecked starts the confirmed delete, or refuses it when the
// audit log cannot be written; delete and create then stay disabled.
func (m *Model) onAuditChecked(msg auditCheckedMsg) tea.Cmd {
	if msg.seq != m.checking {
		return nil
	}
	m.checking = 0
	if msg.err != nil {
		reason := auditReason(msg.err)
		m.keys.DisableChanges(reason)
		return common.Toast(common.ToastError, "Nothing "+msg.spec.Verbs.Done+": "+reason)
	}
	return m.runBulk(msg.toks, msg.spec)
}

// auditReason is the disabled reason for an audit log that cannot be
// written: "audit log not writable: <path>: <cause>", one line.
func auditReason(err error) string {
	const prefix = "audit log not writable"
	text := sanitize.Line(err.Error())
	if !strings.HasPrefix(text, prefix) {
		text = prefix + ": " + text
	}
	return text
}

// deleteSpec is a bulk delete of n tokens.
func (m *Model) deleteSpec(n int) bulkSpec {
	svc, baseURL, actor, owner := m.opts.Service, m.opts.BaseURL, m.actor(), m.scope.ownerID()
	return bulkSpec{
		Verbs: progress.DeleteVerbs(),
		Title: "Deleting " + plural(n, "token"),
		Run:   svc.DeletePATs,
		// A delete whose outcome is unknown happened when the token is
		// gone: one list in the scope the tokens came from settles it.
		Settle: func(ctx context.Context, ids []string) (map[string]bool, error) {
			return svc.PresentPATs(ctx, owner, ids)
		},
		Intent: func(at time.Time, op string, tok client.PersonalAccessToken) audit.Entry {
			return audit.DeleteIntent(at, baseURL, op, actor, tok)
		},
		Outcome: func(at time.Time, op string, tok client.PersonalAccessToken, ev client.BulkEvent) audit.Entry {
			return audit.DeleteEntry(at, baseURL, op, actor, tok, ev)
		},
	}
}
