// Package detail shows one personal access token in full: every field, the
// whole scope list, and each time both absolute and relative.
package detail

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// ID is the modal id of the detail view.
const ID = "detail"

// KeyMap is the detail view's bindings.
type KeyMap struct {
	common.Disabler
	Up, Down, Close key.Binding
	// CopyID, CopyName and Edit act on the subject (WithSubject); they
	// are off for text with none. Jump shows it in its view (Subject.Kind).
	CopyID, CopyName, Edit, Jump key.Binding
}

// DefaultKeyMap builds the bindings.
func DefaultKeyMap() KeyMap {
	k := KeyMap{
		Up:       common.NewBinding("↑/k", "scroll up", "up", "k"),
		Down:     common.NewBinding("↓/j", "scroll down", "down", "j"),
		Close:    common.NewBinding("esc/enter", "close", "esc", "enter", "q"),
		CopyID:   common.NewBinding("y", "copy the id", "y"),
		CopyName: common.NewBinding("Y", "copy the name", "Y"),
		Edit:     common.NewBinding("e", "edit", "e"),
		Jump:     common.NewBinding("g", "go to it in its view", "g"),
	}
	k.CopyID.SetEnabled(false)
	k.CopyName.SetEnabled(false)
	k.Edit.SetEnabled(false)
	k.Jump.SetEnabled(false)
	return k
}

func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.CopyID, k.CopyName, k.Edit, k.Jump, k.Close}
}
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Subject is what the details show: y and Y copy its id and name, e
// asks its view to edit it (EditMsg).
type Subject struct {
	// Source is the view that opened the details: EditMsg goes to it
	// (every view gets the message; only the asker acts).
	Source   string
	ID, Name string
	// Editable says e edits it; NotEditable says why not, when it
	// cannot be (read-only, no right).
	Editable    bool
	NotEditable string
	// Kind, for a record of a change (an audit entry), is the kind of
	// resource it changed: g shows that resource in its view.
	Kind string
}

// EditMsg asks the view that opened the details (Source) to edit its
// item ID.
type EditMsg struct{ Source, ID string }

// Info is what the Tokens view knows about the token beyond its fields.
type Info struct {
	// Stale is the stale rule's verdict; StaleText says why, e.g. "not
	// stale: never used, created 3d ago (threshold 90d)".
	Stale     bool
	StaleText string
	// Session is true for the token sailtui itself is signed in with.
	Session bool
	// Scheduled is true when the expiry is one sailtui set (expire
	// instead of delete).
	Scheduled bool
	// Owner is what is known of the owner: state, manager, capabilities,
	// last login (nil: owners are not read).
	Owner []string
	// Risk are the token's risk flags in words.
	Risk []string
}

// OwnerMsg brings what was read of a token's owner since its details
// opened (their admin capabilities, asked for on opening): the modal
// showing that token takes it, any other ignores it.
type OwnerMsg struct {
	TokenID string
	Owner   []string
	Risk    []string
}

// Model is the detail modal.
type Model struct {
	common.Common
	keys   KeyMap
	tok    client.PersonalAccessToken
	info   Info
	scroll common.Scroll
	// subject is what y, Y and e act on ("" ID: none).
	subject Subject
	// title and text, for NewText; a token's are derived from it.
	title string
	text  []string
}

// New returns the detail modal for tok.
func New(c common.Common, tok client.PersonalAccessToken, info Info) *Model {
	return &Model{Common: c, keys: DefaultKeyMap(), tok: tok, info: info,
		title: "Token " + c.Styles.Glyphs.Arrow + " " + sanitize.Line(tok.Name)}
}

// NewText is the same scrolling box around lines the caller built (and
// sanitized): an audit entry, for one.
func NewText(c common.Common, title string, lines []string) *Model {
	return &Model{Common: c, keys: DefaultKeyMap(), title: title, text: lines}
}

// WithSubject names what the details show, for y, Y and e.
func (m *Model) WithSubject(s Subject) *Model {
	m.subject = s
	m.keys.CopyID.SetEnabled(s.ID != "")
	m.keys.CopyName.SetEnabled(s.Name != "")
	m.keys.Edit.SetEnabled(s.Editable || s.NotEditable != "")
	m.keys.Jump.SetEnabled(s.Kind != "" && s.ID != "")
	return m
}

// Keys implements common.Modal.
func (m *Model) Keys() common.KeyMap { return m.keys }

// Update scrolls and closes, and takes the owner read since opening.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if o, ok := msg.(OwnerMsg); ok && m.text == nil && o.TokenID == m.tok.ID {
		m.info.Owner, m.info.Risk = o.Owner, o.Risk
		return nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	name := strconv.Quote(sanitize.Line(m.subject.Name))
	switch {
	case key.Matches(k, m.keys.Close):
		return common.PopModal(ID)
	case key.Matches(k, m.keys.CopyID):
		return common.Copy("the id of "+name, sanitize.Line(m.subject.ID))
	case key.Matches(k, m.keys.CopyName):
		return common.Copy("the name "+name, sanitize.Line(m.subject.Name))
	case key.Matches(k, m.keys.Jump):
		msg := common.JumpMsg{Kind: m.subject.Kind, ID: m.subject.ID, Name: m.subject.Name}
		return tea.Batch(common.PopModal(ID), func() tea.Msg { return msg })
	case key.Matches(k, m.keys.Edit) && !m.subject.Editable:
		return common.Toast(common.ToastWarning, "Cannot edit "+name+": "+m.subject.NotEditable)
	case key.Matches(k, m.keys.Edit):
		msg := EditMsg{Source: m.subject.Source, ID: m.subject.ID}
		return tea.Sequence(common.PopModal(ID), func() tea.Msg { return msg })
	default:
		m.scroll.Handle(k, common.ScrollKeys{Up: m.keys.Up, Down: m.keys.Down}, len(m.lines()), m.bodyHeight())
	}
	return nil
}

func (m *Model) bodyHeight() int { return max(3, m.Height-6) }

// lines is the content, one field per line (scopes one per line).
func (m *Model) lines() []string {
	if m.text != nil {
		return append([]string(nil), m.text...)
	}
	s := m.Styles
	now := m.Now()
	label := func(l string) string { return s.Text.Secondary.Render(fmt.Sprintf("%-16s", l)) }
	val := func(v string) string { return s.Text.Primary.Render(sanitize.Line(v)) }
	when := func(t time.Time) string {
		return val(timefmt.Absolute(t)) + s.Text.Faint.Render("  ("+timefmt.Relative(now, t)+")")
	}
	t := m.tok
	// Long names wrap under their label instead of being cut: this is
	// where a 221-character name can be read in full.
	valueW := max(common.NewDialogFrame(s, m.Width-2, 102, 32).Inner()-2-16, 10)
	wrapped := func(l, v string) []string {
		parts := strings.Split(ansi.Wrap(sanitize.Line(v), valueW, "-"), "\n") // at words; a long word is cut
		out := []string{label(l) + s.Text.Primary.Render(parts[0])}
		for _, p := range parts[1:] {
			out = append(out, label("")+s.Text.Primary.Render(p))
		}
		return out
	}
	out := wrapped("Name", t.Name)
	out = append(out, label("ID")+val(t.ID))
	out = append(out, wrapped("Owner", t.Owner.Name)...)
	out = append(out, label("Owner ID")+s.Text.Faint.Render(sanitize.Line(t.Owner.ID)))
	for i, l := range m.info.Owner {
		head := ""
		if i == 0 {
			head = "Owner is"
		}
		out = append(out, wrapped(head, l)...)
	}
	if m.info.Session {
		out = append(out, label("Session")+s.Text.Accent.Render(s.Glyphs.Session+" sailtui is signed in with this token")+
			s.Text.Faint.Render("  (always left out of deletes)"))
	}
	out = append(out, label("Created")+when(t.Created))
	if t.LastUsed != nil {
		out = append(out, label("Last used")+when(*t.LastUsed))
	} else {
		out = append(out, label("Last used")+val("never"))
	}
	out = append(out, label("Expires")+m.expiry(val, when))
	managed := "no"
	if t.Managed {
		managed = s.Glyphs.Managed + " yes (created by the platform; left out of deletes unless included)"
	}
	out = append(out,
		label("Managed")+val(managed),
		label("Token validity")+val(validity(t.AccessTokenValiditySeconds)),
	)
	stale := val(m.info.StaleText)
	if m.info.Stale {
		stale = s.Table.Stale.Render(s.Glyphs.Stale + " " + sanitize.Line(m.info.StaleText))
	}
	out = append(out, label("Stale")+stale)
	if len(m.info.Risk) > 0 {
		out = append(out, label("Risk")+s.Status.Warning.Render(sanitize.Line(strings.Join(m.info.Risk, " · "))))
	}
	scopes := t.Scope
	if len(scopes) == 0 {
		scopes = []string{"sp:scopes:default (none given)"}
	}
	out = append(out, label(fmt.Sprintf("Scopes (%d)", len(t.Scope)))+val(scopes[0]))
	for _, sc := range scopes[1:] {
		out = append(out, label("")+val(sc))
	}
	return out
}

// expiry is the Expires line's value: never, expired, or the date (and
// whether sailtui scheduled it).
func (m *Model) expiry(val func(string) string, when func(time.Time) string) string {
	s, t := m.Styles, m.tok
	switch {
	case t.UserAwareTokenNeverExpires || t.ExpirationDate == nil:
		return val("never")
	case !t.ExpirationDate.After(m.Now()):
		return s.Status.Danger.Render("expired ") + when(*t.ExpirationDate)
	}
	line := when(*t.ExpirationDate)
	if m.info.Scheduled {
		line += s.Status.Warning.Render("  " + s.Glyphs.Scheduled + " scheduled by sailtui (expire instead of delete)")
	}
	return line
}

func validity(sec int) string {
	if sec <= 0 {
		return "default"
	}
	return fmt.Sprintf("%d s (%s)", sec, timefmt.HumanDuration(time.Duration(sec)*time.Second))
}

// View draws the box with the visible part of the content.
func (m *Model) View() string {
	s := m.Styles
	frame := common.NewDialogFrame(s, m.Width-2, 102, 32)
	w := frame.Inner()
	lines := m.lines()
	h := m.bodyHeight()
	from, end := m.scroll.Window(len(lines), h)
	body := lines[from:end]
	for i, l := range body {
		body[i] = ansi.Truncate(l, w-2, s.Glyphs.Ellipsis)
	}
	title := s.Dialog.Title.Render(m.title)
	hint := "esc close"
	if m.subject.ID != "" {
		hint = "y copy id · Y name · ? keys · esc close"
		switch {
		case m.subject.Editable:
			hint = "y copy id · Y name · e edit · ? keys · esc close"
		case m.subject.Kind != "":
			hint = "g go to it · y copy id · Y name · ? keys · esc close"
		}
	}
	if len(lines) > h {
		hint = fmt.Sprintf("↑/↓ scroll (%d-%d of %d) · %s", from+1, end, len(lines), hint)
	}
	return frame.Render(ansi.Truncate(title, w-2, s.Glyphs.Ellipsis), body, hint)
}
