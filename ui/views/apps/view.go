package apps

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/list/columns"
)

// View draws the info line, the filter line, the header and only the
// rows on screen: a frame costs the same for 100 apps as for 100,000.
func (m *Model) View() string {
	return m.rows.Frame(m.infoLine(), m.emptyLine(), m.rowLine, m.headerLine)
}

// loadedLabel is "1,250 of 9,800 loaded" while pages arrive, "9,800"
// when done, and says so when the list stopped short.
func (m *Model) loadedLabel() string {
	n := m.rows.Len()
	switch {
	case !m.loaded:
		return "loading" + m.Styles.Glyphs.Ellipsis
	case m.loading != nil && m.total >= 0:
		return thousands(n) + " of " + thousands(m.total) + " loaded"
	case m.loading != nil:
		return thousands(n) + " loaded" + m.Styles.Glyphs.Ellipsis
	case m.loadErr != nil && m.total > n:
		return "only " + thousands(n) + " of " + thousands(m.total) + " (r: retry)"
	case m.loadErr != nil:
		return thousands(n) + ", incomplete (r: retry)"
	}
	return thousands(n)
}

// infoLine: list, count and server filter left; sort and position right.
func (m *Model) infoLine() string {
	s := m.Styles
	left := s.Text.Bold.Render("Apps") + s.Text.Faint.Render(" · ") + s.Text.Secondary.Render(sourceapps.ListLabel(m.listed))
	if m.loading != nil && m.list != m.listed {
		left += s.Text.Faint.Render(" (loading " + sourceapps.ListLabel(m.list) + s.Glyphs.Ellipsis + ")")
	}
	count := m.loadedLabel()
	if m.loading != nil || m.loadErr != nil {
		left += s.Text.Faint.Render(" · ") + s.Status.Warning.Render(count)
	} else {
		left += s.Text.Faint.Render(" · " + count)
	}
	if m.server.label != "" {
		left += s.Text.Faint.Render(" · server filter: ") + s.Text.Accent.Render(m.server.label)
	}
	if sw := m.sweepLabel(); sw != "" && m.rows.Query().Only && m.loading == nil && m.loadErr == nil {
		// One owner's apps: the list's name and count give way to whose.
		left = s.Text.Bold.Render("Apps") + s.Text.Faint.Render(" · ") + s.Text.Accent.Render(sw)
	}
	right := m.rows.SortLabel(m.sortWhere())
	return common.Spread(left, right, m.Width)
}

// sortWhere says where the sort happens while not every page is in:
// the server (the first pages are the true top) or only over what is
// loaded.
func (m *Model) sortWhere() string {
	if m.complete {
		return ""
	}
	if sourceapps.ServerSorter(sourceapps.Column(m.rows.Query().Sort.Col)) != "" {
		return "server"
	}
	return "local, loaded only"
}

func (m *Model) emptyLine() string {
	var text string
	switch {
	case m.loadErr != nil && m.rows.Len() == 0:
		text = "Could not load apps. Press r to retry."
	case !m.loaded || (m.rows.Len() == 0 && m.loading != nil):
		text = "Loading apps" + m.Styles.Glyphs.Ellipsis
	case m.rows.Len() == 0 && m.server.label != "":
		text = "No apps match the server filter \"" + m.server.label + "\". Press f to change it."
	case m.rows.Len() == 0:
		text = "No apps in this list. Press o for another list, n to create one."
	case m.rows.Query().Only && m.sweep.Load() != nil && m.rows.Query().Text == "":
		text = sanitize.Line(m.sweep.Load().name) + " owns no apps in this list. Press L to end the sweep."
	default:
		text = "No apps match the filter. Press esc to clear it."
	}
	return "  " + m.Styles.Table.Empty.Render(text)
}

// flag is a boolean cell: a glyph, so it reads without colour.
func (m *Model) flag(on bool) string {
	if on {
		return m.Styles.Glyphs.OK
	}
	return "·"
}

// rowLine draws one row: one ink for the line (selected > marked >
// disabled), the name with the filter's matches emphasised.
func (m *Model) rowLine(r *sourceapps.Row, _ int, selected bool, w []int) string {
	s := m.Styles
	g := s.Glyphs
	sp := m.rows.Columns()
	a := r.App
	mark, marked := m.rows.Gutter(a.ID)
	now := m.Now()
	var rest strings.Builder
	split, glyph, ink := -1, "", s.Row.Cell // the owner's state glyph, coloured apart
	for _, ci := range m.rows.Ordered(int(sourceapps.ColSource), int(sourceapps.NumColumns)-1) {
		c := sourceapps.Column(ci)
		if w[c] == 0 {
			continue
		}
		var text string
		switch c {
		case sourceapps.ColSource:
			text = r.Source
		case sourceapps.ColOwner:
			text = r.Owner
			if m.owners.Reading() && a.Owner != nil && w[c] > 2 { // the owner's state leads the cell
				glyph, ink = common.OwnerMark(s, m.owners.Get(a.Owner.ID).State)
				rest.WriteByte(' ')
				split = rest.Len()
				rest.WriteString(" " + columns.Cell(r.Owner, w[c]-2, false, g.Ellipsis))
				continue
			}
		case sourceapps.ColEnabled:
			text = m.flag(a.Enabled)
		case sourceapps.ColAppCenter:
			text = m.flag(a.AppCenterEnabled)
		case sourceapps.ColRequests:
			text = m.flag(a.ProvisionRequestEnabled)
		case sourceapps.ColProfiles:
			text = "–"
			if n, ok := m.profiles[a.ID]; ok {
				text = strconv.Itoa(n)
			}
		case sourceapps.ColCreated:
			text = timefmt.Relative(now, a.Created)
		case sourceapps.ColModified:
			text = timefmt.Relative(now, a.Modified)
		}
		rest.WriteByte(' ')
		rest.WriteString(columns.Cell(text, w[c], sp[c].Right, g.Ellipsis))
	}
	name := common.Pad(r.Name, w[sourceapps.ColName], g.Ellipsis)
	before, after := rest.String(), ""
	if split >= 0 {
		before, after = before[:split], before[split:]
	}
	if selected {
		gutter := common.Pad(g.Cursor+mark, w[sourceapps.ColMark], "")
		return s.Row.Selected.Paint(common.Pad(gutter+" "+name+before+glyph+after, m.Width, ""))
	}
	base := s.Row.Cell
	switch {
	case marked:
		base = s.Row.Marked
	case !a.Enabled:
		base = s.Row.Off // dimmed: a disabled app is offered to no one
	}
	line := s.Row.Marked.Paint(common.Pad(" "+mark, w[sourceapps.ColMark], "")) + base.Paint(" ") +
		m.rows.Highlight(name, r.Name, r.NameKey, base) + base.Paint(before)
	if glyph != "" {
		line += ink.Paint(glyph) + base.Paint(after)
	}
	if columns.Total(w) > m.Width {
		return ansi.Truncate(line, m.Width, "")
	}
	return line
}

// thousands formats n with thousands separators: 9,800.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// headerLine draws an owner's header (O): their apps, the disabled and
// the marked ones in view, and whether they left.
func (m *Model) headerLine(g *table.Group, selected bool) string {
	counts := []string{timefmt.Plural(g.N[sourceapps.NApps], "app")}
	if n := g.N[sourceapps.NDisabled]; n > 0 {
		counts = append(counts, strconv.Itoa(n)+" disabled")
	}
	if marked := m.rows.GroupMarks()[g.Key]; marked > 0 {
		counts = append(counts, strconv.Itoa(marked)+" marked")
	}
	if g.Key != "" && m.owners.Reading() {
		counts = append(counts, "owner "+m.owners.Get(g.Key).Label())
	}
	return m.rows.GroupHeader(g, selected, counts)
}
