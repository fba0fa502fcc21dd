package tokens

import (
	"context"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// Owners' states: read in the background once a list has arrived (never
// before the first frame, never holding up the list), for the owners not
// known yet, in batches (owners.Lookup), then the admin capabilities of
// the owners of all-powerful tokens. Cached for the session; r reads them
// again. The snapshot is swapped atomically: a row build off the event
// loop reads it.

// ownersTimeout bounds one round of lookups, pacing included.
const ownersTimeout = 5 * time.Minute

// maxCapabilityReads bounds the auth-user reads of one round: one request
// each, paced with everything else.
const maxCapabilityReads = 200

// ownersMsg is one round's answer.
type ownersMsg struct {
	seq   int
	infos map[string]owners.Info
	caps  bool // the capabilities round
	err   error
}

// directory is the owners known now.
func (m *Model) directory() owners.Directory {
	if d := m.ownerDir.Load(); d != nil {
		return *d
	}
	return owners.Directory{}
}

// ownerOf is what is known of owner id.
func (m *Model) ownerOf(id string) owners.Info { return m.directory().Get(id) }

// explain is the stale rule as this session applies it: with the owner's
// state unless the rule is off (staleWhenOwnerInactive: false).
func (m *Model) explain(t *client.PersonalAccessToken) stale.Verdict {
	o := owners.Info{}
	if !m.opts.OwnerRuleOff {
		o = m.ownerOf(t.Owner.ID)
	}
	return pats.ExplainWith(t, m.Now(), m.opts.StaleAfter, o)
}

// readOwners starts a round for the owners of the loaded tokens that are
// not known yet (all of them when again).
func (m *Model) readOwners(again bool) tea.Cmd {
	svc := m.opts.Owners
	if svc == nil {
		return nil
	}
	d := m.directory()
	var ids []string
	seen := map[string]bool{}
	for _, t := range m.rows.Items() {
		id := t.Owner.ID
		if id != "" && !seen[id] && (again || !d.Has(id)) {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	m.ownerSeq++
	seq := m.ownerSeq
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ownersTimeout)
		defer cancel()
		infos, err := owners.Lookup(ctx, svc, ids)
		return ownersMsg{seq: seq, infos: infos, err: err}
	}
}

// readCapabilities reads the admin capabilities of the owners of
// all-powerful tokens not read yet.
func (m *Model) readCapabilities() tea.Cmd {
	svc, d := m.opts.Owners, m.directory()
	var ids []string
	seen := map[string]bool{}
	for _, t := range m.rows.Items() {
		id := t.Owner.ID
		i := d.Get(id)
		if id == "" || seen[id] || i.CapsKnown || i.CapsWhy != "" || !slices.Contains(t.Scope, "sp:scopes:all") {
			continue
		}
		seen[id] = true
		ids = append(ids, id)
	}
	if svc == nil || len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	ids = ids[:min(len(ids), maxCapabilityReads)]
	seq := m.ownerSeq
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ownersTimeout)
		defer cancel()
		infos, err := owners.Capabilities(ctx, svc, d, ids)
		return ownersMsg{seq: seq, infos: infos, caps: true, err: err}
	}
}

// onOwners takes a round's answer: what it read goes in (a failed round
// keeps what it got), the rows are judged again, and the capabilities
// round follows the states'.
func (m *Model) onOwners(msg ownersMsg) tea.Cmd {
	if msg.seq != m.ownerSeq {
		return nil // an older round: a refresh started another
	}
	d := m.directory().With(msg.infos)
	m.ownerDir.Store(&d)
	m.countStale(m.rows.Items())
	cmds := []tea.Cmd{m.rows.Rebuild()}
	if msg.err != nil {
		m.opts.Logger.Warn("owner states", "err", msg.err)
		cmds = append(cmds, common.Toast(common.ToastWarning, "Owner states incomplete: "+common.ErrorText(msg.err)+" (r reads them again)"))
	}
	if !msg.caps {
		cmds = append(cmds, m.readCapabilities())
	}
	return tea.Batch(cmds...)
}

// ownerLines are the owner's state for the details: who to ask (the
// manager), lifecycle status, admin capabilities and last login, or why
// they are not known.
func ownerLines(i owners.Info, reading bool) []string {
	switch {
	case !reading:
		return nil
	case i.State == owners.Unknown:
		return []string{"state: not read yet"}
	case i.State == owners.Refused:
		return []string{"state: unknown: the identity APIs were refused (" + i.Why + ")"}
	}
	out := []string{"state: " + i.Label()}
	if i.Manager != "" {
		out = append(out, "manager: "+i.Manager+" (who to ask)")
	}
	switch {
	case i.CapsKnown && len(i.Capabilities) > 0:
		out = append(out, "capabilities: "+strings.Join(i.Capabilities, ", "))
	case i.CapsKnown:
		out = append(out, "capabilities: none")
	case i.CapsWhy != "":
		out = append(out, "capabilities: not readable ("+i.CapsWhy+")")
	}
	if i.LastLogin != nil {
		out = append(out, "last login: "+timefmt.Absolute(*i.LastLogin))
	}
	return out
}
