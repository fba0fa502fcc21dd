package createform

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

const (
	defaultWidth = 72
	minWidth     = 40
	maxShown     = 3 // scope suggestions shown at once
)

// View draws the form box only; the parent centres it. When the full
// layout is taller than the area the form was given, a compact one
// (see compactView) keeps the focused field and the key hint on screen.
func (m Model) View() string {
	s := m.Styles
	frame := common.NewDialogFrame(s, m.Width, defaultWidth, minWidth)
	titleText := "Create a personal access token"
	if m.opts.Title != "" {
		titleText = sanitize.Line(m.opts.Title)
	}
	title := s.Dialog.Title.Render(ansi.Truncate(titleText, max(m.Width-8, 20), s.Glyphs.Ellipsis))
	b := m.body(frame, false)
	lines := b.lines
	if n := m.noticeView(frame); n != "" {
		lines = append(lines, "", n)
	}
	full := frame.Render(title, lines, m.hint(false))
	if m.Height <= 0 || lipgloss.Height(full) <= m.Height {
		return full
	}
	return m.compactView(frame, title)
}

// body is the form's scrollable part and where the focused field is in it.
type body struct {
	lines      []string
	start, end int   // the focused field's lines: lines[start:end]
	blocks     []int // where each field, the server's answer and the button begin
}

// body lays out the fields, the server's error and the Create button.
// Compact leaves out the blank lines between fields and the hints of the
// fields without focus (errors always show).
func (m Model) body(frame common.DialogFrame, compact bool) body {
	s := m.Styles
	inner, wrap := frame.Inner(), frame.Wrap
	expiryLabel := "Expires on (YYYY-MM-DD, UTC)"
	if m.opts.NeverExpiring {
		expiryLabel = `Expires on (YYYY-MM-DD, UTC, or "never")`
	}
	labels := [fieldCreate]string{
		"Name",
		"Scopes (comma-separated)",
		fmt.Sprintf("Access-token validity in seconds (%d–%d)", MinValidity, MaxValidity),
		expiryLabel,
	}
	var b body
	for f := fieldName; f < fieldCreate; f++ {
		b.blocks = append(b.blocks, len(b.lines))
		if m.focus == f {
			b.start = len(b.lines)
		}
		label := s.Text.Secondary.Render(labels[f])
		if m.focus == f {
			label = s.Text.Accent.Render(labels[f])
		}
		in := m.inputs[f]
		in.Width = inner - 3
		// The focused field is pointed at, not only coloured (NO_COLOR,
		// plain-text captures); the others have no prompt.
		in.Prompt = "  "
		if m.focus == f {
			in.Prompt, in.PromptStyle = s.Glyphs.Cursor+" ", s.Text.Accent
		}
		b.lines = append(b.lines, label, in.View())
		switch {
		case m.errs[f] != "":
			b.lines = append(b.lines, wrap(s.Dialog.Invalid, s.Glyphs.Fail+" "+m.errs[f]))
		case f == fieldScopes && m.focus == f:
			b.lines = append(b.lines, m.suggestionsView(inner))
		case compact && m.focus != f:
		default:
			if h := m.fieldHint(f); h != "" {
				b.lines = append(b.lines, s.Dialog.Hint.Render(h))
			}
		}
		if f == fieldScopes && m.errs[f] == "" {
			if unknown := UnknownScopes(m.inputs[f].Value(), m.opts.Scopes); len(unknown) > 0 {
				b.lines = append(b.lines, wrap(s.Status.Warning, s.Glyphs.Warn+" not a known scope (kept): "+
					sanitize.Line(strings.Join(unknown, ", "))))
			}
		}
		if m.focus == f {
			b.end = len(b.lines)
		}
		if !compact {
			b.lines = append(b.lines, "")
		}
	}
	if m.focus == fieldCreate {
		b.start = len(b.lines) // the server's answer belongs with the button
	}
	if len(m.serverErr) > 0 {
		b.blocks = append(b.blocks, len(b.lines))
		b.lines = append(b.lines, wrap(s.Status.Danger, s.Glyphs.Fail+" "+m.serverErr[0]))
		for _, l := range m.serverErr[1:] {
			b.lines = append(b.lines, wrap(s.Dialog.Body, "  "+l))
		}
		if !compact {
			b.lines = append(b.lines, "")
		}
	}
	if len(m.serverErr) == 0 {
		b.blocks = append(b.blocks, len(b.lines))
	}
	b.lines = append(b.lines, m.buttonView(inner))
	if m.focus == fieldCreate {
		b.end = len(b.lines)
	}
	return b.rows()
}

// rows splits wrapped lines into rows, so indexes count screen rows.
func (b body) rows() body {
	var out body
	row := make([]int, len(b.lines)+1) // line index → its first row
	for i, l := range b.lines {
		row[i] = len(out.lines)
		out.lines = append(out.lines, strings.Split(l, "\n")...)
	}
	row[len(b.lines)] = len(out.lines)
	out.start, out.end = row[b.start], row[b.end]
	for _, bl := range b.blocks {
		out.blocks = append(out.blocks, row[bl])
	}
	return out
}

// compactView fits the form into m.Height rows: the title, the fields
// scrolled so the focused one shows (a marker says when more is above
// or below), the warning or the server's verdict, and the key hint.
func (m Model) compactView(frame common.DialogFrame, title string) string {
	s := m.Styles
	hint := frame.Wrap(s.Dialog.Hint, m.hint(true))
	var fixed []string
	switch n := m.noticeView(frame); {
	case n != "":
		fixed = append(fixed, n)
	case len(m.serverErr) > 0:
		// The whole answer is above the button; its first line stays in
		// sight whatever is focused.
		fixed = append(fixed, ansi.Truncate(s.Status.Danger.Render(s.Glyphs.Fail+" "+m.serverErr[0]), frame.Inner(), s.Glyphs.Ellipsis))
	}
	const border = 2
	avail := m.Height - border - 1 - lipgloss.Height(hint)
	for _, f := range fixed {
		avail -= lipgloss.Height(f)
	}
	b := m.body(frame, true)
	lines := append([]string{title}, scroll(b, avail,
		s.Dialog.Hint.Render(s.Glyphs.SortAsc+" more above · shift+tab"),
		s.Dialog.Hint.Render(s.Glyphs.SortDsc+" more below · tab"))...)
	lines = append(append(lines, fixed...), hint)
	// As DialogFrame.Render draws it, without its blank lines.
	return s.Dialog.Box.Width(frame.Inner() + 2).Render(strings.Join(lines, "\n"))
}

// scroll picks at most avail rows of b that include its focused lines,
// with a marker row where rows are left out above or below.
func scroll(b body, avail int, above, below string) []string {
	n := len(b.lines)
	switch {
	case n <= avail:
		return b.lines
	case avail < 3: // no room for markers
		return b.lines[b.start:min(n, b.start+max(avail, 1))]
	case b.end <= avail-1: // the top shows it
		return append(b.lines[:avail-1:avail-1], below)
	case n-b.start <= avail-1: // the bottom shows it, from a whole field on
		from := n - (avail - 1)
		for _, bl := range b.blocks {
			if bl >= from {
				from = bl
				break
			}
		}
		return append([]string{above}, b.lines[from:]...)
	}
	out := append([]string{above}, b.lines[b.start:b.start+avail-2]...)
	return append(out, below)
}

// noticeView is the warning after a first esc or ctrl+c, or "".
func (m Model) noticeView(frame common.DialogFrame) string {
	text := ""
	switch m.armed {
	case armedEsc:
		text = discardWarning
	case armedQuit:
		text = quitWarning
	default:
		return ""
	}
	return frame.Wrap(m.Styles.Status.Warning, m.Styles.Glyphs.Warn+" "+text)
}

// fieldHint explains a valid value in words (validity as hours, expiry as
// days from now) so the numbers are easy to check.
func (m Model) fieldHint(f field) string {
	v := strings.TrimSpace(m.inputs[f].Value())
	switch f {
	case fieldValidity:
		if n, err := strconv.Atoi(v); err == nil && n >= MinValidity && n <= MaxValidity {
			return "  = " + timefmt.HumanDuration(time.Duration(n)*time.Second) + " per access token"
		}
	case fieldExpiry:
		exp, err := ParseExpiry(v, m.now(), m.opts.NeverExpiring)
		switch {
		case err != nil:
		case exp.Never:
			return "  never expires (userAwareTokenNeverExpires)"
		case exp.Date != nil:
			return "  " + timefmt.Relative(m.now(), *exp.Date) // the list's rounding
		default:
			return "  empty: the server's default (6 months)"
		}
	}
	return ""
}

func (m Model) suggestionsView(inner int) string {
	s := m.Styles
	matches, _, sel := m.suggestions()
	if sel < 0 {
		return s.Dialog.Hint.Render("  no more known scopes; any scope can be typed")
	}
	// A window of maxShown around the selection.
	start := min(max(sel-maxShown+1, 0), max(len(matches)-maxShown, 0))
	var parts []string
	for i := start; i < min(start+maxShown, len(matches)); i++ {
		if i == sel {
			// The arrow marks the pick without colour (mono, NO_COLOR).
			parts = append(parts, s.Dialog.InputFocused.Bold(true).Render(s.Glyphs.Arrow+matches[i]))
		} else {
			parts = append(parts, s.Dialog.Hint.Render(matches[i]))
		}
	}
	more := ""
	if len(matches) > maxShown {
		more = s.Dialog.Hint.Render(fmt.Sprintf(" (%d/%d)", sel+1, len(matches)))
	}
	return ansi.Truncate("  "+strings.Join(parts, s.Dialog.Hint.Render("  "))+more, inner, s.Glyphs.Ellipsis)
}

func (m Model) buttonView(inner int) string {
	s := m.Styles
	label := "Create"
	if m.submitting {
		label = "Creating" + s.Glyphs.Ellipsis
	}
	st := s.Dialog.Button
	if m.focus == fieldCreate {
		st = s.Dialog.ButtonFocused
	}
	btn := common.Button(st, label, m.focus == fieldCreate)
	return lipgloss.PlaceHorizontal(inner, lipgloss.Center, btn)
}

// hint is the key hint; compact is short enough for one line at the
// narrowest width.
func (m Model) hint(compact bool) string {
	if m.submitting {
		return "Creating the token" + m.Styles.Glyphs.Ellipsis + " · esc close"
	}
	parts := []string{"tab next"}
	switch {
	case m.focus == fieldScopes && compact:
		parts = []string{"tab complete", "ctrl+n/p"}
	case m.focus == fieldScopes:
		parts = []string{"tab complete/next", "ctrl+n/p pick"}
	}
	esc := "esc cancel"
	if m.armed == armedEsc {
		esc = "esc discard"
	}
	return strings.Join(append(parts, "ctrl+s create", esc), " · ")
}
