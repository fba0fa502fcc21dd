package secret

import (
	"fmt"
	"strings"
	"time"

	"github.com/sailtui/sailtui/ui/common"
)

const (
	defaultWidth = 76
	minWidth     = 36
)

// View draws the modal box; the parent centres it.
func (m Model) View() string {
	s := m.Styles
	// Red until the secret was copied: closing loses it for good.
	frame := common.NewDialogFrame(s, m.Width, defaultWidth, minWidth).Danger(!m.copiedSecret)
	wrap := frame.Wrap

	title := s.Status.OK.Render(s.Glyphs.OK+" Token created: ") + s.Text.Bold.Render(m.name)
	// The warning stays after a copy: OSC52 cannot tell whether the
	// clipboard was set.
	warning := "Copy the secret now. It will not be shown again."
	if m.copiedSecret {
		warning = "It will not be shown again: if the paste did not work, copy the secret by selecting it."
	}
	lines := []string{
		wrap(s.Status.Warning, s.Glyphs.Warn+" "+warning),
		"",
		s.Text.Secondary.Render("Client ID"),
		wrap(s.Text.Primary, "  "+m.clientID),
		s.Text.Secondary.Render("Client secret"),
		wrap(s.Text.Accent, "  "+m.reveal()),
	}
	if exp := m.expiryText(); exp != "" {
		lines = append(lines, s.Text.Secondary.Render("Expires")+"  "+s.Text.Primary.Render(exp))
	}
	if len(m.scopes) > 0 {
		lines = append(lines, s.Text.Secondary.Render("Scopes")+"   "+s.Text.Primary.Render(strings.Join(m.scopes, ", ")))
	}
	lines = append(lines, "")
	if m.notice != "" {
		st := s.Status.OK
		glyph := s.Glyphs.OK
		switch m.kind {
		case noticeWarn:
			st, glyph = s.Status.Warning, s.Glyphs.Warn
		case noticeErr:
			st, glyph = s.Status.Danger, s.Glyphs.Fail
		}
		lines = append(lines, wrap(st, glyph+" "+m.notice), "")
	}
	return frame.Render(title, lines, m.hint())
}

func (m Model) expiryText() string {
	switch {
	case m.never:
		return "never"
	case m.expires != nil:
		t := m.expires.UTC()
		text := t.Format("2006-01-02 15:04 UTC")
		if m.Now != nil {
			today := m.Now().UTC().Truncate(24 * time.Hour)
			if days := int(t.Sub(today).Hours() / 24); days >= 0 {
				text += fmt.Sprintf(" (in %d days)", days)
			}
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
