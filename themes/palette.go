package themes

import (
	"io"
	"strconv"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// palette resolves colour tokens for one renderer: its colour profile and
// its dark/light guess, both read once when the styles are built.
//
// lipgloss converts a colour on every Render; under a 256- or 16-colour
// profile that is a nearest-colour search over the palette in HSLuv space,
// done again for every cell of every frame. Handing lipgloss the colour
// already converted (an ANSI index it only has to parse) makes that work
// happen once per theme instead.
type palette struct {
	profile termenv.Profile
	dark    bool
}

func newPalette(r *lipgloss.Renderer, t Theme) palette {
	p := palette{profile: r.ColorProfile(), dark: true}
	// Only ask about the background when a colour depends on it: the
	// question may go to the terminal (OSC 11), and mono has no colours.
	if !t.Mono && p.profile != termenv.Ascii {
		p.dark = r.HasDarkBackground()
	}
	return p
}

// color is the token's value for this background, converted to the
// profile: "#rrggbb" under TrueColor, an index "16".."255" under ANSI256,
// "0".."15" under ANSI, no colour under Ascii or for an unset or invalid
// value.
func (p palette) color(c Color) lipgloss.TerminalColor {
	v := c.Light
	if p.dark {
		v = c.Dark
	}
	if v == "" {
		return lipgloss.NoColor{}
	}
	switch tc := p.profile.Color(v).(type) {
	case termenv.ANSIColor:
		return lipgloss.Color(strconv.Itoa(int(tc)))
	case termenv.ANSI256Color:
		return lipgloss.Color(strconv.Itoa(int(tc)))
	case termenv.RGBColor:
		return lipgloss.Color(string(tc))
	default: // NoColor (Ascii) or nil (a value termenv cannot parse)
		return lipgloss.NoColor{}
	}
}

// NewRenderer returns the renderer the app draws theme t with on w.
//
// NO_COLOR (or CLICOLOR=0) makes termenv choose the Ascii profile, which
// drops bold, reverse and underline along with colour. The mono theme, the
// one NO_COLOR selects, draws the cursor row, focused buttons and badges
// with exactly those attributes, so when colour was switched off by the
// environment on a terminal that can draw them, the profile is raised to
// ANSI: mono emits no colour, so NO_COLOR still holds.
func NewRenderer(w io.Writer, t Theme, opts ...termenv.OutputOption) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(w, opts...)
	out := r.Output()
	if t.Mono && out.EnvNoColor() && out.ColorProfile() != termenv.Ascii {
		r.SetColorProfile(termenv.ANSI)
	}
	return r
}
