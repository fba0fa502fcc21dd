package clients

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/bulkrun"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// Runs over many clients: x disables (a guarded patch each: test
// /enabled true, replace /enabled false), u in its summary enables them
// again, d deletes. Each is confirmed with every client named, runs on the
// shared executor with the progress panel, cancel, the 429 countdown and
// the retry of the failed, and is audited per client, intent first.
// Internal clients are left out unless included (m), and the client
// sailtui signed in with never takes part.

// spec is what one run does to each client.
type spec = bulkrun.Spec[client.OAuthClient]

// pendingRun is what the open confirm dialog asks about.
type pendingRun struct {
	items []client.OAuthClient
	spec  spec
	// undo: put back what a run did, to every one of its items
	// (internal ones it took part in are not left out again).
	undo bool
}

// selection is what a bulk key acts on: the marked clients, or else the
// selected one; marked says which.
func (m *Model) selection() (cs []client.OAuthClient, marked bool) {
	if m.rows.Marks().Len() > 0 {
		return m.rows.MarkedItems(), true
	}
	if c := m.rows.SelectedItem(); c != nil {
		cs = append(cs, *c)
	}
	return cs, false
}

// startDisable asks before disabling the selection's enabled clients.
func (m *Model) startDisable() tea.Cmd {
	cs, marked := m.selection()
	var on []client.OAuthClient
	for _, c := range cs {
		if c.Enabled {
			on = append(on, c)
		}
	}
	switch {
	case len(cs) == 0:
		return common.Toast(common.ToastInfo, "Nothing to disable: mark API clients with space, or select one")
	case len(on) == 0:
		return common.Toast(common.ToastInfo, "Nothing to disable: "+timefmt.Plural(len(cs), "API client")+" disabled already")
	}
	return m.ask(pendingRun{items: on, spec: m.enabledSpec(false)}, marked, confirm.Request{Verb: "Disable",
		Consequence: "A disabled client can no longer sign in; its integration stops until it is enabled again (u in the summary).",
		Details:     []string{"sent per client: " + enabledPatch(false).String()}})
}

// startDelete asks before deleting the selection.
func (m *Model) startDelete() tea.Cmd {
	cs, marked := m.selection()
	if len(cs) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to delete: mark API clients with space, or select one")
	}
	return m.ask(pendingRun{items: cs, spec: m.deleteSpec()}, marked, confirm.Request{
		Details: []string{"Its integrations stop at once; a new client would have a new id and secret."}})
}

// ask opens the confirm dialog for the run r.
func (m *Model) ask(r pendingRun, marked bool, base confirm.Request) tea.Cmd {
	if m.bulk != nil && !m.bulk.Done() {
		return common.Toast(common.ToastWarning, "A run is still going: wait for it, or cancel it")
	}
	var visible map[string]struct{}
	if marked {
		visible = map[string]struct{}{}
		for _, id := range m.rows.Visible() {
			visible[id] = struct{}{}
		}
	}
	base.ID, base.Noun, base.Special, base.SpecialWhy = confirmID, "API client", "internal", "used inside the product itself"
	req := confirm.Selected(base, r.items, visible, func(c *client.OAuthClient) string { return c.ID }, m.isSession,
		func(c *client.OAuthClient) bool { return c.Internal && !r.undo },
		func(c *client.OAuthClient) confirm.Example {
			n, id := labels(c)
			return confirm.Example{Name: n, Owner: id}
		})
	m.pending.Ask(confirmID, r)
	return common.PushModal(confirmID, common.NewValueModal(confirm.New(m.Common, req)))
}

// onConfirm starts the confirmed run, without the session's client and,
// unless included, the internal ones.
func (m *Model) onConfirm(msg confirm.ResultMsg) tea.Cmd {
	pend, pop, ok := m.pending.Answer(msg)
	if !ok {
		return nil // another dialog's answer
	}
	if !msg.Confirmed {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing "+pend.spec.Verbs.Done))
	}
	var cs []client.OAuthClient
	for _, c := range pend.items {
		if !m.isSession(&c) && (!c.Internal || msg.IncludeManaged || pend.undo) {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing "+pend.spec.Verbs.Done+": only internal clients or sailtui's own were selected"))
	}
	s := pend.spec
	s.Title = capitalise(s.Verbs.Doing) + " " + timefmt.Plural(len(cs), "API client")
	m.runSeq++
	run, cmd := bulkrun.Start(m.Common, m.runSeq, m.opts.Audit, progressID, cs, func(c client.OAuthClient) progress.Item {
		n, id := labels(&c)
		return progress.Item{ID: c.ID, Name: n, Owner: id}
	}, s, m.withPlan(s, cs))
	m.bulk = run
	return tea.Batch(pop, cmd)
}

// enabledPatch sets enabled to v, guarded by a test of the other value:
// a client someone changed meanwhile is refused, not overwritten.
func enabledPatch(v bool) patchdiff.Patch {
	return patchdiff.Patch{
		{Op: "test", Path: "/enabled", Value: json.RawMessage(strconv.FormatBool(!v))},
		{Op: "replace", Path: "/enabled", Value: json.RawMessage(strconv.FormatBool(v))},
	}
}

// enabledSpec disables (v false) or enables clients, one guarded PATCH
// each; a disable can be undone from its summary.
func (m *Model) enabledSpec(v bool) spec {
	svc, ops := m.opts.Service, enabledPatch(v)
	action, verbs := audit.ActionDisableClient, progress.Verbs{Doing: "disabling", Done: "disabled", Noun: "disable"}
	if v {
		action, verbs = audit.ActionEnableClient, progress.Verbs{Doing: "enabling", Done: "enabled", Noun: "enable"}
	}
	raw := json.RawMessage(ops.String())
	s := spec{
		Verbs: verbs,
		Run: func(ctx context.Context, ids []string, opts client.BulkOptions, onEvent func(client.BulkEvent)) client.BulkSummary {
			opts.SettledNotDone = "the client read back after the run is not " + verbs.Done + ": not changed"
			return client.RunBulk(ctx, ids, func(ctx context.Context, id string) (client.Outcome, error) {
				_, out, err := svc.PatchOAuthClientOutcome(ctx, id, ops)
				return out, err
			}, opts, onEvent)
		},
		Settle: func(ctx context.Context, ids []string) (map[string]bool, error) {
			notDone := make(map[string]bool, len(ids))
			for _, id := range ids {
				c, err := svc.GetOAuthClient(ctx, id)
				switch {
				case client.IsNotFound(err):
					notDone[id] = true
				case err != nil:
					return nil, fmt.Errorf("read API client %s back: %w", id, err)
				default:
					notDone[id] = c.Enabled != v
				}
			}
			return notDone, nil
		},
		Intent: func(at time.Time, op string, c client.OAuthClient) audit.Entry {
			e := m.entry(action, c)
			e.Time, e.Op, e.Ops, e.Result = at.UTC(), op, raw, audit.ResultIntent
			return e
		},
		Outcome: func(at time.Time, op string, c client.OAuthClient, ev client.BulkEvent) audit.Entry {
			e := m.entry(action, c)
			e.Op, e.Ops = op, raw
			return audit.PatchOutcome(at, e, ev)
		},
	}
	if !v {
		s.Undo = func(done []client.OAuthClient) (spec, []client.OAuthClient) { return m.enabledSpec(true), done }
	}
	return s
}

// deleteSpec deletes clients one request each; an unknown outcome is
// settled by reading the client (gone: deleted).
func (m *Model) deleteSpec() spec {
	svc := m.opts.Service
	return spec{
		Verbs: progress.DeleteVerbs(),
		Run: func(ctx context.Context, ids []string, opts client.BulkOptions, onEvent func(client.BulkEvent)) client.BulkSummary {
			return client.RunBulk(ctx, ids, svc.DeleteOAuthClientOutcome, opts.AsDeletes(), onEvent)
		},
		Settle: func(ctx context.Context, ids []string) (map[string]bool, error) { return present(ctx, svc, ids) },
		Intent: func(at time.Time, op string, c client.OAuthClient) audit.Entry {
			e := m.entry(audit.ActionDeleteClient, c)
			e.Time, e.Op, e.Result = at.UTC(), op, audit.ResultIntent
			return e
		},
		Outcome: func(at time.Time, op string, c client.OAuthClient, ev client.BulkEvent) audit.Entry {
			e := m.entry(audit.ActionDeleteClient, c)
			e.Op = op
			return audit.Outcome(at, e, ev)
		},
	}
}

// present reads each client: whether it is still there.
func present(ctx context.Context, svc Service, ids []string) (map[string]bool, error) {
	return client.Present(ctx, ids, func(ctx context.Context, id string) error {
		_, err := svc.GetOAuthClient(ctx, id)
		return err
	})
}

// updateRun handles the run's messages; ok is false for anything else.
func (m *Model) updateRun(msg tea.Msg) (tea.Cmd, bool) {
	cmd, ok, closed := m.bulk.Update(msg, bulkrun.Hooks{
		Items: m.onItems,
		Finished: func() tea.Cmd {
			if why := m.bulk.AuditReason(); why != "" {
				m.keys.DisableChanges(why)
			}
			return m.load()
		},
		Retry: m.retry,
		Undo:  m.onUndoRun,
	})
	if closed {
		m.bulk = nil
	}
	return cmd, ok
}

// onItems drops the marks of clients a run is done with; a delete's rows
// go too, so the list never shows a client the server no longer has.
func (m *Model) onItems(events []client.BulkEvent) tea.Cmd {
	return m.rows.Finished(bulkrun.Finished(events), m.bulk != nil && m.bulk.Spec.Verbs.CountsGone)
}

// retry asks again for exactly the clients a run could not do.
func (m *Model) retry(ids []string) tea.Cmd {
	cs := m.bulk.Pick(ids)
	if len(cs) == 0 {
		return nil
	}
	s := m.bulk.Spec
	return m.ask(pendingRun{items: cs, spec: s}, true, confirm.Request{Verb: capitalise(s.Verbs.Noun)})
}

// onUndoRun answers the panel's u: the disabled clients enabled again,
// through the same confirm.
func (m *Model) onUndoRun(msg progress.UndoMsg) tea.Cmd {
	run := m.bulk
	m.bulk = nil
	pop := common.PopModal(progressID)
	if run == nil || run.Spec.Undo == nil {
		return pop
	}
	s, cs := run.Spec.Undo(run.Pick(msg.IDs))
	if len(cs) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing to undo"))
	}
	return tea.Batch(pop, m.ask(pendingRun{items: cs, spec: s, undo: true}, false, confirm.Request{Verb: "Enable",
		Consequence: "Each client is enabled only where it is still disabled (a guarded PATCH).",
		Details:     []string{"Undo of the disable just run; sent per client: " + enabledPatch(true).String()}}))
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
