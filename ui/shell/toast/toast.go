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

// Model holds the current toast and the session's messages.
type Model struct {
	common.Common
	seq   int
	cur   *common.ToastMsg
	curID int
	// log is every message of the session, oldest first, at most
	// logSize (the oldest go): :messages shows them whole.
	log []Logged
}

// Logged is one message of the session and when it came.
type Logged struct {
	At  time.Time
	Msg common.ToastMsg
}

// logSize bounds the message log.
const logSize = 500

// Record adds a message to the log without showing it (an error dialog's).
func (m *Model) Record(msg common.ToastMsg) {
	msg.Text = sanitize.Line(msg.Text)
	now := time.Now
	if m.Now != nil {
		now = m.Now
	}
	m.log = append(m.log, Logged{At: now(), Msg: msg})
	if len(m.log) > logSize {
		m.log = append([]Logged(nil), m.log[len(m.log)-logSize:]...)
	}
}

// Log is the session's messages, oldest first.
func (m Model) Log() []Logged { return m.log }

// New returns an empty toast area.
func New(c common.Common) Model { return Model{Common: c} }

// Show displays msg and schedules its removal.
func (m *Model) Show(msg common.ToastMsg) tea.Cmd {
	m.Record(msg)
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
	text := icon + " " + m.cur.Text
	if room := max(1, width-2); ansi.StringWidth(text) > room {
		// Cut, and said where to read it whole.
		const whole = " (:messages)"
		text = ansi.Truncate(text, max(1, room-len(whole)), s.Glyphs.Ellipsis) + whole
	}
	return st.Render(text)
}
