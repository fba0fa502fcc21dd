package appdetail

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/list/columns"
)

// labelWidth is the field labels' column.
const labelWidth = 20

// fields are the app's fields as label/value lines.
func (m *Model) fields() [][2]string {
	a := m.app
	now := m.Now()
	yes := func(v bool) string {
		if v {
			return m.Styles.Glyphs.OK + " yes"
		}
		return "· no"
	}
	out := [][2]string{
		{"name", a.Name},
		{"id", a.ID},
		{"description", a.Description},
		{"enabled", yes(a.Enabled)},
		{"app center", yes(a.AppCenterEnabled)},
		{"access requests", yes(a.ProvisionRequestEnabled)},
		{"match all accounts", yes(a.MatchAllAccounts)},
		{"created", timefmt.Absolute(a.Created) + " (" + timefmt.Relative(now, a.Created) + ")"},
		{"modified", timefmt.Absolute(a.Modified) + " (" + timefmt.Relative(now, a.Modified) + ")"},
	}
	if a.CloudAppID != "" {
		out = append(out, [2]string{"cloud app id", a.CloudAppID})
	}
	if o := a.Owner; o != nil {
		out = append(out, [2]string{"owner", refText(*o)})
	} else {
		out = append(out, [2]string{"owner", "(none)"})
	}
	if s := a.AccountSource; s != nil {
		out = append(out, [2]string{"account source", refText(client.BaseReference{Type: s.Type, ID: s.ID, Name: s.Name})},
			[2]string{"  password mgmt", yes(s.UseForPasswordManagement)})
		if len(s.PasswordPolicies) == 0 {
			out = append(out, [2]string{"  password policies", "(none)"})
		}
		for i, p := range s.PasswordPolicies {
			label := ""
			if i == 0 {
				label = "  password policies"
			}
			out = append(out, [2]string{label, refText(p)})
		}
	} else {
		out = append(out, [2]string{"account source", "(none)"})
	}
	return out
}

// refText is "Name (id, TYPE)".
func refText(r client.BaseReference) string {
	parts := []string{}
	if r.ID != "" {
		parts = append(parts, r.ID)
	}
	if r.Type != "" {
		parts = append(parts, r.Type)
	}
	if r.Name == "" {
		return strings.Join(parts, ", ")
	}
	if len(parts) == 0 {
		return r.Name
	}
	return r.Name + " (" + strings.Join(parts, ", ") + ")"
}

// profileColumns: mark, name, requestable, disabled, entitlements,
// description.
func profileColumns() []columns.Spec {
	return []columns.Spec{
		{Width: 2},
		{Title: "ACCESS PROFILE", Width: 16, Floor: 8, Flex: 3},
		{Title: "REQ", Width: 3},
		{Title: "OFF", Width: 3},
		{Title: "ENTS", Width: 4, Right: true},
		{Title: "DESCRIPTION", Width: 12, Floor: 6, Flex: 4},
	}
}

// View draws the fields, then the access-profile list filling the rest.
func (m *Model) View() string {
	s := m.Styles
	width := max(min(m.Width-2, 110), 40)
	f := common.NewDialogFrame(s, m.Width-2, width, 40)
	inner := f.Inner()
	var body []string
	for _, kv := range m.fields() {
		label := s.Text.Faint.Render(common.Pad(kv[0], labelWidth, ""))
		body = append(body, label+s.Text.Primary.Render(ansi.Truncate(sanitize.Line(kv[1]), inner-labelWidth, s.Glyphs.Ellipsis)))
	}
	body = append(body, "", m.profilesTitle())
	body = append(body, m.profileLines(inner)...)
	title := s.Dialog.Title.Render("App " + ansi.Truncate(sanitize.Line(m.app.Name), inner-4, s.Glyphs.Ellipsis))
	return f.Render(title, body, "space mark · d remove · + add by id · r reload · esc close")
}

func (m *Model) profilesTitle() string {
	s := m.Styles
	t := s.Text.Bold.Render("Access profiles")
	switch {
	case m.loading && !m.loaded:
		return t + s.Text.Faint.Render(" loading"+s.Glyphs.Ellipsis)
	case m.err != nil:
		return t + " " + s.Status.Danger.Render("could not be listed: "+common.ErrorText(m.err))
	}
	n := s.Text.Faint.Render(" (" + strconv.Itoa(len(m.profiles)) + ")")
	if k := m.marks.Len(); k > 0 {
		n += s.Status.Warning.Render(" " + strconv.Itoa(k) + " marked")
	}
	return t + n
}

// profileLines draws the header and the rows around the cursor.
func (m *Model) profileLines(width int) []string {
	s := m.Styles
	g := s.Glyphs
	if len(m.profiles) == 0 {
		if m.loaded {
			return []string{s.Table.Empty.Render("  No access profiles. + adds one by id.")}
		}
		return nil
	}
	sp := profileColumns()
	w := columns.Layout(sp, width, []int{5}, []int{1})
	var head strings.Builder
	for c, cs := range sp {
		if w[c] == 0 {
			continue
		}
		if c > 0 {
			head.WriteByte(' ')
		}
		head.WriteString(common.Pad(cs.Title, w[c], g.Ellipsis))
	}
	lines := []string{s.Table.Header.Render(ansi.Truncate(head.String(), width, ""))}
	from, to := m.offset, min(m.offset+m.listRows(), len(m.profiles))
	flag := func(v bool) string {
		if v {
			return g.OK
		}
		return "·"
	}
	for i := from; i < to; i++ {
		p := m.profiles[i]
		mark := g.Unmarked
		if m.marks.Has(p.ID) {
			mark = g.Marked
		}
		if i == m.cursor {
			mark = g.Cursor + mark // found without colour too
		}
		desc := ""
		if p.Description != nil {
			desc = *p.Description
		}
		cells := []string{mark, sanitize.Line(p.Name), flag(p.Requestable), flag(p.Disabled), strconv.Itoa(p.EntitlementCount), sanitize.Line(desc)}
		var b strings.Builder
		for c, text := range cells {
			if w[c] == 0 {
				continue
			}
			if c > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(columns.Cell(text, w[c], sp[c].Right, g.Ellipsis))
		}
		line := ansi.Truncate(b.String(), width, "")
		switch {
		case i == m.cursor:
			line = s.Row.Selected.Paint(common.Pad(line, width, ""))
		case m.marks.Has(p.ID):
			line = s.Row.Marked.Paint(line)
		default:
			line = s.Row.Cell.Paint(line)
		}
		lines = append(lines, line)
	}
	return lines
}

// listRows is how many profiles fit under the fields: the frame takes
// six lines, the fields and the list's title and header the rest.
func (m *Model) listRows() int { return max(m.Height-len(m.fields())-2-6, 3) - 1 }

// follow keeps the cursor's profile on screen; Update and SetSize call
// it, so View only draws.
func (m *Model) follow() {
	m.cursor, m.offset = common.FollowCursor(m.cursor, m.offset, len(m.profiles), m.listRows())
}
