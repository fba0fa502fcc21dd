package tokens

import (
	"context"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/audit"
	"github.com/sailtui/sailtui/ui/common"
)

// reconcileTimeout bounds the start-up check of intents a crash left open.
const reconcileTimeout = time.Minute

// reconciledMsg reports the start-up check of open intents: deletes an
// earlier sailtui sent (or was about to send) for this tenant and never
// recorded the outcome of, because it was killed or lost its terminal.
type reconciledMsg struct {
	deleted, present int // settled and recorded
	undecided        int // not visible to this identity, or not recorded (read-only)
	unreadable       int // log lines that are not entries (skipped)
	// unknown are other changes (edits, expiries) left open: closed as
	// outcome unknown, since the token cannot tell whether they happened.
	unknown int
	err     error
}

// reconcile finds the open intents in the audit log and settles each
// against the server: gone → recorded as deleted, present → recorded as
// not deleted, both "outcome confirmed after restart". It runs off the
// event loop at start. A read-only session checks and says, but writes
// nothing.
func (m *Model) reconcile() tea.Cmd {
	log := m.opts.Audit
	if log == nil || m.opts.AuditErr != nil {
		return nil
	}
	svc, baseURL, now, actor, me, readOnly := m.opts.Service, m.opts.BaseURL, m.Now, m.actor(), m.opts.IdentityID, m.opts.ReadOnly
	return func() tea.Msg {
		entries, unreadable, err := audit.ReadTolerant(log.Path())
		if err != nil {
			return reconciledMsg{err: err}
		}
		// Deletes are settled by whether the token is still there; a
		// token's other changes cannot be told from it afterwards and are
		// closed as unknown. App changes are the Apps view's to settle.
		var open, other []audit.Entry
		for _, e := range audit.OpenIntents(entries, baseURL) {
			switch {
			case audit.IsAppAction(e.Action):
			case e.Action == audit.ActionDeletePAT:
				open = append(open, e)
			default:
				other = append(other, e)
			}
		}
		if len(other) > 0 && !readOnly {
			closed := make([]audit.Entry, len(other))
			for i, e := range other {
				closed[i] = audit.Unsettled(now(), e, actor)
			}
			if err := log.Append(closed...); err != nil {
				return reconciledMsg{undecided: len(open) + len(other), unreadable: unreadable, err: err}
			}
		}
		if len(open) == 0 {
			if unreadable > 0 || len(other) > 0 {
				return reconciledMsg{unreadable: unreadable, unknown: len(other)}
			}
			return nil
		}
		ids := make([]string, len(open))
		for i, e := range open {
			ids[i] = e.TokenID
		}
		ctx, cancel := context.WithTimeout(context.Background(), reconcileTimeout)
		defer cancel()
		// Tenant-wide when allowed; else the caller's own, which settles
		// only the intents for tokens this identity owns.
		allVisible := true
		present, err := svc.PresentPATs(ctx, "", ids)
		if client.IsForbidden(err) {
			allVisible = false
			present, err = svc.PresentPATs(ctx, "me", ids)
		}
		if err != nil {
			return reconciledMsg{undecided: len(open), err: err}
		}
		res := reconciledMsg{unreadable: unreadable, unknown: len(other)}
		var out []audit.Entry
		for _, e := range open {
			if (!allVisible && e.OwnerID != me) || readOnly {
				res.undecided++
				continue
			}
			gone := !present[e.TokenID]
			out = append(out, audit.Reconciled(now(), e, actor, gone))
			if gone {
				res.deleted++
			} else {
				res.present++
			}
		}
		if err := log.Append(out...); err != nil {
			return reconciledMsg{undecided: len(open), unreadable: unreadable, err: err}
		}
		return res
	}
}

// onReconciled tells the user what the check found.
func (m *Model) onReconciled(msg reconciledMsg) tea.Cmd {
	if msg.err != nil {
		what := "An earlier run's unrecorded deletes could not be checked"
		if msg.undecided > 0 {
			what = fmt.Sprintf("%s from an earlier run could not be checked", plural(msg.undecided, "unrecorded delete"))
		}
		return common.Toast(common.ToastWarning, what+": "+common.ErrorText(msg.err))
	}
	settled := msg.deleted + msg.present
	text := ""
	if settled > 0 {
		text = fmt.Sprintf("An earlier run ended mid-delete: %s confirmed after restart (%d deleted, %d still present), now in the audit log",
			plural(settled, "outcome"), msg.deleted, msg.present)
	}
	if msg.undecided > 0 {
		if text != "" {
			text += "; "
		}
		why := "not visible to this identity"
		if m.opts.ReadOnly {
			why = "read-only: start without --read-only to record them"
		}
		text += fmt.Sprintf("%s from an earlier run still unrecorded (%s)", plural(msg.undecided, "delete"), why)
	}
	if msg.unknown > 0 {
		if text != "" {
			text += "; "
		}
		text += fmt.Sprintf("%s from an earlier run had no recorded answer: now recorded as outcome unknown (:audit shows them)",
			plural(msg.unknown, "token change"))
	}
	if msg.unreadable > 0 {
		if text != "" {
			text += "; "
		}
		text += fmt.Sprintf("the audit log has %s that could not be read, skipped (:audit shows them)",
			plural(msg.unreadable, "line"))
	}
	if text == "" {
		return nil
	}
	return common.Toast(common.ToastWarning, capitalize(text))
}

// scheduleMsg carries the expiries sailtui set, read from the audit log.
type scheduleMsg struct{ at map[string]time.Time }

// readSchedule reads which tokens' expiry a sailtui bulk expiry set, so
// the list can say "scheduled by sailtui" (at start and after each run).
func (m *Model) readSchedule() tea.Cmd {
	log := m.opts.Audit
	if log == nil {
		return nil
	}
	baseURL := m.opts.BaseURL
	return func() tea.Msg {
		entries, _, err := audit.ReadTolerant(log.Path())
		if err != nil {
			return nil // the reconcile check reports an unreadable log
		}
		return scheduleMsg{at: audit.ScheduledExpiries(entries, baseURL)}
	}
}

// scheduledBySailtui reports whether tok's expiry is one sailtui set.
func (m *Model) scheduledBySailtui(tok *client.PersonalAccessToken) bool {
	at, ok := m.scheduled[tok.ID]
	return ok && tok.ExpirationDate != nil && tok.ExpirationDate.Equal(at)
}
