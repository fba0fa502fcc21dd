package appdetail

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/list/columns"
)

// labelWidth is the field labels' column.
const labelWidth = 20

// fields are the app's fields as label/value lines.
func (m *Model) fields() [][2]string {
	yes := func(v bool) string {
		if v {
			return m.Styles.Glyphs.OK + " yes"
		}
		return "· no"
	}
	room := m.Height - frameLines - 1 - 2 - minListRows // for fields, under the list's floor
	full := m.fullFields(yes)
	if m.Height <= 0 || len(full) <= room {
		return full
	}
	compact := m.compactFields(yes)
	if len(compact) <= room {
		return compact
	}
	// Shorter still: the first fields, and a line saying what is left out.
	keep := max(room-1, 1)
	return append(compact[:keep:keep], [2]string{"…", fmt.Sprintf("%d more fields on a taller screen", len(compact)-keep)})
}

// The details' fixed lines: the frame (borders, title, blank lines, key
// hint); the list keeps at least minListRows rows on any screen.
const (
	frameLines  = 6
	minListRows = 3
)

// compactFields fit a short screen (80×24): the flags on one line, the
// dates on one, the password settings on one.
func (m *Model) compactFields(yes func(bool) string) [][2]string {
	a := m.app
	now := m.Now()
	flag := func(name string, v bool) string {
		if v {
			return m.Styles.Glyphs.OK + " " + name
		}
		return "· " + name
	}
	out := [][2]string{
		{"name", a.Name},
		{"id", a.ID},
		{"description", a.Description},
		{"flags", strings.Join([]string{flag("enabled", a.Enabled), flag("app center", a.AppCenterEnabled),
			flag("requests", a.ProvisionRequestEnabled), flag("match all", a.MatchAllAccounts)}, "  ")},
		{"created", timefmt.Relative(now, a.Created) + " · modified " + timefmt.Relative(now, a.Modified)},
	}
	if a.CloudAppID != "" {
		out = append(out, [2]string{"cloud app id", a.CloudAppID})
	}
	owner := "(none)"
	if o := a.Owner; o != nil {
		owner = refText(*o)
	}
	out = append(out, [2]string{"owner", owner})
	out = append(out, m.ownerFields()...)
	src := a.AccountSource
	if src == nil {
		return append(out, [2]string{"account source", "(none)"})
	}
	policies := "(none)"
	if n := len(src.PasswordPolicies); n > 0 {
		names := make([]string, n)
		for i, p := range src.PasswordPolicies {
			names[i] = cmp.Or(p.Name, p.ID)
		}
		policies = strings.Join(names, ", ")
	}
	return append(out, [2]string{"account source", refText(client.BaseReference{Type: src.Type, ID: src.ID, Name: src.Name})},
		[2]string{"  password", "mgmt " + yes(src.UseForPasswordManagement) + " · policies " + policies})
}

// ownerFields say who the owner is, under the owner.
func (m *Model) ownerFields() [][2]string {
	if m.app.Owner == nil {
		return nil
	}
	out := make([][2]string, len(m.opts.Owner))
	for i, l := range m.opts.Owner {
		out[i] = [2]string{"", l}
		if i == 0 {
			out[i][0] = "  owner is"
		}
	}
	return out
}

// fullFields are every field on its own line.
func (m *Model) fullFields(yes func(bool) string) [][2]string {
	a := m.app
	now := m.Now()
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
	out = append(out, m.ownerFields()...)
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

// Columns of the access-profile list.
const (
	colProfileMark = iota
	colProfileName
	colProfileRequestable
	colProfileDisabled
	colProfileEntitlements
	colProfileDescription
)

// profileRow is one access profile with its text, sanitized once.
type profileRow struct {
	p          *client.AccessProfileDetails
	name, desc string
	nameKey    string
}

// profileDef declares the access-profile list: filter over name,
// description and id, sort by name, the flags and the entitlement count,
// and the description dropped first on a narrow screen.
func (m *Model) profileDef() list.Def[client.AccessProfileDetails, profileRow] {
	return list.Def[client.AccessProfileDetails, profileRow]{
		Noun:  "access profile",
		ID:    func(p *client.AccessProfileDetails) string { return p.ID },
		Label: func(p *client.AccessProfileDetails) string { return p.Name },
		Item:  func(r *profileRow) *client.AccessProfileDetails { return r.p },
		Build: buildProfileRows,
		Sorter: func() func([]profileRow, table.Sort) []int32 {
			return sortProfiles
		},
		Weights: match.Weights{3, 1, 1},
		Columns: []columns.Spec{
			colProfileMark:         {Width: 2},
			colProfileName:         {Title: "ACCESS PROFILE", Width: 16, Floor: 8, Flex: 3},
			colProfileRequestable:  {Title: "REQ", Width: 3},
			colProfileDisabled:     {Title: "OFF", Width: 3},
			colProfileEntitlements: {Title: "ENTS", Width: 4, Right: true},
			colProfileDescription:  {Title: "DESCRIPTION", Width: 12, Floor: 6, Flex: 4},
		},
		Hide:        []int{colProfileDescription},
		Shrink:      []int{colProfileName},
		SortKeys:    profileSortKeys(),
		Placeholder: "filter: name, description, id",
		Refresh:     m.load,
	}
}

func profileSortKeys() []int {
	return []int{colProfileName, colProfileRequestable, colProfileDisabled, colProfileEntitlements}
}

func buildProfileRows(ps []client.AccessProfileDetails) table.Table[profileRow] {
	rows := make([]profileRow, len(ps))
	b := match.NewBuilder(len(ps), 3, 48)
	for i := range ps {
		p := &ps[i]
		desc := ""
		if p.Description != nil {
			desc = sanitize.Line(*p.Description)
		}
		rows[i] = profileRow{p: p, name: sanitize.Line(p.Name), desc: desc}
		b.Add(rows[i].name)
		b.Add(desc)
		b.Add(p.ID)
		b.EndRow()
	}
	t := table.Table[profileRow]{Rows: rows, Index: b.Index()}
	for i := range rows {
		rows[i].nameKey = t.Index.Field(int32(i), 0)
	}
	return t
}

// sortProfiles orders by a column; ties by name, then id.
func sortProfiles(rows []profileRow, s table.Sort) []int32 {
	order := make([]int32, len(rows))
	for i := range order {
		order[i] = int32(i)
	}
	flag := func(v bool) int {
		if v {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		ra, rb := &rows[a], &rows[b]
		c := 0
		switch s.Col {
		case colProfileRequestable:
			c = cmp.Compare(flag(ra.p.Requestable), flag(rb.p.Requestable))
		case colProfileDisabled:
			c = cmp.Compare(flag(ra.p.Disabled), flag(rb.p.Disabled))
		case colProfileEntitlements:
			c = cmp.Compare(ra.p.EntitlementCount, rb.p.EntitlementCount)
		}
		if s.Desc {
			c = -c
		}
		if c == 0 && s.Col == colProfileName && s.Desc {
			return cmp.Or(strings.Compare(rb.nameKey, ra.nameKey), strings.Compare(rb.p.ID, ra.p.ID))
		}
		return cmp.Or(c, strings.Compare(ra.nameKey, rb.nameKey), strings.Compare(ra.p.ID, rb.p.ID))
	})
	return order
}

// View draws the fields, then the access-profile list filling the rest.
func (m *Model) View() string {
	s := m.Styles
	f := common.NewDialogFrame(s, m.Width-2, m.dialogWidth(), 40)
	inner := f.Inner()
	var body []string
	for _, kv := range m.fields() {
		label := s.Text.Faint.Render(common.Pad(kv[0], labelWidth, ""))
		body = append(body, label+s.Text.Primary.Render(ansi.Truncate(sanitize.Line(kv[1]), inner-labelWidth, s.Glyphs.Ellipsis)))
	}
	body = append(body, "")
	// The list pads to its height; the dialog ends with its last row.
	frame := strings.TrimRight(m.profiles.Frame(m.profilesTitle(), m.profilesEmpty(), m.profileLine, nil), "\n")
	body = append(body, strings.Split(frame, "\n")...)
	title := s.Dialog.Title.Render("App " + ansi.Truncate(sanitize.Line(m.app.Name), inner-4, s.Glyphs.Ellipsis))
	return f.Render(title, body, "space mark · d remove · + add by id · / filter · r reload · esc close")
}

// dialogWidth is the details' box width; innerWidth what is inside it.
func (m *Model) dialogWidth() int { return max(min(m.Width-2, 110), 40) }

func (m *Model) innerWidth() int {
	return common.NewDialogFrame(m.Styles, m.Width-2, m.dialogWidth(), 40).Inner()
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
	n := s.Text.Faint.Render(" (" + strconv.Itoa(m.profiles.Len()) + ")")
	if k := m.profiles.Marks().Len(); k > 0 {
		n += s.Status.Warning.Render(" " + strconv.Itoa(k) + " marked")
	}
	return common.Spread(t+n, m.profiles.SortLabel(""), m.innerWidth())
}

func (m *Model) profilesEmpty() string {
	switch {
	case !m.loaded:
		return ""
	case m.profiles.Len() == 0:
		return m.Styles.Table.Empty.Render("  No access profiles. + adds one by id.")
	}
	return m.Styles.Table.Empty.Render("  No access profiles match the filter. esc clears it.")
}

// profileLine draws one profile: the mark (and the cursor, found without
// colour too), then its cells, in one ink.
func (m *Model) profileLine(r *profileRow, _ int, selected bool, w []int) string {
	s := m.Styles
	g := s.Glyphs
	sp := m.profiles.Columns()
	mark, marked := m.profiles.Gutter(r.p.ID)
	if selected {
		mark = g.Cursor + mark
	}
	flag := func(v bool) string {
		if v {
			return g.OK
		}
		return "·"
	}
	cells := []string{mark, r.name, flag(r.p.Requestable), flag(r.p.Disabled), strconv.Itoa(r.p.EntitlementCount), r.desc}
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
	width := m.profiles.Width
	line := ansi.Truncate(b.String(), width, "")
	switch {
	case selected:
		return s.Row.Selected.Paint(common.Pad(line, width, ""))
	case marked:
		return s.Row.Marked.Paint(line)
	}
	return s.Row.Cell.Paint(line)
}

// listRows is how many profiles fit under the fields: the frame takes
// six lines, the fields and the list's title and header the rest.
func (m *Model) listRows() int { return max(m.Height-frameLines-len(m.fields())-1-2, minListRows) }
