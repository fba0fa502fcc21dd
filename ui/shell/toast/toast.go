// Package toast shows one short message at a time and clears it after a
// while with a tea.Tick; a newer toast replaces an older one.
package toast

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// Durations per level: errors and warnings stay longer.
func duration(l common.ToastLevel) time.Duration {
	switch l {
	case common.ToastWarning:
		return 6 * time.Second
	case common.ToastError:
		return 8 * time.Second
	}
	return 4 * time.Second
}

// expireMsg clears the toast with this id (older ids are ignored).
type expireMsg struct{ id int }

// Model holds the current toast.
type Model struct {
	common.Common
	seq   int
	cur   *common.ToastMsg
	curID int
}

// New returns an empty toast area.
func New(c common.Common) Model { return Model{Common: c} }

// Show displays msg and schedules its removal.
func (m *Model) Show(msg common.ToastMsg) tea.Cmd {
	m.seq++
	msg.Text = sanitize.Line(msg.Text)
	m.cur, m.curID = &msg, m.seq
	id := m.seq
	return tea.Tick(duration(msg.Level), func(time.Time) tea.Msg { return expireMsg{id: id} })
}

// Update clears an expired toast.
func (m *Model) Update(msg tea.Msg) {
	if e, ok := msg.(expireMsg); ok && e.id == m.curID {
		m.cur = nil
	}
}

// End takes down the toast with key, if it still shows.
func (m *Model) End(key string) {
	if m.cur != nil && key != "" && m.cur.Key == key {
		m.cur = nil
	}
}

// Current returns the toast on screen, if any.
func (m Model) Current() (common.ToastMsg, bool) {
	if m.cur == nil {
		return common.ToastMsg{}, false
	}
	return *m.cur, true
}

// View draws the toast on one line of the given width ("" when none).
func (m Model) View(width int) string {
	if m.cur == nil {
		return ""
	}
	s := m.Styles
	st := s.Toast.Info
	icon := "i"
	switch m.cur.Level {
	case common.ToastSuccess:
		st, icon = s.Toast.Success, s.Glyphs.OK
	case common.ToastWarning:
		st, icon = s.Toast.Warning, s.Glyphs.Warn
	case common.ToastError:
		st, icon = s.Toast.Error, s.Glyphs.Fail
	}
	text := ansi.Truncate(icon+" "+m.cur.Text, max(1, width-2), s.Glyphs.Ellipsis)
	return st.Render(text)
}
