// Package conflict is the view after a failed guard: someone changed the
// resource between load and apply. It shows, per field, the original the
// edit started from, the server's current value and the user's edit, and
// offers a rebase: the user's changed fields re-applied on the server's
// current version (the other writer's changes kept); where both sides
// changed the same field, the user picks which value wins. RebaseMsg
// carries the rebased document, which is diffed and previewed again:
// nothing is sent from here.
package conflict

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// RebaseMsg carries the user's edit re-applied on Base (the server's
// current document) to the flow that opened the view (ID).
type RebaseMsg struct {
	ID        string
	Base, Doc []byte
}

// CancelMsg: leave the conflict view without sending anything.
type CancelMsg struct{ ID string }

// Field is one patchable member that differs between the three versions.
type Field struct {
	Name                       string
	Original, Server, Mine     []byte // compact JSON; nil when absent
	UserChanged, ServerChanged bool
	// Both sides changed it, to different values: the user chooses.
	Conflict bool
	TakeMine bool
}

// Analyse compares the three versions over the rules' fields.
func Analyse(original, server, mine []byte, rules patchdiff.Rules) ([]Field, error) {
	var out []Field
	for _, rf := range rules.Fields {
		var f Field
		var err error
		f.Name = rf.Name
		if f.Original, err = member(original, rf.Name); err != nil {
			return nil, err
		}
		if f.Server, err = member(server, rf.Name); err != nil {
			return nil, err
		}
		if f.Mine, err = member(mine, rf.Name); err != nil {
			return nil, err
		}
		f.UserChanged = !patchdiff.SameValue(f.Original, f.Mine)
		f.ServerChanged = !patchdiff.SameValue(f.Original, f.Server)
		if !f.UserChanged && !f.ServerChanged {
			continue
		}
		f.Conflict = f.UserChanged && f.ServerChanged && !patchdiff.SameValue(f.Server, f.Mine)
		f.TakeMine = f.UserChanged
		out = append(out, f)
	}
	return out, nil
}

func member(doc []byte, name string) ([]byte, error) {
	v, ok, err := patchdiff.Member(doc, name)
	if err != nil || !ok {
		return nil, err
	}
	return v, nil
}

// Rebase is server with every user-changed field set to the user's value
// (or left as the server has it where the user chose so).
func Rebase(server []byte, fields []Field) ([]byte, error) {
	members, err := editdoc.Split(server)
	if err != nil {
		return nil, fmt.Errorf("rebase: %w", err)
	}
	for _, f := range fields {
		switch {
		case !f.UserChanged || !f.TakeMine:
		case f.Mine == nil:
			members.Delete(f.Name)
		default:
			members.Set(f.Name, f.Mine)
		}
	}
	return members.Join()
}

// KeyMap is the view's bindings.
type KeyMap struct {
	Up, Down, Choose, Rebase, Cancel key.Binding
}

// Model is the conflict view.
type Model struct {
	common.Common
	id     string // who opened it, named in its answers
	keys   KeyMap
	title  string
	server []byte
	fields []Field
	cursor int // the field whose whole values show below the table
}

// New builds the view for the flow id; what names the resource ("token
// “ci-bot”").
func New(c common.Common, id, what string, server []byte, fields []Field) Model {
	m := Model{Common: c, id: id, title: "Changed on the server since you loaded " + what, server: server, fields: fields,
		keys: KeyMap{
			Up:     common.NewBinding("↑/k", "previous field", "up", "k"),
			Down:   common.NewBinding("↓/j", "next field", "down", "j"),
			Choose: common.NewBinding("space/←/→", "mine or server's", " ", "left", "right", "h", "l"),
			Rebase: common.NewBinding("enter/r", "rebase and preview", "enter", "r"),
			Cancel: common.NewBinding("esc", "drop the edit", "esc"),
		}}
	for i, f := range fields { // the first choice to make
		if f.Conflict {
			m.cursor = i
			break
		}
	}
	return m
}

// SetSize sets the drawing area.
func (m *Model) SetSize(w, h int) { m.Common.SetSize(w, h) }

// Keys is the key map for the help bar.
func (m Model) Keys() common.KeyMap {
	return common.HelpKeys{Short: []key.Binding{m.keys.Rebase, m.keys.Choose, m.keys.Cancel},
		Full: [][]key.Binding{{m.keys.Rebase, m.keys.Cancel}, {m.keys.Up, m.keys.Down, m.keys.Choose}}}
}

// Fields is the analysis with the user's choices (tests).
func (m Model) Fields() []Field { return m.fields }

// Update handles keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Cancel):
		id := m.id
		return func() tea.Msg { return CancelMsg{ID: id} }
	case key.Matches(k, m.keys.Rebase):
		doc, err := Rebase(m.server, m.fields)
		if err != nil {
			return common.Toast(common.ToastError, err.Error())
		}
		base, id := m.server, m.id
		return func() tea.Msg { return RebaseMsg{ID: id, Base: base, Doc: doc} }
	case len(m.fields) == 0:
	case key.Matches(k, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, m.keys.Down):
		m.cursor = min(m.cursor+1, len(m.fields)-1)
	case key.Matches(k, m.keys.Choose):
		if f := &m.fields[m.cursor]; f.Conflict {
			f.TakeMine = !f.TakeMine
		}
	}
	return nil
}

// View draws the three versions of each field.
func (m Model) View() string {
	s := m.Styles
	g := s.Glyphs
	f := common.NewDialogFrame(s, m.Width-2, min(max(m.Width-2, 40), 130), 40).Danger(true)
	inner := f.Inner()
	colW := max((inner-20)/3, 8)
	cell := func(v []byte) string {
		t := "—"
		if v != nil {
			t = sanitize.Line(string(v))
		}
		t = ansi.Truncate(t, colW, g.Ellipsis)
		return t + strings.Repeat(" ", max(colW-ansi.StringWidth(t), 0))
	}
	body := []string{
		f.Wrap(s.Text.Secondary, "Your change was not applied: a test guard failed because the server's version differs from the one you edited. "+
			"Rebase re-applies your changes on the server's version, keeps the other changes, and shows a fresh preview."),
		"",
		s.Table.Header.Render(fmt.Sprintf("  %-16s%s %s %s", "field", cell([]byte("original")), cell([]byte("server now")), cell([]byte("your edit")))),
	}
	cut := false // a value did not fit its column
	for i, fd := range m.fields {
		pointer := "  "
		if i == m.cursor {
			pointer = g.Cursor + " "
		}
		for _, v := range [][]byte{fd.Original, fd.Server, fd.Mine} {
			cut = cut || ansi.StringWidth(sanitize.Line(string(v))) > colW
		}
		row := pointer + fmt.Sprintf("%-16s", ansi.Truncate(fd.Name, 15, g.Ellipsis)) + cell(fd.Original) + " " + cell(fd.Server) + " " + cell(fd.Mine)
		var verdict string
		switch {
		case fd.Conflict && fd.TakeMine:
			verdict = s.Status.Warning.Render("both changed: keep YOURS (space: server's)")
		case fd.Conflict:
			verdict = s.Status.Warning.Render("both changed: keep SERVER'S (space: yours)")
		case fd.UserChanged && fd.ServerChanged:
			verdict = s.Status.OK.Render("same change on both sides")
		case fd.UserChanged:
			verdict = s.Status.OK.Render("your change is re-applied")
		default:
			verdict = s.Text.Secondary.Render("server's change is kept")
		}
		body = append(body, row, "    "+verdict)
	}
	if cut && m.cursor < len(m.fields) {
		body = append(body, m.fitRows(m.wholeValues(f), len(body))...)
	}
	return f.Render(s.Status.Danger.Render(sanitize.Line(m.title)), body, "enter: rebase and preview again · space: choose · esc: drop the edit")
}

// wholeValues are the field under the cursor's three values in full,
// wrapped: the table cuts them to its columns, and a cut edit can look
// just like the original.
func (m Model) wholeValues(f common.DialogFrame) []string {
	s, fd := m.Styles, m.fields[m.cursor]
	out := []string{"", s.Text.Secondary.Render("Whole values of " + sanitize.Line(fd.Name) + " (↑/↓ another field):")}
	for _, v := range []struct {
		label string
		val   []byte
	}{{"original", fd.Original}, {"server now", fd.Server}, {"your edit", fd.Mine}} {
		t := "—"
		if v.val != nil {
			t = sanitize.Line(string(v.val))
		}
		out = append(out, f.Wrap(s.Dialog.Body, fmt.Sprintf("%-11s %s", v.label+":", t)))
	}
	return out
}

// fitRows keeps what fits the screen below used body rows (the frame
// takes 6), ending with a note when rows were dropped.
func (m Model) fitRows(lines []string, used int) []string {
	if m.Height <= 0 {
		return lines
	}
	var rows []string
	for _, l := range lines {
		rows = append(rows, strings.Split(l, "\n")...)
	}
	room := m.Height - 6 - used
	if len(rows) <= room {
		return rows
	}
	if room < 2 {
		return nil
	}
	return append(rows[:room-1], m.Styles.Dialog.Hint.Render(m.Styles.Glyphs.Ellipsis+" the rest on a taller screen"))
}
