// Package progress is the bulk-delete progress panel (superfile processbar
// style): an overall bar, one row per item with its state and the server's
// answer, the client's rate-limit countdown, cancel, and a summary.
//
// The panel does no work itself. The parent runs client.DeletePATs (or
// RunBulk) in a Cmd and feeds it ItemMsg, WaitMsg and FinishedMsg; the panel
// answers with CancelMsg (cancel the run's context) and ClosedMsg.
package progress

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// Item is one thing the run will act on, in the order given to the bulk
// executor (BulkEvent.Index refers to this order).
type Item struct {
	ID   string
	Name string // display name; sanitized again here
	// Owner is shown beside the name: names repeat across owners ("Backup
	// job" ×4), so the name alone does not say which token this is.
	Owner string
}

// Every message of a run names it (Run, the panel's For): the executor's
// events reach only its panel and its view, and the panel's answers only
// the view that started the run.

// ItemMsg reports one state change from the bulk executor.
type ItemMsg struct {
	Run   string
	Event client.BulkEvent
}

// WaitMsg reports that the client is waiting (429 Retry-After, backoff or
// pacing); the panel counts down to Event.Until.
type WaitMsg struct{ Event client.WaitEvent }

// FinishedMsg ends the run. AuditPath is shown in the summary: set it
// only when the log holds entries of this run, so the summary never
// points at a log that recorded nothing. Err is a run-level problem
// (e.g. the audit log could not be written).
type FinishedMsg struct {
	Run       string
	Summary   client.BulkSummary
	AuditPath string
	Err       error
}

// CancelMsg asks the parent to cancel the run's context. In-flight requests
// finish; queued items come back as skipped.
type CancelMsg struct{ Run string }

// ClosedMsg says the user closed the summary; the parent should pop the
// panel and refresh the list.
type ClosedMsg struct {
	Run     string
	Summary client.BulkSummary
}

// UndoMsg asks the parent to undo what the run did to IDs (the items it
// completed); the panel closes first. Only panels made Undoable send it.
type UndoMsg struct {
	Run     string
	Summary client.BulkSummary
	IDs     []string
}

// For names the run the panel shows: it takes only that run's events, and
// its answers carry the name.
func (m Model) For(run string) Model {
	m.run = run
	return m
}

// RunOf is the run a run message names (the first of a batch's); ok is
// false for any other message.
func RunOf(msg tea.Msg) (run string, ok bool) {
	switch msg := msg.(type) {
	case BatchMsg:
		if len(msg) > 0 {
			return RunOf(msg[0])
		}
	case ItemMsg:
		return msg.Run, true
	case FinishedMsg:
		return msg.Run, true
	case CancelMsg:
		return msg.Run, true
	case ClosedMsg:
		return msg.Run, true
	case UndoMsg:
		return msg.Run, true
	case RetryMsg:
		return msg.Run, true
	}
	return "", false
}

// Undoable lets u, once the run has finished, ask to undo it.
func (m Model) Undoable() Model {
	m.undoable = true
	return m
}

// RetryMsg asks the parent to run the failed items again (the panel
// closes first): IDs are exactly the items that failed or whose outcome
// stayed unknown, in the run's order.
type RetryMsg struct {
	Run     string
	Summary client.BulkSummary
	IDs     []string
}

// tickMsg drives the countdown; tag and seq drop ticks from other panels
// or from a superseded chain.
type tickMsg struct {
	tag *int
	seq int
}

// row is one item's state.
type row struct {
	id, name, owner string
	// Display widths, measured once: a frame only compares integers.
	nameW, ownerW int
	state         client.ItemState
	status        int    // HTTP status of a failure, when known
	message       string // sanitized server message of a failure
	trackingID    string
	settled       bool // a check after the run decided the state
}

// Model is the panel. Build it with New.
type Model struct {
	common.Common
	verbs Verbs
	keys  KeyMap
	title string
	run   string // the run shown (For)

	rows   []row
	byID   map[string]int
	counts [client.NumItemStates]int
	failed []int // row indices, in the order they failed

	offset int  // first visible entry of the current list
	follow bool // keep the work in view (until the user scrolls)
	// front is the first row not yet in a final state: the oldest request
	// in flight, or the next queued. It only moves forward.
	front int
	// nameW and ownerW are the widest name and owner of the whole run, so
	// the columns do not shift while the list scrolls.
	nameW, ownerW int
	failedOnly    bool
	last          int // the row changed most recently

	started time.Time

	wait    *client.WaitEvent
	tag     *int
	seq     int
	ticking bool

	cancelling bool
	finished   bool
	undoable   bool
	summary    client.BulkSummary
	auditPath  string
	runErr     error
	closed     bool
}

// Verbs name what the run does to each item, for the states, counts and
// summary: Doing while a request is out ("deleting"), Done for a success
// ("deleted"), Noun for the run in messages ("delete"). CountsGone says
// the summary always reports items already gone, 0 included (a delete's
// question); other runs report them only when there are some.
type Verbs struct {
	Doing, Done, Noun string
	CountsGone        bool
}

// DeleteVerbs are the default.
func DeleteVerbs() Verbs {
	return Verbs{Doing: "deleting", Done: "deleted", Noun: "delete", CountsGone: true}
}

// New returns a panel for items. title says what runs, e.g. "Deleting 12
// tokens". The start time comes from the injected clock.
func New(c common.Common, title string, items []Item) Model {
	return NewWith(c, title, items, DeleteVerbs())
}

// NewWith is New for a run that does something other than delete.
func NewWith(c common.Common, title string, items []Item, v Verbs) Model {
	m := Model{
		Common: c,
		verbs:  v,
		keys:   DefaultKeyMap(),
		title:  sanitize.Line(title),
		rows:   make([]row, len(items)),
		byID:   make(map[string]int, len(items)),
		follow: true,
		tag:    new(int),
	}
	for i, it := range items {
		name := sanitize.Line(it.Name)
		if name == "" {
			name = sanitize.Line(it.ID)
		}
		owner := sanitize.Line(it.Owner)
		m.rows[i] = row{id: it.ID, name: name, owner: owner, nameW: ansi.StringWidth(name), ownerW: ansi.StringWidth(owner),
			state: client.ItemQueued}
		if _, dup := m.byID[it.ID]; !dup {
			m.byID[it.ID] = i
		}
		m.nameW, m.ownerW = max(m.nameW, m.rows[i].nameW), max(m.ownerW, m.rows[i].ownerW)
	}
	m.counts[client.ItemQueued] = len(items)
	if c.Now != nil {
		m.started = c.Now()
	}
	return m
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// SetSize sets the area the panel fills.
func (m *Model) SetSize(w, h int) { m.Common.SetSize(w, h) }

// KeyMap returns the bindings enabled for the current state.
func (m Model) KeyMap() KeyMap {
	k := m.keys
	k.Cancel.SetEnabled(!m.finished && !m.cancelling)
	k.Close.SetEnabled(m.finished)
	k.QuitBlocked.SetEnabled(!m.finished)
	k.FailedOnly.SetEnabled(len(m.failed) > 0 || m.failedOnly)
	k.Retry.SetEnabled(m.finished && len(m.failed) > 0)
	k.Undo.SetEnabled(m.undoable && m.finished && m.counts[client.ItemDone] > 0)
	// No scrolling offered past either end.
	off := m.visibleOffset()
	k.Down.SetEnabled(off < m.maxOffset())
	k.PageDown.SetEnabled(off < m.maxOffset())
	k.Bottom.SetEnabled(off < m.maxOffset())
	k.Up.SetEnabled(off > 0)
	k.PageUp.SetEnabled(off > 0)
	k.Top.SetEnabled(off > 0)
	return k
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding { return m.KeyMap().ShortHelp() }

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return m.KeyMap().FullHelp() }

// Finished reports whether FinishedMsg arrived.
func (m Model) Finished() bool { return m.finished }

// Cancelling reports whether the user asked to cancel.
func (m Model) Cancelling() bool { return m.cancelling }

// Count is how many items are in state s.
func (m Model) Count(s client.ItemState) int {
	if s < 0 || int(s) >= len(m.counts) {
		return 0
	}
	return m.counts[s]
}

// Total is the number of items.
func (m Model) Total() int { return len(m.rows) }

// Completed is how many items reached a final state.
func (m Model) Completed() int {
	return m.processed() + m.counts[client.ItemSkipped]
}

// Waiting returns the wait being counted down, if any.
func (m Model) Waiting() (client.WaitEvent, bool) {
	if m.wait == nil {
		return client.WaitEvent{}, false
	}
	return *m.wait, true
}

// now is the injected clock (time.Now if none was given).
func (m Model) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// Elapsed is the run time: the summary's once finished, else since New.
func (m Model) Elapsed() time.Duration {
	if m.finished && m.summary.Elapsed > 0 {
		return m.summary.Elapsed
	}
	return m.now().Sub(m.started)
}
