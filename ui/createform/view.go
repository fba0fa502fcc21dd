package createform

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
)

const (
	defaultWidth = 72
	minWidth     = 40
	maxShown     = 3 // scope suggestions shown at once
)

// View draws the form box only; the parent centres it.
func (m Model) View() string {
	s := m.Styles
	frame := common.NewDialogFrame(s, m.Width, defaultWidth, minWidth)
	inner, wrap := frame.Inner(), frame.Wrap

	var lines []string
	expiryLabel := "Expires on (YYYY-MM-DD, UTC)"
	if m.opts.NeverExpiring {
		expiryLabel = `Expires on (YYYY-MM-DD, UTC, or "never")`
	}
	labels := [fieldCreate]string{
		"Name",
		"Scopes (comma-separated; empty means sp:scopes:all)",
		fmt.Sprintf("Access-token validity in seconds (%d–%d)", MinValidity, MaxValidity),
		expiryLabel,
	}
	for f := fieldName; f < fieldCreate; f++ {
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
		lines = append(lines, label, in.View())
		switch {
		case m.errs[f] != "":
			lines = append(lines, wrap(s.Dialog.Invalid, s.Glyphs.Fail+" "+m.errs[f]))
		case f == fieldScopes && m.focus == f:
			lines = append(lines, m.suggestionsView(inner))
		default:
			if h := m.fieldHint(f); h != "" {
				lines = append(lines, s.Dialog.Hint.Render(h))
			}
		}
		lines = append(lines, "")
	}
	if len(m.serverErr) > 0 {
		lines = append(lines, wrap(s.Status.Danger, s.Glyphs.Fail+" "+m.serverErr[0]))
		for _, l := range m.serverErr[1:] {
			lines = append(lines, wrap(s.Dialog.Body, "  "+l))
		}
		lines = append(lines, "")
	}
	lines = append(lines, m.buttonView(inner))
	return frame.Render(s.Dialog.Title.Render("Create a personal access token"), lines, m.hint())
}

// fieldHint explains a valid value in words (validity as hours, expiry as
// days from now) so the numbers are easy to check.
func (m Model) fieldHint(f field) string {
	v := strings.TrimSpace(m.inputs[f].Value())
	switch f {
	case fieldValidity:
		if n, err := strconv.Atoi(v); err == nil && n >= MinValidity && n <= MaxValidity {
			return "  = " + humanDuration(time.Duration(n)*time.Second) + " per access token"
		}
	case fieldExpiry:
		exp, err := ParseExpiry(v, m.now(), m.opts.NeverExpiring)
		switch {
		case err != nil:
		case exp.Never:
			return "  never expires (userAwareTokenNeverExpires)"
		case exp.Date != nil:
			today := m.now().UTC().Truncate(24 * time.Hour)
			days := int(exp.Date.Sub(today).Hours() / 24)
			return fmt.Sprintf("  in %d days", days)
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

func (m Model) hint() string {
	if m.submitting {
		return "Creating the token" + m.Styles.Glyphs.Ellipsis + " · esc close"
	}
	parts := []string{"tab next"}
	if m.focus == fieldScopes {
		parts = []string{"tab complete/next", "ctrl+n/p pick"}
	}
	return strings.Join(append(parts, "ctrl+s create", "esc cancel"), " · ")
}

// humanDuration: "12h", "1h 30m", "45s".
func humanDuration(d time.Duration) string {
	h, mnt, sec := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	var parts []string
	if h > 0 {
		parts = append(parts, fmt.Sprintf("%dh", h))
	}
	if mnt > 0 {
		parts = append(parts, fmt.Sprintf("%dm", mnt))
	}
	if sec > 0 || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%ds", sec))
	}
	return strings.Join(parts, " ")
}
