// Package shell is the root model: a small router that owns the status bar,
// toasts, the modal stack and the help bar, and hands everything else to
// the active view.
package shell

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/shell/toast"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
)

// View is a full-screen view the router can show (Tokens now, Apps later).
type View interface {
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	Keys() common.KeyMap
	Status() common.Status
	// CapturesKeys is true while a text input has focus: the router then
	// passes letters through instead of treating q or ? as commands.
	CapturesKeys() bool
	Title() string
}

// Minimum drawable size; below it the "too small" screen is shown.
const (
	MinWidth  = 60
	MinHeight = 12
)

// Options configure the shell.
type Options struct {
	Host, Identity string
	ReadOnly, Demo bool
	// Waits delivers the client's wait events (client.Config.OnWait feeds
	// it); nil when there is no client (tests of the bare shell).
	Waits <-chan client.WaitEvent
	// Envs are the sail CLI environments :env can switch to; Env is the
	// one on screen ("" when the tenant came from elsewhere).
	Envs []string
	Env  string
	// EnvChoices describe Envs for the picker (:env alone): base URL and
	// whether each starts read-only. Nil: names only.
	EnvChoices []EnvChoice
	// PrepareEnv resolves environment name and signs in to it; what it
	// returns travels in SwitchRequest.Tenant. Nil: the caller does it
	// after the program ends.
	PrepareEnv func(ctx context.Context, name string) (any, error)
	// Notice is a toast shown at start (what a switch did).
	Notice string
	// Start is the title of the view shown first ("" → the first).
	Start string
	// Keys are the settings file's overrides of the shell's keys.
	Keys map[string][]string
	// Settling is where the intents an earlier run left open are settled
	// at start (nil: the audit log cannot be written, or there is none).
	Settling *audit.Settling
	// Clipboard takes every view's copies (y, Y); the zero value says
	// there is no terminal to copy through.
	Clipboard clipboard.Clipboard
	// RefreshEvery re-reads every list read longer ago than this, while
	// nothing runs (0: only r refreshes).
	RefreshEvery time.Duration
	// Themes are the names :theme completes; SetTheme makes one's styles
	// (nil: :theme is not offered).
	Themes   []string
	SetTheme ThemeFunc
	// Mouse says the program reports the mouse (help says how to select
	// text meanwhile).
	Mouse bool
	// SavedViews are the settings' named views (:view NAME); StartView
	// is one to open at start (--view).
	SavedViews []common.SavedView
	StartView  string
	// Columns are the settings' column choices per view (columns:), by
	// the view's lower-case title; SaveColumns writes one there (the
	// settings file), run off the event loop.
	Columns     map[string][]string
	SaveColumns func(view string, columns []string) error
}

type modalEntry struct {
	id string
	m  common.Modal
}

// Model is the root model.
type Model struct {
	common.Common
	opts    Options
	keys    KeyMap
	views   []View
	active  int
	started map[int]bool // views whose Init has run
	modals  []modalEntry
	toast   toast.Model

	spinner  spinner.Model
	spinning bool

	wait    *client.WaitEvent
	ticking bool

	// switching is the environment :env asked for; the program then ends
	// and the caller starts the other tenant's.
	switching SwitchRequest
	// signingIn is the environment being signed in to; envAsked the
	// switch waiting for the answer about dropping marks.
	signingIn string
	envAsked  confirm.Asked[string]
}

// New builds the shell around views (the first is shown).
func New(c common.Common, opts Options, views ...View) Model {
	sp := spinner.New(spinner.WithSpinner(spinner.MiniDot))
	if c.Styles != nil {
		sp.Style = c.Styles.Bar.Value
		if c.Styles.Theme.ASCII {
			sp.Spinner = spinner.Line
		}
	}
	keys := DefaultKeyMap()
	common.Rebind(keys.Named(), opts.Keys)
	m := Model{Common: c, opts: opts, keys: keys, views: views, toast: toast.New(c), spinner: sp,
		started: map[int]bool{}}
	for i, v := range views {
		if opts.Start != "" && strings.EqualFold(v.Title(), opts.Start) {
			m.active = i
		}
	}
	return m
}

// KeyMap holds the global bindings.
type KeyMap struct {
	Quit, ForceQuit, Help key.Binding
	// NextView, PrevView and Command switch views (when there are more
	// than one).
	NextView, PrevView, Command key.Binding
}

// DefaultKeyMap builds the global bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:      common.NewBinding("q", "quit", "q"),
		ForceQuit: common.NewBinding("ctrl+c", "cancel delete, quit", "ctrl+c"),
		Help:      common.NewBinding("?", "help", "?"),
		NextView:  common.NewBinding("tab", "next view", "tab"),
		PrevView:  common.NewBinding("shift+tab", "previous view", "shift+tab"),
		Command:   common.NewBinding(":", "command (:tokens, :apps, :audit, :env)", ":"),
	}
}

func (k KeyMap) global() []key.Binding { return []key.Binding{k.Help, k.Quit} }

// Named lists the bindings the settings file may rebind (ctrl+c always
// interrupts and quits).
func (k *KeyMap) Named() []common.Named {
	return []common.Named{{Action: "quit", Binding: &k.Quit}, {Action: "help", Binding: &k.Help},
		{Action: "next-view", Binding: &k.NextView}, {Action: "prev-view", Binding: &k.PrevView}, {Action: "command", Binding: &k.Command}}
}

// overlay is what the ? overlay lists beside the view's keys.
func (k KeyMap) overlay() []key.Binding { return []key.Binding{k.Help, k.Quit, k.ForceQuit} }

// viewKeys are what the help bar offers for switching views (the ?
// overlay lists the rest).
func (k KeyMap) viewKeys() []key.Binding { return []key.Binding{k.NextView} }

// Init starts the view and the wait listener.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{listenWaits(m.opts.Waits), m.spinner.Tick, m.freshTick()}
	if m.opts.Notice != "" {
		cmds = append(cmds, common.Toast(common.ToastWarning, m.opts.Notice))
	}
	if v := m.view(); v != nil {
		cmds = append(cmds, v.Init())
		m.started[m.active] = true
	}
	cmds = append(cmds, m.applyColumns())
	if m.opts.StartView != "" {
		cmds = append(cmds, func() tea.Msg { return startViewMsg{} })
	}
	return tea.Batch(append(cmds, m.settle())...)
}

func (m Model) view() View {
	if m.active < len(m.views) {
		return m.views[m.active]
	}
	return nil
}

// topID is the top modal's id ("" when none is open).
func (m Model) topID() string {
	if len(m.modals) == 0 {
		return ""
	}
	return m.modals[len(m.modals)-1].id
}

func (m Model) top() common.Modal {
	if len(m.modals) == 0 {
		return nil
	}
	return m.modals[len(m.modals)-1].m
}

// ActiveView returns the view on screen (tests inspect it).
func (m Model) ActiveView() View { return m.view() }

// ModalIDs lists the open modals, bottom first (tests inspect it).
func (m Model) ModalIDs() []string {
	ids := make([]string, len(m.modals))
	for i, e := range m.modals {
		ids[i] = e.id
	}
	return ids
}

// tooSmall reports whether the terminal cannot fit the layout.
func (m Model) tooSmall() bool { return m.Width < MinWidth || m.Height < MinHeight }

// viewHeight is what the view gets: all but the status bar, the toast
// line and the help bar.
func (m Model) viewHeight() int { return max(1, m.Height-3) }
