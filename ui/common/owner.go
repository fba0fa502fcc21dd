package common

import (
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
