// Package secret is the modal that shows a new token's client id and
// secret, once. The secret goes to the terminal and, on request, to the
// clipboard (OSC52 through ui/clipboard) — nowhere else: it is not in any
// message, log line or error this package produces.
package secret

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
)

// Labels used in clipboard.CopiedMsg.What, so the modal only reacts to its
// own copies.
const (
	WhatSecret   = "secret"
	WhatClientID = "client id"
)

// noticeTTL is how long the in-modal confirmation stays.
const noticeTTL = 4 * time.Second

// ClosedMsg: the user closed the modal. Copied says whether the secret was
// copied at least once. It carries no secret.
type ClosedMsg struct {
	ID     string // the modal's (WithID)
	Copied bool
}

// clearNoticeMsg hides a notice; tag and seq drop stale ones.
type clearNoticeMsg struct {
	tag *int
	seq int
}

type noticeKind int

const (
	noticeNone noticeKind = iota
	noticeOK
	noticeWarn
	noticeErr
)

// Model is the modal. Build it with New.
type Model struct {
	common.Common
	id   string // who showed it, named in ClosedMsg
	keys KeyMap
	clip clipboard.Clipboard

	name, clientID string
	// reveal returns the secret. A closure rather than a string field, so
	// fmt (%v of a parent struct, a debug dump) prints a func pointer,
	// never the secret.
	reveal  func() string
	expires *time.Time
	never   bool
	scopes  []string

	copiedSecret bool
	notice       string
	kind         noticeKind
	tag          *int
	seq          int
	confirmClose bool // closing without a copy was asked once
	// quitWarned: the first ctrl+c (the shell's) warned that quitting
	// loses the secret; the next one quits.
	quitWarned bool
	closed     bool
	// next says what closing does next (a rotation deletes the old token).
	next string
	// noun is what was created ("" → token).
	noun string
}

// WithNext says, in the modal, what closing it will do next.
// WithID names who showed the secret: ClosedMsg carries it.
func (m Model) WithID(id string) Model {
	m.id = id
	return m
}

func (m Model) WithNext(text string) Model {
	m.next = sanitize.Line(text)
	return m
}

// New returns the modal for a freshly created token. neverExpires is the
// request's userAwareTokenNeverExpires (the response has no such field).
// clip does the copying; a Clipboard with a nil Out disables the copy keys.
func New(c common.Common, created client.CreatedPAT, neverExpires bool, clip clipboard.Clipboard) Model {
	sec := created.Secret
	scopes := make([]string, len(created.Scope))
	for i, s := range created.Scope {
		scopes[i] = sanitize.Line(s)
	}
	return Model{
		Common:   c,
		keys:     DefaultKeyMap(),
		clip:     clip,
		name:     sanitize.Line(created.Name),
		clientID: sanitize.Line(created.ID),
		reveal:   func() string { return sec },
		expires:  created.ExpirationDate,
		never:    neverExpires && created.ExpirationDate == nil,
		scopes:   scopes,
		tag:      new(int),
	}
}

// NewClient returns the modal for a freshly created API client: its
// client id and secret, shown once.
func NewClient(c common.Common, created client.CreatedOAuthClient, clip clipboard.Clipboard) Model {
	m := New(c, client.CreatedPAT{ID: created.ID, Secret: created.Secret, Name: created.Name, Scope: created.Scope}, false, clip)
	m.noun = "API client"
	return m
}

// NewModal wraps m for the shell's modal stack; unlike a plain
// common.ValueModal it is Interruptible, so ctrl+c warns before quitting
// loses an uncopied secret.
func NewModal(m Model) *Modal { return &Modal{common.NewValueModal(m)} }

// Modal is the secret modal on the shell's stack.
type Modal struct {
	*common.ValueModal[Model, *Model]
}

// RunState implements common.Interruptible.
func (d *Modal) RunState() common.RunState { return d.Model.RunState() }

// Interrupt implements common.Interruptible.
func (d *Modal) Interrupt() tea.Cmd {
	var cmd tea.Cmd
	d.Model, cmd = d.Model.Interrupt()
	return cmd
}

// RunLabel names what quitting would lose, for the "too small" screen.
func (d *Modal) RunLabel() string { return "the new " + d.Model.nounOr() + "'s secret is not copied" }

// nounOr is what was created, in lower case.
func (m Model) nounOr() string {
	if m.noun == "" {
		return "token"
	}
	return m.noun
}

// InterruptNotice is the shell's toast after the first ctrl+c.
func (d *Modal) InterruptNotice() string { return quitWarning }

// quitWarning answers the first ctrl+c while the secret is not copied.
const quitWarning = "The secret will not be shown again — press ctrl+c again to quit"

// RunState is RunActive while quitting would lose a secret the user has
// neither copied nor agreed to lose (a confirmed close); after the first
// ctrl+c warned, RunStopping, so the next one quits.
func (m Model) RunState() common.RunState {
	switch {
	case m.closed, m.copiedSecret, m.confirmClose:
		return common.RunIdle
	case m.quitWarned:
		return common.RunStopping
	}
	return common.RunActive
}

// Interrupt is the first ctrl+c: nothing stops, the modal says what
// quitting loses.
func (m Model) Interrupt() (Model, tea.Cmd) {
	if m.RunState() != common.RunActive {
		return m, nil
	}
	m.quitWarned = true
	return m.say(noticeWarn, quitWarning+".", false)
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// SetSize sets the area the modal may use.
func (m *Model) SetSize(w, h int) { m.Common.SetSize(w, h) }

// KeyMap returns the bindings; the copy keys are disabled without a
// terminal to write to.
func (m Model) KeyMap() KeyMap {
	k := m.keys
	k.CopySecret.SetEnabled(m.clip.Enabled())
	k.CopyClientID.SetEnabled(m.clip.Enabled())
	return k
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding { return m.KeyMap().ShortHelp() }

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return m.KeyMap().FullHelp() }

// Copied reports whether the secret was copied.
func (m Model) Copied() bool { return m.copiedSecret }

// Format keeps the secret out of any fmt output of the model itself.
func (m Model) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "secret.Model{name: %q, clientID: %q, secret: [redacted]}", m.name, m.clientID)
}

// Update handles the copy and close keys and the clipboard's answers.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if m.closed {
		return m, nil
	}
	switch msg := msg.(type) {
	case clipboard.CopiedMsg:
		return m.copied(msg)
	case clearNoticeMsg:
		if msg.tag == m.tag && msg.seq == m.seq {
			m.notice, m.kind = "", noticeNone
		}
		return m, nil
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

func (m Model) handleKey(k tea.KeyMsg) (Model, tea.Cmd) {
	m.quitWarned = false // "press ctrl+c again" means next, not later
	switch {
	case key.Matches(k, m.keys.Close):
		if !m.copiedSecret && !m.confirmClose {
			m.confirmClose = true
			return m.say(noticeWarn, "You have not copied the secret, and it cannot be shown again. Press enter again to close anyway.", false)
		}
		m.closed = true
		copied, id := m.copiedSecret, m.id
		return m, func() tea.Msg { return ClosedMsg{ID: id, Copied: copied} }
	case key.Matches(k, m.keys.CopySecret), key.Matches(k, m.keys.CopyClientID):
		m.confirmClose = false
		if !m.clip.Enabled() {
			return m.say(noticeErr, "Copying is unavailable here; select the text with the mouse instead.", true)
		}
		if key.Matches(k, m.keys.CopySecret) {
			return m, m.clip.Copy(WhatSecret, m.reveal())
		}
		return m, m.clip.Copy(WhatClientID, m.clientID)
	}
	return m, nil
}

func (m Model) copied(msg clipboard.CopiedMsg) (Model, tea.Cmd) {
	if msg.What != WhatSecret && msg.What != WhatClientID {
		return m, nil
	}
	if msg.Err != nil {
		return m.say(noticeErr, fmt.Sprintf("Could not copy the %s: %s. Select it with the mouse instead.", msg.What, sanitize.Line(msg.Err.Error())), true)
	}
	if msg.What == WhatSecret {
		m.copiedSecret = true
	}
	// OSC52 has no acknowledgement: say it was sent, never that it
	// arrived, and what tmux needs to pass it on. The notice stays until
	// the next key, so there is time to read it and go and paste.
	what := "Secret"
	if msg.What == WhatClientID {
		what = "Client ID"
	}
	text := what + " sent to your terminal's clipboard (OSC52) — paste to check."
	if m.clip.Multiplexer() == clipboard.Tmux {
		text += " In tmux this needs `set -g set-clipboard on` or `allow-passthrough on`."
	}
	return m.say(noticeOK, text, false)
}

// say shows a notice; expiring notices clear themselves after noticeTTL.
func (m Model) say(kind noticeKind, text string, expire bool) (Model, tea.Cmd) {
	m.notice, m.kind = text, kind
	m.seq++
	if !expire {
		return m, nil
	}
	tag, seq := m.tag, m.seq
	return m, tea.Tick(noticeTTL, func(time.Time) tea.Msg { return clearNoticeMsg{tag: tag, seq: seq} })
}
