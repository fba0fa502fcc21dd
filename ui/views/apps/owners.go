package apps

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/ownerbook"
)

// Owners' states (ui/widgets/ownerbook), as on Tokens: read once every
// page is in, for the owners not known yet (all again after r), and drawn
// before the owner's name.

// readOwners starts a round for the loaded apps' owners.
func (m *Model) readOwners() tea.Cmd {
	again := m.ownersAgain
	m.ownersAgain = false
	ids := make([]string, 0, m.rows.Len())
	for _, a := range m.rows.Items() {
		if a.Owner != nil {
			ids = append(ids, a.Owner.ID)
		}
	}
	return m.owners.Read(ids, again)
}

// onOwners takes a round's answer; the next frame draws it.
func (m *Model) onOwners(msg ownerbook.Msg) tea.Cmd {
	if !m.owners.Update(msg) || msg.Err == nil {
		return nil
	}
	return common.Toast(common.ToastWarning, "Owner states incomplete: "+common.ErrorText(msg.Err)+" (r reads them again)")
}
