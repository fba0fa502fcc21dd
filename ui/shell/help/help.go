// Package help draws the help bar (the current view's short help) and the
// `?` overlay (its full help plus the global keys). Disabled bindings are
// drawn struck through, so read-only mode is visible before a key is tried.
package help

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
)

// Bar renders bindings on one line, dropping view keys that do not fit
// and keys that are disabled (read-only mode must not offer delete; the
// ? overlay lists them struck through, with the reason); the global keys
// (help, quit) always keep their place at the end.
func Bar(s *themes.Styles, km common.KeyMap, global []key.Binding, width int) string {
	sep := s.Help.Separator.Render(" · ")
	tail := ""
	for _, kb := range global {
		if kb.Enabled() {
			tail += sep + entry(s, nil, kb)
		}
	}
	width -= ansi.StringWidth(tail)
	var b strings.Builder
	used := 0
	for _, kb := range km.ShortHelp() {
		if !kb.Enabled() || km.DisabledReason(kb) != "" {
			continue
		}
		item := entry(s, km, kb)
		w := ansi.StringWidth(item)
		if used > 0 {
			w += 3
		}
		if used+w > width {
			break
		}
		if used > 0 {
			b.WriteString(sep)
		}
		b.WriteString(item)
		used += w
	}
	if used == 0 {
		return strings.TrimPrefix(tail, sep)
	}
	return b.String() + tail
}

func entry(s *themes.Styles, km common.KeyMap, kb key.Binding) string {
	h := kb.Help()
	if km != nil && km.DisabledReason(kb) != "" {
		return s.Help.Disabled.Render(h.Key + " " + h.Desc)
	}
	return s.Help.Key.Render(h.Key) + " " + s.Help.Desc.Render(h.Desc)
}

// ID is the help overlay's modal id.
const ID = "help"

// Overlay is the full help modal. Its key groups flow into as many
// columns as the width allows; when they still do not fit the height the
// body scrolls (↑/↓, pgup/pgdn) with its position shown, and the frame
// is always drawn whole.
type Overlay struct {
	common.Common
	title  string
	km     common.KeyMap
	global []key.Binding
	close  key.Binding
	up     key.Binding
	down   key.Binding
	pgUp   key.Binding
	pgDown key.Binding
	search key.Binding
	scroll common.Scroll
	// searching: / was pressed and keys type query, which keeps only the
	// bindings whose key or description holds it.
	searching bool
	query     string
	// note is a line under the keys (how the mouse works).
	note string
}

// WithNote adds a line under the keys.
func (o *Overlay) WithNote(note string) *Overlay {
	o.note = note
	return o
}

// NewOverlay shows km's full help (titled) and the global keys.
func NewOverlay(c common.Common, title string, km common.KeyMap, global []key.Binding) *Overlay {
	return &Overlay{Common: c, title: title, km: km, global: global,
		close:  common.NewBinding("esc/?", "close help", "esc", "?", "q", "enter"),
		up:     common.NewBinding("↑/k", "scroll", "up", "k"),
		down:   common.NewBinding("↓/j", "scroll", "down", "j"),
		pgUp:   common.NewBinding("pgup", "page up", "pgup"),
		pgDown: common.NewBinding("pgdn", "page down", "pgdown", " "),
		search: common.NewBinding("/", "search the keys", "/")}
}

// TakesText says keys are typed while searching.
func (o *Overlay) TakesText() bool { return o.searching }

// typeQuery takes a key typed into the search; esc ends the search and
// clears it, enter keeps it.
func (o *Overlay) typeQuery(k tea.KeyMsg) {
	switch k.Type {
	case tea.KeyEsc:
		o.searching, o.query = false, ""
	case tea.KeyEnter:
		o.searching = false
	case tea.KeyBackspace:
		if r := []rune(o.query); len(r) > 0 {
			o.query = string(r[:len(r)-1])
		}
	case tea.KeyRunes, tea.KeySpace:
		o.query += string(k.Runes)
	}
	o.scroll = common.Scroll{}
}

// Update closes the overlay on its keys and scrolls a long one.
func (o *Overlay) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if o.searching {
		o.typeQuery(k)
		return nil
	}
	switch {
	case key.Matches(k, o.search):
		o.searching = true
		return nil
	case k.Type == tea.KeyEsc && o.query != "":
		o.query = "" // esc clears a kept search first
		return nil
	case key.Matches(k, o.close):
		return common.PopModal(ID)
	}
	o.scroll.Handle(k, common.ScrollKeys{Up: o.up, Down: o.down, PageUp: o.pgUp, PageDown: o.pgDown},
		len(o.bodyLines()), o.bodyHeight())
	return nil
}

func (o *Overlay) clamp(n int) { o.scroll.Clamp(n, o.bodyHeight()) }

// SetSize implements common.Modal.
func (o *Overlay) SetSize(w, h int) {
	o.Common.SetSize(w, h)
	o.clamp(len(o.bodyLines()))
}

// Keys implements common.Modal.
func (o *Overlay) Keys() common.KeyMap {
	if len(o.bodyLines()) > o.bodyHeight() {
		return common.HelpKeys{Short: []key.Binding{o.close, o.down, o.pgDown}}
	}
	return common.HelpKeys{Short: []key.Binding{o.close}}
}

// innerWidth is the text width inside the border and padding.
func (o *Overlay) innerWidth() int { return max(o.Width-4, 20) }

// footer is the lines under the body: the disabled reasons and the hint.
func (o *Overlay) footer() []string {
	s := o.Styles
	var out []string
	if o.note != "" {
		out = append(out, "")
		out = append(out, strings.Split(lipgloss.NewStyle().Width(o.innerWidth()).Render(s.Dialog.Hint.Render(o.note)), "\n")...)
	}
	for _, r := range o.reasons() {
		out = append(out, "")
		out = append(out, strings.Split(lipgloss.NewStyle().Width(o.innerWidth()).Render(
			s.Help.Disabled.Render("struck through")+s.Dialog.Hint.Render(": "+r)), "\n")...)
	}
	return append(out, "", "") // the hint line is drawn by View
}

// bodyHeight is how many body lines fit between the title and the footer.
func (o *Overlay) bodyHeight() int { return max(o.Height-2-2-len(o.footer()), 3) }

// View draws the groups, flowed into columns, with disabled keys and
// their reasons.
func (o *Overlay) View() string {
	s := o.Styles
	lines := o.bodyLines()
	h := o.bodyHeight()
	from, end := o.scroll.Window(len(lines), h)
	hint := "/ search · esc or ? to close"
	if len(lines) > h {
		hint = fmt.Sprintf("lines %d–%d of %d · ↑/↓ pgup/pgdn scroll · / search · esc or ? to close", from+1, end, len(lines))
	}
	if o.searching || o.query != "" {
		hint = "search: " + o.query
		if o.searching {
			hint += s.Glyphs.Cursor + "  (enter keeps it · esc clears)"
		}
	}
	parts := append([]string{s.Dialog.Title.Render(ansi.Truncate("Keys: "+o.title, o.innerWidth(), "…")), ""}, lines[from:end]...)
	foot := o.footer()
	parts = append(parts, foot[:len(foot)-1]...)
	parts = append(parts, s.Dialog.Hint.Render(ansi.Truncate(hint, o.innerWidth(), "…")))
	return s.Dialog.Box.Render(strings.Join(parts, "\n"))
}

// bodyLines lays the groups out: as many side by side as fit the width,
// in rows separated by a blank line.
func (o *Overlay) bodyLines() []string {
	blocks := o.blocks()
	const gap = 4
	w := o.innerWidth()
	var rows []string
	var row []string
	used := 0
	flush := func() {
		if len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, intersperse(row, strings.Repeat(" ", gap))...))
			row, used = nil, 0
		}
	}
	for _, b := range blocks {
		bw := lipgloss.Width(b)
		if bw > w { // a block wider than the screen: cut its lines
			cut := strings.Split(b, "\n")
			for i, l := range cut {
				cut[i] = ansi.Truncate(l, w, "…")
			}
			b, bw = strings.Join(cut, "\n"), w
		}
		need := bw
		if len(row) > 0 {
			need += gap
		}
		if used+need > w {
			flush()
			need = bw
		}
		row = append(row, b)
		used += need
	}
	flush()
	if len(rows) == 0 {
		return []string{o.Styles.Text.Faint.Render("no key matches " + strconv.Quote(o.query))}
	}
	return strings.Split(strings.Join(rows, "\n\n"), "\n")
}

// blocks renders each group of bindings as a column.
func (o *Overlay) blocks() []string {
	s := o.Styles
	var out []string
	for _, g := range append(o.km.FullHelp(), o.global) {
		kw := 0
		for _, kb := range g {
			kw = max(kw, ansi.StringWidth(kb.Help().Key))
		}
		var lines []string
		q := strings.ToLower(o.query)
		for _, kb := range g {
			h := kb.Help()
			if !kb.Enabled() || (q != "" && !strings.Contains(strings.ToLower(h.Key+" "+h.Desc), q)) {
				continue
			}
			keyText := h.Key + strings.Repeat(" ", kw-ansi.StringWidth(h.Key))
			if o.km.DisabledReason(kb) != "" {
				lines = append(lines, s.Help.Disabled.Render(keyText+" "+h.Desc))
				continue
			}
			lines = append(lines, s.Help.Key.Render(keyText)+" "+s.Help.Desc.Render(h.Desc))
		}
		if len(lines) > 0 {
			out = append(out, strings.Join(lines, "\n"))
		}
	}
	return out
}

// reasons are the distinct reasons of the disabled bindings, in order.
func (o *Overlay) reasons() []string {
	var out []string
	seen := map[string]bool{}
	for _, g := range o.km.FullHelp() {
		for _, kb := range g {
			if why := o.km.DisabledReason(kb); kb.Enabled() && why != "" && !seen[why] {
				seen[why] = true
				out = append(out, why)
			}
		}
	}
	return out
}

func intersperse(xs []string, sep string) []string {
	var out []string
	for i, x := range xs {
		if i > 0 {
			out = append(out, sep)
		}
		out = append(out, x)
	}
	return out
}
