// Package clipboard copies text to the user's clipboard with OSC52, the
// terminal escape sequence that works over SSH and through tmux/screen
// (k9s view/clipboard.go style). The terminal, not this process, owns the
// clipboard, so the copy is a write of bytes to the terminal: a tea.Cmd.
//
// Nothing here reads the process environment: the caller passes an Env
// (see EnvFrom), so tests pin tmux/screen detection.
package clipboard

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// DefaultMaxEncoded caps the base64 payload. Many terminals drop OSC52
// payloads beyond ~100 kB (xterm's default is 100000 bytes for the whole
// sequence); k9s uses the same 74994-byte cap.
const DefaultMaxEncoded = 74994

// screenChunk is the size of the DCS pieces sent to GNU screen, whose DCS
// buffer is small; each piece is its own passthrough (the vim-oscyank trick).
const screenChunk = 76

// ErrEmpty is returned when there is nothing to copy.
var ErrEmpty = errors.New("nothing to copy")

// Multiplexer is the terminal multiplexer between us and the real terminal.
type Multiplexer int

const (
	// Direct means no multiplexer: the plain OSC52 sequence.
	Direct Multiplexer = iota
	// Tmux wraps the sequence in tmux DCS passthrough (tmux ≥ 3.3 needs
	// `set -g allow-passthrough on`).
	Tmux
	// Screen wraps the sequence in GNU screen DCS passthrough.
	Screen
)

func (m Multiplexer) String() string {
	switch m {
	case Tmux:
		return "tmux"
	case Screen:
		return "screen"
	default:
		return "direct"
	}
}

// Env is the part of the environment that decides how to wrap the sequence.
type Env struct {
	TMUX string // $TMUX: set inside tmux
	STY  string // $STY: set inside GNU screen
	TERM string // $TERM: "screen*" also means screen when neither is set
}

// EnvFrom reads the variables through lookup (os.LookupEnv in main).
func EnvFrom(lookup func(string) (string, bool)) Env {
	get := func(k string) string {
		if lookup == nil {
			return ""
		}
		v, _ := lookup(k)
		return v
	}
	return Env{TMUX: get("TMUX"), STY: get("STY"), TERM: get("TERM")}
}

// Multiplexer reports which wrapping the environment calls for. tmux wins
// over screen because tmux also sets TERM=screen*.
func (e Env) Multiplexer() Multiplexer {
	switch {
	case e.TMUX != "":
		return Tmux
	case e.STY != "" || strings.HasPrefix(strings.ToLower(e.TERM), "screen"):
		return Screen
	default:
		return Direct
	}
}

// Sequence builds the OSC52 "set system clipboard" sequence for text,
// wrapped for mux. maxEncoded ≤ 0 means DefaultMaxEncoded. It refuses (with
// an error) rather than truncates: a partial secret in the clipboard is worse
// than none.
func Sequence(text string, mux Multiplexer, maxEncoded int) (string, error) {
	if text == "" {
		return "", ErrEmpty
	}
	if maxEncoded <= 0 {
		maxEncoded = DefaultMaxEncoded
	}
	enc := base64.StdEncoding.EncodeToString([]byte(text))
	if len(enc) > maxEncoded {
		return "", fmt.Errorf("osc52: %d bytes encoded exceeds the %d-byte limit", len(enc), maxEncoded)
	}
	const osc, bel, st = "\x1b]52;c;", "\a", "\x1b\\"
	switch mux {
	case Tmux:
		// DCS passthrough: every ESC inside must be doubled; the OSC is
		// BEL-terminated so its introducer is the only one.
		return "\x1bPtmux;\x1b" + osc + enc + bel + st, nil
	case Screen:
		var b strings.Builder
		b.WriteString("\x1bP" + osc)
		for i := 0; i < len(enc); i += screenChunk {
			if i > 0 {
				b.WriteString(st + "\x1bP")
			}
			b.WriteString(enc[i:min(i+screenChunk, len(enc))])
		}
		b.WriteString(bel + st)
		return b.String(), nil
	default:
		return osc + enc + bel, nil
	}
}

// CopiedMsg reports a finished copy. What is the caller's label ("secret",
// "client id"); the copied text itself is never carried in a message.
type CopiedMsg struct {
	What string
	Err  error
}

// Clipboard writes OSC52 sequences to the terminal.
type Clipboard struct {
	// Out is the terminal: the program's output or os.Stderr (same TTY,
	// but not the renderer's buffered stdout writer). nil disables copying.
	Out        io.Writer
	Env        Env
	MaxEncoded int // ≤ 0 → DefaultMaxEncoded
}

// New returns a Clipboard writing to out with the given environment.
func New(out io.Writer, env Env) Clipboard {
	return Clipboard{Out: out, Env: env, MaxEncoded: DefaultMaxEncoded}
}

// Enabled reports whether copies can be attempted at all.
func (c Clipboard) Enabled() bool { return c.Out != nil }

// Copy returns a Cmd that writes text to the clipboard and reports
// CopiedMsg{What: what}. The sequence is built before the Cmd runs so a
// too-large payload fails without touching the terminal.
func (c Clipboard) Copy(what, text string) tea.Cmd {
	seq, err := Sequence(text, c.Env.Multiplexer(), c.MaxEncoded)
	out := c.Out
	return func() tea.Msg {
		if err != nil {
			return CopiedMsg{What: what, Err: fmt.Errorf("copy %s: %w", what, err)}
		}
		if out == nil {
			return CopiedMsg{What: what, Err: fmt.Errorf("copy %s: no terminal to write to", what)}
		}
		if _, werr := io.WriteString(out, seq); werr != nil {
			return CopiedMsg{What: what, Err: fmt.Errorf("copy %s: %w", what, werr)}
		}
		return CopiedMsg{What: what}
	}
}
