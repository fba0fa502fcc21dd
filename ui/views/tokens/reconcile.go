package tokens

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/audit"
)

// Settler is the Tokens view's part in settling what a crash left open
// (audit.Settle): a token delete is settled by whether the token is still
// listed, tenant-wide when allowed, else among the caller's own, which
// settles only the intents for tokens this identity owns.
func (m *Model) Settler() audit.Settler {
	svc, me := m.opts.Service, m.opts.IdentityID
	return audit.Settler{
		Kind: audit.KindPAT, Noun: "token",
		Deletes: func(action string) bool { return action == audit.ActionDeletePAT },
		Present: func(ctx context.Context, intents []audit.Entry) (map[string]bool, string, error) {
			ids := make([]string, len(intents))
			for i, e := range intents {
				ids[i] = e.ResourceID
			}
			mine := false
			present, err := svc.PresentPATs(ctx, "", ids)
			if client.IsForbidden(err) {
				mine = true
				present, err = svc.PresentPATs(ctx, "me", ids)
			}
			if err != nil {
				return nil, "", err
			}
			out := make(map[string]bool, len(intents))
			for _, e := range intents {
				if !mine || e.OwnerID == me {
					out[e.ResourceID] = present[e.ResourceID]
				}
			}
			return out, "not visible to this identity", nil
		},
	}
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
			return nil // settling at start reports an unreadable log
		}
		return scheduleMsg{at: audit.ScheduledExpiries(entries, baseURL)}
	}
}

// scheduledBySailtui reports whether tok's expiry is one sailtui set.
func (m *Model) scheduledBySailtui(tok *client.PersonalAccessToken) bool {
	at, ok := m.scheduled[tok.ID]
	return ok && tok.ExpirationDate != nil && tok.ExpirationDate.Equal(at)
}
