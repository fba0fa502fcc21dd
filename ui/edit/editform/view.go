package editform

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

const labelWidth = 18

func (m Model) frameWidth() int { return max(min(m.Width-2, 100), 40) }

func (m Model) valueWidth() int { return max(m.frameWidth()-4-labelWidth, 12) }

// View draws the form.
func (m Model) View() string {
	// The values as typed, once per frame (m is a copy: the model's own
	// values are untouched).
	m.values = cloneValues(m.values)
	m.sync()
	s := m.Styles
	f := common.NewDialogFrame(s, m.Width-2, m.frameWidth(), 40)
	var body []string
	for i, fd := range m.fields {
		body = append(body, m.fieldLines(i, fd)...)
		if m.errs[i] != "" {
			st := s.Dialog.Invalid
			if strings.HasPrefix(m.errs[i], "note:") {
				st = s.Status.Warning
			}
			body = append(body, strings.Repeat(" ", labelWidth)+st.Render(ansi.Truncate(sanitize.Line(m.errs[i]), m.valueWidth(), s.Glyphs.Ellipsis)))
		}
	}
	body = append(body, "")
	action := m.actionLabel()
	if m.waiting {
		action = m.waitingLabel()
	}
	btn := s.Dialog.Button.Render("  " + action + "  ")
	if m.focus == len(m.fields) {
		btn = s.Dialog.ButtonFocused.Render("[ " + action + " ]")
	}
	body = append(body, btn)
	if len(m.serverErr) > 0 {
		body = append(body, "", f.Wrap(s.Status.Danger, s.Glyphs.Fail+" The server refused it; your input is kept:"))
		for _, l := range m.serverErr {
			body = append(body, f.Wrap(s.Dialog.Body, "  "+l))
		}
	}
	if m.formErr != "" {
		body = append(body, "", f.Wrap(s.Dialog.Invalid, sanitize.Line(m.formErr)))
	}
	body = m.fit(body)
	title := s.Dialog.Title.Render(ansi.Truncate(sanitize.Line(m.title), f.Inner(), s.Glyphs.Ellipsis))
	return f.Render(title, body, m.hint())
}

// hint is the key hint, or the warning a first esc or ctrl+c gave.
func (m Model) hint() string {
	switch {
	case m.quitArmed:
		return m.quitWarning()
	case m.armed:
		return m.discardWarning()
	case m.waiting:
		return m.waitingLabel() + " · esc close"
	}
	return "tab/↓ next · ctrl+s " + strings.ToLower(m.actionLabel()) + " · esc cancel"
}

// fit keeps the focused row on screen when the form is taller than the
// terminal.
func (m Model) fit(body []string) []string {
	h := max(m.Height-8, 5)
	if len(body) <= h {
		return body
	}
	row := 0
	for i := 0; i < min(m.focus, len(m.fields)); i++ {
		row += len(m.fieldLines(i, m.fields[i]))
		if m.errs[i] != "" {
			row++
		}
	}
	if m.focus >= len(m.fields) {
		row = len(body) - 1
	}
	off := max(0, min(row-h/2, len(body)-h))
	return body[off : off+h]
}

func (m Model) fieldLines(i int, fd editdoc.Field) []string {
	s := m.Styles
	g := s.Glyphs
	focused := i == m.focus
	pointer := "  "
	if focused {
		pointer = g.Cursor + " "
	}
	label := fmt.Sprintf("%-*s", labelWidth-2, ansi.Truncate(fd.Title(), labelWidth-3, g.Ellipsis))
	head := pointer + s.Text.Secondary.Render(label)
	if fd.ReadOnly {
		why := "  (read-only)"
		if fd.Why != "" {
			why = "  (read-only: " + fd.Why + ")"
		}
		return []string{"  " + s.Text.Faint.Render(label) + s.Text.Faint.Render(m.readOnlyText(i, fd)+why)}
	}
	v := m.values[i]
	switch fd.Kind {
	case editdoc.Toggle:
		box := "[ ] no"
		switch {
		case fd.Mixed && !m.toggled[i]:
			box = "[-] (mixed: each keeps its own)"
		case v.On:
			box = "[x] yes"
		}
		st := s.Dialog.Input
		if focused {
			st = s.Dialog.InputFocused
		}
		return []string{head + st.Render(box) + m.changedMark(i)}
	case editdoc.StringList:
		return m.listLines(i, fd, head)
	}
	out := []string{head + m.inputs[i].View() + m.changedMark(i)}
	if hint := m.valueHint(i); hint != "" && m.errs[i] == "" {
		out = append(out, strings.Repeat(" ", labelWidth)+s.Dialog.Hint.Render(
			ansi.Truncate(sanitize.Line(hint), m.valueWidth(), s.Glyphs.Ellipsis)))
	}
	if name := m.referenceName(i); name != "" {
		out = append(out, strings.Repeat(" ", labelWidth)+s.Dialog.Hint.Render("= "+
			ansi.Truncate(sanitize.Line(name), m.valueWidth()-2, s.Glyphs.Ellipsis)))
	}
	if focused {
		if sug := m.suggestions(); len(sug) > 0 {
			pick := sug[m.sugg%len(sug)]
			text := pick
			if name := fd.Labels[pick]; name != "" {
				text += " · " + name
			}
			out = append(out, m.hintLine(0, text, fmt.Sprintf("  (%d of %d · ctrl+n/p)", m.sugg%len(sug)+1, len(sug))))
		}
	}
	return out
}

func (m Model) listLines(i int, fd editdoc.Field, head string) []string {
	s := m.Styles
	g := s.Glyphs
	v := m.values[i]
	focused := i == m.focus
	pad := strings.Repeat(" ", labelWidth)
	out := []string{head + s.Text.Faint.Render(fmt.Sprintf("%d %s", len(v.Items), pluralItem(len(v.Items)))) + m.changedMark(i)}
	for n, it := range v.Items {
		mark := "  "
		st := s.Text.Primary
		if focused && m.item == n {
			mark, st = g.Cursor+" ", s.Dialog.InputFocused
		}
		out = append(out, pad+mark+st.Render(ansi.Truncate(sanitize.Line(it), m.valueWidth()-4, g.Ellipsis)))
	}
	mark := "  "
	if focused && m.item == len(v.Items) {
		mark = g.Cursor + " "
	}
	out = append(out, pad+mark+"+ "+m.inputs[i].View())
	if focused && m.item == len(v.Items) {
		if sug := m.suggestions(); len(sug) > 0 {
			out = append(out, m.hintLine(4, sug[m.sugg%len(sug)],
				fmt.Sprintf("  (%d of %d · ctrl+n/p · enter completes, then adds)", m.sugg%len(sug)+1, len(sug))))
		}
	} else if focused {
		out = append(out, pad+"    "+s.Dialog.Hint.Render("x/del removes the selected item"))
	}
	return out
}

// changedMark flags a field whose value differs from the document's.
func (m Model) changedMark(i int) string {
	if m.strict { // a new resource: every field is the user's
		return ""
	}
	if m.values[i].Equal(m.initial[i]) && !m.isSet(i) { // synced by View
		return ""
	}
	return m.Styles.Status.Warning.Render("  ● changed")
}

func (m Model) readOnlyText(i int, fd editdoc.Field) string {
	v := m.values[i]
	var t string
	switch fd.Kind {
	case editdoc.Toggle:
		t = fmt.Sprint(v.On)
	case editdoc.StringList:
		t = strings.Join(v.Items, ", ")
	case editdoc.DateOrNever:
		t = v.Text
		if v.Never {
			t = "never"
		}
	case editdoc.Reference:
		t = v.Text
		if v.Name != "" {
			t = v.Name + " (" + v.Text + ")"
		}
	default:
		t = v.Text
	}
	if v.Absent || t == "" {
		t = "—"
	}
	return ansi.Truncate(sanitize.Line(t), m.valueWidth()-14, m.Styles.Glyphs.Ellipsis)
}

func pluralItem(n int) string {
	if n == 1 {
		return "item"
	}
	return "items"
}

// referenceName is the display name of a reference field's current id:
// the document's own while the id is unchanged, else a known label.
func (m Model) referenceName(i int) string {
	f := m.fields[i]
	if f.Kind != editdoc.Reference {
		return ""
	}
	id := strings.TrimSpace(m.inputs[i].Value())
	if id == m.initial[i].Text && m.initial[i].Name != "" {
		return m.initial[i].Name
	}
	return f.Labels[id]
}

// valueHint is the field's Hint for its current value, when that value is
// valid ("" otherwise).
func (m Model) valueHint(i int) string {
	f := m.fields[i]
	if f.Hint == nil {
		return ""
	}
	if editdoc.Validate(f, m.values[i], m.now()) != nil { // synced by View
		return ""
	}
	return f.Hint(m.values[i], m.now())
}

// hintLine is a suggestion under a field, inside the value column: the
// pick, cut to fit, then where it is among the suggestions (cut last).
func (m Model) hintLine(indent int, pick, where string) string {
	s := m.Styles
	room := m.valueWidth() - indent - 2
	text := ansi.Truncate(sanitize.Line(pick), max(room-ansi.StringWidth(where), 12), s.Glyphs.Ellipsis) + where
	return strings.Repeat(" ", labelWidth+indent) + s.Dialog.Hint.Render("→ "+ansi.Truncate(text, max(room, 12), s.Glyphs.Ellipsis))
}
