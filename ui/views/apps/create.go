package apps

import (
	"context"
	"encoding/json"
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

// createdMsg is the create request's answer; doc is what was asked, so a
// failure reopens the form with it.
type createdMsg struct {
	app *client.SourceApp
	doc []byte
	err error
}

// openCreate opens the form; edited refills it after a failure.
func (m *Model) openCreate() tea.Cmd { return m.openCreateWith([]byte(newAppDoc)) }

func (m *Model) openCreateWith(edited []byte) tea.Cmd {
	f, err := editform.NewEdited(m.Common, "New source app", []byte(newAppDoc), edited, m.createFields())
	if err != nil {
		return common.Toast(common.ToastError, "Cannot open the form: "+err.Error())
	}
	f = f.WithAction("Create").Strict().WithID(createID)
	f.SetSize(m.Width, m.Height)
	m.creating = true
	return common.PushModal(createID, &f)
}

// submitCreate sends the create request (audited: an intent before, the
// outcome after), off the event loop.
func (m *Model) submitCreate(msg editform.SubmitMsg) tea.Cmd {
	if !m.creating {
		return nil // answered already (a second ctrl+s before the form closed)
	}
	m.creating = false
	var req client.SourceAppCreate
	if err := json.Unmarshal(msg.Doc, &req); err != nil {
		return tea.Batch(common.PopModal(createID), common.Toast(common.ToastError, "Create: "+err.Error()))
	}
	req.Name, req.Description = strings.TrimSpace(req.Name), strings.TrimSpace(req.Description)
	req.AccountSource = client.AccountSource{ID: strings.TrimSpace(req.AccountSource.ID)}
	svc, rec, now, doc := m.opts.Service, audit.NewRecorder(m.opts.Audit), m.Now, msg.Doc
	e := m.entry(audit.ActionCreateApp, client.SourceApp{Name: req.Name})
	e.Op = audit.NewOp()
	e.Ops = doc // the body, for the record: a create has no patch
	return tea.Batch(common.PopModal(createID), common.Toast(common.ToastInfo, "Creating "+sanitize.Line(req.Name)+"…"), func() tea.Msg {
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
		return createdMsg{app: app, doc: doc, err: err}
	})
}

// cancelCreate closes the form.
func (m *Model) cancelCreate() tea.Cmd {
	if !m.creating {
		return nil
	}
	m.creating = false
	return tea.Batch(common.PopModal(createID), common.Toast(common.ToastInfo, "Create cancelled: nothing sent"))
}

// onCreated adds the new app to the list and puts the cursor on it; a
// failure shows the server's answer and reopens the form with the input.
func (m *Model) onCreated(msg createdMsg) tea.Cmd {
	if msg.err != nil {
		err := msg.err
		return tea.Batch(m.openCreateWith(msg.doc), func() tea.Msg {
			return common.ErrorMsg{Title: "Could not create the app (your input is kept)", Err: err}
		})
	}
	a := *msg.app
	a.AccessProfiles = nil
	m.rows.Append([]client.SourceApp{a})
	m.rows.Select(a.ID) // the cursor goes to the new app (when the filter shows it)
	return tea.Batch(m.rows.Rebuild(), common.Toast(common.ToastSuccess, "Created app "+sanitize.Line(a.Name)+" ("+a.ID+")"))
}
