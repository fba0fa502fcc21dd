package common

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/data/owners"
)

// OwnerMark is an owner state's glyph and the ink it is drawn in, the
// same in every view: active, away (short term), left (long term or no
// identity), not read yet, refused.
func OwnerMark(s *themes.Styles, st owners.State) (string, themes.Ink) {
	g := s.Glyphs
	switch st {
	case owners.Active:
		return g.OwnerActive, s.Row.OK
	case owners.Away:
		return g.OwnerAway, s.Row.Warn
	case owners.Left, owners.Missing:
		return g.OwnerLeft, s.Row.Danger
	case owners.Refused:
		return g.OwnerRefused, s.Row.Off
	}
	return g.OwnerUnread, s.Row.Off
}

// SweepMsg asks every view to show one identity's credentials only (the
// leaver sweep); an empty ID ends it. The shell hands it to every view
// that sweeps: the sweep is the session's, so Tokens and Apps show the
// same person's tokens and apps, and L in either ends it in both.
type SweepMsg struct{ ID, Name string }

// Sweep starts the sweep of identity id (named name), or ends it when id
// is empty.
func Sweep(id, name string) tea.Cmd {
	return func() tea.Msg { return SweepMsg{ID: id, Name: name} }
}
