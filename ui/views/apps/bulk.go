package apps

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/bulkrun"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// progressID is the progress panel's id on the shell's stack.
const progressID = "apps.progress"

// chunkConcurrency is how many bulk-update requests are in flight.
const chunkConcurrency = 2

// appSpec is what one run does to each app.
type appSpec = bulkrun.Spec[client.SourceApp]

// chunkedUpdate sends each app its patch through the bulk update,
// client.MaxBulkUpdate to a request, chunkConcurrency requests at once;
// apps with different patches never share a request. Setting values is
// safe to resend, so the client retries it like a GET; what a 5xx still
// leaves open is settled by reading the apps back (appsShowChange). A
// change with after values (an undo) leaves out, unsent, any app that no
// longer has them: bulk-update has no test op, so this is its guard.
func chunkedUpdate(svc Service, pc *pendingChange) func(ctx context.Context, ids []string, opts client.BulkOptions,
	onEvent func(client.BulkEvent)) client.BulkSummary {
	return func(ctx context.Context, ids []string, opts client.BulkOptions, onEvent func(client.BulkEvent)) client.BulkSummary {
		opts.SettledNotDone = "the app read back after the run does not show the change: not changed"
		ch := client.Chunked{Size: client.MaxBulkUpdate, Concurrency: chunkConcurrency,
			Group: func(id string) string { return pc.patchOf(id).String() },
			Send: func(ctx context.Context, ids []string) (client.Outcome, map[string]error, error) {
				out, err := svc.BulkUpdateSourceAppsOutcome(ctx, client.BulkUpdateRequest{AppIDs: ids, JSONPatch: pc.patchOf(ids[0])})
				return out, nil, err
			}}
		if pc.after != nil {
			ch.Check = stillAsSet(svc, pc)
		}
		return client.RunChunks(ctx, ids, ch, opts, onEvent)
	}
}

// stillAsSet reads each app of a chunk and leaves out those whose fields
// the patch touches no longer hold what the run set (changed meanwhile)
// or that are gone.
func stillAsSet(svc Service, pc *pendingChange) func(ctx context.Context, ids []string) (map[string]error, error) {
	return func(ctx context.Context, ids []string) (map[string]error, error) {
		out := map[string]error{}
		for _, id := range ids {
			app, err := svc.GetSourceApp(ctx, id)
			switch {
			case client.IsNotFound(err):
				out[id] = client.ErrNotListed
				continue
			case err != nil:
				return nil, fmt.Errorf("read app %s before sending: %w", id, err)
			}
			now, err := json.Marshal(app)
			if err != nil {
				return nil, err
			}
			if !patchdiff.SameAt(now, pc.after[id], pc.patchOf(id)) {
				out[id] = client.ErrChangedMeanwhile
			}
		}
		return out, nil
	}
}

// appsShowChange reads the apps back after a run and reports those that
// do not show their patch applied (the change is not in effect); an app
// gone meanwhile does not.
func appsShowChange(svc Service, pc *pendingChange) func(ctx context.Context, ids []string) (map[string]bool, error) {
	return func(ctx context.Context, ids []string) (map[string]bool, error) {
		notDone := make(map[string]bool, len(ids))
		for _, id := range ids {
			app, err := svc.GetSourceApp(ctx, id)
			switch {
			case client.IsNotFound(err):
				notDone[id] = true
				continue
			case err != nil:
				return nil, fmt.Errorf("read app %s back: %w", id, err)
			}
			doc, err := json.Marshal(app)
			if err != nil {
				return nil, err
			}
			patched, err := patchdiff.Apply(doc, pc.patchOf(id))
			notDone[id] = err != nil || !patchdiff.SameValue(doc, patched)
		}
		return notDone, nil
	}
}

// resultOf is the audit result of an app's final state; done is what
// success is called (patched, deleted).
func resultOf(st client.ItemState, done audit.Result) audit.Result {
	if st == client.ItemDone {
		return done
	}
	return audit.ResultOf(st)
}

// opsOf is the audit's record of what a change sends an app (nil for a
// delete).
func opsOf(pc *pendingChange) func(id string) json.RawMessage {
	return func(id string) json.RawMessage {
		if pc == nil || pc.del {
			return nil
		}
		return json.RawMessage(pc.patchOf(id).String())
	}
}

// outcomeEntry records an app's final state in a run.
func (m *Model) outcomeEntry(action string, done audit.Result, ops func(string) json.RawMessage) func(time.Time, string, client.SourceApp,
	client.BulkEvent) audit.Entry {
	return func(at time.Time, op string, a client.SourceApp, ev client.BulkEvent) audit.Entry {
		e := m.entry(action, a)
		e.Time, e.Op, e.Ops, e.Result = at.UTC(), op, ops(a.ID), resultOf(ev.State, done)
		if !ev.At.IsZero() {
			e.Time = ev.At.UTC()
		}
		if ev.State == client.ItemDone {
			e.Status, e.TrackingID = ev.Outcome.Status, ev.Outcome.TrackingID
			if ev.Settled {
				e.Note = "outcome confirmed by check after the run"
			}
		}
		if ev.Err != nil {
			e.Error = ev.Err.Error()
			if ae, ok := client.AsAPIError(ev.Err); ok {
				e.Status, e.TrackingID, e.Error = ae.Status, ae.TrackingID, ae.Message()
			}
			if ev.State == client.ItemSkipped {
				e.Error = "cancelled before it was sent"
			}
		}
		return e
	}
}

func (m *Model) intentEntry(action string, ops func(string) json.RawMessage) func(time.Time, string, client.SourceApp) audit.Entry {
	return func(at time.Time, op string, a client.SourceApp) audit.Entry {
		e := m.entry(action, a)
		e.Time, e.Op, e.Ops, e.Result = at.UTC(), op, ops(a.ID), audit.ResultIntent
		return e
	}
}

// runBulkUpdate sends each app its patch, in chunks: one patch for all
// (a toggle, a bulk edit), or each app's own (an undo).
func (m *Model) runBulkUpdate(pc pendingChange) tea.Cmd {
	m.lastRun = &pc
	spec := m.updateSpec(&pc)
	return m.runBulk(pc.apps, spec)
}

// updateSpec is the run of a change; undo builds the one that puts each
// app's previous values back.
func (m *Model) updateSpec(pc *pendingChange) appSpec {
	action, title := audit.ActionBulkUpdateApp, "Updating "+timefmt.Plural(len(pc.apps), "app")+" · "+pc.what
	if pc.after != nil {
		title = "Restoring " + timefmt.Plural(len(pc.apps), "app") + " · " + pc.what
	}
	what := pc.what
	spec := appSpec{
		Verbs:   progress.Verbs{Doing: "updating", Done: "updated", Noun: "update"},
		Title:   title,
		Run:     chunkedUpdate(m.opts.Service, pc),
		Settle:  appsShowChange(m.opts.Service, pc),
		Intent:  m.intentEntry(action, opsOf(pc)),
		Outcome: m.outcomeEntry(action, audit.ResultPatched, opsOf(pc)),
		Summary: func(s client.BulkSummary) (common.ToastLevel, string) {
			level := common.ToastSuccess
			if s.Failed+s.Unknown > 0 {
				level = common.ToastWarning
			}
			return level, "Updated " + timefmt.Plural(s.Done, "app") + " (" + what + "), failed " + strconv.Itoa(s.Failed) +
				", skipped " + strconv.Itoa(s.Skipped)
		},
	}
	if pc.after == nil { // an undo is not undone in turn: e edits again
		spec.Undo = func(done []client.SourceApp) (appSpec, []client.SourceApp) {
			r := restoreChange(pc, done)
			return m.updateSpec(&r), r.apps
		}
	}
	return spec
}

// startDelete asks before deleting the marked apps, or the selected one.
func (m *Model) startDelete() tea.Cmd {
	apps := m.markedApps()
	if len(apps) == 0 {
		r := m.selected()
		if r == nil {
			return common.Toast(common.ToastInfo, "Nothing to delete: select or mark an app")
		}
		apps = []client.SourceApp{*r.App}
	}
	return m.confirmDelete(apps)
}

func (m *Model) confirmDelete(apps []client.SourceApp) tea.Cmd {
	m.pending.Ask(confirmID, pendingChange{apps: apps, del: true})
	req := confirm.Request{ID: confirmID, Count: len(apps), Noun: "app", Examples: examples(apps),
		Details: []string{"Its access profiles stay; they are no longer offered through this app."}}
	return common.PushModal(confirmID, common.NewValueModal(confirm.New(m.Common, req)))
}

// runDelete deletes apps one request each (there is no bulk delete).
func (m *Model) runDelete(apps []client.SourceApp) tea.Cmd {
	svc := m.opts.Service
	spec := appSpec{
		Verbs: progress.DeleteVerbs(),
		Title: "Deleting " + timefmt.Plural(len(apps), "app"),
		Run: func(ctx context.Context, ids []string, opts client.BulkOptions, onEvent func(client.BulkEvent)) client.BulkSummary {
			return client.RunBulk(ctx, ids, func(ctx context.Context, id string) (client.Outcome, error) {
				_, out, err := svc.DeleteSourceAppOutcome(ctx, id)
				return out, err
			}, opts.AsDeletes(), onEvent)
		},
		// An unknown outcome is settled by reading the app: gone (404)
		// means deleted.
		Settle: func(ctx context.Context, ids []string) (map[string]bool, error) {
			return client.Present(ctx, ids, func(ctx context.Context, id string) error {
				_, err := svc.GetSourceApp(ctx, id)
				return err
			})
		},
		Intent:  m.intentEntry(audit.ActionDeleteApp, opsOf(nil)),
		Outcome: m.outcomeEntry(audit.ActionDeleteApp, audit.ResultDeleted, opsOf(nil)),
	}
	m.lastRun = &pendingChange{del: true}
	return m.runBulk(apps, spec)
}

func (m *Model) runBulk(apps []client.SourceApp, spec appSpec) tea.Cmd {
	m.runSeq++
	m.runDone = nil
	run, cmd := bulkrun.Start(m.Common, m.runSeq, m.opts.Audit, progressID, apps, func(a client.SourceApp) progress.Item {
		return progress.Item{ID: a.ID, Name: a.Name, Owner: sourceapps.OwnerName(a.Owner)}
	}, spec, spec)
	m.bulk = run
	return cmd
}

// updateBulk handles the run's messages; ok is false for anything else.
func (m *Model) updateBulk(msg tea.Msg) (tea.Cmd, bool) {
	cmd, ok, closed := m.bulk.Update(msg, bulkrun.Hooks{
		Items: func(events []client.BulkEvent) tea.Cmd {
			for _, ev := range events {
				switch {
				case ev.State == client.ItemDone:
					m.runDone = append(m.runDone, ev.ID)
					if m.lastRun != nil && m.lastRun.del {
						m.rows.Marks().Remove(ev.ID)
					}
				case ev.State == client.ItemGone || ev.State == client.ItemGoneAfterRetry:
					m.rows.Marks().Remove(ev.ID)
				}
			}
			return nil
		},
		Finished: func() tea.Cmd {
			if why := m.bulk.AuditReason(); why != "" {
				m.keys.DisableChanges(why)
			}
			done := m.runDone
			m.runDone = nil
			return m.afterRun(done)
		},
		// Retry asks again, for exactly the apps that failed.
		Retry: func(ids []string) tea.Cmd {
			apps, last := m.bulk.Pick(ids), m.lastRun
			if len(apps) == 0 || last == nil {
				return nil
			}
			if last.del {
				return m.confirmDelete(apps)
			}
			again := *last
			again.apps = apps
			return m.confirmChange(again)
		},
		Undo: m.onUndoRun,
	})
	if closed {
		m.bulk = nil
	}
	return cmd, ok
}

// Stop ends a run still going when the program exits (see
// common.Stopper).
func (m *Model) Stop(deadline <-chan struct{}) []common.Stopped {
	if st, ok := m.bulk.Stop(deadline, "apps"); ok {
		return []common.Stopped{st}
	}
	return nil
}

// afterRun puts what a run did into the list without listing the tenant
// again (a 100k list is 400 requests): deleted apps leave it, and updated
// ones get the patch the server applied, with modified now. r lists again.
func (m *Model) afterRun(done []string) tea.Cmd {
	last := m.lastRun
	if last == nil || len(done) == 0 {
		return nil
	}
	ids := make(map[string]bool, len(done))
	for _, id := range done {
		ids[id] = true
	}
	if last.del {
		return m.rows.SetItems(slices.DeleteFunc(slices.Clone(m.rows.Items()), func(a client.SourceApp) bool { return ids[a.ID] }))
	}
	apps, now := slices.Clone(m.rows.Items()), m.Now()
	for i := range apps {
		if !ids[apps[i].ID] {
			continue
		}
		doc, err := json.Marshal(apps[i])
		if err == nil {
			doc, err = patchdiff.Apply(doc, last.patchOf(apps[i].ID))
		}
		var a client.SourceApp
		if err == nil {
			err = json.Unmarshal(doc, &a)
		}
		if err != nil { // cannot tell what the app looks like now: ask the server
			return m.load()
		}
		a.Modified = now
		apps[i] = a
		m.rows.Marks().Update(a.ID, a)
	}
	return m.rows.SetItems(apps)
}
