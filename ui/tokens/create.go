package tokens

import (
	"context"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/audit"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/createform"
	"github.com/sailtui/sailtui/ui/secret"
)

// createTimeout bounds one create request (rate-limit waits included).
const createTimeout = time.Minute

// createdMsg is CreatePAT's answer. created holds the secret: it goes
// straight to the secret modal and nowhere else.
type createdMsg struct {
	seq     int
	created *client.CreatedPAT
	err     error
	// auditErr is set when the audit entry could not be written.
	auditErr error
}

// openCreate opens the create form. Names of the caller's own tokens are
// checked locally, because the server rejects a duplicate name per owner.
func (m *Model) openCreate() tea.Cmd {
	var names []string
	for i := range m.rows {
		if o := m.rows[i].tok.Owner.ID; o != "" && o == m.opts.IdentityID {
			names = append(names, m.rows[i].tok.Name)
		}
	}
	form := createform.New(m.Common, createform.Options{
		NeverExpiring: m.opts.Family.SupportsNeverExpiring(),
		ExistingNames: names,
	})
	return common.PushModal(createID, common.NewValueModal(form))
}

// updateCreate handles the create flow's messages; ok is false for others.
func (m *Model) updateCreate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case createform.SubmitMsg:
		m.createSeq++
		seq, svc, req := m.createSeq, m.opts.Service, msg.Request
		log, baseURL, now := m.opts.Audit, m.opts.BaseURL, m.Now
		return func() tea.Msg {
			ctx, cancel := context.WithTimeout(context.Background(), createTimeout)
			defer cancel()
			created, err := svc.CreatePAT(ctx, req)
			res := createdMsg{seq: seq, created: created, err: err}
			// Failures are recorded too: a create that timed out may still
			// have happened on the server. The entry never holds the secret.
			if log != nil {
				if aerr := log.Append(audit.CreateEntry(now(), baseURL, req, created, err)); aerr != nil {
					res.auditErr = fmt.Errorf("audit log: %w", aerr)
				}
			}
			return res
		}, true
	case createdMsg:
		if msg.seq != m.createSeq {
			return nil, true
		}
		if msg.err != nil { // the form shows it and keeps the input
			err := fmt.Errorf("create token: %w", msg.err)
			return func() tea.Msg { return createform.ServerErrorMsg{Err: err} }, true
		}
		never := msg.created.ExpirationDate == nil
		modal := secret.New(m.Common, *msg.created, never, m.opts.Clipboard)
		toast := common.Toast(common.ToastSuccess, "Token created")
		if msg.auditErr != nil {
			toast = common.Toast(common.ToastWarning, "Token created, but not recorded: "+errorText(msg.auditErr))
		}
		return tea.Sequence(common.PopModal(createID), common.PushModal(secretID, common.NewValueModal(modal)),
			tea.Batch(m.load(), toast)), true
	case createform.CancelMsg:
		return common.PopModal(createID), true
	case secret.ClosedMsg:
		return common.PopModal(secretID), true
	}
	return nil, false
}
