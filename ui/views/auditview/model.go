// Package auditview is the audit log as a view (:audit): every change
// sailtui made, newest first, filtered by action, result, resource or
// date; enter shows an entry in full, X exports what is shown. Lines that
// do not parse (a log edited by hand, a write cut short) are listed,
// flagged, never a crash.
package auditview

import (
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/widgets/export"
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
	// AuditErr is why changes cannot be recorded (the other views then
	// make none); the status bar says AUDIT OFF here too.
	AuditErr error
}

// Model is the audit view; the shell holds it by pointer.
type Model struct {
	common.Common
	opts Options
	keys KeyMap

	// rows are the log's lines, newest first, with the cursor and the
	// filter.
	rows *list.Model[audit.Line, row]

	counts logCounts

	loadSeq int
	loading bool
	loaded  bool
	loadErr error

	export export.Flow
}

// loadedMsg is a finished read of the log; seq drops a stale one.
type loadedMsg struct {
	seq    int
	lines  []audit.Line // newest first, answered intents folded away
	counts logCounts
	err    error
}

// logCounts are the status bar's numbers, counted once per read.
type logCounts struct{ failed, unknown, open, corrupt int }

// New builds the view.
func New(c common.Common, opts Options) *Model {
	if opts.Scan == nil {
		opts.Scan = audit.Scan
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	m := &Model{Common: c, opts: opts, keys: NewKeyMap(opts.Keys)}
	m.rows = list.New(c, m.listDef(), table.Unsorted)
	return m
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
		slices.Reverse(lines) // newest first: the log is appended in time order
		lines = withoutAnsweredIntents(lines)
		return loadedMsg{seq: seq, lines: lines, counts: countLines(lines)}
	}
}

// countLines counts what the status bar says of a read.
func countLines(lines []audit.Line) logCounts {
	var c logCounts
	for i := range lines {
		switch l := &lines[i]; {
		case l.Err != nil:
			c.corrupt++
		case l.Entry.Result == audit.ResultFailed: // what result:failed shows
			c.failed++
		case l.Entry.Result == audit.ResultUnknown:
			c.unknown++
		case l.Entry.Result == audit.ResultIntent:
			c.open++
		}
	}
	return c
}

func (m *Model) onLoaded(msg loadedMsg) tea.Cmd {
	if msg.seq != m.loadSeq {
		return nil // a newer read is under way
	}
	m.loading, m.loaded, m.loadErr = false, true, msg.err
	if msg.err != nil {
		return nil
	}
	m.counts = msg.counts
	cmd := m.rows.SetItems(msg.lines)
	m.rows.SetRead(m.Now())
	return cmd
}

// withoutAnsweredIntents drops the intents whose outcome is in the log:
// a change is one row, its outcome; an intent still without one stays, as
// an open change (result:intent lists them).
func withoutAnsweredIntents(lines []audit.Line) []audit.Line {
	answered := map[string]bool{}
	for _, l := range lines {
		if l.Err == nil && l.Entry.Op != "" && l.Entry.Result != audit.ResultIntent {
			answered[l.Entry.Op] = true
		}
	}
	return slices.DeleteFunc(lines, func(l audit.Line) bool {
		return l.Err == nil && l.Entry.Result == audit.ResultIntent && answered[l.Entry.Op]
	})
}

// current is the line under the cursor, if any.
func (m *Model) current() *audit.Line { return m.rows.SelectedItem() }

// SetSize is the body's size.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.rows.SetSize(w, h)
}

// CapturesKeys is true while the filter is typed.
func (m *Model) CapturesKeys() bool { return m.rows.Filtering() }

// Keys are the view's keys (the filter's own while typing).
func (m *Model) Keys() common.KeyMap { return m.rows.KeysOr(m.keys) }

// Status feeds the status bar.
func (m *Model) Status() common.Status {
	st := common.Status{Loading: m.loading || m.rows.Busy()}
	st.Counts = []common.Count{{Label: "entries", N: m.rows.Len()}, {Label: "failed", N: m.counts.failed, Emphasis: true}}
	if m.counts.unknown > 0 {
		st.Counts = append(st.Counts, common.Count{Label: "unknown", N: m.counts.unknown, Emphasis: true})
	}
	if m.counts.open > 0 {
		st.Counts = append(st.Counts, common.Count{Label: "open", N: m.counts.open, Emphasis: true})
	}
	if m.counts.corrupt > 0 {
		st.Counts = append(st.Counts, common.Count{Label: "unreadable", N: m.counts.corrupt, Emphasis: true})
	}
	if v := m.rows.Query().Text; v != "" {
		st.Note = "filter: " + v
	}
	if m.opts.AuditErr != nil {
		st.Badge = "AUDIT OFF"
	}
	return st
}

// failure reports results that need a look.
func failure(r audit.Result) bool {
	return r == audit.ResultFailed || r == audit.ResultUnknown || r == audit.ResultConflict
}
