package tokens

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/list/columns"
)

// View draws the info line, the filter line, the header and only the
// visible rows: the cost of a frame does not depend on how many tokens
// are loaded.
func (m *Model) View() string {
	var marks map[string]int
	if m.rows.Grouped() {
		marks = m.rows.GroupMarks()
	}
	return m.rows.Frame(m.infoLine(), m.emptyLine(), m.rowLine, func(g *table.Group, selected bool) string {
		return m.headerLine(g, selected, marks[g.Key])
	})
}

// infoLine: scope and server filter on the left, sort and position right.
func (m *Model) infoLine() string {
	s := m.Styles
	// The title names the list on screen; a different one being fetched
	// is said as such, never claimed before it arrives.
	scope := s.Text.Secondary.Render(m.listed.String())
	switch {
	case !m.loaded:
		scope = s.Text.Faint.Render("loading " + m.scope.String() + "…")
	case m.loading && m.scope != m.listed:
		scope += s.Text.Faint.Render(" (loading " + m.scope.String() + "…)")
	}
	left := s.Text.Bold.Render("Tokens") + s.Text.Faint.Render(" · ") + scope
	q := m.rows.Query()
	if q.Only && m.sweep.Load() != nil && m.loaded {
		// One owner's tokens: "all owners" would say the opposite.
		left = s.Text.Bold.Render("Tokens")
	}
	if m.server.label != "" {
		left += s.Text.Faint.Render(" · server filter: ") + s.Text.Accent.Render(m.server.label)
	}
	switch {
	case q.Only && m.sweep.Load() != nil:
		left += s.Text.Faint.Render(" · ") + s.Text.Accent.Render(m.sweepLabel())
	case q.Only:
		left += s.Text.Faint.Render(" · ") + s.Table.Stale.Render(s.Glyphs.Stale+" "+quick(m.quick.Load()).label())
	}
	right := m.rows.SortLabel("")
	return common.Spread(left, right, m.Width)
}

func (m *Model) emptyLine() string {
	s := m.Styles
	var text string
	switch {
	case m.loadErr != nil:
		text = "Could not load tokens. Press r to retry."
	case !m.loaded:
		text = "Loading tokens" + s.Glyphs.Ellipsis
	case m.rows.Len() == 0 && m.server.label != "":
		text = "No tokens match the server filter \"" + m.server.label + "\". Press f to change it."
	case m.rows.Len() == 0:
		text = "No tokens."
	case m.rows.Query().Only && m.rows.Query().Text == "" && m.sweep.Load() != nil && quick(m.quick.Load()) == quickOwner:
		text = sanitize.Line(m.sweep.Load().name) + " owns no tokens. Press L to end the sweep."
	case m.rows.Query().Only && m.rows.Query().Text == "" && quick(m.quick.Load()) == quickStale:
		text = "No stale tokens. Press s to show all."
	case m.rows.Query().Only && m.rows.Query().Text == "":
		text = "No tokens: " + quick(m.quick.Load()).label() + ". Press s twice to show all."
	default:
		text = "No tokens match the filter. Press esc to clear it."
	}
	return "  " + s.Table.Empty.Render(text)
}

// rowLine draws one row with one ink for the whole line (selected >
// marked > stale > managed), except the mark and flag glyphs, which keep
// their own colour on unselected rows. The cursor row also carries the
// cursor glyph in the gutter, so it is found without colour or reverse
// video.
func (m *Model) rowLine(r *pats.Row, _ int, selected bool, w []int) string {
	s := m.Styles
	g := s.Glyphs
	mark, marked := m.rows.Gutter(r.Tok.ID)
	now := m.Now()

	var b strings.Builder
	b.Grow(m.Width + 16)
	glyph, ink := "", s.Row.Cell
	switch {
	case m.owners.Reading() && w[pats.ColOwner] > 2: // the owner's state leads its cell
		glyph, ink = common.OwnerMark(s, r.OwnerState)
		b.WriteByte(' ')
		b.WriteString(common.Pad(r.Owner, w[pats.ColOwner]-2, g.Ellipsis))
	case w[pats.ColOwner] > 0:
		b.WriteByte(' ')
		b.WriteString(common.Pad(m.cellText(r, pats.ColOwner, now), w[pats.ColOwner], g.Ellipsis))
	}
	for _, ci := range m.rows.Ordered(int(pats.ColScopes), int(pats.ColExpires)) { // in :columns' order
		if c := pats.Column(ci); w[c] > 0 {
			b.WriteByte(' ')
			b.WriteString(common.Pad(m.cellText(r, c, now), w[c], g.Ellipsis))
		}
	}
	rest := b.String()
	lead := "" // the owner cell's glyph, coloured apart when not selected
	if glyph != "" {
		lead = " " + glyph
	}
	managed, staleMark := "", ""
	if r.Tok.Managed {
		managed = g.Managed
	}
	if r.Stale != stale.NotStale {
		staleMark = g.Stale
	}
	nameCell, tag := m.nameCell(r, r.Name, w[pats.ColName])
	managed, staleMark = glyphCell(managed, w[pats.ColManaged]), glyphCell(staleMark, w[pats.ColStale])
	risk := ""
	if w[pats.ColRisk] > 0 {
		risk = " " + common.Pad(r.Risk.Letters(), w[pats.ColRisk], "")
	}

	if selected {
		gutter := common.Pad(g.Cursor+mark, w[pats.ColMark], "")
		return s.Row.Selected.Paint(common.Pad(gutter+" "+nameCell+tag+lead+rest+managed+staleMark+risk, m.Width, ""))
	}
	base := s.Row.Cell
	switch {
	case marked:
		base = s.Row.Marked
	case r.Stale != stale.NotStale:
		base = s.Row.Stale
	case r.Tok.Managed:
		base = s.Row.Managed
	}
	line := s.Row.Marked.Paint(common.Pad(" "+mark, w[pats.ColMark], "")) + base.Paint(" ") +
		m.rows.Highlight(nameCell, r.Name, r.NameKey, base) + s.Row.Tag.Paint(tag) + ownerLead(lead, glyph, base, ink) + base.Paint(rest) +
		s.Row.Managed.Paint(managed) + s.Row.Stale.Paint(staleMark) + s.Row.Warn.Paint(risk)
	if columns.Total(w) > m.Width { // only below the narrowest layout
		return ansi.Truncate(line, m.Width, "")
	}
	return line
}

// cellText is a time or text column's content.
func (m *Model) cellText(r *pats.Row, c pats.Column, now time.Time) string {
	switch c {
	case pats.ColOwner:
		return r.Owner
	case pats.ColScopes:
		if i := m.matchedScope(r); i >= 0 && i < len(r.Tok.Scope) {
			// The filter matched this scope, not the name or owner: show
			// it, so the row's presence is explained.
			return scopeLabel(r.Tok.Scope, int(i))
		}
		return r.Scopes
	case pats.ColCreated:
		return timefmt.Relative(now, r.Tok.Created)
	case pats.ColLastUsed:
		if r.Tok.LastUsed == nil {
			return "never"
		}
		return timefmt.Relative(now, *r.Tok.LastUsed)
	case pats.ColExpires:
		switch {
		case r.Expires == pats.NeverExpires:
			return "never"
		case r.Tok.ExpirationDate.After(now):
			rel := timefmt.Relative(now, *r.Tok.ExpirationDate)
			if m.scheduledBySailtui(r.Tok) { // set by sailtui's expire instead of delete
				rel += " " + m.Styles.Glyphs.Scheduled
			}
			return rel
		default:
			return "expired"
		}
	}
	return ""
}

// nameCell lays out the name column: the name, cut to fit, and for the
// session's own token a tag right after it; the cell's padding goes after
// the tag.
func (m *Model) nameCell(r *pats.Row, text string, w int) (name, tag string) {
	g := m.Styles.Glyphs
	if !m.isSession(r.Tok) {
		return common.Pad(text, w, g.Ellipsis), ""
	}
	tw := ansi.StringWidth(text)
	tag = m.sessionTag(tw, w)
	name = text
	if avail := w - ansi.StringWidth(tag); tw > avail {
		name = ansi.Truncate(text, avail, g.Ellipsis)
	}
	// (the padding below measures the cut name, so a short cut is filled)
	return name, tag + strings.Repeat(" ", max(0, w-ansi.StringWidth(name)-ansi.StringWidth(tag)))
}

// sessionTag follows the session token's name in its cell: the longest of
// " ◆ this session", " ◆ session" that leaves the whole name (nameW cells)
// readable in a column colW wide, else just the glyph.
func (m *Model) sessionTag(nameW, colW int) string {
	g := m.Styles.Glyphs.Session
	for _, tag := range []string{" " + g + " this session", " " + g + " session"} {
		if nameW+ansi.StringWidth(tag) <= colW {
			return tag
		}
	}
	return " " + g
}

func itoa(n int) string { return strconv.Itoa(n) }

// matchedScope is the scope that put r in the filtered view, or -1 (see
// the function of that name).
func (m *Model) matchedScope(r *pats.Row) int {
	text := m.rows.Result().Query.Text
	tbl := m.rows.Table()
	if text == "" || len(tbl.Rows) == 0 {
		return -1
	}
	return pats.MatchedScope(tbl, r.Index, text)
}

// scopeLabel shows scope i of scopes, with how many others there are:
// "→ sp:all-personal-access-tokens:manage +3".
func scopeLabel(scopes []string, i int) string {
	s := "→ " + sanitize.Line(scopes[i])
	if n := len(scopes) - 1; n > 0 {
		s += " +" + strconv.Itoa(n)
	}
	return s
}

// ownerLead paints the owner cell's glyph in its state's ink.
func ownerLead(lead, glyph string, base, ink themes.Ink) string {
	if lead == "" {
		return ""
	}
	return base.Paint(" ") + ink.Paint(glyph)
}

// glyphCell is a glyph column's cell with its gap, nothing when hidden.
func glyphCell(glyph string, w int) string {
	if w == 0 {
		return ""
	}
	return " " + common.Pad(glyph, w, "")
}
