package editflow

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/edit/conflict"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/edit/exteditor"
	"github.com/sailtui/sailtui/ui/edit/preview"
)

// Messages of the flow's own commands carry its number.
type (
	editorReadyMsg struct {
		flow int
		path string
		err  error
	}
	editorDoneMsg struct {
		flow int
		err  error
	}
	editorSavedMsg struct {
		flow int
		data []byte
		err  error
	}
	appliedMsg struct {
		flow, req int
		res       Applied
		err       error
		auditErr  error
	}
	fetchedMsg struct {
		flow, req int
		doc       []byte
		err       error
	}
)

// Update implements common.Modal.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case editorReadyMsg:
		if msg.flow == m.flow {
			return m.onEditorReady(msg)
		}
	case editorDoneMsg:
		if msg.flow == m.flow {
			return m.onEditorDone(msg)
		}
	case editorSavedMsg:
		if msg.flow == m.flow {
			return m.onEditorSaved(msg)
		}
	case appliedMsg:
		if msg.flow == m.flow && msg.req == m.req {
			return m.onApplied(msg)
		}
	case fetchedMsg:
		if msg.flow == m.flow && msg.req == m.req {
			return tea.Batch(common.EndToast(m.fetchKey()), m.onFetched(msg))
		}
	case editform.SubmitMsg:
		if msg.ID == m.opts.ID && m.mode == modeForm {
			return m.toPreview(msg.Doc)
		}
	case editform.CancelMsg:
		if msg.ID == m.opts.ID && m.mode == modeForm {
			return m.close("Edit cancelled: nothing sent")
		}
	case preview.ApplyMsg:
		if msg.ID == m.opts.ID && m.mode == modePreview {
			return m.apply()
		}
	case preview.EditMsg:
		if msg.ID == m.opts.ID && m.mode == modePreview {
			return m.backToEditing()
		}
	case preview.DiscardMsg:
		if msg.ID == m.opts.ID && m.mode == modePreview {
			return m.close("Edit discarded: nothing sent")
		}
	case conflict.RebaseMsg:
		if msg.ID == m.opts.ID && m.mode == modeConflict {
			// The edit now stands on the server's version; a form opened
			// later starts from it, with the rebased values filled in.
			m.base, m.form = msg.Base, nil
			m.target.Note = "Rebased on the server's current version: review again before applying."
			return m.toPreview(msg.Doc)
		}
	case conflict.CancelMsg:
		if msg.ID == m.opts.ID && m.mode == modeConflict {
			return m.close("Edit dropped: nothing sent")
		}
	case tea.KeyMsg:
		return m.updateKey(msg)
	}
	return nil
}

func (m *Model) updateKey(msg tea.KeyMsg) tea.Cmd {
	switch m.mode {
	case modeForm:
		return m.form.Update(msg)
	case modePreview:
		return m.preview.Update(msg)
	case modeConflict:
		return m.conflict.Update(msg)
	}
	return nil
}

// close ends the flow: the modal goes, the temp file too, and a toast
// says what happened.
func (m *Model) close(text string) tea.Cmd {
	cmds := []tea.Cmd{common.PopModal(m.opts.ID), common.Toast(common.ToastInfo, text)}
	if m.path != "" {
		path := m.path
		m.path = ""
		cmds = append(cmds, func() tea.Msg { _ = os.Remove(path); return nil })
	}
	return tea.Batch(cmds...)
}

// toPreview diffs edited against the base and shows the preview. A local
// error (invalid document, a required field emptied) goes back to where
// the edit came from.
func (m *Model) toPreview(edited []byte) tea.Cmd {
	res, err := patchdiff.Diff(m.base, edited, m.target.Rules)
	if err != nil {
		if m.source == modeEditor {
			return m.openEditor(m.body, []string{"Error: " + err.Error()})
		}
		m.mode = modeForm
		return common.Toast(common.ToastError, "Not previewed: "+err.Error())
	}
	m.edited, m.result = edited, res
	wire, err := res.Patch.MarshalJSON()
	if err != nil {
		return m.fail("cannot encode the patch: " + err.Error())
	}
	p := preview.New(m.Common, preview.Input{
		ID:    m.opts.ID,
		Title: "Preview: " + m.verb() + " " + m.target.What,
		View:  patchdiff.Preview(m.base, res),
		Wire:  wire,
		Note:  m.previewNote(edited),
	})
	p.SetSize(m.Width, m.Height)
	m.preview, m.mode = &p, modePreview
	return nil
}

func (m *Model) verb() string {
	if m.target.Verb != "" {
		return m.target.Verb
	}
	return "edit"
}

// backToEditing returns to the form (values kept) or reopens the editor
// with the user's text.
func (m *Model) backToEditing() tea.Cmd {
	if m.source == modeEditor {
		body := m.body
		if body == nil {
			body, _ = exteditor.Indent(m.edited)
		}
		return m.openEditor(body, nil)
	}
	if m.form == nil {
		return m.openForm()
	}
	m.mode = modeForm
	return nil
}

// apply sends the patch shown on the preview: intent, request, outcome.
func (m *Model) apply() tea.Cmd {
	m.req++
	m.preview.SetApplying(true)
	m.preview.SetServerError(nil)
	flow, req, t, patch, now, base := m.flow, m.req, m.target, m.result.Patch, m.Now, m.base
	wire, _ := patch.MarshalJSON()
	return func() tea.Msg {
		out := appliedMsg{flow: flow, req: req}
		if !t.Rules.Guard && t.Fetch != nil {
			// A patch without test guards (one the server takes only
			// unguarded): the fields it changes are checked against a fresh
			// read first, and a change meanwhile is a conflict, not sent.
			if out.err = unchanged(t, base, patch); out.err != nil {
				return out
			}
		}
		op := audit.NewOp()
		entry := func(r audit.Result) audit.Entry {
			e := t.Entry
			e.Time, e.Op, e.Ops, e.Result = now().UTC(), op, wire, r
			return e
		}
		if t.Audit != nil {
			if err := t.Audit.Append(entry(audit.ResultIntent)); err != nil {
				out.err = fmt.Errorf("not sent: %w", err)
				return out
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), applyTimeout)
		defer cancel()
		out.res, out.err = t.Apply(ctx, patch)
		if t.Audit != nil {
			e := outcomeEntry(entry, out.res, out.err)
			if err := t.Audit.Append(e); err != nil {
				out.auditErr = err
			}
		}
		return out
	}
}

// outcomeEntry records what an apply did.
func outcomeEntry(entry func(audit.Result) audit.Entry, res Applied, err error) audit.Entry {
	if err == nil {
		e := entry(audit.ResultPatched)
		e.Status, e.TrackingID = res.Outcome.Status, res.Outcome.TrackingID
		return e
	}
	r := audit.ResultFailed
	switch {
	case isConflict(err):
		r = audit.ResultConflict
	case client.IsOutcomeUnknown(err):
		r = audit.ResultUnknown
	}
	e := entry(r)
	e.Error = err.Error()
	if ae, ok := client.AsAPIError(err); ok {
		e.Status, e.TrackingID, e.Error = ae.Status, ae.TrackingID, ae.Message()
	}
	return e
}

// unchanged reports, as ErrChangedMeanwhile, a member the patch changes
// whose value on the server is no longer the one in base.
func unchanged(t Target, base []byte, p patchdiff.Patch) error {
	ctx, cancel := context.WithTimeout(context.Background(), applyTimeout)
	defer cancel()
	cur, err := t.Fetch(ctx)
	if err != nil {
		return fmt.Errorf("not sent: could not read it again first: %w", err)
	}
	for _, op := range p {
		name := strings.TrimPrefix(op.Path, "/")
		if i := strings.IndexByte(name, '/'); i >= 0 {
			name = name[:i]
		}
		was, _, err1 := patchdiff.Member(base, name)
		now, _, err2 := patchdiff.Member(cur, name)
		if err := errors.Join(err1, err2); err != nil {
			return fmt.Errorf("not sent: %w", err)
		}
		if !patchdiff.SameValue(was, now) {
			return fmt.Errorf("%s %w", name, client.ErrChangedMeanwhile)
		}
	}
	return nil
}

func isConflict(err error) bool { return client.IsConflict(err) || patchdiff.IsConflict(err) }

func (m *Model) onApplied(msg appliedMsg) tea.Cmd {
	m.preview.SetApplying(false)
	if msg.err == nil {
		return m.succeeded(msg)
	}
	if isConflict(msg.err) && m.target.Fetch != nil {
		m.req++
		m.mode = modeFetching
		flow, req, fetch := m.flow, m.req, m.target.Fetch
		return tea.Batch(common.UnderWay(common.ToastWarning, m.fetchKey(), "Changed on the server meanwhile: loading its version"+m.Styles.Glyphs.Ellipsis),
			func() tea.Msg {
				ctx, cancel := context.WithTimeout(context.Background(), applyTimeout)
				defer cancel()
				doc, err := fetch(ctx)
				return fetchedMsg{flow: flow, req: req, doc: doc, err: err}
			})
	}
	m.preview.SetServerError(common.ErrorLines(msg.err))
	return nil
}

func (m *Model) succeeded(msg appliedMsg) tea.Cmd {
	changed := fieldsOf(m.result.Patch)
	text := fmt.Sprintf("Updated %s: %s", m.target.What, strings.Join(changed, ", "))
	level := common.ToastSuccess
	if msg.auditErr != nil {
		text += "; not recorded in the audit log: " + msg.auditErr.Error()
		level = common.ToastWarning
	}
	applied := AppliedMsg{ID: m.opts.ID, Flow: m.flow, Before: m.base, After: msg.res.Doc, Patch: m.result.Patch, Target: m.target}
	cmds := []tea.Cmd{common.PopModal(m.opts.ID), common.Toast(level, text), func() tea.Msg { return applied }}
	if m.path != "" {
		path := m.path
		m.path = ""
		cmds = append(cmds, func() tea.Msg { _ = os.Remove(path); return nil })
	}
	return tea.Batch(cmds...)
}

func (m *Model) onFetched(msg fetchedMsg) tea.Cmd {
	if msg.err != nil {
		m.mode = modePreview
		m.preview.SetServerError(append([]string{"A test guard failed (the server's version changed) and loading it failed too:"},
			common.ErrorLines(msg.err)...))
		return nil
	}
	fields, err := conflict.Analyse(m.base, msg.doc, m.edited, m.target.Rules)
	if err != nil {
		m.mode = modePreview
		m.preview.SetServerError([]string{"cannot compare with the server's version: " + err.Error()})
		return nil
	}
	c := conflict.New(m.Common, m.opts.ID, m.target.What, msg.doc, fields)
	c.SetSize(m.Width, m.Height)
	m.conflict, m.mode = &c, modeConflict
	return nil
}

// fieldsOf names the top-level fields a patch changes, in order.
func fieldsOf(p patchdiff.Patch) []string {
	var out []string
	seen := map[string]bool{}
	for _, op := range p {
		if op.Op == "test" {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(op.Path, "/"), "/")
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

var errNoRunner = errors.New("no way to run the editor")

// previewNote is the target's note and what each changed reference now
// points at, by name: the patch sends bare ids.
func (m *Model) previewNote(edited []byte) string {
	parts := editdoc.ReferenceNames(m.base, edited, m.target.Fields)
	if m.target.Note != "" {
		parts = append([]string{m.target.Note}, parts...)
	}
	return strings.Join(parts, " · ")
}

// fetchKey marks the toast of a conflict's fetch: it goes when the
// server's version arrives.
func (m *Model) fetchKey() string { return m.opts.ID + ".fetch" }
