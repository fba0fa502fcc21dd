package auditview

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/audit"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/listview"
	"github.com/sailtui/sailtui/ui/sanitize"
)

// column is one column of the list; the last takes what is left.
type column struct {
	title string
	width int
}

func (m *Model) columns() []column {
	cols := []column{{"TIME", 16}, {"ACTION", 16}, {"RESULT", 16}, {"NAME", 0}, {"OWNER", 18}, {"STATUS", 6}, {"BY", 16}}
	if m.Width < 100 {
		cols = []column{{"TIME", 16}, {"ACTION", 16}, {"RESULT", 16}, {"NAME", 0}}
	}
	used := len(cols) // one space between columns, and the margin
	for _, c := range cols {
		used += c.width
	}
	for i := range cols {
		if cols[i].width == 0 {
			cols[i].width = max(m.Width-used, 8)
		}
	}
	return cols
}

// View draws the info line, the filter, the header and the visible rows
// only.
func (m *Model) View() string {
	if m.Width <= 0 || m.Height <= 0 {
		return ""
	}
	cols := m.columns()
	f := listview.Frame{Info: m.infoLine(), Header: m.header(cols), Rows: len(m.shown), Offset: m.offset,
		Height: m.bodyHeight(), Row: func(i int) string { return m.row(i, cols) },
		Empty: m.Styles.Table.Empty.Render(" " + m.emptyText())}
	if m.filtering || m.filter.Value() != "" {
		f.Filter = m.filter.View()
	}
	return f.Render()
}

func (m *Model) infoLine() string {
	s := m.Styles
	where := "no audit log"
	if m.opts.Path != "" {
		where = sanitize.Line(m.opts.Path)
	}
	left := s.Text.Bold.Render("Audit log") + s.Text.Faint.Render(" · newest first · "+where)
	right := ""
	if len(m.shown) > 0 {
		right = s.Text.Faint.Render(fmt.Sprintf("%d/%d", m.cursor+1, len(m.shown)))
	}
	return common.Spread(left, right, m.Width)
}

func (m *Model) emptyText() string {
	switch {
	case m.loadErr != nil:
		return "Could not read the audit log: " + sanitize.Line(m.loadErr.Error())
	case m.opts.Path == "":
		return "No audit log: sailtui was started without one"
	case !m.loaded:
		return "Reading the audit log…"
	case len(m.lines) == 0:
		return "Nothing recorded yet: deletes, creates and edits appear here"
	}
	return "No entries match the filter (esc clears it)"
}

func (m *Model) header(cols []column) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = common.Pad(c.title, c.width, m.Styles.Glyphs.Ellipsis)
	}
	return m.Styles.Table.Header.Render(" " + strings.Join(parts, " "))
}

// row draws shown[i]; server text was sanitized before it reaches here.
func (m *Model) row(i int, cols []column) string {
	s := m.Styles
	l := &m.lines[m.shown[i]]
	var cells []string
	style := s.Table.Cell
	if l.Err != nil {
		text := fmt.Sprintf("%s line %d is not an audit entry: %s", s.Glyphs.Warn, l.N, l.Err)
		cells = []string{common.Pad(sanitize.Line(text), m.Width-1, s.Glyphs.Ellipsis)}
		style = s.Status.Warning
	} else {
		e := &l.Entry
		status := ""
		if e.Status != 0 {
			status = fmt.Sprint(e.Status)
		}
		name := e.Name
		if name == "" {
			name = e.Resource()
		}
		vals := []string{e.Time.In(m.opts.Location).Format("2006-01-02 15:04"), e.Action, string(e.Result), name, e.OwnerName, status, e.ActorName}
		for j, c := range cols {
			cell := common.Pad(sanitize.Line(vals[j]), c.width, s.Glyphs.Ellipsis)
			if j == 2 {
				cell = resultStyle(m, e.Result).Render(cell)
			}
			cells = append(cells, cell)
		}
	}
	line := " " + strings.Join(cells, " ")
	if i == m.cursor {
		// The cursor glyph finds the row without colour (NO_COLOR).
		return s.Table.Selected.Render(common.Pad(s.Glyphs.Cursor, 1, s.Glyphs.Ellipsis) + ansi.Strip(line)[1:])
	}
	if l.Err != nil {
		return style.Render(line)
	}
	return line
}

// resultStyle colours a result by what it asks of the reader.
func resultStyle(m *Model, r audit.Result) lipgloss.Style {
	s := m.Styles
	switch {
	case failure(r):
		return s.Status.Danger
	case r == audit.ResultIntent || r == audit.ResultSkipped:
		return s.Text.Faint
	case r == audit.ResultAlreadyGone || r == audit.ResultGoneAfterRetry:
		return s.Status.Info
	}
	return s.Status.OK
}
