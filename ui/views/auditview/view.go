package auditview

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/list/columns"
)

// Columns of the list.
const (
	colGutter = iota
	colTime
	colAction
	colResult
	colName
	colOwner
	colStatus
	colTracking
	colBy
)

// row is one line of the log and its searchable text, lower-cased once
// when the log is read (off the event loop for a large log), so a
// keystroke only compares strings.
type row struct {
	line   *audit.Line
	search search
}

// listDef declares the audit list: newest first as read, the filter's
// query language instead of the fuzzy filter, and the columns a narrow
// screen drops (who, status, owner).
func (m *Model) listDef() list.Def[audit.Line, row] {
	return list.Def[audit.Line, row]{
		Noun:  "entry",
		ID:    func(l *audit.Line) string { return strconv.Itoa(l.N) },
		Label: func(l *audit.Line) string { return l.Entry.Name },
		Item:  func(r *row) *audit.Line { return r.line },
		Build: func(lines []audit.Line) table.Table[row] {
			rows := make([]row, len(lines))
			for i := range lines {
				rows[i] = row{line: &lines[i], search: searchOf(&lines[i])}
			}
			return table.Table[row]{Rows: rows}
		},
		Sorter: func() func([]row, table.Sort) []int32 { return nil },
		Match: func(rows []row, base []int32, text string) []int32 {
			q := parseQuery(text)
			out := make([]int32, 0, len(base))
			for _, i := range base {
				if q.match(&rows[i].search) {
					out = append(out, i)
				}
			}
			return out
		},
		Columns: []columns.Spec{
			colGutter: {Width: 1}, colTime: {Title: "TIME", Width: 16}, colAction: {Title: "ACTION", Width: 18},
			colResult: {Title: "RESULT", Width: 16}, colName: {Title: "NAME", Width: 16, Floor: 8, Flex: 1},
			colOwner: {Title: "OWNER", Width: 18}, colStatus: {Title: "STATUS", Width: 6},
			colTracking: {Title: "TRACKING ID", Width: 12}, colBy: {Title: "BY", Width: 16},
		},
		Hide:        []int{colTracking, colBy, colStatus, colOwner},
		Placeholder: "action:delete result:failed date:2026-12 name…",
		Refresh:     m.load, Open: m.openDetail, Export: m.startExport,
	}
}

// View draws the info line, the filter, the header and the visible rows
// only.
func (m *Model) View() string {
	return m.rows.Frame(m.infoLine(), m.Styles.Table.Empty.Render(" "+m.emptyText()), m.rowLine, nil)
}

func (m *Model) infoLine() string {
	s := m.Styles
	where := "no audit log"
	if m.opts.Path != "" {
		where = sanitize.Line(m.opts.Path)
	}
	left := s.Text.Bold.Render("Audit log") + s.Text.Faint.Render(" · newest first · "+where)
	return common.Spread(left, m.rows.SortLabel(""), m.Width)
}

func (m *Model) emptyText() string {
	switch {
	case m.loadErr != nil:
		return "Could not read the audit log: " + sanitize.Line(m.loadErr.Error())
	case m.opts.Path == "":
		return "No audit log: sailtui was started without one"
	case !m.loaded:
		return "Reading the audit log…"
	case m.rows.Len() == 0:
		return "Nothing recorded yet: deletes, creates and edits appear here"
	}
	return "No entries match the filter (esc clears it)"
}

// rowLine draws one line of the log; server text was sanitized before it
// reaches here.
func (m *Model) rowLine(r *row, _ int, selected bool, w []int) string {
	s := m.Styles
	l := r.line
	var line string // after the gutter and its gap
	if l.Err != nil {
		text := fmt.Sprintf("%s line %d is not an audit entry: %s", s.Glyphs.Warn, l.N, l.Err)
		line = common.Pad(sanitize.Line(text), m.Width-2, s.Glyphs.Ellipsis)
	} else {
		line = m.cells(&l.Entry, w)
	}
	switch {
	case selected:
		// The cursor glyph finds the row without colour (NO_COLOR).
		return s.Table.Selected.Render(common.Pad(s.Glyphs.Cursor, 1, s.Glyphs.Ellipsis) + " " + ansi.Strip(line))
	case l.Err != nil:
		return s.Status.Warning.Render("  " + line)
	}
	return "  " + line
}

// cells are an entry's columns after the gutter, its result coloured.
func (m *Model) cells(e *audit.Entry, w []int) string {
	s := m.Styles
	status := ""
	if e.Status != 0 {
		status = fmt.Sprint(e.Status)
	}
	name := e.Name
	if name == "" {
		name = e.ResourceID
	}
	vals := []string{colTime: e.Time.In(m.opts.Location).Format("2006-01-02 15:04"), colAction: e.Action,
		colResult: string(e.Result), colName: name, colOwner: e.OwnerName, colStatus: status, colTracking: e.TrackingID,
		colBy: e.ActorName}
	var cells []string
	for c := colTime; c < len(vals); c++ {
		if w[c] == 0 {
			continue
		}
		cell := common.Pad(sanitize.Line(vals[c]), w[c], s.Glyphs.Ellipsis)
		if c == colResult {
			cell = resultStyle(m, e.Result).Render(cell)
		}
		cells = append(cells, cell)
	}
	return strings.Join(cells, " ")
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
