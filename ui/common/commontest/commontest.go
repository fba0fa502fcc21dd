// Package commontest is test support for golden views: styles and a Common
// drawn through a renderer pinned to one colour profile and a dark
// background, so a snapshot does not depend on the terminal that runs the
// tests. Only tests import it.
package commontest

import (
	"io"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
)

// Styles builds theme t for colour profile p on a dark background. The
// renderer writes nowhere, so nothing is asked of the terminal.
func Styles(t themes.Theme, p termenv.Profile) *themes.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(p)
	r.SetHasDarkBackground(true)
	return themes.NewStyles(t, r)
}

// Common is a Common with the default theme in profile p and the clock
// now; its size is left for the caller to set.
func Common(p termenv.Profile, now func() time.Time) common.Common {
	return common.New(Styles(themes.Default(), p), now)
}
