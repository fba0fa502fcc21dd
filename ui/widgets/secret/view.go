package secret

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

const (
	defaultWidth = 76
	minWidth     = 36
)

// View draws the modal box; the parent centres it. When it is taller
// than the area it was given, a compact layout without blank lines, then
// without its least needed parts, keeps the secret, the latest notice and
// the key hint on screen.
func (m Model) View() string {
	s := m.Styles
	// Red until the secret was copied: closing loses it for good.
	frame := common.NewDialogFrame(s, m.Width, defaultWidth, minWidth).Danger(!m.copiedSecret)
	noun := m.nounOr()
	noun = strings.ToUpper(noun[:1]) + noun[1:]
	title := s.Status.OK.Render(s.Glyphs.OK+" "+noun+" created: ") + s.Text.Bold.Render(m.name)
	parts := m.parts(frame)
	var lines []string
	for _, p := range parts {
		if p.blankAfter && p.text != "" {
			lines = append(lines, p.text, "")
		} else if p.text != "" {
			lines = append(lines, p.text)
		}
	}
	full := frame.Render(title, lines, m.hint())
	if m.Height <= 0 || lipgloss.Height(full) <= m.Height {
		return full
	}
	return m.compactView(frame, title, parts)
}

// part is one piece of the modal's body. keep ranks what stays when the
// compact layout is still too tall: the lowest goes first; -1 never goes.
type part struct {
	text       string
	keep       int
	blankAfter bool   // in the full layout
	short      string // one row, tried before the part is left out
}

func (m Model) parts(frame common.DialogFrame) []part {
	s := m.Styles
	wrap := frame.Wrap
	// The warning stays after a copy: OSC52 cannot tell whether the
	// clipboard was set.
	warning := "Copy the secret now. It will not be shown again."
	if m.copiedSecret {
		warning = "It will not be shown again: if the paste did not work, copy the secret by selecting it."
	}
	// Indented when it fits; otherwise flush left, so it wraps without a
	// blank first row and selects in as few pieces as possible.
	secret := "  " + m.reveal()
	if lipgloss.Width(secret) > frame.Inner() {
		secret = m.reveal()
	}
	parts := []part{
		{text: wrap(s.Status.Warning, s.Glyphs.Warn+" "+warning), keep: 2, blankAfter: true},
		{text: s.Text.Secondary.Render("Client ID") + "\n" + wrap(s.Text.Primary, "  "+m.clientID), keep: 3},
		{text: s.Text.Secondary.Render("Client secret") + "\n" + wrap(s.Text.Accent, secret), keep: -1},
	}
	if exp := m.expiryText(); exp != "" {
		parts = append(parts, part{text: s.Text.Secondary.Render("Expires") + "  " + s.Text.Primary.Render(exp), keep: 1})
	}
	if len(m.scopes) > 0 {
		parts = append(parts, part{text: s.Text.Secondary.Render("Scopes") + "   " + s.Text.Primary.Render(strings.Join(m.scopes, ", ")), keep: 0})
	}
	if m.next != "" {
		parts = append(parts, part{text: wrap(s.Status.Warning, s.Glyphs.Arrow+" "+m.next), keep: 3})
	}
	parts[len(parts)-1].blankAfter = true
	if m.notice != "" {
		st := s.Status.OK
		glyph := s.Glyphs.OK
		switch m.kind {
		case noticeWarn:
			st, glyph = s.Status.Warning, s.Glyphs.Warn
		case noticeErr:
			st, glyph = s.Status.Danger, s.Glyphs.Fail
		}
		// The answer to what the user just did outranks all but the secret.
		parts = append(parts, part{text: wrap(st, glyph+" "+m.notice), keep: 4, blankAfter: true,
			short: ansi.Truncate(st.Render(glyph+" "+m.notice), frame.Inner(), s.Glyphs.Ellipsis)})
	}
	return parts
}

// compactView draws the body without blank lines, leaving out the
// lowest-ranked parts until it fits m.Height.
func (m Model) compactView(frame common.DialogFrame, title string, parts []part) string {
	s := m.Styles
	hint := frame.Wrap(s.Dialog.Hint, m.hint())
	height := 2 + 1 + lipgloss.Height(hint) // border, title, hint
	for _, p := range parts {
		height += lipgloss.Height(p.text)
	}
	for rank := 0; height > m.Height && rank <= 4; rank++ {
		for i := range parts {
			p := &parts[i]
			if p.keep != rank || p.text == "" || height <= m.Height {
				continue
			}
			height -= lipgloss.Height(p.text)
			p.text = ""
			if p.short != "" && height+1 <= m.Height {
				p.text = p.short
				height++
			}
		}
	}
	lines := []string{title}
	for _, p := range parts {
		if p.text != "" {
			lines = append(lines, p.text)
		}
	}
	lines = append(lines, hint)
	box := s.Dialog.Box
	if !m.copiedSecret {
		box = s.Dialog.DangerBox
	}
	// As DialogFrame.Render draws it, without its blank lines.
	return box.Width(frame.Inner() + 2).Render(strings.Join(lines, "\n"))
}

func (m Model) expiryText() string {
	switch {
	case m.never:
		return "never"
	case m.expires != nil:
		t := m.expires.UTC()
		text := t.Format("2006-01-02 15:04 UTC")
		if m.Now != nil && t.After(m.Now()) {
			// The list's rule, so the two never disagree ("in 58d").
			text += " (" + timefmt.Relative(m.Now(), t) + ")"
		}
		return text
	}
	return ""
}

func (m Model) hint() string {
	var parts []string
	if m.clip.Enabled() {
		parts = append(parts, "c copy secret", "i copy client id")
	}
	if m.confirmClose {
		return strings.Join(append(parts, "enter close without copying"), " · ")
	}
	return strings.Join(append(parts, "enter close"), " · ")
}
