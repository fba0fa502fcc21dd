package tokens

import (
	"context"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/widgets/secret"
)

// createTimeout bounds one create request (rate-limit waits included).
const createTimeout = time.Minute

// createRun is a create request in flight. Cancelling it would be no use:
// the server may create the token whatever the client does, and its
// secret is shown only here. So the first ctrl+c only warns (warned), and
// Stop waits for done, which closes once the answer is audited.
type createRun struct {
	done   chan struct{}
	warned bool
}

// createdMsg is CreatePAT's answer. created holds the secret: it goes
// straight to the secret modal and nowhere else.
type createdMsg struct {
	seq     int
	formSeq int // the form's own submit number, echoed to it
	created *client.CreatedPAT
	err     error
	// auditErr is set when the audit entry could not be written.
	auditErr error
}

// openCreate opens the create form.
func (m *Model) openCreate() tea.Cmd {
	return m.openCreateForm("Create a personal access token", m.blankToken())
}

// updateCreate handles the create flow's messages; ok is false for others.
func (m *Model) updateCreate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case editform.SubmitMsg:
		if msg.ID != createID {
			return nil, false
		}
		return m.submitCreate(msg), true
	case createdMsg:
		delete(m.creates, msg.seq)
		current := msg.seq == m.createSeq
		if msg.err != nil { // the form shows it and keeps the input
			if !current {
				return nil, true // that form is gone; the audit log has it
			}
			err, formSeq := fmt.Errorf("create token: %w", msg.err), msg.formSeq
			return func() tea.Msg { return editform.FailedMsg{ID: createID, Err: err, Seq: formSeq} }, true
		}
		never := msg.created.ExpirationDate == nil
		modal := secret.New(m.Common, *msg.created, never, m.opts.Clipboard).WithID(secretID)
		if current {
			if next := m.rotationCreated(msg.created); next != "" {
				modal = modal.WithNext(next)
			}
		}
		toast := common.Toast(common.ToastSuccess, "Token created")
		if msg.auditErr != nil {
			toast = common.Toast(common.ToastWarning, "Token created, but not recorded: "+common.ErrorText(msg.auditErr))
		}
		push := common.PushModal(secretID, secret.NewModal(modal))
		if !current {
			// An earlier create whose form was left (esc) before a newer
			// one was opened: its secret is still shown, over that form.
			return tea.Batch(push, m.load(), toast), true
		}
		return tea.Sequence(common.PopModal(createID), push, tea.Batch(m.load(), toast)), true
	case editform.CancelMsg:
		if msg.ID != createID {
			return nil, false
		}
		if m.rotating != nil && m.rotating.newID == "" {
			m.rotating = nil
			return tea.Batch(common.PopModal(createID), common.Toast(common.ToastInfo, "Rotation cancelled: nothing created or deleted")), true
		}
		if len(m.creates) > 0 {
			return tea.Batch(common.PopModal(createID), common.Toast(common.ToastInfo,
				"The create is still in flight; its secret will be shown when it arrives")), true
		}
		return common.PopModal(createID), true
	case secret.ClosedMsg:
		if msg.ID != secretID {
			return nil, false
		}
		return tea.Batch(common.PopModal(secretID), m.rotationClosed()), true
	}
	return nil, false
}

// submitCreate sends a create off the event loop, its audit entry
// written first (as a confirmed delete's).
func (m *Model) submitCreate(msg editform.SubmitMsg) tea.Cmd {
	req, err := createRequest(msg.Doc)
	if err != nil {
		return func() tea.Msg { return editform.FailedMsg{ID: createID, Err: err, Seq: msg.Seq} }
	}
	m.createSeq++
	run := &createRun{done: make(chan struct{})}
	m.creates[m.createSeq] = run
	seq, formSeq, svc := m.createSeq, msg.Seq, m.opts.Service
	log, baseURL, now := m.opts.Audit, m.opts.BaseURL, m.Now
	rotates := ""
	if m.rotating != nil {
		rotates = m.rotating.old.ID
	}
	return func() tea.Msg {
		defer close(run.done) // after the audit entry
		// Like a confirmed delete, a create is only sent when its audit
		// entry can be written; otherwise the form keeps its input.
		if log != nil {
			if err := log.Check(); err != nil {
				return createdMsg{seq: seq, formSeq: formSeq, err: fmt.Errorf("not sent: %w", err)}
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), createTimeout)
		defer cancel()
		created, err := svc.CreatePAT(ctx, req)
		res := createdMsg{seq: seq, formSeq: formSeq, created: created, err: err}
		// Failures are recorded too: a create that timed out may still
		// have happened on the server. The entry never holds the secret.
		if log != nil {
			e := audit.CreateEntry(now(), baseURL, req, created, err)
			if rotates != "" { // the first half of a rotation
				e.Action, e.Note = audit.ActionRotatePAT, "rotation: replacement for "+rotates
			}
			if aerr := log.Append(e); aerr != nil {
				res.auditErr = aerr // its text names the audit log
			}
		}
		return res
	}
}

// RunState makes the view Interruptible while a create is in flight, so
// the first ctrl+c warns instead of quitting (the delete's own state is
// the progress panel's).
func (m *Model) RunState() common.RunState {
	st := common.RunIdle
	for _, run := range m.creates {
		if !run.warned {
			return common.RunActive
		}
		st = common.RunStopping
	}
	return st
}

// Interrupt is the first ctrl+c during a create: nothing is cancelled
// (see createRun); the user has been told, so the next ctrl+c quits.
func (m *Model) Interrupt() tea.Cmd {
	for _, run := range m.creates {
		run.warned = true
	}
	return nil
}

// RunLabel says what is running, for the shell's "too small" screen.
func (m *Model) RunLabel() string { return "a create is in flight" }

// InterruptNotice is the shell's toast after the first ctrl+c.
func (m *Model) InterruptNotice() string {
	return "A create is in flight; press ctrl+c again to quit (its result is still audited)"
}
