package clients

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/oauthclients"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/list/columns"
)

// View draws the info line, the filter line, the header and only the
// rows on screen.
func (m *Model) View() string {
	return m.rows.Frame(m.infoLine(), m.emptyLine(), m.rowLine, nil)
}

// infoLine: count, stale rule and server filter left; sort right.
func (m *Model) infoLine() string {
	s := m.Styles
	count := strconv.Itoa(m.rows.Len())
	if !m.loaded {
		count = "loading" + s.Glyphs.Ellipsis
	}
	left := s.Text.Bold.Render("API clients") + s.Text.Faint.Render(" · "+count+" · stale after "+stale.FormatAfter(m.opts.StaleAfter))
	if m.server.label != "" {
		left += s.Text.Faint.Render(" · server filter: ") + s.Text.Accent.Render(m.server.label)
	}
	return common.Spread(left, m.rows.SortLabel(""), m.Width)
}

func (m *Model) emptyLine() string {
	var text string
	switch {
	case m.refused != nil:
		text = "Listing API clients was refused: " + common.ErrorText(m.refused) + " (needs sp:oauth-client:read)."
	case m.loadErr != nil && m.rows.Len() == 0:
		text = "Could not load API clients. Press r to retry."
	case !m.loaded:
		text = "Loading API clients" + m.Styles.Glyphs.Ellipsis
	case m.rows.Len() == 0 && m.server.label != "":
		text = "No API clients match the server filter \"" + m.server.label + "\". Press f to change it."
	case m.rows.Len() == 0:
		text = "No API clients in this tenant. Press n to create one."
	case m.rows.Query().Only:
		text = "No stale API clients match. Press s to show all."
	default:
		text = "No API clients match the filter. Press esc to clear it."
	}
	return "  " + m.Styles.Table.Empty.Render(text)
}

// cell is the text of column c of row r.
func (m *Model) cell(r *oauthclients.Row, c oauthclients.Column) string {
	g, cl, now := m.Styles.Glyphs, r.Client, m.Now()
	flag := func(on bool) string {
		if on {
			return g.OK
		}
		return "·"
	}
	switch c {
	case oauthclients.ColID:
		return r.ShortID
	case oauthclients.ColGrants:
		return r.Grants
	case oauthclients.ColEnabled:
		if !cl.Enabled {
			return g.Fail
		}
		return g.OK
	case oauthclients.ColInternal:
		return flag(cl.Internal)
	case oauthclients.ColScopes:
		return r.Scopes
	case oauthclients.ColCreated:
		return stale.Ago(now, cl.Created)
	case oauthclients.ColModified:
		return stale.Ago(now, cl.Modified)
	case oauthclients.ColLastUsed:
		if cl.LastUsed == nil {
			return "never"
		}
		return stale.Ago(now, *cl.LastUsed)
	case oauthclients.ColStale:
		if r.Stale() {
			return g.Stale
		}
	}
	return ""
}

// rowLine draws one row: one ink for the line (selected > marked >
// disabled > stale), the name with the filter's matches emphasised. A
// disabled client reads as disabled without colour too: ✗ under ON.
func (m *Model) rowLine(r *oauthclients.Row, _ int, selected bool, w []int) string {
	s := m.Styles
	g := s.Glyphs
	sp := m.rows.Columns()
	cl := r.Client
	mark, marked := m.rows.Gutter(cl.ID)
	if m.isSession(cl) {
		mark = g.Session
	}
	var rest strings.Builder
	for _, ci := range m.rows.Ordered(int(oauthclients.ColID), int(oauthclients.NumColumns)-1) {
		if c := oauthclients.Column(ci); w[c] > 0 {
			rest.WriteByte(' ')
			rest.WriteString(columns.Cell(m.cell(r, c), w[c], sp[c].Right, g.Ellipsis))
		}
	}
	name := common.Pad(r.Name, w[oauthclients.ColName], g.Ellipsis)
	if selected {
		gutter := common.Pad(g.Cursor+mark, w[oauthclients.ColMark], "")
		return s.Row.Selected.Paint(common.Pad(gutter+" "+name+rest.String(), m.Width, ""))
	}
	base := s.Row.Cell
	switch {
	case marked:
		base = s.Row.Marked
	case !cl.Enabled:
		base = s.Row.Off
	case r.Stale():
		base = s.Row.Stale
	case cl.Internal:
		base = s.Row.Managed
	}
	line := s.Row.Marked.Paint(common.Pad(" "+mark, w[oauthclients.ColMark], "")) + base.Paint(" ") +
		m.rows.Highlight(name, r.Name, r.NameKey, base) + base.Paint(rest.String())
	if columns.Total(w) > m.Width {
		return ansi.Truncate(line, m.Width, "")
	}
	return line
}

// validityText is a validity in seconds in words: "750 s (12m 30s)".
func validityText(sec int) string {
	if sec <= 0 {
		return "—"
	}
	return strconv.Itoa(sec) + " s (" + timefmt.HumanDuration(time.Duration(sec)*time.Second) + ")"
}

// labels are a client's name and its short id, for dialogs and panels.
func labels(c *client.OAuthClient) (name, id string) {
	return c.Name, oauthclients.ShortID(c.ID)
}

// secondsHint says a validity in words below its field.
func secondsHint(text string) string {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n <= 0 {
		return ""
	}
	return "= " + timefmt.HumanDuration(time.Duration(n)*time.Second)
}
