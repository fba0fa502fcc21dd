// Package themes turns a small set of semantic colour tokens into the one
// Styles struct every view draws with. It knows lipgloss, not Bubble Tea.
package themes

import (
	"fmt"
	"sort"
	"strings"
)

// Color is one semantic colour with a value for light and for dark
// terminals. An empty Color means "terminal default" (no colour at all).
// Values are anything lipgloss accepts: "#rrggbb" or an ANSI number "1".."255".
type Color struct {
	Light string `json:"light,omitempty" yaml:"light,omitempty"`
	Dark  string `json:"dark,omitempty" yaml:"dark,omitempty"`
}

// Same returns a Color that is identical on light and dark backgrounds.
func Same(c string) Color { return Color{Light: c, Dark: c} }

// IsZero reports whether the colour is unset.
func (c Color) IsZero() bool { return c.Light == "" && c.Dark == "" }

// Theme is a set of semantic tokens. The struct tags are the token names a
// theme file will use (gh-dash style: text.primary, status.warning ...), so a
// loader for user files can decode straight into it.
type Theme struct {
	Name string `json:"name" yaml:"name"`

	TextPrimary   Color `json:"text.primary" yaml:"text.primary"`
	TextSecondary Color `json:"text.secondary" yaml:"text.secondary"`
	TextFaint     Color `json:"text.faint" yaml:"text.faint"`
	TextInverted  Color `json:"text.inverted" yaml:"text.inverted"`
	Accent        Color `json:"accent" yaml:"accent"`

	StatusOK      Color `json:"status.ok" yaml:"status.ok"`
	StatusInfo    Color `json:"status.info" yaml:"status.info"`
	StatusWarning Color `json:"status.warning" yaml:"status.warning"`
	StatusDanger  Color `json:"status.danger" yaml:"status.danger"`

	RowSelected Color `json:"row.selected" yaml:"row.selected"` // background of the cursor row
	RowMarked   Color `json:"row.marked" yaml:"row.marked"`     // foreground of marked rows

	Border       Color `json:"border" yaml:"border"`
	BorderActive Color `json:"border.active" yaml:"border.active"`
	BarBg        Color `json:"bar.background" yaml:"bar.background"` // status bar background

	DiffAdded   Color `json:"diff.added" yaml:"diff.added"`
	DiffRemoved Color `json:"diff.removed" yaml:"diff.removed"`
	DiffHunk    Color `json:"diff.hunk" yaml:"diff.hunk"`

	// Mono draws emphasis with attributes (bold, reverse, underline) instead
	// of colour; every colour token is ignored.
	Mono bool `json:"mono,omitempty" yaml:"mono,omitempty"`
	// ASCII swaps the glyphs for plain ASCII (for fonts without symbols).
	ASCII bool `json:"ascii,omitempty" yaml:"ascii,omitempty"`
}

// Default is adaptive: readable on both dark and light terminals.
func Default() Theme {
	return Theme{
		Name:          "default",
		TextPrimary:   Color{Light: "#1f2328", Dark: "#e6edf3"},
		TextSecondary: Color{Light: "#57606a", Dark: "#adbac7"},
		TextFaint:     Color{Light: "#8c959f", Dark: "#636e7b"},
		TextInverted:  Color{Light: "#ffffff", Dark: "#0d1117"},
		Accent:        Color{Light: "#0969da", Dark: "#6cb6ff"},
		StatusOK:      Color{Light: "#1a7f37", Dark: "#57ab5a"},
		StatusInfo:    Color{Light: "#0969da", Dark: "#539bf5"},
		StatusWarning: Color{Light: "#9a6700", Dark: "#daaa3f"},
		StatusDanger:  Color{Light: "#cf222e", Dark: "#f47067"},
		RowSelected:   Color{Light: "#ddf4ff", Dark: "#2d333b"},
		RowMarked:     Color{Light: "#8250df", Dark: "#dcbdfb"},
		Border:        Color{Light: "#d0d7de", Dark: "#444c56"},
		BorderActive:  Color{Light: "#0969da", Dark: "#6cb6ff"},
		BarBg:         Color{Light: "#f6f8fa", Dark: "#22272e"},
		DiffAdded:     Color{Light: "#1a7f37", Dark: "#57ab5a"},
		DiffRemoved:   Color{Light: "#cf222e", Dark: "#f47067"},
		DiffHunk:      Color{Light: "#0550ae", Dark: "#96d0ff"},
	}
}

// HighContrast uses the 16 basic ANSI colours at full intensity, which every
// terminal palette keeps far apart.
func HighContrast() Theme {
	return Theme{
		Name:          "high-contrast",
		TextPrimary:   Color{Light: "0", Dark: "15"},
		TextSecondary: Color{Light: "0", Dark: "15"},
		TextFaint:     Color{Light: "8", Dark: "7"},
		TextInverted:  Color{Light: "15", Dark: "0"},
		Accent:        Same("12"),
		StatusOK:      Color{Light: "2", Dark: "10"},
		StatusInfo:    Color{Light: "4", Dark: "14"},
		StatusWarning: Color{Light: "3", Dark: "11"},
		StatusDanger:  Color{Light: "1", Dark: "9"},
		RowSelected:   Color{Light: "14", Dark: "4"},
		RowMarked:     Color{Light: "5", Dark: "13"},
		Border:        Color{Light: "0", Dark: "15"},
		BorderActive:  Same("12"),
		BarBg:         Color{Light: "7", Dark: "0"},
		DiffAdded:     Color{Light: "2", Dark: "10"},
		DiffRemoved:   Color{Light: "1", Dark: "9"},
		DiffHunk:      Color{Light: "4", Dark: "14"},
	}
}

// Mono has no colours at all; it is also what NO_COLOR selects.
func Mono() Theme { return Theme{Name: "mono", Mono: true} }

// builtins maps names to constructors (a function, so no shared mutable value).
func builtins() map[string]func() Theme {
	return map[string]func() Theme{
		"default":       Default,
		"high-contrast": HighContrast,
		"mono":          Mono,
	}
}

// Names lists the built-in theme names, sorted.
func Names() []string {
	var names []string
	for n := range builtins() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ByName returns a built-in theme.
func ByName(name string) (Theme, error) {
	if f, ok := builtins()[strings.ToLower(strings.TrimSpace(name))]; ok {
		return f(), nil
	}
	return Theme{}, fmt.Errorf("unknown theme %q (built-in themes: %s)", name, strings.Join(Names(), ", "))
}

// Resolve picks the theme to use: a built-in or a file in dir (see Find);
// NO_COLOR (any non-empty value, see no-color.org) then forces mono
// whatever was asked for; an empty name is default. A bad name is an
// error even under NO_COLOR.
func Resolve(name, dir string, noColor bool) (Theme, error) {
	if strings.TrimSpace(name) == "" {
		name = "default"
	}
	t, err := Find(name, dir)
	if err != nil {
		return Theme{}, err
	}
	if noColor {
		return Mono(), nil
	}
	return t, nil
}
