package apps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/edit/editflow"
)

// editID is the edit flow's id on the shell's stack.
const editID = "apps.edit"

// fetchTimeout bounds reading an app and its access profiles.
const fetchTimeout = time.Minute

// editDocMsg is an app's document, read for an edit: GET (which has no
// accessProfiles) plus the access-profile list. profErr is why the list
// could not be read (the edit then leaves access profiles alone).
type editDocMsg struct {
	seq     int
	start   editflow.Start
	app     client.SourceApp
	doc     []byte
	profErr error
	err     error
}

// appDoc is the document an edit works on: the app as GET returned it,
// with accessProfiles set from the access-profile list when it could be
// read (ids == nil: unknown, so the member stays absent).
func appDoc(a client.SourceApp, ids []string) ([]byte, error) {
	a.AccessProfiles = nil
	raw, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	if ids == nil {
		return raw, nil
	}
	members, err := editdoc.Split(raw)
	if err != nil {
		return nil, err
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	members.Set("accessProfiles", list)
	return members.Join()
}

// readApp reads an app and every page of its access profiles.
func readApp(ctx context.Context, svc Service, id string) (client.SourceApp, []client.AccessProfileDetails, error, error) {
	app, err := svc.GetSourceApp(ctx, id)
	if err != nil {
		return client.SourceApp{}, nil, nil, err
	}
	profiles, profErr := allProfiles(ctx, svc, id)
	return *app, profiles, profErr, nil
}

// allProfiles pages through an app's access profiles.
func allProfiles(ctx context.Context, svc Service, id string) ([]client.AccessProfileDetails, error) {
	var out []client.AccessProfileDetails
	for off := 0; ; off += pageSize {
		page, err := svc.ListAccessProfiles(ctx, id, client.ListAccessProfilesOptions{Limit: pageSize, Offset: off})
		if err != nil {
			return out, err
		}
		out = append(out, page...)
		if len(page) < pageSize {
			return out, nil
		}
	}
}

func profileIDs(ps []client.AccessProfileDetails) []string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

// startEdit reads the selected app fresh and opens the edit flow on it;
// with marks, the form sets fields on every marked app instead.
func (m *Model) startEdit(start editflow.Start) tea.Cmd {
	if m.rows.Marks().Len() > 0 {
		if start == editflow.StartEditor {
			return common.Toast(common.ToastInfo, "E edits one app: clear the marks (A) first, or use e to set fields on the marked apps")
		}
		return m.openBulkEdit()
	}
	r := m.selected()
	if r == nil {
		return common.Toast(common.ToastInfo, "Nothing to edit: select an app")
	}
	m.reqSeq++
	seq, svc, id := m.reqSeq, m.opts.Service, r.App.ID
	return tea.Batch(common.UnderWay(common.ToastInfo, readingKey, "Reading "+sanitize.Line(r.App.Name)+m.Styles.Glyphs.Ellipsis), func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		app, profiles, profErr, err := readApp(ctx, svc, id)
		if err != nil {
			return editDocMsg{seq: seq, err: err}
		}
		var ids []string
		if profErr == nil {
			ids = profileIDs(profiles)
		}
		doc, err := appDoc(app, ids)
		return editDocMsg{seq: seq, start: start, app: app, doc: doc, profErr: profErr, err: err}
	})
}

// readingKey marks the "Reading…" toast of an edit's read.
const readingKey = "apps.read"

func (m *Model) onEditDoc(msg editDocMsg) tea.Cmd {
	if msg.seq != m.reqSeq {
		return nil
	}
	if msg.err != nil {
		err := msg.err
		return tea.Batch(common.EndToast(readingKey),
			func() tea.Msg { return common.ErrorMsg{Title: "Could not read the app to edit", Err: err} })
	}
	t := m.appTarget(msg.app, msg.doc, msg.profErr == nil)
	cmd := tea.Batch(common.EndToast(readingKey), m.openFlow(t, msg.start, nil))
	if msg.profErr != nil {
		return tea.Batch(cmd, common.Toast(common.ToastWarning,
			"Access profiles not editable: listing them was refused ("+common.ErrorText(msg.profErr)+")"))
	}
	return cmd
}

// appTarget maps an app to what the edit flow needs.
func (m *Model) appTarget(a client.SourceApp, doc []byte, profilesKnown bool) editflow.Target {
	svc, id := m.opts.Service, a.ID
	return editflow.Target{
		What:   fmt.Sprintf("app %q", sanitize.Line(a.Name)),
		Doc:    doc,
		Rules:  patchdiff.SourceAppRules(),
		Fields: m.appFields(profilesKnown),
		Apply: func(ctx context.Context, p patchdiff.Patch) (editflow.Applied, error) {
			app, out, err := svc.PatchSourceAppOutcome(ctx, id, p)
			if err != nil {
				return editflow.Applied{}, err
			}
			ids := app.AccessProfiles
			if ids == nil {
				ids = []string{}
			}
			doc, err := appDoc(*app, ids)
			return editflow.Applied{Doc: doc, Outcome: out}, err
		},
		Fetch: func(ctx context.Context) ([]byte, error) {
			app, profiles, profErr, err := readApp(ctx, svc, id)
			if err != nil {
				if client.IsNotFound(err) {
					return nil, errors.New("the app is gone from the server: it was deleted meanwhile")
				}
				return nil, err
			}
			var ids []string
			if profErr == nil {
				ids = profileIDs(profiles)
			}
			return appDoc(app, ids)
		},
		Audit: m.opts.Audit,
		Entry: m.entry(audit.ActionPatchApp, a),
	}
}

// entry is an audit entry's template for an action on app a.
func (m *Model) entry(action string, a client.SourceApp) audit.Entry {
	e := audit.Entry{Action: action, BaseURL: m.opts.BaseURL, Kind: audit.KindApp, ResourceID: a.ID, Name: a.Name,
		ActorID: m.opts.IdentityID, ActorName: m.opts.IdentityName}
	if a.Owner != nil {
		e.OwnerID, e.OwnerName = a.Owner.ID, a.Owner.Name
	}
	return e
}

// appFields are the form's rows: the nine patchable fields, then the
// rest read-only.
func (m *Model) appFields(profilesKnown bool) []editdoc.Field {
	profiles := editdoc.Field{Name: "accessProfiles", Label: "access profiles", Kind: editdoc.StringList}
	if !profilesKnown {
		profiles = editdoc.Field{Name: "accessProfiles", Label: "access profiles (not readable)", Kind: editdoc.Raw, ReadOnly: true}
	}
	owners, sources := m.knownOwners(), m.knownSources()
	return []editdoc.Field{
		{Name: "id", Kind: editdoc.Raw, ReadOnly: true},
		{Name: "name", Required: true},
		{Name: "description", Required: true},
		{Name: "enabled", Kind: editdoc.Toggle},
		{Name: "owner", Kind: editdoc.Reference, Required: true, Suggestions: capped(owners), Labels: owners},
		{Name: "provisionRequestEnabled", Label: "access requests", Kind: editdoc.Toggle},
		{Name: "appCenterEnabled", Label: "app center", Kind: editdoc.Toggle},
		{Name: "accountSource", Label: "account source", Kind: editdoc.Reference, Required: true, Suggestions: capped(sources),
			Labels: sources},
		{Name: "matchAllAccounts", Label: "match all accounts", Kind: editdoc.Toggle},
		profiles,
		{Name: "created", Kind: editdoc.Raw, ReadOnly: true},
		{Name: "modified", Kind: editdoc.Raw, ReadOnly: true},
		{Name: "cloudAppId", Label: "cloud app id", Kind: editdoc.Raw, ReadOnly: true},
	}
}

// knownOwners are the identities the session has seen, id → name: owners
// of the loaded apps and (KnownIdentities) of the loaded tokens.
func (m *Model) knownOwners() map[string]string {
	out := map[string]string{}
	if m.opts.KnownIdentities != nil {
		maps.Copy(out, m.opts.KnownIdentities())
	}
	for _, a := range m.rows.Items() {
		if o := a.Owner; o != nil && o.ID != "" {
			out[o.ID] = o.Name
		}
	}
	return out
}

// knownSources are the loaded apps' account sources, id → name.
func (m *Model) knownSources() map[string]string {
	out := map[string]string{}
	for _, a := range m.rows.Items() {
		if s := a.AccountSource; s != nil && s.ID != "" {
			out[s.ID] = s.Name
		}
	}
	return out
}

// capped sorts a set's keys, at most 1000 (completion stays quick).
func capped(set map[string]string) []string {
	out := slices.Sorted(maps.Keys(set))
	return out[:min(len(out), 1000)]
}

func (m *Model) openFlow(t editflow.Target, start editflow.Start, edited []byte) tea.Cmd {
	return m.edits.Open(m.Common, t, start, edited)
}

// onApplied puts the server's new version in the row; the change is
// remembered for undo.
func (m *Model) onApplied(msg editflow.AppliedMsg) tea.Cmd {
	if !m.edits.Applied(msg) {
		return nil // another view's edit
	}
	var after client.SourceApp
	if err := json.Unmarshal(msg.After, &after); err != nil || after.ID == "" {
		return m.load()
	}
	n := -1
	if after.AccessProfiles != nil {
		n = len(after.AccessProfiles)
	}
	after.AccessProfiles = nil
	return m.replaceApp(after, n)
}

// startUndo proposes the inverse of the last applied edit, guarded by
// tests of the values it wrote, through the same preview.
func (m *Model) startUndo() tea.Cmd { return m.edits.Undo(m.Common, nil) }

// replaceApp swaps one app's record, keeping its place, the cursor and
// the marks; profiles (≥ 0) updates the known access-profile count.
func (m *Model) replaceApp(a client.SourceApp, profiles int) tea.Cmd {
	if profiles >= 0 {
		p := maps.Clone(m.profiles)
		p[a.ID] = profiles
		m.profiles = p
	}
	return m.rows.Replace(a)
}
