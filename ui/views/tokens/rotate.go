package tokens

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// Rotate: a replacement token with the same scopes, validity and expiry
// policy is created (for the caller: the API always creates for the
// caller, so only one's own tokens can be rotated), its secret is shown
// once, and only when the user closes that, having stored the secret, is
// the old token deleted. A failed create deletes nothing; a failed delete
// leaves both, and the summary says so. The audit log has both halves
// under one action, rotate-pat, each naming the other token.

// rotation is a rotation under way.
type rotation struct {
	old   client.PersonalAccessToken
	newID string // set once the replacement exists
}

// rotateRefusal is why tok cannot be rotated ("" when it can).
func (m *Model) rotateRefusal(tok *client.PersonalAccessToken) string {
	switch {
	case m.isSession(tok):
		return "sailtui is signed in with this token: rotating it would end this session (rotate it from another one)"
	case m.opts.IdentityID == "" || tok.Owner.ID != m.opts.IdentityID:
		return "only your own tokens can be rotated: a new token is always created for the caller, so the replacement would be yours"
	case tok.Managed:
		return "managed tokens belong to the platform (e.g. Workflows) and are rotated there"
	}
	return ""
}

// startRotate opens the create form for the selected token's replacement,
// filled with its scopes, validity and expiry policy.
func (m *Model) startRotate() tea.Cmd {
	r := m.selected()
	if r == nil {
		return common.Toast(common.ToastInfo, "Nothing to rotate: select one of your tokens")
	}
	if why := m.rotateRefusal(r.Tok); why != "" {
		return common.Toast(common.ToastWarning, "Rotate is disabled: "+why)
	}
	old := *r.Tok
	m.rotating = &rotation{old: old}
	return m.openCreateForm(fmt.Sprintf("Rotate %q: its replacement", sanitize.Line(old.Name)), m.rotationStart(old))
}

// rotationCreated tags the replacement's secret modal with what closing
// it does, and remembers the new id.
func (m *Model) rotationCreated(created *client.CreatedPAT) string {
	if m.rotating == nil || created == nil {
		return ""
	}
	m.rotating.newID = created.ID
	return fmt.Sprintf("Rotation: when you close this, having stored the secret, the old token %q is deleted.",
		sanitize.Line(m.rotating.old.Name))
}

// rotationClosed deletes the old token once the replacement's secret was
// dismissed; a rotation whose create did not succeed deletes nothing.
func (m *Model) rotationClosed() tea.Cmd {
	rot := m.rotating
	if rot == nil || rot.newID == "" {
		return nil // no replacement exists: nothing may be deleted
	}
	m.rotating = nil
	spec := m.deleteSpec(1)
	spec.Verbs = progress.Verbs{Doing: "deleting the old token", Done: "old token deleted", Noun: "rotation"}
	spec.Title = fmt.Sprintf("Rotating %q: deleting the old token", sanitize.Line(rot.old.Name))
	intent, outcome := spec.Intent, spec.Outcome
	note := "rotation: replaced by " + rot.newID
	spec.Intent = func(at time.Time, op string, tok client.PersonalAccessToken) audit.Entry {
		e := intent(at, op, tok)
		e.Action, e.Note = audit.ActionRotatePAT, note
		return e
	}
	spec.Outcome = func(at time.Time, op string, tok client.PersonalAccessToken, ev client.BulkEvent) audit.Entry {
		e := outcome(at, op, tok, ev)
		e.Action, e.Note = audit.ActionRotatePAT, note
		return e
	}
	spec.Summary = func(s client.BulkSummary) (common.ToastLevel, string) {
		if s.Done+s.Gone+s.GoneAfterRetry == 1 {
			return common.ToastSuccess, fmt.Sprintf("Rotated %q: the replacement is %s; the old token is deleted",
				sanitize.Line(rot.old.Name), rot.newID)
		}
		return common.ToastWarning, fmt.Sprintf("Rotation incomplete: the replacement %s exists, but the old token %q was not deleted, so both exist; delete it with d",
			rot.newID, sanitize.Line(rot.old.Name))
	}
	return m.runBulk([]client.PersonalAccessToken{rot.old}, spec)
}
