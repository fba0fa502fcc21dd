package clients

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/widgets/secret"
)

// Create (n): the same form as an edit, over a new client's document,
// checked locally before it is sent, answered on the form when refused;
// the secret is shown once, with the OSC52 copy keys. The create is
// audited, intent first; the secret never is.

// createdMsg is a create's answer.
type createdMsg struct {
	seq     int
	created *client.CreatedOAuthClient
	err     error
}

// newClientDoc is the form's starting document: a client-credentials
// integration, enabled, with 12-hour tokens and no scope yet.
func newClientDoc() []byte {
	doc, _ := json.Marshal(map[string]any{
		"name": "", "description": "", "grantTypes": []string{client.GrantClientCredentials}, "redirectUris": []string{},
		"accessType": client.AccessOffline, "accessTokenValiditySeconds": 43200, "refreshTokenValiditySeconds": 86400,
		"enabled": true, "scope": []string{},
	})
	return doc
}

func createFields() []editdoc.Field {
	validity := func(v editdoc.Value, _ time.Time) string { return secondsHint(v.Text) }
	return []editdoc.Field{
		{Name: "name", Required: true},
		{Name: "description", Required: true},
		{Name: "grantTypes", Label: "grant types", Kind: editdoc.StringList, Required: true, Suggestions: client.GrantTypes()},
		{Name: "redirectUris", Label: "redirect URIs", Kind: editdoc.StringList},
		{Name: "accessType", Label: "access type", Required: true, Check: oneOf(client.AccessOffline, client.AccessOnline)},
		{Name: "accessTokenValiditySeconds", Label: "validity (s)", Kind: editdoc.Number, Required: true, Hint: validity},
		{Name: "refreshTokenValiditySeconds", Label: "refresh (s)", Kind: editdoc.Number, Hint: validity},
		{Name: "enabled", Kind: editdoc.Toggle},
		{Name: "scope", Label: "scopes", Kind: editdoc.StringList, Suggestions: knownScopes()},
	}
}

// knownScopes complete the scope list.
func knownScopes() []string {
	return []string{"sp:scopes:all", "sp:oauth-client:read", "sp:oauth-client:manage", "idn:sources:read", "idn:sources:manage",
		"idn:identities:read", "idn:access-requests:manage", "idn:workflows:manage", "idn:all-personal-access-tokens:read"}
}

func (m *Model) openCreate() tea.Cmd {
	if m.creating {
		return common.Toast(common.ToastInfo, "The create form is open already")
	}
	f, err := editform.New(m.Common, "New API client · no scopes means all of your rights (sp:scopes:all)", newClientDoc(), createFields())
	if err != nil {
		return common.Toast(common.ToastError, "Cannot create: "+err.Error())
	}
	f = f.Strict().WithAction("Create").WithID(createID).AwaitAnswer()
	f.SetSize(m.Width, m.Height)
	m.creating = true
	return common.PushModal(createID, &f)
}

// requestOf reads the form's document as a create request.
func requestOf(doc []byte) (client.CreateOAuthClientRequest, error) {
	var req client.CreateOAuthClientRequest
	if err := json.Unmarshal(doc, &req); err != nil {
		return req, err
	}
	req.Name, req.Description = strings.TrimSpace(req.Name), strings.TrimSpace(req.Description)
	if len(req.RedirectURIs) == 0 {
		req.RedirectURIs = nil
	}
	if len(req.Scope) == 0 {
		req.Scope = nil // the server's default: every right of the creator
	}
	return req, req.Check()
}

// submitCreate sends a checked create; a local problem goes to the form.
func (m *Model) submitCreate(msg editform.SubmitMsg) tea.Cmd {
	req, err := requestOf(msg.Doc)
	if err != nil {
		return func() tea.Msg { return editform.FailedMsg{ID: createID, Seq: msg.Seq, Err: err} }
	}
	seq, svc, rec, now := msg.Seq, m.opts.Service, audit.NewRecorder(m.opts.Audit), m.Now
	e := m.entry(audit.ActionCreateClient, client.OAuthClient{Name: req.Name})
	e.Op = audit.NewOp()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		var made *client.CreatedOAuthClient
		err := rec.Single(e, now, audit.ResultCreated, func(e *audit.Entry) (client.Outcome, error) {
			var out client.Outcome
			var err error
			made, out, err = svc.CreateOAuthClientOutcome(ctx, req)
			if err == nil {
				e.ResourceID = made.ID // never the secret
			}
			return out, err
		})
		return createdMsg{seq: seq, created: made, err: err}
	}
}

// onCreated shows the secret once, or the refusal on the form.
func (m *Model) onCreated(msg createdMsg) tea.Cmd {
	if msg.err != nil {
		err := msg.err
		if m.creating {
			return func() tea.Msg { return editform.FailedMsg{ID: createID, Seq: msg.seq, Err: err} }
		}
		return func() tea.Msg { return common.ErrorMsg{Title: "Could not create the API client", Err: err} }
	}
	m.creating = false
	c := msg.created.OAuthClient
	sec := secret.NewClient(m.Common, *msg.created, m.opts.Clipboard).WithID(secretID)
	m.rows.Append([]client.OAuthClient{c})
	m.rows.Select(c.ID)
	return tea.Batch(common.PopModal(createID), common.PushModal(secretID, secret.NewModal(sec)), m.rows.Rebuild(),
		common.Toast(common.ToastSuccess, "Created API client "+strconv.Quote(c.Name)+" ("+c.ID+")"))
}

// cancelCreate closes the form; a create already sent still reports.
func (m *Model) cancelCreate() tea.Cmd {
	m.creating = false
	return tea.Batch(common.PopModal(createID), common.Toast(common.ToastInfo, "Create cancelled"))
}
