// Package auditview is the audit log as a view (:audit): every change
// sailtui made, newest first, filtered by action, result, resource or
// date; enter shows an entry in full, X exports what is shown. Lines that
// do not parse (a log edited by hand, a write cut short) are listed,
// flagged, never a crash.
package auditview

import (
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/audit"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/export"
)

// Options configure the view.
type Options struct {
	// Path is the audit log; "" when there is none (the view says so).
	Path string
	// ReportDir and Home are for X (see tokens.Options).
	ReportDir, Home string
	// Tenant names the tenant in an export's file name.
	Tenant string
	// Scan reads the log; nil is audit.Scan (tests inject failures).
	Scan func(path string) ([]audit.Line, error)
	// Location shows times in a zone; nil is the local one.
	Location *time.Location
	// Keys are the settings file's key overrides (action → keys).
	Keys map[string][]string
}

// Model is the audit view; the shell holds it by pointer.
type Model struct {
	common.Common
	opts Options
	keys KeyMap

	lines  []audit.Line // newest first
	search []search     // lines' searchable text, same order
	shown  []int        // lines passing the filter, in order

	failed, corrupt int // counted once per read, not per frame

	loadSeq int
	loading bool
	loaded  bool
	loadErr error

	cursor, offset int
	filter         textinput.Model
	filtering      bool

	export export.Flow
}

// loadedMsg is a finished read of the log; seq drops a stale one.
type loadedMsg struct {
	seq    int
	lines  []audit.Line // newest first
	search []search
	err    error
}

// New builds the view.
func New(c common.Common, opts Options) *Model {
	if opts.Scan == nil {
		opts.Scan = audit.Scan
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	in := textinput.New()
	in.Prompt = "/"
	in.CharLimit = 200
	in.Placeholder = "action:delete result:failed date:2026-12 name…"
	in.Cursor.SetMode(cursor.CursorStatic)
	if c.Styles != nil {
		in.PromptStyle = c.Styles.Text.Accent
	}
	return &Model{Common: c, opts: opts, keys: NewKeyMap(opts.Keys), filter: in}
}

// Title names the view (its command is :audit).
func (m *Model) Title() string { return "Audit" }

// Init reads the log.
func (m *Model) Init() tea.Cmd { return m.load() }

// Shown reloads when the view comes back on screen: changes made in
// another view since are in the log now.
func (m *Model) Shown() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	if m.opts.Path == "" {
		m.loaded = true
		return nil
	}
	m.loadSeq++
	m.loading = true
	seq, path, scan := m.loadSeq, m.opts.Path, m.opts.Scan
	return func() tea.Msg {
		lines, err := scan(path)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		// Newest first: the log is appended in time order.
		n := len(lines)
		msg := loadedMsg{seq: seq, lines: make([]audit.Line, n), search: make([]search, n)}
		for i := range lines {
			msg.lines[n-1-i] = lines[i]
			msg.search[n-1-i] = searchOf(&lines[i])
		}
		return msg
	}
}

func (m *Model) onLoaded(msg loadedMsg) {
	if msg.seq != m.loadSeq {
		return // a newer read is under way
	}
	m.loading, m.loaded, m.loadErr = false, true, msg.err
	if msg.err != nil {
		return
	}
	var keep int
	if cur := m.current(); cur != nil {
		keep = cur.N
	}
	m.lines, m.search = msg.lines, msg.search
	m.failed, m.corrupt = 0, 0
	for i := range m.lines {
		switch l := &m.lines[i]; {
		case l.Err != nil:
			m.corrupt++
		case failure(l.Entry.Result):
			m.failed++
		}
	}
	m.applyFilter()
	m.selectLine(keep)
}

// current is the line under the cursor, if any.
func (m *Model) current() *audit.Line {
	if m.cursor < 0 || m.cursor >= len(m.shown) {
		return nil
	}
	return &m.lines[m.shown[m.cursor]]
}

// selectLine keeps the cursor on line n across a reload (else the top).
func (m *Model) selectLine(n int) {
	m.cursor = 0
	for i, idx := range m.shown {
		if m.lines[idx].N == n {
			m.cursor = i
			break
		}
	}
	m.clamp()
}

// applyFilter recomputes shown from the filter text.
func (m *Model) applyFilter() {
	q := parseQuery(m.filter.Value())
	m.shown = m.shown[:0]
	for i := range m.search {
		if q.match(&m.search[i]) {
			m.shown = append(m.shown, i)
		}
	}
	m.clamp()
}

func (m *Model) bodyHeight() int {
	h := m.Height - 2 // info line, header
	if m.filtering || m.filter.Value() != "" {
		h--
	}
	return max(h, 1)
}

func (m *Model) clamp() {
	m.cursor, m.offset = common.FollowCursor(m.cursor, m.offset, len(m.shown), m.bodyHeight())
}

// SetSize is the body's size.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.filter.Width = max(w-4, 10)
	m.clamp()
}

// CapturesKeys is true while the filter is typed.
func (m *Model) CapturesKeys() bool { return m.filtering }

// Keys are the view's keys (the filter's own while typing).
func (m *Model) Keys() common.KeyMap {
	if m.filtering {
		return m.keys.filtering()
	}
	return m.keys
}

// Status feeds the status bar.
func (m *Model) Status() common.Status {
	st := common.Status{Loading: m.loading}
	st.Counts = []common.Count{{Label: "entries", N: len(m.lines)}, {Label: "failed", N: m.failed, Emphasis: true}}
	if m.corrupt > 0 {
		st.Counts = append(st.Counts, common.Count{Label: "unreadable", N: m.corrupt, Emphasis: true})
	}
	if v := m.filter.Value(); v != "" {
		st.Note = "filter: " + v
	}
	return st
}

// failure reports results that need a look.
func failure(r audit.Result) bool {
	return r == audit.ResultFailed || r == audit.ResultUnknown || r == audit.ResultConflict
}
