package confirm

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

const (
	defaultWidth = 60
	minWidth     = 32
)

// View draws the dialog box only; the parent centres it over the screen.
// It fits the height it was given: the list of names gives up rows
// first, then the notes between it and the buttons are cut (and say so),
// so the confirmation, the buttons and the key line always show.
func (m Model) View() string {
	s := m.Styles
	frame := m.frame()
	n := m.DeleteCount()
	title := fmt.Sprintf("%s %d %s?", m.req.Verb, n, m.plural(n))
	if n == 0 {
		title = "Nothing to delete"
	}
	l := m.layout()
	b := append(m.examplesView(frame.Inner(), l.listRows), l.details...)
	b = append(append(b, l.notes...), l.tail...)
	return frame.Render(s.Status.Danger.Render(title), b, m.hint())
}

func (m Model) frame() common.DialogFrame {
	return common.NewDialogFrame(m.Styles, m.Width, defaultWidth, minWidth).Danger(true)
}

// dialogLayout is what the dialog shows at its height.
type dialogLayout struct {
	listRows int      // names shown at once
	details  []string // the request's details, a window of them when they scroll
	// detailsMax is the last first row the details can scroll to (0:
	// they do not scroll).
	detailsMax int
	notes      []string // what is hidden or left out, the managed tokens' choice
	tail       []string // the confirmation and its buttons
}

// frameRows are the rows the frame takes around the body: borders,
// title and blank line, blank line and key line.
const frameRows = 6

// layout fits the dialog into m.Height (0: any height).
func (m Model) layout() dialogLayout {
	frame := m.frame()
	details, notes, tail := m.detailsView(frame), m.notesView(frame), m.tailView(frame)
	l := dialogLayout{listRows: MaxExamples, details: details, notes: notes, tail: tail}
	if m.Height <= 0 {
		return l
	}
	rows := func(lines []string) int {
		n := 0
		for _, x := range lines {
			n += lipgloss.Height(x)
		}
		return n
	}
	more := m.Styles.Dialog.Hint.Render(m.Styles.Glyphs.Ellipsis + " more on a taller screen")
	avail := m.Height - frameRows - rows(tail)
	inner := frame.Inner()
	for l.listRows = MaxExamples; l.listRows > 1; l.listRows-- {
		if rows(m.examplesView(inner, l.listRows))+rows(details)+rows(notes) <= avail {
			break
		}
	}
	left := avail - rows(m.examplesView(inner, l.listRows)) // for the details and the notes
	if rows(details)+rows(notes) <= left {
		return l
	}
	// The details scroll in what is left (three rows at least: they say
	// what the change is); the notes close up from the top if they must,
	// the managed choice, last, stays.
	flat := flatten(details)
	shown := max(min(len(flat), left-rows(notes)), 3)
	if n := left - shown; n < rows(notes) {
		l.notes = lastLines(notes, max(n, 2), more)
	}
	window := shown - 1 // and the line that says how to scroll
	l.detailsMax = max(len(flat)-window, 0)
	off := min(m.detailsOff, l.detailsMax)
	l.details = append(slices.Clone(flat[off:off+window]), m.Styles.Dialog.Hint.Render(fmt.Sprintf(
		"  details %d–%d of %d · shift+↑/↓ scroll", off+1, off+window, len(flat))))
	return l
}

// lastLines keeps the last whole entries of lines (each may wrap over
// several rows) that fit in rows under more: a note is shown whole or
// not at all, never from its middle; only an entry taller than all the
// room is cut, keeping its end (the choice it offers).
func lastLines(lines []string, rows int, more string) []string {
	if flat := flatten(lines); len(flat) <= rows {
		return flat
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" { // the blank goes first
		lines = lines[:len(lines)-1]
	}
	room, from := max(rows-1, 1), len(lines)
	for from > 0 && len(flatten(lines[from-1:])) <= room {
		from--
	}
	if from == len(lines) { // the last entry alone is too tall
		flat := flatten(lines[len(lines)-1:])
		return append([]string{more}, flat[len(flat)-room:]...)
	}
	return append([]string{more}, flatten(lines[from:])...)
}

// flatten splits lines that hold several rows.
func flatten(lines []string) []string {
	var flat []string
	for _, x := range lines {
		flat = append(flat, strings.Split(x, "\n")...)
	}
	return flat
}

// detailsView is the request's own details, under the names.
func (m Model) detailsView(frame common.DialogFrame) []string {
	var b []string
	for _, d := range m.req.Details {
		b = append(b, frame.Wrap(m.Styles.Dialog.Body, sanitize.Lines(d)))
	}
	if len(b) > 0 {
		b = append(b, "")
	}
	return b
}

// notesView is what is hidden or left out, and the managed tokens'
// choice: never cut, since the choice can take focus.
func (m Model) notesView(frame common.DialogFrame) []string {
	s := m.Styles
	wrap := frame.Wrap
	var b []string
	if m.req.Hidden > 0 {
		b = append(b, wrap(s.Status.Warning, s.Glyphs.Warn+" "+m.hiddenNote()))
	}
	if m.req.Session > 0 {
		b = append(b, wrap(s.Text.Accent, fmt.Sprintf("%s %s the one sailtui is signed in with; %s left out.",
			s.Glyphs.Session, m.countIs(m.req.Session), itThey(m.req.Session))))
	}
	if m.req.Managed > 0 {
		b = append(b, m.managedView(wrap)...)
	}
	if len(b) > 0 && b[len(b)-1] != "" {
		b = append(b, "")
	}
	return b
}

// tailView is the confirmation (typed or not), a problem, and the buttons.
func (m Model) tailView(frame common.DialogFrame) []string {
	s := m.Styles
	inner, wrap := frame.Inner(), frame.Wrap
	n := m.DeleteCount()
	var b []string
	if m.NeedsTyping() {
		b = append(b, wrap(s.Dialog.Body, fmt.Sprintf("%s Type %d to confirm:", m.req.Consequence, n)))
		in := m.input
		in.Width = inner - 3
		in.Prompt = "  " // pointed at only when focused (shows without colour)
		if m.focus == elemInput {
			in.Prompt = s.Glyphs.Cursor + " "
		}
		b = append(b, in.View())
	} else if n > 0 {
		b = append(b, wrap(s.Dialog.Body, m.req.Consequence))
	} else {
		b = append(b, wrap(s.Dialog.Body, m.nothingToDelete()))
	}
	if m.problem != "" {
		b = append(b, wrap(s.Dialog.Invalid, s.Glyphs.Fail+" "+m.problem))
	}
	return append(b, "", m.buttonsView(inner))
}

// hiddenNote says how many of the selection the filter hides: "The 1
// selected token is hidden ...", "All 3 selected tokens are hidden ...",
// "2 of the 12 selected are hidden ...".
func (m Model) hiddenNote() string {
	h, n := m.req.Hidden, m.req.Count
	switch {
	case h == n && n == 1:
		return fmt.Sprintf("The 1 selected %s is hidden by the current filter.", m.req.Noun)
	case h == n:
		return fmt.Sprintf("All %d selected %s are hidden by the current filter.", n, m.plural(n))
	}
	return fmt.Sprintf("%d of the %d selected %s hidden by the current filter.", h, n, isAre(h))
}

func (m Model) examplesView(inner, h int) []string {
	s := m.Styles
	items, managedFrom := m.listed(), len(m.req.Examples)
	off, end := m.list.Window(len(items), h)
	var out []string
	for i := off; i < end; i++ {
		if i >= managedFrom { // included managed tokens are deleted too
			line := "  " + s.Glyphs.Managed + " " + exampleText(items[i], inner-4, s.Glyphs.Ellipsis)
			out = append(out, s.Table.Managed.Render(line))
			continue
		}
		out = append(out, s.Dialog.Body.Render("  • "+exampleText(items[i], inner-4, s.Glyphs.Ellipsis)))
	}
	switch {
	case len(items) > h:
		out = append(out, s.Dialog.Hint.Render(fmt.Sprintf("  %d–%d of %d · ↑/↓ pgup/pgdn to read them all",
			off+1, end, len(items))))
	case len(out) > 0 && m.DeleteCount() > len(items):
		out = append(out, s.Dialog.Hint.Render(fmt.Sprintf("  %s and %d more", s.Glyphs.Ellipsis, m.DeleteCount()-len(items))))
	}
	if len(out) > 0 {
		out = append(out, "")
	}
	return out
}

func (m Model) managedView(wrap func(lipgloss.Style, string) string) []string {
	s := m.Styles
	mg := m.req.Managed
	var note string
	switch {
	case m.req.ManagedProtected:
		note = fmt.Sprintf("%s %d %s %s left out: %s %s are protected.",
			s.Glyphs.Managed, mg, m.special(), m.plural(mg)+" "+isAre(mg), m.special(), m.plural(2))
	case m.includeManaged:
		note = fmt.Sprintf("%s %d %s %s included. Integrations that use %s will stop working.",
			s.Glyphs.Managed, mg, m.special(), m.plural(mg)+" "+isAre(mg), itThem(mg))
	default:
		note = fmt.Sprintf("%s %d %s %s left out (%s).",
			s.Glyphs.Managed, mg, m.special(), m.plural(mg)+" "+isAre(mg), m.specialWhy())
	}
	st := s.Table.Managed
	if m.includeManaged {
		st = s.Status.Danger
	}
	box := "[ ]"
	if m.includeManaged {
		box = "[x]"
	}
	pointer := "  " // the focused checkbox is pointed at, like the focused input
	if m.focus == elemManaged {
		pointer = s.Glyphs.Cursor + " "
	}
	label := fmt.Sprintf("%s%s Include the %s %s (m)", pointer, box, m.special(), m.plural(mg))
	cb := s.Dialog.Body
	switch {
	case m.req.ManagedProtected:
		label = fmt.Sprintf("  [-] Include the %s %s (protected)", m.special(), m.plural(mg))
		cb = s.Help.Disabled
	case m.focus == elemManaged:
		cb = s.Dialog.InputFocused.Bold(true)
	}
	return []string{wrap(st, note), cb.Render(label)}
}

func (m Model) buttonsView(inner int) string {
	s := m.Styles
	cancelStyle := s.Dialog.Button
	if m.focus == elemCancel {
		cancelStyle = s.Dialog.ButtonFocused
	}
	cancel := common.Button(cancelStyle, "Cancel", m.focus == elemCancel)
	n := m.DeleteCount()
	if n == 0 { // nothing to confirm: no Delete button at all
		return lipgloss.PlaceHorizontal(inner, lipgloss.Center, cancel)
	}
	label := fmt.Sprintf("%s %d", m.req.Verb, n)
	var del string
	if m.focus == elemDelete {
		del = common.Button(s.Dialog.DangerButtonFocused, label, true)
	} else {
		del = common.Button(s.Dialog.Button, label, false)
	}
	row := lipgloss.JoinHorizontal(lipgloss.Top, cancel, "  ", del)
	return lipgloss.PlaceHorizontal(inner, lipgloss.Center, row)
}

func (m Model) hint() string {
	parts := []string{"tab move", "enter select"}
	if m.req.Managed > 0 && !m.req.ManagedProtected {
		parts = append(parts, "m "+m.special())
	}
	return strings.Join(append(parts, "esc cancel"), " · ")
}

// ownerSep goes between an example's name and its owner.
const ownerSep = " — "

// exampleText is "name — owner" in at most w cells. When it is too long
// both are cut, the owner to no less than a third of the line, so the
// owner still tells apart tokens that share a name.
func exampleText(e Example, w int, ellipsis string) string {
	name := e.Name
	if name == "" {
		name = "(no name)"
	}
	if e.Owner == "" {
		return truncate(name, w, ellipsis)
	}
	nameW, ownerW := lipgloss.Width(name), lipgloss.Width(e.Owner)
	avail := w - lipgloss.Width(ownerSep)
	if nameW+ownerW <= avail {
		return name + ownerSep + e.Owner
	}
	if avail < 8 { // no room for both to say anything
		return truncate(name, w, ellipsis)
	}
	ownerFit := min(ownerW, max(avail/3, avail-nameW))
	owner := truncate(e.Owner, ownerFit, ellipsis)
	return truncate(name, avail-lipgloss.Width(owner), ellipsis) + ownerSep + owner
}

// truncate cuts s to w cells with an ellipsis.
func truncate(s string, w int, ellipsis string) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+lipgloss.Width(ellipsis) > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + ellipsis // "Johnson…", not "Johnson …"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// countIs is "1 token is" / "2 tokens are".
func (m Model) countIs(n int) string {
	return fmt.Sprintf("%d %s %s", n, m.plural(n), isAre(n))
}

func itThey(n int) string {
	if n == 1 {
		return "it is"
	}
	return "they are"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
