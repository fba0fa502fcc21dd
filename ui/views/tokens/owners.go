package tokens

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/widgets/detail"
	"github.com/sailtui/sailtui/ui/widgets/ownerbook"
)

// Owners' states (ui/widgets/ownerbook): read in the background once a
// list has arrived, for the owners not known yet (all of them again on
// r), then the admin capabilities of the owners of all-powerful tokens.

// ownerOf is what is known of owner id.
func (m *Model) ownerOf(id string) owners.Info { return m.owners.Get(id) }

// explain is the stale rule as this session applies it: with the owner's
// state unless the rule is off (staleWhenOwnerInactive: false).
func (m *Model) explain(t *client.PersonalAccessToken) stale.Verdict {
	o := owners.Info{}
	if !m.opts.OwnerRuleOff {
		o = m.ownerOf(t.Owner.ID)
	}
	return pats.ExplainWith(t, m.Now(), m.opts.StaleAfter, o)
}

// readOwners starts a round for the loaded tokens' owners.
func (m *Model) readOwners(again bool) tea.Cmd {
	ids := make([]string, 0, m.rows.Len())
	for _, t := range m.rows.Items() {
		ids = append(ids, t.Owner.ID)
	}
	return m.owners.Read(ids, again)
}

// onOwners takes a round's answer: the rows are judged again, and the
// capabilities of the owners of all-powerful tokens follow the states.
func (m *Model) onOwners(msg ownerbook.Msg) tea.Cmd {
	if !m.owners.Update(msg) {
		return nil
	}
	m.countStale(m.rows.Items())
	cmds := []tea.Cmd{m.rows.Rebuild()}
	if msg.Err != nil {
		m.opts.Logger.Warn("owner states", "err", msg.Err)
		cmds = append(cmds, common.Toast(common.ToastWarning, "Owner states incomplete: "+common.ErrorText(msg.Err)+" (r reads them again)"))
	}
	if msg.Caps && m.detailFor != "" {
		cmds = append(cmds, m.detailOwner(m.detailFor))
		m.detailFor = ""
	}
	if !msg.Caps {
		var ids []string
		for _, t := range m.rows.Items() {
			if slices.Contains(t.Scope, "sp:scopes:all") {
				ids = append(ids, t.Owner.ID)
			}
		}
		cmds = append(cmds, m.owners.Capabilities(ids))
	}
	return tea.Batch(cmds...)
}

// detailOwner tells the details of token id (when still open) what is now
// known of its owner.
func (m *Model) detailOwner(id string) tea.Cmd {
	for _, t := range m.rows.Items() {
		if t.ID == id {
			i := m.ownerOf(t.Owner.ID)
			msg := detail.OwnerMsg{TokenID: id, Owner: owners.DetailLines(i, true, false), Risk: pats.RiskOf(&t, m.Now(), i).Phrases()}
			return func() tea.Msg { return msg }
		}
	}
	return nil
}
