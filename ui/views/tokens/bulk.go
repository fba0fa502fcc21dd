package tokens

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/widgets/bulkrun"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// bulkSpec is what one bulk run does to each token: delete it, set its
// expiry, put an expiry back. The run itself is bulkrun's.
type bulkSpec = bulkrun.Spec[client.PersonalAccessToken]

// auditCheckedMsg is the audit log's check after a delete was confirmed
// and before anything is sent.
type auditCheckedMsg struct {
	seq  int
	toks []client.PersonalAccessToken
	spec bulkSpec
	err  error
}

// Stop ends work still running when the program exits (the second
// ctrl+c): a run's queued items are never sent, and requests already sent
// (a run's and a create) are waited for until deadline, so each one is
// audited. Call it after the program has returned, never from Update.
func (m *Model) Stop(deadline <-chan struct{}) []common.Stopped {
	var out []common.Stopped
	if st, ok := m.bulk.Stop(deadline, "tokens"); ok {
		out = append(out, st)
	}
	for _, c := range m.creates {
		st := common.Stopped{Work: "a create", Create: true, Clean: true}
		select {
		case <-c.done:
		case <-deadline:
			st.Clean = false
		}
		out = append(out, st)
	}
	return out
}

// runBulk runs spec over toks in the background and opens the progress
// panel (see bulkrun.Start).
func (m *Model) runBulk(toks []client.PersonalAccessToken, spec bulkSpec) tea.Cmd {
	m.runSeq++
	run, cmd := bulkrun.Start(m.Common, m.runSeq, m.opts.Audit, progressID, toks,
		func(t client.PersonalAccessToken) progress.Item {
			name, owner := m.labels(&t)
			return progress.Item{ID: t.ID, Name: name, Owner: owner}
		}, spec, stampPlan(spec, m.planFor(toks)))
	m.bulk = run
	return cmd
}

// onItems drops the marks of tokens a run is done with; a delete's rows go
// too, so the list never shows a token the server no longer has, even
// when the list after the run fails.
func (m *Model) onItems(events []client.BulkEvent) tea.Cmd {
	return m.rows.Finished(bulkrun.Finished(events), m.bulk != nil && m.bulk.Spec.Verbs.CountsGone)
}

// actor is the signed-in identity every audit entry names.
func (m *Model) actor() audit.Actor {
	return audit.Actor{ID: m.opts.IdentityID, Name: m.opts.IdentityName}
}

// onFinished ends the run (the panel stays until closed) and refreshes
// the list.
func (m *Model) onFinished() tea.Cmd {
	if m.bulk != nil && m.bulk.AuditErr() != nil {
		m.keys.DisableChanges(auditReason(m.bulk.AuditErr()))
	}
	cmds := []tea.Cmd{m.load(), m.readSchedule()}
	if m.noBulk.Load() && !m.noBulkSaid { // once a session
		m.noBulkSaid = true
		cmds = append(cmds, common.Toast(common.ToastWarning,
			"This tenant has no PAT bulk update: other owners' tokens went one by one through the single PATCH"))
	}
	return tea.Batch(cmds...)
}

// updateBulk handles the run's messages; ok is false for anything else.
func (m *Model) updateBulk(msg tea.Msg) (tea.Cmd, bool) {
	if msg, ok := msg.(auditCheckedMsg); ok {
		return m.onAuditChecked(msg), true
	}
	cmd, ok, closed := m.bulk.Update(msg, bulkrun.Hooks{
		Items:    m.onItems,
		Finished: m.onFinished,
		Retry:    m.retry,
		Undo:     m.onUndoRun,
	})
	if closed {
		m.bulk = nil
	}
	return cmd, ok
}

// retry asks to delete exactly the items a run could not: the confirm
// dialog again, with those tokens as the server last listed them.
func (m *Model) retry(ids []string) tea.Cmd {
	var toks []client.PersonalAccessToken
	for _, id := range ids {
		if t, ok := m.rows.Get(id); ok {
			toks = append(toks, t)
		} else if t, ok := m.rows.Marks().Get(id); ok {
			toks = append(toks, t)
		}
	}
	if len(toks) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to retry: the failed tokens are no longer listed")
	}
	return m.confirmDelete(toks, true)
}
