package apps

import (
	"context"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/audit"
	"github.com/sailtui/sailtui/ui/common"
)

// At start, the app changes an earlier run sent (or was about to send)
// and never recorded the answer of are settled: a delete by reading the
// app (404: it was deleted), anything else closed as outcome unknown,
// since the app cannot tell whether it happened. Token changes are the
// Tokens view's to settle.

const reconcileTimeout = time.Minute

type reconciledMsg struct {
	deleted, present, unknown, undecided int
	err                                  error
}

func (m *Model) reconcile() tea.Cmd {
	log := m.opts.Audit
	if log == nil || m.opts.AuditErr != nil || m.opts.Service == nil {
		return nil
	}
	svc, base, now, readOnly := m.opts.Service, m.opts.BaseURL, m.Now, m.opts.ReadOnly
	actor := audit.Actor{ID: m.opts.IdentityID, Name: m.opts.IdentityName}
	return func() tea.Msg {
		entries, _, err := audit.ReadTolerant(log.Path())
		if err != nil {
			return reconciledMsg{err: err}
		}
		var open []audit.Entry
		for _, e := range audit.OpenIntents(entries, base) {
			if audit.IsAppAction(e.Action) {
				open = append(open, e)
			}
		}
		if len(open) == 0 {
			return nil
		}
		if readOnly {
			return reconciledMsg{undecided: len(open)}
		}
		ctx, cancel := context.WithTimeout(context.Background(), reconcileTimeout)
		defer cancel()
		var res reconciledMsg
		out := make([]audit.Entry, 0, len(open))
		for _, e := range open {
			if e.Action != audit.ActionDeleteApp {
				out = append(out, audit.Unsettled(now(), e, actor))
				res.unknown++
				continue
			}
			_, err := svc.GetSourceApp(ctx, e.AppID)
			switch {
			case client.IsNotFound(err):
				out = append(out, audit.Reconciled(now(), e, actor, true))
				res.deleted++
			case err == nil:
				out = append(out, audit.Reconciled(now(), e, actor, false))
				res.present++
			default:
				res.undecided++
				res.err = err
			}
		}
		if err := log.Append(out...); err != nil {
			return reconciledMsg{undecided: len(open), err: err}
		}
		return res
	}
}

func (m *Model) onReconciled(msg reconciledMsg) tea.Cmd {
	var parts []string
	if n := msg.deleted + msg.present; n > 0 {
		parts = append(parts, fmt.Sprintf("%s confirmed after restart (%d deleted, %d still present)",
			common.Plural(n, "app delete"), msg.deleted, msg.present))
	}
	if msg.unknown > 0 {
		parts = append(parts, common.Plural(msg.unknown, "app change")+" recorded as outcome unknown")
	}
	if msg.undecided > 0 {
		why := "read-only: start without --read-only to record them"
		if msg.err != nil {
			why = common.ErrorText(msg.err)
		}
		parts = append(parts, fmt.Sprintf("%s still unrecorded (%s)", common.Plural(msg.undecided, "app change"), why))
	}
	if len(parts) == 0 {
		return nil
	}
	text := "An earlier run ended mid-change: "
	for i, p := range parts {
		if i > 0 {
			text += "; "
		}
		text += p
	}
	return common.Toast(common.ToastWarning, text+" (:audit shows them)")
}
