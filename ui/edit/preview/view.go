package preview

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// chrome is the frame's lines around the scrolled body: border, title,
// note, blank, position line, blank, hint.
const chrome = 8

// frameWidth is the dialog's outer width.
func (m Model) frameWidth() int { return max(min(m.Width-2, 140), 40) }

func (m Model) listHeight() int { return max(m.Height-chrome, 3) }

// View draws the preview.
func (m Model) View() string {
	s := m.Styles
	f := common.NewDialogFrame(s, m.Width-2, m.frameWidth(), 40)
	lines := m.lines()
	h := m.listHeight()
	from, end := m.scroll.Window(len(lines), h)
	body := make([]string, 0, h+2)
	if m.in.Note != "" {
		body = append(body, s.Text.Secondary.Render(ansi.Truncate(sanitize.Line(m.in.Note), f.Inner(), s.Glyphs.Ellipsis)))
	}
	body = append(body, lines[from:end]...)
	if len(lines) > h {
		pos := fmt.Sprintf("lines %d–%d of %d", from+1, end, len(lines))
		if end < len(lines) {
			pos += " · ↓/pgdn for more"
		}
		body = append(body, "", s.Text.Faint.Render(pos))
	}
	title := s.Dialog.Title.Render(ansi.Truncate(sanitize.Line(m.in.Title), f.Inner(), s.Glyphs.Ellipsis))
	return f.Render(title, body, m.hint())
}

func (m Model) hint() string {
	switch {
	case m.applying:
		return "Applying" + m.Styles.Glyphs.Ellipsis
	case m.armed:
		return "esc again: discard the edit · e: back to it"
	case m.in.View.Empty():
		return "Nothing to send · e: back to editing · esc: close"
	}
	return "enter/y: apply · e: back to editing · esc: discard"
}

// lines is the scrolled body, rendered once per width and content.
func (m *Model) lines() []string {
	w := m.frameWidth() - 4
	if m.body != nil && m.bodyW == w {
		return m.body
	}
	m.body, m.bodyW = m.render(w), w
	return m.body
}

func (m Model) render(w int) []string {
	s := m.Styles
	var out []string
	section := func(title string) {
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, s.Diff.Header.Render(title))
	}
	if len(m.serverErr) > 0 {
		out = append(out, s.Status.Danger.Render(s.Glyphs.Fail+" The server refused the change; the edit is kept (e to fix it):"))
		for _, l := range m.serverErr {
			out = append(out, wrapLines(s.Status.Danger.Render, "  "+sanitize.Line(l), w)...)
		}
	}
	if m.in.View.Empty() {
		section("No change to send")
		out = append(out, s.Text.Secondary.Render("The edit changes no field that can be patched."))
	} else {
		section(fmt.Sprintf("Changes (%s → %s)", patchdiff.FromLabel, patchdiff.ToLabel))
		out = append(out, m.diffLines(w)...)
		section(fmt.Sprintf("Sent: PATCH with %d %s, exactly", len(m.ops), plural(len(m.ops), "operation")))
		for _, op := range m.ops {
			out = append(out, wrapLines(s.Text.Primary.Render, "  "+sanitize.Line(op), w)...)
		}
		section("In words")
		for _, op := range m.in.View.Ops {
			guard := s.Text.Faint.Render("  unguarded")
			if op.Guarded {
				guard = s.Status.OK.Render("  guarded by a test of the current value")
			}
			out = append(out, wrapLines(s.Text.Secondary.Render, "  "+sanitize.Line(op.Text), w)...)
			out[len(out)-1] += guard
		}
	}
	if len(m.in.View.Warnings) > 0 {
		section("Not sent")
		for _, l := range m.in.View.Warnings {
			out = append(out, wrapLines(s.Status.Warning.Render, "  "+s.Glyphs.Warn+" "+sanitize.Line(l), w)...)
		}
	}
	if len(m.in.View.Notes) > 0 {
		section("Notes")
		for _, l := range m.in.View.Notes {
			out = append(out, wrapLines(s.Text.Faint.Render, "  "+sanitize.Line(l), w)...)
		}
	}
	return out
}

// diffLines renders the hunks: old and new line numbers, a +/- mark (so
// the diff reads without colour), and changed words marked within lines
// that were replaced.
func (m Model) diffLines(w int) []string {
	s := m.Styles
	src := m.in.View.Lines
	numW := 1
	for _, l := range src {
		numW = max(numW, len(fmt.Sprint(max(l.Old, l.New))))
	}
	gutter := func(old, new int) string {
		num := func(n int) string {
			if n == 0 {
				return strings.Repeat(" ", numW)
			}
			return fmt.Sprintf("%*d", numW, n)
		}
		return s.Diff.LineNo.Render(num(old) + " " + num(new) + " │ ")
	}
	textW := max(w-2*numW-5, 10)
	cut := func(t string) string { return ansi.Truncate(sanitize.Line(t), textW, s.Glyphs.Ellipsis) }
	var out []string
	for i := 0; i < len(src); i++ {
		l := src[i]
		switch l.Kind {
		case patchdiff.LineHunk:
			out = append(out, s.Diff.Hunk.Render(cut(l.Text)))
		case patchdiff.LineContext:
			out = append(out, gutter(l.Old, l.New)+s.Diff.Context.Render("  "+cut(l.Text)))
		default:
			// A run of removed lines followed by added ones: pair them up
			// for word marks.
			j := i
			for j < len(src) && src[j].Kind == patchdiff.LineRemoved {
				j++
			}
			k := j
			for k < len(src) && src[k].Kind == patchdiff.LineAdded {
				k++
			}
			removed, added := src[i:j], src[j:k]
			for n, r := range removed {
				var spans []span
				if n < len(added) {
					spans, _ = wordDiff(r.Text, added[n].Text)
				}
				out = append(out, gutter(r.Old, 0)+m.changed("- ", r.Text, spans, false, textW))
			}
			for n, a := range added {
				var spans []span
				if n < len(removed) {
					_, spans = wordDiff(removed[n].Text, a.Text)
				}
				out = append(out, gutter(0, a.New)+m.changed("+ ", a.Text, spans, true, textW))
			}
			i = k - 1
		}
	}
	return out
}

// changed draws one removed or added line, its changed words marked.
func (m Model) changed(mark, text string, spans []span, added bool, w int) string {
	s := m.Styles
	line, word := s.Diff.Removed, s.Diff.RemovedWord
	if added {
		line, word = s.Diff.Added, s.Diff.AddedWord
	}
	if spans == nil {
		return line.Render(mark + ansi.Truncate(sanitize.Line(text), w, s.Glyphs.Ellipsis))
	}
	var b strings.Builder
	b.WriteString(line.Render(mark))
	left := w
	for _, sp := range spans {
		t := sanitize.Line(sp.text)
		tw := ansi.StringWidth(t)
		if tw > left {
			t, tw = ansi.Truncate(t, left, s.Glyphs.Ellipsis), left
		}
		if sp.changed && strings.TrimSpace(t) != "" {
			b.WriteString(word.Render(t))
		} else {
			b.WriteString(line.Render(t))
		}
		if left -= tw; left <= 0 {
			break
		}
	}
	return b.String()
}

// splitOps cuts the wire bytes of a patch into its ops, byte for byte.
func splitOps(wire []byte) []string {
	var raw []json.RawMessage
	if err := json.Unmarshal(wire, &raw); err != nil {
		if len(bytes.TrimSpace(wire)) == 0 {
			return nil
		}
		return []string{string(wire)}
	}
	out := make([]string, len(raw))
	for i, r := range raw {
		out[i] = string(r)
	}
	return out
}

// wrapLines hard-wraps text to w cells and styles each line.
func wrapLines(style func(...string) string, text string, w int) []string {
	parts := strings.Split(ansi.Hardwrap(text, w, true), "\n")
	for i, p := range parts {
		parts[i] = style(p)
	}
	return parts
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
