package tokens

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/edit/editform"
)

// The create form is the shared edit form over a new token's document:
// exactly the create request's members, so the form's bytes are the body.

// newToken is a new token's starting values: empty, or a rotated token's.
type newToken struct {
	Name     string     `json:"name"`
	Scope    []string   `json:"scope"`
	Validity int        `json:"accessTokenValiditySeconds"`
	Expiry   *time.Time `json:"expirationDate"` // nil: never, or the server's default
	// NeverFlag is left out where the API version has no never-expiring
	// tokens.
	NeverFlag *bool `json:"userAwareTokenNeverExpires,omitempty"`
}

// blankToken is the empty form: validity 12 hours, expiry six months out
// (midnight UTC), the caller's choice of name and scopes.
func (m *Model) blankToken() newToken {
	day := m.Now().AddDate(0, 6, 0).UTC().Truncate(24 * time.Hour)
	t := newToken{Scope: []string{}, Validity: pats.DefaultValidity, Expiry: &day}
	if m.opts.Family.SupportsNeverExpiring() {
		t.NeverFlag = new(bool)
	}
	return t
}

func (t newToken) doc() ([]byte, error) { return json.Marshal(t) }

// createFields are the form's fields. taken are the caller's own token
// names, checked here because the server rejects a duplicate per owner.
func (m *Model) createFields(taken []string) []editdoc.Field {
	expiry := editdoc.Field{Name: "expirationDate", Label: "expires on", Kind: editdoc.DateOrNever, Hint: m.expiryHint}
	if m.opts.Family.SupportsNeverExpiring() {
		expiry.NeverFlag = "userAwareTokenNeverExpires"
	} else {
		expiry.NoNever = true
	}
	return []editdoc.Field{
		{Name: "name", Required: true, Check: func(v editdoc.Value) error { return pats.CheckName(v.Text, taken) }},
		{Name: "scope", Label: "scopes", Kind: editdoc.StringList, Suggestions: m.knownScopes(),
			Check: func(v editdoc.Value) error { return pats.CheckScopes(v.Items) }},
		{Name: "accessTokenValiditySeconds", Label: "validity (s)", Kind: editdoc.Number,
			Check: func(v editdoc.Value) error { return pats.CheckValidity(v.Text) },
			Hint: func(v editdoc.Value, _ time.Time) string {
				n, _ := strconv.Atoi(strings.TrimSpace(v.Text)) // checked
				return fmt.Sprintf("= %s per access token (%d–%d s)", timefmt.HumanDuration(time.Duration(n)*time.Second),
					pats.MinValidity, pats.MaxValidity)
			}},
		expiry,
	}
}

// expiryHint says the expiry in words, so the date is easy to check.
func (m *Model) expiryHint(v editdoc.Value, now time.Time) string {
	switch {
	case v.Never && !m.opts.Family.SupportsNeverExpiring():
		return "empty: the server's default (6 months)"
	case v.Never:
		return "never expires (userAwareTokenNeverExpires)"
	}
	d, err := time.Parse(editdoc.DateLayout, strings.TrimSpace(v.Text))
	if err != nil {
		return ""
	}
	return "UTC, " + timefmt.Relative(now, d)
}

// ownNames are the caller's own tokens' names.
func (m *Model) ownNames() []string {
	var names []string
	for _, t := range m.rows.Items() {
		if o := t.Owner.ID; o != "" && o == m.opts.IdentityID {
			names = append(names, t.Name)
		}
	}
	return names
}

// openCreateForm pushes the create form, filled with start.
func (m *Model) openCreateForm(title string, start newToken) tea.Cmd {
	doc, err := start.doc()
	if err == nil {
		var f editform.Model
		if f, err = editform.New(m.Common, title, doc, m.createFields(m.ownNames())); err == nil {
			f = f.WithAction("Create").Strict().AwaitAnswer().WithID(createID)
			f.SetSize(m.Width, m.Height)
			return common.PushModal(createID, &f)
		}
	}
	return common.Toast(common.ToastError, "Cannot open the create form: "+err.Error())
}

// createRequest reads the submitted form as the create request.
func createRequest(doc []byte) (client.CreatePATRequest, error) {
	var req client.CreatePATRequest
	if err := json.Unmarshal(doc, &req); err != nil {
		return req, fmt.Errorf("read the form: %w", err)
	}
	req.Name = strings.TrimSpace(req.Name)
	if f := req.UserAwareTokenNeverExpires; f != nil && !*f {
		req.UserAwareTokenNeverExpires = nil // a date says it
	}
	return req, nil
}

// rotationStart is the replacement's form: a new name (names are unique
// per owner) and the old token's scopes, validity and expiry policy. A
// dated token gets the same lifetime again from today.
func (m *Model) rotationStart(old client.PersonalAccessToken) newToken {
	t := m.blankToken()
	t.Name = rotatedName(old.Name, m.Now(), m.ownNames())
	t.Scope = append([]string{}, old.Scope...)
	if old.AccessTokenValiditySeconds > 0 {
		t.Validity = old.AccessTokenValiditySeconds
	}
	switch {
	case old.ExpirationDate == nil && t.NeverFlag != nil:
		t.Expiry, t.NeverFlag = nil, ptrTrue()
	case old.ExpirationDate != nil:
		life := max(old.ExpirationDate.Sub(old.Created), 24*time.Hour)
		day := m.Now().Add(life).UTC().Truncate(24 * time.Hour)
		t.Expiry = &day
	}
	return t
}

func ptrTrue() *bool {
	t := true
	return &t
}

// rotatedSuffix is what a rotation adds to the name: " (rotated DATE)",
// or " (rotated DATE N)" for the Nth of a day.
var rotatedSuffix = regexp.MustCompile(`( \(rotated \d{4}-\d{2}-\d{2}( \d+)?\))+$`)

// rotatedName is the replacement's name: the old one with today's
// rotation date in place of any earlier one (rotating twice does not
// stack them), numbered when that name is taken (names are unique per
// owner, and the old token still exists while the new one is created).
func rotatedName(old string, now time.Time, taken []string) string {
	base := rotatedSuffix.ReplaceAllString(sanitize.Line(old), "")
	day := now.UTC().Format("2006-01-02")
	name := fmt.Sprintf("%s (rotated %s)", base, day)
	for n := 2; slices.Contains(taken, name); n++ {
		name = fmt.Sprintf("%s (rotated %s %d)", base, day, n)
	}
	return name
}
