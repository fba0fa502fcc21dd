package apps

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
)

// confirmID is the confirm dialog's id on the shell's stack.
const confirmID = "apps.confirm"

// toggleField is a boolean a single key flips.
type toggleField int

const (
	toggleEnabled toggleField = iota
	toggleAppCenter
	toggleRequests
)

func (f toggleField) member() string {
	switch f {
	case toggleAppCenter:
		return "appCenterEnabled"
	case toggleRequests:
		return "provisionRequestEnabled"
	}
	return "enabled"
}

func (f toggleField) label() string {
	switch f {
	case toggleAppCenter:
		return "app center"
	case toggleRequests:
		return "access requests"
	}
	return "enabled"
}

func (f toggleField) of(a client.SourceApp) bool {
	switch f {
	case toggleAppCenter:
		return a.AppCenterEnabled
	case toggleRequests:
		return a.ProvisionRequestEnabled
	}
	return a.Enabled
}

// op is the one operation that sets the field.
func (f toggleField) op(v bool) patchdiff.Op {
	return patchdiff.Op{Op: "replace", Path: "/" + f.member(), Value: json.RawMessage(strconv.FormatBool(v))}
}

// pendingChange is what the open confirm dialog asks about.
type pendingChange struct {
	apps []client.SourceApp
	ops  patchdiff.Patch
	// patches, when set, are each app's own patch (an undo puts back
	// each app's previous values); ops is then nil.
	patches map[string]patchdiff.Patch
	// after are the values a run set, per app: an undo sends an app's
	// patch only while the app still has them.
	after map[string][]byte
	// single: one app, one PATCH (a toggle on the selected row); else a
	// bulk-update of every app in chunks, or (del) a delete.
	single bool
	del    bool
	what   string // "enabled: false → true"
}

// patchOf is what the change sends for app id.
func (p *pendingChange) patchOf(id string) patchdiff.Patch {
	if p.patches != nil {
		return p.patches[id]
	}
	return p.ops
}

// startToggle flips a boolean on the selected app, or sets it on every
// marked app (on for all unless all have it on already), after a compact
// preview.
func (m *Model) startToggle(f toggleField) tea.Cmd {
	if m.rows.Marks().Len() > 0 {
		apps := m.markedApps()
		on := 0
		for _, a := range apps {
			if f.of(a) {
				on++
			}
		}
		v := on < len(apps) // on for all, unless all have it on already
		ops := patchdiff.Patch{f.op(v)}
		return m.confirmChange(pendingChange{apps: apps, ops: ops, what: fmt.Sprintf("%s → %v (%d of %d have it on now)", f.label(), v, on, len(apps))})
	}
	r := m.selected()
	if r == nil {
		return common.Toast(common.ToastInfo, "Nothing to change: select an app")
	}
	old := f.of(*r.App)
	ops := patchdiff.Patch{f.op(!old)}
	what := fmt.Sprintf("%s: %v → %v", f.label(), old, !old)
	m.pending.Ask(confirmID, pendingChange{apps: []client.SourceApp{*r.App}, ops: ops, single: true, what: what})
	req := confirm.Request{ID: confirmID, Count: 1, Noun: "app", Verb: "Change",
		Consequence: "Sent as one PATCH; u does not undo it, the same key does.",
		Examples:    []confirm.Example{{Name: r.App.Name, Owner: sourceapps.OwnerName(r.App.Owner)}},
		Details:     []string{what, "sent: PATCH " + ops[0].Op + " " + ops[0].Path + " " + string(ops[0].Value)}}
	return common.PushModal(confirmID, common.NewValueModal(confirm.New(m.Common, req)))
}

// startDisable is the soft cleanup, x in every view: the marked apps (or
// the selected one) disabled. Apps disabled already are left out, so
// nothing is sent that changes nothing.
func (m *Model) startDisable() tea.Cmd {
	apps := m.markedApps()
	if len(apps) == 0 {
		if r := m.selected(); r != nil {
			apps = []client.SourceApp{*r.App}
		}
	}
	if len(apps) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to disable: mark apps or select one")
	}
	enabled := make([]client.SourceApp, 0, len(apps))
	for _, a := range apps {
		if a.Enabled {
			enabled = append(enabled, a)
		}
	}
	switch {
	case len(enabled) == 0:
		return common.Toast(common.ToastInfo, "Nothing to disable: "+timefmt.Plural(len(apps), "app")+" disabled already")
	case m.rows.Marks().Len() == 0:
		return m.startToggle(toggleEnabled) // the selected app: one PATCH
	}
	what := fmt.Sprintf("enabled → false (%d of %d marked are enabled)", len(enabled), len(apps))
	return m.confirmChange(pendingChange{apps: enabled, ops: patchdiff.Patch{toggleEnabled.op(false)}, what: what})
}

// markedApps are the marked apps, listed ones in list order.
func (m *Model) markedApps() []client.SourceApp {
	out := make([]client.SourceApp, 0, m.rows.Marks().Len())
	for _, id := range m.Marked() {
		if a, ok := m.rows.Marks().Get(id); ok {
			out = append(out, a)
		}
	}
	return out
}

// confirmChange asks before a change goes to many apps through
// bulk-update: one patch for all, or (an undo) each app's own.
func (m *Model) confirmChange(pc pendingChange) tea.Cmd {
	m.pending.Ask(confirmID, pc)
	chunks := (len(pc.apps) + client.MaxBulkUpdate - 1) / client.MaxBulkUpdate
	sent := "sent as " + timefmt.Plural(chunks, "bulk-update request") + " of at most " + strconv.Itoa(client.MaxBulkUpdate) + " apps"
	req := confirm.Request{ID: confirmID, Count: len(pc.apps), Noun: "app", Verb: "Update",
		Consequence: "bulk-update has no per-app test guard: every app gets this value whatever it has now.",
		Examples:    examples(pc.apps),
		Details:     []string{pc.what, "patch for every app: " + pc.ops.String(), sent}}
	if pc.after != nil {
		groups := map[string]bool{}
		for _, a := range pc.apps {
			groups[pc.patchOf(a.ID).String()] = true
		}
		req.Verb = "Restore"
		req.Consequence = "Each app gets back the values it had before the run, read just before each request: " +
			"an app changed since the run is left out, unsent (bulk-update has no test op)."
		req.Details = []string{pc.what, "first app's patch: " + pc.patchOf(pc.apps[0].ID).String(),
			timefmt.Plural(len(groups), "distinct patch") + ", apps sharing one share a request; at least " +
				timefmt.Plural(max(chunks, len(groups)), "bulk-update request")}
	}
	return common.PushModal(confirmID, common.NewValueModal(confirm.New(m.Common, req)))
}

func examples(apps []client.SourceApp) []confirm.Example {
	out := make([]confirm.Example, len(apps))
	for i, a := range apps {
		out[i] = confirm.Example{Name: a.Name, Owner: sourceapps.OwnerName(a.Owner)}
	}
	return out
}

// onToggleConfirm runs what the dialog confirmed.
func (m *Model) onToggleConfirm(msg confirm.ResultMsg) tea.Cmd {
	pend, pop, ok := m.pending.Answer(msg)
	if !ok {
		return nil // another dialog's answer
	}
	if !msg.Confirmed {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing changed"))
	}
	switch {
	case pend.del:
		return tea.Batch(pop, m.runDelete(pend.apps))
	case pend.single:
		return tea.Batch(pop, m.patchOne(pend.apps[0], pend.ops, pend.what))
	}
	return tea.Batch(pop, m.runBulkUpdate(pend))
}

// toggledMsg is a single PATCH's answer.
type toggledMsg struct {
	app  *client.SourceApp
	what string
	err  error
}

// patchOne sends one PATCH, with its audit intent written first and the
// outcome after, off the event loop.
func (m *Model) patchOne(a client.SourceApp, ops patchdiff.Patch, what string) tea.Cmd {
	svc, rec, now := m.opts.Service, audit.NewRecorder(m.opts.Audit), m.Now
	e := m.entry(audit.ActionPatchApp, a)
	e.Op = audit.NewOp()
	e.Ops = json.RawMessage(ops.String())
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		var app *client.SourceApp
		err := rec.Single(e, now, audit.ResultPatched, func(*audit.Entry) (out client.Outcome, err error) {
			app, out, err = svc.PatchSourceAppOutcome(ctx, a.ID, ops)
			return out, err
		})
		return toggledMsg{app: app, what: what, err: err}
	}
}

func (m *Model) onToggled(msg toggledMsg) tea.Cmd {
	if msg.err != nil {
		err := msg.err
		return func() tea.Msg { return common.ErrorMsg{Title: "Could not change " + msg.what, Err: err} }
	}
	n := -1
	if msg.app.AccessProfiles != nil {
		n = len(msg.app.AccessProfiles)
	}
	a := *msg.app
	a.AccessProfiles = nil
	return tea.Batch(m.replaceApp(a, n), common.Toast(common.ToastSuccess, sanitize.Line(a.Name)+": "+msg.what))
}
