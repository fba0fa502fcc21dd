package apps

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/edit/editform"
)

// createID is the create form's id on the shell's stack.
const createID = "apps.create"

// newAppDoc is the create form's empty document: exactly the create
// DTO's fields (owner and the flags are set afterwards with PATCH).
const newAppDoc = `{"name":"","description":"","accountSource":{"id":""},"matchAllAccounts":false}`

func (m *Model) createFields() []editdoc.Field {
	sources := m.knownSources()
	return []editdoc.Field{
		{Name: "name", Required: true},
		{Name: "description", Required: true},
		{Name: "accountSource", Label: "source id", Kind: editdoc.Reference, Required: true, Suggestions: capped(sources),
			Labels: sources},
		{Name: "matchAllAccounts", Label: "match all accounts", Kind: editdoc.Toggle},
	}
}

// createdMsg is the create request's answer to the form's submit seq.
type createdMsg struct {
	app *client.SourceApp
	seq int
	err error
}

// openCreate opens the form. A submit keeps it open until the answer: a
// refusal is shown on it, with the input kept.
func (m *Model) openCreate() tea.Cmd {
	f, err := editform.New(m.Common, "New source app", []byte(newAppDoc), m.createFields())
	if err != nil {
		return common.Toast(common.ToastError, "Cannot open the form: "+err.Error())
	}
	f = f.WithAction("Create").Strict().AwaitAnswer().WithID(createID)
	f.SetSize(m.Width, m.Height)
	m.creating = true
	return common.PushModal(createID, &f)
}

// submitCreate sends the create request (audited: an intent before, the
// outcome after), off the event loop.
func (m *Model) submitCreate(msg editform.SubmitMsg) tea.Cmd {
	var req client.SourceAppCreate
	if err := json.Unmarshal(msg.Doc, &req); err != nil {
		return func() tea.Msg {
			return editform.FailedMsg{ID: createID, Seq: msg.Seq, Err: fmt.Errorf("read the form: %w", err)}
		}
	}
	req.Name, req.Description = strings.TrimSpace(req.Name), strings.TrimSpace(req.Description)
	req.AccountSource = client.AccountSource{ID: strings.TrimSpace(req.AccountSource.ID)}
	m.sending++
	svc, rec, now, seq := m.opts.Service, audit.NewRecorder(m.opts.Audit), m.Now, msg.Seq
	e := m.entry(audit.ActionCreateApp, client.SourceApp{Name: req.Name})
	e.Op = audit.NewOp()
	e.Ops = msg.Doc // the body, for the record: a create has no patch
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		var app *client.SourceApp
		err := rec.Single(e, now, audit.ResultCreated, func(done *audit.Entry) (out client.Outcome, err error) {
			app, out, err = svc.CreateSourceAppOutcome(ctx, req)
			if err == nil {
				done.ResourceID = app.ID
			}
			return out, err
		})
		return createdMsg{app: app, seq: seq, err: err}
	}
}

// cancelCreate closes the form; a create already sent still reports.
func (m *Model) cancelCreate() tea.Cmd {
	m.creating = false
	if m.sending > 0 {
		return tea.Batch(common.PopModal(createID), common.Toast(common.ToastInfo, "The create is still in flight; its result will be shown"))
	}
	return tea.Batch(common.PopModal(createID), common.Toast(common.ToastInfo, "Create cancelled: nothing sent"))
}

// onCreated adds the new app to the list and puts the cursor on it; a
// failure goes to the form, which keeps the input (or, when the form was
// left meanwhile, to an error dialog).
func (m *Model) onCreated(msg createdMsg) tea.Cmd {
	m.sending--
	if msg.err != nil {
		err := fmt.Errorf("create app: %w", msg.err)
		if m.creating {
			return func() tea.Msg { return editform.FailedMsg{ID: createID, Seq: msg.seq, Err: err} }
		}
		return func() tea.Msg { return common.ErrorMsg{Title: "Could not create the app", Err: err} }
	}
	m.creating = false
	a := *msg.app
	a.AccessProfiles = nil
	m.rows.Append([]client.SourceApp{a})
	m.rows.Select(a.ID) // the cursor goes to the new app (when the filter shows it)
	return tea.Batch(common.PopModal(createID), m.rows.Rebuild(),
		common.Toast(common.ToastSuccess, "Created app "+sanitize.Line(a.Name)+" ("+a.ID+")"))
}
