package common

import "github.com/sailtui/sailtui/themes"

// SessionGlyph marks the token sailtui is signed in with. It lives here
// rather than in themes.Glyphs because only the UI has the notion of a
// session; it follows the theme's ASCII choice like every other glyph.
func SessionGlyph(s *themes.Styles) string {
	if s != nil && s.Theme.ASCII {
		return "@"
	}
	return "◆"
}
