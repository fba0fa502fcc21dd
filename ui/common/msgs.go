package common

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
)

// ToastLevel sets a toast's colour and how long it stays.
type ToastLevel int

const (
	ToastInfo ToastLevel = iota
	ToastSuccess
	ToastWarning
	ToastError
)

// ToastMsg asks the shell to show a short message that clears itself.
type ToastMsg struct {
	Level ToastLevel
	Text  string
	// Key marks a toast about something under way ("Reading…"): EndToast
	// with the same key takes it down when that ends, so it never
	// outlives its state.
	Key string
}

// Toast returns a command that shows a toast.
func Toast(level ToastLevel, text string) tea.Cmd {
	return func() tea.Msg { return ToastMsg{Level: level, Text: text} }
}

// UnderWay shows a toast about work under way, taken down by EndToast(key)
// when it ends (or replaced by a newer toast).
func UnderWay(level ToastLevel, key, text string) tea.Cmd {
	return func() tea.Msg { return ToastMsg{Level: level, Text: text, Key: key} }
}

// EndToastMsg takes down the toast with Key, if it still shows.
type EndToastMsg struct{ Key string }

// EndToast says the work a keyed toast was about has ended.
func EndToast(key string) tea.Cmd { return func() tea.Msg { return EndToastMsg{Key: key} } }

// Modal is anything the shell can stack above the current view: dialogs,
// the progress panel, the detail view, help. The top modal gets every key;
// every modal gets every other message. Modals are held by pointer and
// update in place, so the stack needs no type switches.
type Modal interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	Keys() KeyMap
}

// PushModalMsg puts a modal on top of the stack. ID lets the owner pop it
// later; opening a modal whose ID is already on the stack replaces it.
type PushModalMsg struct {
	ID    string
	Modal Modal
}

// PopModalMsg removes the modal with this ID (wherever it is in the stack).
type PopModalMsg struct{ ID string }

// PushModal and PopModal are the command forms.
func PushModal(id string, m Modal) tea.Cmd {
	return func() tea.Msg { return PushModalMsg{ID: id, Modal: m} }
}

// PopModal returns a command that closes the modal with this id.
func PopModal(id string) tea.Cmd { return func() tea.Msg { return PopModalMsg{ID: id} } }

// ErrorMsg asks the shell to show an error dialog: the server's message,
// status and trackingId when err is an *client.APIError.
type ErrorMsg struct {
	Title string
	Err   error
}

// TickMsg is the shell's one-second heartbeat while something time-based
// (a countdown) is on screen.
type TickMsg struct{ Time time.Time }

// Status is what a view reports to the status bar.
type Status struct {
	Loading bool
	// Counts are shown left to right, e.g. {"tokens", 60}, {"stale", 12}.
	Counts []Count
	// Note is a short, view-specific state ("mine", "filter: never used").
	Note string
	// Badge is a persistent warning the status bar keeps to the last, like
	// READ-ONLY ("AUDIT OFF"); the view's ? help says why.
	Badge string
}

// Count is one labelled number in the status bar.
type Count struct {
	Label string
	N     int
	// Emphasis draws it in the warning colour when N > 0 (stale, marked).
	Emphasis bool
}

// WaitMsg tells every model that the client is waiting (rate limit,
// backoff, pacing). The shell shows a countdown; the progress panel too.
type WaitMsg struct{ Event client.WaitEvent }

// RunState is how far a long-running piece of work (a bulk delete) is.
type RunState int

const (
	RunIdle     RunState = iota // nothing running: quitting loses nothing
	RunActive                   // running: ctrl+c must cancel it first
	RunStopping                 // cancel asked; in-flight requests finish
)

// Interruptible is implemented by a modal or view whose work must not be
// killed silently: the first ctrl+c calls Interrupt (the same as its own
// cancel key) instead of quitting, and q does not quit while it runs.
type Interruptible interface {
	RunState() RunState
	// Interrupt asks the work to stop; it returns the command that does.
	Interrupt() tea.Cmd
}

// Receive waits for the next message on ch and takes along those already
// waiting behind it (at most limit in all), in order; nil once ch is
// closed. Background work hands its results over this way: one update
// and one frame for a backlog instead of one each.
func Receive(ch <-chan tea.Msg, limit int) []tea.Msg {
	msg, ok := <-ch
	if !ok {
		return nil
	}
	out := []tea.Msg{msg}
	for len(out) < limit {
		select {
		case next, ok := <-ch:
			if !ok {
				return out
			}
			out = append(out, next)
		default:
			return out
		}
	}
	return out
}

// CopyMsg asks the shell to put Text on the clipboard (OSC52); What says
// what it is in the toast ("the id of Backup job"). Text is never shown
// or logged.
type CopyMsg struct{ What, Text string }

// Copy asks for a copy of text, described by what.
func Copy(what, text string) tea.Cmd {
	return func() tea.Msg { return CopyMsg{What: what, Text: text} }
}

// TakesText is a modal whose keys are typed text (a prompt, a form): ?
// is a character there, not a request for help.
type TakesText interface {
	TakesText() bool
}

// AutoRefreshMsg is the shell's timer (--refresh): every list read longer
// than Every ago lists again, keeping its marks and cursor. The shell
// sends it only while no run is going and no dialog is open.
type AutoRefreshMsg struct{ Every time.Duration }

// JumpMsg asks the shell to show a resource in its view (g on an audit
// entry): Kind is the audit log's kind ("pat", "source-app",
// "api-client"), Name says what it was called.
type JumpMsg struct{ Kind, ID, Name string }

// Jumper is a view that shows resources of a kind: Jump selects id
// there (clearing what hides it), or says it is gone; ok is false for
// another kind.
type Jumper interface {
	Jump(kind, id, name string) (cmd tea.Cmd, ok bool)
}

// ClickMsg is a left click inside the view, at column X of row Y of the
// view's own area (the status bar above it excluded).
type ClickMsg struct{ X, Y int }

// ResumeMsg offers the view of Kind (an audit kind) to mark again the
// items a killed run left to do (package runs): Items never got an outcome
// that says they were done; the view keeps those still in its list. Dir
// and Run name the journal to forget once answered.
type ResumeMsg struct {
	Kind, Run, Dir, What string
	Items                []ResumeItem
}

// ResumeItem is one item a run left.
type ResumeItem struct{ ID, Name string }
