// Package help draws the help bar (the current view's short help) and the
// `?` overlay (its full help plus the global keys). Disabled bindings are
// drawn struck through, so read-only mode is visible before a key is tried.
package help

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
)

// Bar renders bindings on one line, dropping view keys that do not fit;
// the global keys (help, quit) always keep their place at the end.
func Bar(s *themes.Styles, km common.KeyMap, global []key.Binding, width int) string {
	sep := s.Help.Separator.Render(" · ")
	tail := ""
	for _, kb := range global {
		if kb.Enabled() {
			tail += sep + entry(s, nil, kb)
		}
	}
	width -= ansi.StringWidth(tail)
	var b strings.Builder
	used := 0
	for _, kb := range km.ShortHelp() {
		if !kb.Enabled() {
			continue
		}
		item := entry(s, km, kb)
		w := ansi.StringWidth(item)
		if used > 0 {
			w += 3
		}
		if used+w > width {
			break
		}
		if used > 0 {
			b.WriteString(sep)
		}
		b.WriteString(item)
		used += w
	}
	if used == 0 {
		return strings.TrimPrefix(tail, sep)
	}
	return b.String() + tail
}

func entry(s *themes.Styles, km common.KeyMap, kb key.Binding) string {
	h := kb.Help()
	if km != nil && km.DisabledReason(kb) != "" {
		return s.Help.Disabled.Render(h.Key + " " + h.Desc)
	}
	return s.Help.Key.Render(h.Key) + " " + s.Help.Desc.Render(h.Desc)
}

// ID is the help overlay's modal id.
const ID = "help"

// Overlay is the full help modal.
type Overlay struct {
	common.Common
	title  string
	km     common.KeyMap
	global []key.Binding
	close  key.Binding
}

// NewOverlay shows km's full help (titled) and the global keys.
func NewOverlay(c common.Common, title string, km common.KeyMap, global []key.Binding) *Overlay {
	return &Overlay{Common: c, title: title, km: km, global: global,
		close: common.NewBinding("esc/?", "close help", "esc", "?", "q", "enter")}
}

// Update closes the overlay on its keys.
func (o *Overlay) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, o.close) {
		return common.PopModal(ID)
	}
	return nil
}

// SetSize implements common.Modal.
func (o *Overlay) SetSize(w, h int) { o.Common.SetSize(w, h) }

// Keys implements common.Modal.
func (o *Overlay) Keys() common.KeyMap { return common.HelpKeys{Short: []key.Binding{o.close}} }

// View draws the groups side by side, with disabled keys and their reason.
func (o *Overlay) View() string {
	s := o.Styles
	groups := append(o.km.FullHelp(), o.global)
	var cols []string
	var reasons []string
	seen := map[string]bool{}
	for _, g := range groups {
		var lines []string
		kw := 0
		for _, kb := range g {
			kw = max(kw, ansi.StringWidth(kb.Help().Key))
		}
		for _, kb := range g {
			if !kb.Enabled() {
				continue
			}
			h := kb.Help()
			keyText := h.Key + strings.Repeat(" ", kw-ansi.StringWidth(h.Key))
			if why := o.km.DisabledReason(kb); why != "" {
				lines = append(lines, s.Help.Disabled.Render(keyText+" "+h.Desc))
				if !seen[why] {
					seen[why] = true
					reasons = append(reasons, why)
				}
				continue
			}
			lines = append(lines, s.Help.Key.Render(keyText)+" "+s.Help.Desc.Render(h.Desc))
		}
		if len(lines) > 0 {
			cols = append(cols, strings.Join(lines, "\n"))
		}
	}
	body := lipgloss.JoinHorizontal(lipgloss.Top, intersperse(cols, "    ")...)
	parts := []string{s.Dialog.Title.Render("Keys: " + o.title), "", body}
	for _, r := range reasons {
		parts = append(parts, "", s.Help.Disabled.Render("struck through")+s.Dialog.Hint.Render(": "+r))
	}
	parts = append(parts, "", s.Dialog.Hint.Render("esc or ? to close"))
	box := s.Dialog.Box.Render(lipgloss.JoinVertical(lipgloss.Left, parts...))
	if lipgloss.Width(box) > o.Width { // narrow terminal: stack the columns
		body = strings.Join(cols, "\n\n")
		parts[2] = body
		box = s.Dialog.Box.Render(lipgloss.JoinVertical(lipgloss.Left, parts...))
	}
	return box
}

func intersperse(xs []string, sep string) []string {
	var out []string
	for i, x := range xs {
		if i > 0 {
			out = append(out, sep)
		}
		out = append(out, x)
	}
	return out
}
