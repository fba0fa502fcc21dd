package common

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/sailtui/sailtui/themes"
)

// DialogFrame is the box every dialog draws in: a width that fits the
// screen, the inner width its text wraps to, a title on top and the key
// hint at the bottom. Dialogs build only their body.
type DialogFrame struct {
	styles *themes.Styles
	width  int // outer width, border included
	danger bool
}

// NewDialogFrame sizes a dialog: want columns wide, at most avail (the
// screen; 0 when not known yet), never less than least.
func NewDialogFrame(s *themes.Styles, avail, want, least int) DialogFrame {
	w := want
	if avail > 0 {
		w = max(min(want, avail), least)
	}
	return DialogFrame{styles: s, width: w}
}

// Danger draws the frame with the danger border (destructive or
// irreversible dialogs).
func (f DialogFrame) Danger(on bool) DialogFrame {
	f.danger = on
	return f
}

// Inner is the text width inside the border and padding.
func (f DialogFrame) Inner() int { return f.width - 4 }

// Wrap renders text in st, wrapped to the inner width.
func (f DialogFrame) Wrap(st lipgloss.Style, text string) string {
	return st.Width(f.Inner()).Render(text)
}

// Render frames body: the (styled) title and a blank line above it, a
// blank line and the wrapped hint below it.
func (f DialogFrame) Render(title string, body []string, hint string) string {
	lines := make([]string, 0, len(body)+4)
	lines = append(lines, title, "")
	lines = append(lines, body...)
	if hint != "" {
		if len(lines) > 0 && lines[len(lines)-1] != "" {
			lines = append(lines, "")
		}
		lines = append(lines, f.Wrap(f.styles.Dialog.Hint, hint))
	}
	box := f.styles.Dialog.Box
	if f.danger {
		box = f.styles.Dialog.DangerBox
	}
	// lipgloss widths exclude the border (2 cells).
	return box.Width(f.width - 2).Render(strings.Join(lines, "\n"))
}

// valueModel is a bubbles-style component: Update returns the new value.
type valueModel[M any] interface {
	Update(msg tea.Msg) (M, tea.Cmd)
	View() string
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// ValueModal adapts a value-type component (confirm dialog, create form,
// secret modal, progress panel) to Modal, which the shell holds by pointer
// and updates in place.
type ValueModal[M valueModel[M], P interface {
	*M
	SetSize(w, h int)
}] struct {
	Model M
}

// NewValueModal wraps m; use it as a Modal.
func NewValueModal[M valueModel[M], P interface {
	*M
	SetSize(w, h int)
}](m M) *ValueModal[M, P] {
	return &ValueModal[M, P]{Model: m}
}

// Update implements Modal.
func (v *ValueModal[M, P]) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	v.Model, cmd = v.Model.Update(msg)
	return cmd
}

// View implements Modal.
func (v *ValueModal[M, P]) View() string { return v.Model.View() }

// SetSize implements Modal.
func (v *ValueModal[M, P]) SetSize(w, h int) { P(&v.Model).SetSize(w, h) }

// Keys implements Modal.
func (v *ValueModal[M, P]) Keys() KeyMap { return KeysOf(v.Model) }

// Button draws a dialog button in st (its padding is the button's margin).
// The focused one is also bracketed, "[ Cancel ]" where an unfocused one
// is "  Cancel  ", so focus shows without colour or reverse video (NO_COLOR,
// a plain-text capture). Both forms are equally wide: moving the focus
// moves nothing.
func Button(st lipgloss.Style, label string, focused bool) string {
	if !focused {
		return st.Render(label)
	}
	return "[" + st.Padding(0, 1).Render(label) + "]"
}
