package themes

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Glyphs are the symbols that carry meaning beside colour (so the meaning
// survives mono themes and colour blindness).
type Glyphs struct {
	Marked, Unmarked string
	Stale, Managed   string
	OK, Warn, Fail   string
	Gone, Queued     string
	Running          string
	SortAsc, SortDsc string
	Ellipsis         string
	BarFull, BarPart string
	BarEmpty         string
	Arrow            string
	Wait             string // rate-limit / backoff countdown
	// Session marks the token sailtui itself is signed in with.
	Session string
	// Cursor points at the cursor row, so the row is found without colour
	// or reverse video (NO_COLOR, plain-text captures).
	Cursor string
	// Skipped is a bulk item that was never attempted (a cancel); BarSkip
	// draws those items in a progress bar, apart from the ones still to do.
	Skipped, BarSkip string
	// Unknown is a change whose outcome no answer or check could settle.
	Unknown string
	// Scheduled marks an expiry sailtui set (expire instead of delete).
	Scheduled string
	// Folded and Unfolded lead a group header (grouped by owner).
	Folded, Unfolded string
	// Owner states: active, away (short term), left (long term or no
	// identity), not read yet, and refused (the identity APIs said no).
	OwnerActive, OwnerAway, OwnerLeft, OwnerUnread, OwnerRefused string
}

func unicodeGlyphs() Glyphs {
	return Glyphs{
		Marked: "●", Unmarked: " ", Stale: "⚠", Managed: "⚙",
		OK: "✓", Warn: "!", Fail: "✗", Gone: "∅", Queued: "·", Running: "◐",
		SortAsc: "▲", SortDsc: "▼", Ellipsis: "…",
		BarFull: "█", BarPart: "▌", BarEmpty: "░", Arrow: "→", Wait: "◷",
		Session: "◆", Cursor: "›", Skipped: "-", BarSkip: "╌", Unknown: "?", Scheduled: "◴", Folded: "▸", Unfolded: "▾",
		OwnerActive: "●", OwnerAway: "◑", OwnerLeft: "⊘", OwnerUnread: "·", OwnerRefused: "?",
	}
}

func asciiGlyphs() Glyphs {
	return Glyphs{
		Marked: "*", Unmarked: " ", Stale: "!", Managed: "M",
		OK: "+", Warn: "!", Fail: "x", Gone: "0", Queued: ".", Running: "~",
		SortAsc: "^", SortDsc: "v", Ellipsis: "~",
		BarFull: "#", BarPart: "#", BarEmpty: "-", Arrow: "->", Wait: "~",
		Session: "@", Cursor: ">", Skipped: "-", BarSkip: ".", Unknown: "?", Scheduled: "s", Folded: "+", Unfolded: "-",
		OwnerActive: "o", OwnerAway: "~", OwnerLeft: "x", OwnerUnread: ".", OwnerRefused: "?",
	}
}

// Styles is every style the UI uses, derived once from a Theme. Views read
// fields from here; they never build colours themselves.
type Styles struct {
	Theme  Theme
	Glyphs Glyphs
	// plain turns the symbols of a frame into ASCII (ascii themes only).
	plain *strings.Replacer

	Text struct {
		Primary, Secondary, Faint, Bold, Accent lipgloss.Style
	}
	Status struct {
		OK, Info, Warning, Danger lipgloss.Style
	}
	Table struct {
		Header, HeaderSorted lipgloss.Style
		Cell, Selected       lipgloss.Style // Selected is applied to the whole cursor row
		Marked               lipgloss.Style
		Stale, Managed       lipgloss.Style
		Empty                lipgloss.Style // "no tokens match" placeholder
		Match                lipgloss.Style // characters a filter matched
	}
	// Row holds the table's row styles as inks (see Ink): the per-frame
	// hot path paints with these instead of rendering.
	Row struct {
		Cell, Selected, Marked, Stale, Managed, Match, Tag Ink
		// Off is a row that is switched off (a disabled app): text.faint.
		Off Ink
		// OK, Warn and Danger colour a cell's glyph by its status (an
		// owner active, away, gone).
		OK, Warn, Danger Ink
	}
	Bar struct {
		Base, Key, Value, Badge, ReadOnly, Warning lipgloss.Style
	}
	Tabs struct {
		Active, Inactive, Separator lipgloss.Style
	}
	Dialog struct {
		Box, DangerBox, Title, Body  lipgloss.Style
		Button, ButtonFocused        lipgloss.Style
		DangerButtonFocused, Hint    lipgloss.Style
		Input, InputFocused, Invalid lipgloss.Style
	}
	Toast struct {
		Info, Success, Warning, Error lipgloss.Style
	}
	Help struct {
		Key, Desc, Separator, Disabled lipgloss.Style
	}
	Diff struct {
		Added, Removed, Context, Hunk, Header lipgloss.Style
		// AddedWord and RemovedWord mark the words that changed within a
		// changed line; LineNo is the gutter.
		AddedWord, RemovedWord, LineNo lipgloss.Style
	}
	Progress struct {
		Full, Empty lipgloss.Style
		Skipped     lipgloss.Style // items a cancel left unattempted
	}
}

// NewStyles builds Styles for a theme. The renderer decides the colour
// profile and the dark/light guess; tests pass one with a pinned profile, and
// nil means lipgloss's default renderer for stdout. Colours are resolved
// against the renderer's profile and background here, once (see palette).
func NewStyles(t Theme, r *lipgloss.Renderer) *Styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	b := styler{r: r, t: t, col: newPalette(r, t).color, base: r.NewStyle()}
	s := &Styles{Theme: t, Glyphs: unicodeGlyphs()}
	if t.ASCII {
		s.Glyphs, s.plain = asciiGlyphs(), asciiReplacer()
	}
	b.text(s)
	b.table(s)
	b.bars(s)
	b.dialogs(s)
	b.diff(s)
	return s
}

// styler derives styles from a theme's semantic colours.
type styler struct {
	r    *lipgloss.Renderer
	t    Theme
	col  func(Color) lipgloss.TerminalColor
	base lipgloss.Style
}

// fg is text in colour c; mono themes ignore colour entirely.
func (b styler) fg(c Color) lipgloss.Style {
	st := b.r.NewStyle()
	if !b.t.Mono {
		st = st.Foreground(b.col(c))
	}
	return st
}

// badge is inverted text on a colour; in mono it is reverse video.
func (b styler) badge(c Color) lipgloss.Style {
	st := b.r.NewStyle().Bold(true).Padding(0, 1)
	if b.t.Mono {
		return st.Reverse(true)
	}
	return st.Foreground(b.col(b.t.TextInverted)).Background(b.col(c))
}

// text is the plain text and status colours.
func (b styler) text(s *Styles) {
	t := b.t
	s.Text.Primary = b.fg(t.TextPrimary)
	s.Text.Secondary = b.fg(t.TextSecondary)
	s.Text.Faint = b.fg(t.TextFaint)
	if t.Mono {
		s.Text.Faint = b.base.Faint(true)
	}
	s.Text.Bold = b.fg(t.TextPrimary).Bold(true)
	s.Text.Accent = b.fg(t.Accent).Bold(true)

	s.Status.OK = b.fg(t.StatusOK)
	s.Status.Info = b.fg(t.StatusInfo)
	s.Status.Warning = b.fg(t.StatusWarning).Bold(true)
	s.Status.Danger = b.fg(t.StatusDanger).Bold(true)
}

// table is the lists' header, cells and row inks (after text).
func (b styler) table(s *Styles) {
	t := b.t
	s.Table.Header = b.fg(t.TextSecondary).Bold(true)
	s.Table.HeaderSorted = b.fg(t.Accent).Bold(true).Underline(true)
	s.Table.Cell = b.fg(t.TextPrimary)
	s.Table.Selected = b.base.Bold(true)
	if t.Mono {
		s.Table.Selected = s.Table.Selected.Reverse(true)
	} else {
		s.Table.Selected = s.Table.Selected.Background(b.col(t.RowSelected))
	}
	s.Table.Marked = b.fg(t.RowMarked).Bold(true)
	s.Table.Stale = b.fg(t.StatusWarning)
	s.Table.Managed = b.fg(t.StatusInfo)
	s.Table.Empty = s.Text.Faint.Italic(true)
	s.Table.Match = b.fg(t.Accent).Bold(true).Underline(true)
	s.Row.Cell, s.Row.Selected = InkOf(s.Table.Cell), InkOf(s.Table.Selected)
	s.Row.Marked, s.Row.Stale, s.Row.Managed = InkOf(s.Table.Marked), InkOf(s.Table.Stale), InkOf(s.Table.Managed)
	s.Row.Match, s.Row.Tag, s.Row.Off = InkOf(s.Table.Match), InkOf(s.Text.Accent), InkOf(s.Text.Faint)
	s.Row.OK, s.Row.Warn, s.Row.Danger = InkOf(s.Status.OK), InkOf(s.Status.Warning), InkOf(s.Status.Danger)
}

// bars is the status bar, the tabs, toasts and the help bar.
func (b styler) bars(s *Styles) {
	t := b.t
	s.Bar.Base = b.fg(t.TextSecondary)
	if !t.Mono {
		s.Bar.Base = s.Bar.Base.Background(b.col(t.BarBg))
	} else {
		s.Bar.Base = s.Bar.Base.Reverse(true)
	}
	s.Bar.Key = s.Bar.Base.Bold(true)
	s.Bar.Value = s.Bar.Base
	s.Bar.Badge = s.Bar.Base.Bold(true).Padding(0, 1)
	s.Bar.ReadOnly = b.badge(t.StatusWarning)
	s.Bar.Warning = s.Bar.Base.Bold(true)
	if !t.Mono {
		s.Bar.Warning = s.Bar.Warning.Foreground(b.col(t.StatusWarning))
	}

	s.Tabs.Active = b.fg(t.Accent).Bold(true).Underline(true).Padding(0, 1)
	s.Tabs.Inactive = b.fg(t.TextFaint).Padding(0, 1)
	s.Tabs.Separator = b.fg(t.Border)

	s.Toast.Info = b.badge(t.StatusInfo)
	s.Toast.Success = b.badge(t.StatusOK)
	s.Toast.Warning = b.badge(t.StatusWarning)
	s.Toast.Error = b.badge(t.StatusDanger)

	s.Help.Key = b.fg(t.Accent).Bold(true)
	s.Help.Desc = b.fg(t.TextSecondary)
	s.Help.Separator = b.fg(t.TextFaint)
	s.Help.Disabled = s.Text.Faint.Strikethrough(true)
}

// dialogs is boxes, buttons and inputs (after text).
func (b styler) dialogs(s *Styles) {
	t := b.t
	round, thick := lipgloss.RoundedBorder(), lipgloss.ThickBorder()
	if t.ASCII {
		round, thick = lipgloss.ASCIIBorder(), asciiThickBorder()
	}
	box := b.base.Border(round).Padding(0, 1)
	if t.Mono {
		s.Dialog.Box, s.Dialog.DangerBox = box, box.Border(thick)
	} else {
		s.Dialog.Box = box.BorderForeground(b.col(t.BorderActive))
		s.Dialog.DangerBox = box.Border(thick).BorderForeground(b.col(t.StatusDanger))
	}
	s.Dialog.Title = s.Text.Bold
	s.Dialog.Body = s.Text.Primary
	s.Dialog.Button = b.fg(t.TextSecondary).Padding(0, 2)
	s.Dialog.ButtonFocused = b.badge(t.Accent).Padding(0, 2)
	s.Dialog.DangerButtonFocused = b.badge(t.StatusDanger).Padding(0, 2)
	s.Dialog.Hint = s.Text.Faint
	s.Dialog.Input = b.fg(t.TextPrimary)
	s.Dialog.InputFocused = b.fg(t.Accent)
	s.Dialog.Invalid = s.Status.Danger
}

// diff is the preview's diff and the progress bar (after text).
func (b styler) diff(s *Styles) {
	t := b.t
	s.Diff.Added = b.fg(t.DiffAdded)
	s.Diff.Removed = b.fg(t.DiffRemoved)
	s.Diff.Context = b.fg(t.TextSecondary)
	s.Diff.Hunk = b.fg(t.DiffHunk)
	s.Diff.Header = s.Text.Bold
	s.Diff.AddedWord = b.fg(t.DiffAdded).Bold(true).Reverse(true)
	s.Diff.RemovedWord = b.fg(t.DiffRemoved).Reverse(true)
	s.Diff.LineNo = s.Text.Faint
	if t.Mono {
		s.Diff.Added = b.base.Bold(true)
		s.Diff.Removed = b.base.Strikethrough(true)
		s.Diff.AddedWord = b.base.Bold(true).Underline(true)
		s.Diff.RemovedWord = b.base.Strikethrough(true).Underline(true)
	}

	s.Progress.Full = b.fg(t.Accent)
	s.Progress.Empty = b.fg(t.TextFaint)
	s.Progress.Skipped = s.Text.Faint
}

// asciiThickBorder tells a dangerous dialog apart without Unicode.
func asciiThickBorder() lipgloss.Border {
	return lipgloss.Border{Top: "=", Bottom: "=", Left: "#", Right: "#",
		TopLeft: "#", TopRight: "#", BottomLeft: "#", BottomRight: "#"}
}

// Chrome is a frame as the terminal gets it: with an ascii theme every
// symbol sailtui draws (boxes, arrows, separators, glyphs, key names in
// help) becomes plain ASCII, one cell for one, so no layout moves.
func (s *Styles) Chrome(frame string) string {
	if s.plain == nil {
		return frame
	}
	return s.plain.Replace(frame)
}

// asciiReplacer maps each symbol the UI uses to one ASCII character.
func asciiReplacer() *strings.Replacer {
	pairs := map[string]string{
		"·": "-", "…": "~", "—": "-", "–": "-", "↑": "^", "↓": "v", "←": "<", "→": ">",
		"▲": "^", "▼": "v", "●": "*", "◆": "@", "›": ">", "×": "x", "✗": "x", "✓": "+",
		"⚠": "!", "⚙": "M", "◷": "~", "◴": "s", "◐": "~", "▾": "-", "▸": "+", "░": "-",
		"▌": "#", "█": "#", "╌": ".", "∅": "0", "•": "*", "◀": "<", "▶": ">", "◑": "~", "⊘": "x",
		"─": "-", "━": "=", "═": "=", "│": "|", "┃": "#", "║": "|",
		"╭": "+", "╮": "+", "╰": "+", "╯": "+", "┌": "+", "┐": "+", "└": "+", "┘": "+",
		"┏": "#", "┓": "#", "┗": "#", "┛": "#", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
	}
	args := make([]string, 0, 2*len(pairs))
	for k, v := range pairs {
		args = append(args, k, v)
	}
	return strings.NewReplacer(args...)
}
