package tokens

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/edit/editflow"
)

// editID is the edit flow's id on the shell's stack.
const editID = "tokens.edit"

// tokenTarget maps a token to what the edit flow needs: its document (as
// the server sent it), the family's patch rules, the form's fields, and
// how to apply, fetch and audit. This is all the edit flow learns of
// tokens.
func (m *Model) tokenTarget(tok client.PersonalAccessToken) (editflow.Target, error) {
	doc, err := json.Marshal(tok)
	if err != nil {
		return editflow.Target{}, fmt.Errorf("token %s: %w", tok.ID, err)
	}
	svc, id, family := m.opts.Service, tok.ID, m.opts.Family
	never := family.SupportsNeverExpiring()
	name, owner := m.labels(&tok)
	entry := audit.Entry{Action: audit.ActionPatchPAT, BaseURL: m.opts.BaseURL, Kind: audit.KindPAT, ResourceID: tok.ID, Name: name,
		OwnerID: tok.Owner.ID, OwnerName: owner, ActorID: m.opts.IdentityID, ActorName: m.opts.IdentityName}
	t := editflow.Target{
		What:   fmt.Sprintf("token %q", sanitize.Line(tok.Name)),
		Doc:    doc,
		Rules:  patchdiff.PATRules(never),
		Fields: m.tokenFields(never, ""),
		Apply: func(ctx context.Context, p patchdiff.Patch) (editflow.Applied, error) {
			t, out, err := svc.PatchPATOutcome(ctx, id, p)
			if err != nil {
				return editflow.Applied{}, err
			}
			doc, err := json.Marshal(t)
			return editflow.Applied{Doc: doc, Outcome: out}, err
		},
		Fetch: func(ctx context.Context) ([]byte, error) {
			// The PAT API has no GET by id: list and find it.
			toks, err := svc.ListPATs(ctx, client.ListPATsOptions{})
			if client.IsForbidden(err) {
				toks, err = svc.ListPATs(ctx, client.ListPATsOptions{OwnerID: "me"})
			}
			if err != nil {
				return nil, err
			}
			for _, t := range toks {
				if t.ID == id {
					return json.Marshal(t)
				}
			}
			return nil, errors.New("the token is gone from the server: it was deleted meanwhile")
		},
		Audit: m.opts.Audit,
		Entry: entry,
	}
	if m.opts.IdentityID != "" && tok.Owner.ID != m.opts.IdentityID && never {
		m.othersTarget(&t, id)
	}
	return t, nil
}

// othersTarget makes t an edit of another owner's token: only its owner
// may patch its name and scopes, and an admin sets its expiry with the
// bulk update, which takes no test guard (the edit flow reads the token
// again just before sending instead). A tenant without the bulk update
// gets the single PATCH, which may refuse it.
func (m *Model) othersTarget(t *editflow.Target, id string) {
	svc := m.opts.Service
	t.Rules = patchdiff.PATBulkRules()
	t.Fields = m.tokenFields(true, "only its owner may change it")
	t.Note = "Another owner's token: its expiry is set with the admin bulk update (PATCH /personal-access-tokens/v1/bulk-update), " +
		"which has no per-token guard; the token is read again just before sending."
	t.Apply = func(ctx context.Context, p patchdiff.Patch) (editflow.Applied, error) {
		toks, out, err := svc.BulkUpdatePATs(ctx, client.PATBulkUpdate{IDs: []string{id}, Patch: p})
		if client.IsUnsupported(err) {
			m.noBulk.Store(true)
			var tok *client.PersonalAccessToken
			if tok, out, err = svc.PatchPATOutcome(ctx, id, p); err == nil {
				toks = []client.PersonalAccessToken{*tok}
			}
		}
		if err != nil {
			return editflow.Applied{}, err
		}
		if len(toks) != 1 {
			return editflow.Applied{}, fmt.Errorf("bulk-update token %s: %d tokens in the answer", id, len(toks))
		}
		doc, err := json.Marshal(toks[0])
		return editflow.Applied{Doc: doc, Outcome: out}, err
	}
}

// tokenFields are the form's rows: name, scopes and (where the family
// can patch it) expiry; the rest read-only. ownerOnly, when set, makes
// name and scopes read-only with that reason.
func (m *Model) tokenFields(neverExpiring bool, ownerOnly string) []editdoc.Field {
	expiry := editdoc.Field{Name: "expirationDate", Label: "expires", Kind: editdoc.Raw, ReadOnly: true}
	if neverExpiring {
		expiry = editdoc.Field{Name: "expirationDate", Label: "expires", Kind: editdoc.DateOrNever, NeverFlag: "userAwareTokenNeverExpires"}
	}
	return []editdoc.Field{
		{Name: "id", Kind: editdoc.Raw, ReadOnly: true},
		{Name: "name", Required: true, ReadOnly: ownerOnly != "", Why: ownerOnly},
		{Name: "scope", Label: "scopes", Kind: editdoc.StringList, Suggestions: m.knownScopes(), ReadOnly: ownerOnly != "", Why: ownerOnly},
		expiry,
		{Name: "owner", Kind: editdoc.Reference, ReadOnly: true},
		{Name: "created", Kind: editdoc.Raw, ReadOnly: true},
		{Name: "lastUsed", Label: "last used", Kind: editdoc.Raw, ReadOnly: true},
		{Name: "accessTokenValiditySeconds", Label: "validity (s)", Kind: editdoc.Raw, ReadOnly: true},
		{Name: "managed", Kind: editdoc.Toggle, ReadOnly: true},
	}
}

// knownScopes are the documented scopes plus every scope a loaded token
// carries, for completion.
func (m *Model) knownScopes() []string {
	out := pats.DefaultScopes()
	seen := map[string]bool{}
	for _, s := range out {
		seen[s] = true
	}
	for _, t := range m.rows.Items() {
		for _, s := range t.Scope {
			if !seen[s] && len(out) < 500 {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	slices.Sort(out[len(pats.DefaultScopes()):])
	return out
}

// startEdit opens the edit flow on the selected token.
func (m *Model) startEdit(start editflow.Start) tea.Cmd {
	r := m.selected()
	if r == nil {
		return common.Toast(common.ToastInfo, "Nothing to edit: select a token")
	}
	t, err := m.tokenTarget(*r.Tok)
	if err != nil {
		return common.Toast(common.ToastError, err.Error())
	}
	return m.openFlow(t, start, nil)
}

func (m *Model) openFlow(t editflow.Target, start editflow.Start, edited []byte) tea.Cmd {
	return m.edits.Open(m.Common, t, start, edited)
}

// startUndo proposes the inverse of the last applied edit, guarded by
// tests of the values that edit wrote, through the same preview; the
// token is named as it is now.
func (m *Model) startUndo() tea.Cmd {
	return m.edits.Undo(m.Common, func(last *editflow.AppliedMsg) (editflow.Target, bool) {
		var was client.PersonalAccessToken
		if json.Unmarshal(last.After, &was) != nil {
			return editflow.Target{}, false
		}
		tok, ok := m.rows.Get(was.ID)
		if !ok {
			return editflow.Target{}, false
		}
		cur, err := m.tokenTarget(tok)
		return cur, err == nil
	})
}

// onApplied puts the server's new version of the token in its row and
// remembers the change for undo.
func (m *Model) onApplied(msg editflow.AppliedMsg) tea.Cmd {
	if !m.edits.Applied(msg) {
		return nil // another view's edit
	}
	var tok client.PersonalAccessToken
	if err := json.Unmarshal(msg.After, &tok); err != nil || tok.ID == "" {
		return m.load() // the answer could not be read: the list will say
	}
	return m.replaceToken(tok)
}

// replaceToken swaps one token's record for a new one, keeping its place,
// the cursor and the marks; the rows are rebuilt off the event loop.
func (m *Model) replaceToken(tok client.PersonalAccessToken) tea.Cmd {
	if !m.rows.Has(tok.ID) {
		return m.load()
	}
	if m.loading { // a list still on its way predates the edit
		m.loadSeq++
		m.cancelLoad()
		m.loading, m.cancelLoad = false, nil
	}
	cmd := m.rows.Replace(tok)
	m.countStale(m.rows.Items())
	return cmd
}
