package clients

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
)

// Edits: e (form) and E ($EDITOR) change the patchable members of one
// client, read fresh, through the shared preview, conflict/rebase and
// undo. scope is shown read-only with the reason: PATCH does not take
// it, so a new scope means a new client.

// editDocMsg is a fresh read of the client to edit.
type editDocMsg struct {
	seq   int
	start editflow.Start
	c     *client.OAuthClient
	err   error
}

func (m *Model) startEdit(start editflow.Start) tea.Cmd {
	if m.rows.Marks().Len() > 0 {
		return common.Toast(common.ToastInfo, "e and E edit one API client: clear the marks (A) first; x, t and d act on the marked")
	}
	c := m.rows.SelectedItem()
	if c == nil {
		return common.Toast(common.ToastInfo, "Nothing to edit: select an API client")
	}
	m.reqSeq++
	seq, svc, id := m.reqSeq, m.opts.Service, c.ID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		fresh, err := svc.GetOAuthClient(ctx, id)
		return editDocMsg{seq: seq, start: start, c: fresh, err: err}
	}
}

func (m *Model) onEditDoc(msg editDocMsg) tea.Cmd {
	if msg.seq != m.reqSeq {
		return nil
	}
	if msg.err != nil {
		err := msg.err
		return func() tea.Msg { return common.ErrorMsg{Title: "Could not read the API client to edit", Err: err} }
	}
	doc, err := json.Marshal(msg.c)
	if err != nil {
		return common.Toast(common.ToastError, "Cannot edit: "+err.Error())
	}
	return m.openFlow(m.target(*msg.c, doc), msg.start, nil)
}

// target maps a client to what the edit flow needs.
func (m *Model) target(c client.OAuthClient, doc []byte) editflow.Target {
	svc, id := m.opts.Service, c.ID
	return editflow.Target{
		What: fmt.Sprintf("API client %q", sanitize.Line(c.Name)), Doc: doc, Rules: patchdiff.OAuthClientRules(), Fields: fields(),
		Apply: func(ctx context.Context, p patchdiff.Patch) (editflow.Applied, error) {
			next, out, err := svc.PatchOAuthClientOutcome(ctx, id, p)
			if err != nil {
				return editflow.Applied{}, err
			}
			doc, err := json.Marshal(next)
			return editflow.Applied{Doc: doc, Outcome: out}, err
		},
		Fetch: func(ctx context.Context) ([]byte, error) {
			cur, err := svc.GetOAuthClient(ctx, id)
			if client.IsNotFound(err) {
				return nil, errors.New("the API client is gone from the server: it was deleted meanwhile")
			}
			if err != nil {
				return nil, err
			}
			return json.Marshal(cur)
		},
		Audit: m.opts.Audit,
		Entry: m.entry(audit.ActionPatchClient, c),
	}
}

// fields are the form's rows: the patchable members, then the rest
// read-only with why.
func fields() []editdoc.Field {
	validity := func(v editdoc.Value, _ time.Time) string { return secondsHint(v.Text) }
	return []editdoc.Field{
		{Name: "id", Label: "client id", Kind: editdoc.Raw, ReadOnly: true},
		{Name: "name", Required: true},
		{Name: "description"},
		{Name: "enabled", Kind: editdoc.Toggle},
		{Name: "grantTypes", Label: "grant types", Kind: editdoc.StringList, Required: true, Suggestions: client.GrantTypes()},
		{Name: "redirectUris", Label: "redirect URIs", Kind: editdoc.StringList},
		{Name: "accessType", Label: "access type", Required: true, Check: oneOf(client.AccessOffline, client.AccessOnline)},
		{Name: "accessTokenValiditySeconds", Label: "validity (s)", Kind: editdoc.Number, Required: true, Hint: validity},
		{Name: "refreshTokenValiditySeconds", Label: "refresh (s)", Kind: editdoc.Number, Hint: validity},
		{Name: "businessName", Label: "business name"},
		{Name: "homepageUrl", Label: "homepage URL"},
		{Name: "strongAuthSupported", Label: "strong auth", Kind: editdoc.Toggle},
		{Name: "claimsSupported", Label: "SAML claims", Kind: editdoc.Toggle},
		{Name: "scope", Kind: editdoc.Raw, ReadOnly: true, Why: "not patchable: new scopes need a new client"},
		{Name: "type", Kind: editdoc.Raw, ReadOnly: true, Why: "set at creation"},
		{Name: "internal", Kind: editdoc.Raw, ReadOnly: true, Why: "set at creation"},
		{Name: "created", Kind: editdoc.Raw, ReadOnly: true},
		{Name: "lastUsed", Label: "last used", Kind: editdoc.Raw, ReadOnly: true},
	}
}

// oneOf refuses a value that is not one of vs.
func oneOf(vs ...string) func(editdoc.Value) error {
	return func(v editdoc.Value) error {
		if slices.Contains(vs, v.Text) {
			return nil
		}
		return fmt.Errorf("%q is not one of %s", v.Text, strings.Join(vs, ", "))
	}
}

func (m *Model) openFlow(t editflow.Target, start editflow.Start, edited []byte) tea.Cmd {
	return m.edits.Open(m.Common, t, start, edited)
}

// onApplied puts the server's new version in the row; the change is
// remembered for u.
func (m *Model) onApplied(msg editflow.AppliedMsg) tea.Cmd {
	if !m.edits.Applied(msg) {
		return nil // another view's edit
	}
	var after client.OAuthClient
	if err := json.Unmarshal(msg.After, &after); err != nil || after.ID == "" {
		return m.load()
	}
	return m.rows.Replace(after)
}

// startUndo proposes the inverse of the last applied edit, guarded by
// tests of the values it wrote, through the same preview.
func (m *Model) startUndo() tea.Cmd { return m.edits.Undo(m.Common, nil) }

// startToggle flips enabled: on the selected client, or on every marked
// one (enabled for all, unless all are enabled already), after the
// confirm; disabling is x's run, enabling its inverse.
func (m *Model) startToggle() tea.Cmd {
	cs, marked := m.selection()
	if len(cs) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to toggle: select an API client")
	}
	on := 0
	for _, c := range cs {
		if c.Enabled {
			on++
		}
	}
	v := on < len(cs) // enable all, unless all are enabled already
	var change []client.OAuthClient
	for _, c := range cs {
		if c.Enabled != v {
			change = append(change, c)
		}
	}
	verb := "Enable"
	if !v {
		verb = "Disable"
	}
	what := fmt.Sprintf("enabled → %v (%d of %s enabled now)", v, on, timefmt.Plural(len(cs), "client"))
	return m.ask(pendingRun{items: change, spec: m.enabledSpec(v), undo: v}, marked, confirm.Request{Verb: verb,
		Details: []string{what, "sent per client: " + enabledPatch(v).String()}})
}
