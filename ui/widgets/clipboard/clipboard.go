// Package clipboard copies text to the user's clipboard with OSC52, the
// terminal escape sequence that works over SSH and through tmux/screen
// (k9s view/clipboard.go style). The terminal, not this process, owns the
// clipboard, so the copy is a write of bytes to the terminal: a tea.Cmd.
// OSC52 has no acknowledgement: a terminal (or tmux) that ignores it says
// nothing, so callers must not report the copy as done, only as sent.
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
	// Tmux sends the plain sequence, which tmux itself handles with
	// `set -g set-clipboard on`, followed by the same sequence in DCS
	// passthrough, which reaches the outer terminal with
	// `set -g allow-passthrough on` (tmux ≥ 3.3 drops it otherwise).
	// Neither is tmux's default, so either setting is enough.
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
		// Plain first, then DCS passthrough: every ESC inside the
		// passthrough is doubled; the OSC is BEL-terminated so its
		// introducer is the only one. With both settings on, the
		// clipboard is set twice to the same text.
		plain := osc + enc + bel
		return plain + "\x1bPtmux;\x1b" + plain + st, nil
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
	// Out is the terminal, but not the program's stdout: the renderer
	// writes frames there from its own goroutine, and a copy's bytes must
	// not land in the middle of a frame. main passes os.Stderr (the same
	// terminal) or /dev/tty. nil disables copying.
	Out io.Writer
	// Unavailable says why there is no terminal to write to (Out is nil);
	// a copy then reports it, so the user learns why rather than that.
	Unavailable error
	Env         Env
	MaxEncoded  int // ≤ 0 → DefaultMaxEncoded
}

// New returns a Clipboard writing to out with the given environment.
func New(out io.Writer, env Env) Clipboard {
	return Clipboard{Out: out, Env: env, MaxEncoded: DefaultMaxEncoded}
}

// Unavailable returns a Clipboard with no terminal whose copies fail with
// reason.
func Unavailable(reason error, env Env) Clipboard {
	return Clipboard{Unavailable: reason, Env: env, MaxEncoded: DefaultMaxEncoded}
}

// Multiplexer is the multiplexer copies are wrapped for.
func (c Clipboard) Multiplexer() Multiplexer { return c.Env.Multiplexer() }

// Enabled reports whether copy keys should be offered: there is a
// terminal, or a reason there is none that a copy will report.
func (c Clipboard) Enabled() bool { return c.Out != nil || c.Unavailable != nil }

// Copy returns a Cmd that writes text to the clipboard and reports
// CopiedMsg{What: what}. The sequence is built before the Cmd runs so a
// too-large payload fails without touching the terminal.
func (c Clipboard) Copy(what, text string) tea.Cmd {
	seq, err := Sequence(text, c.Env.Multiplexer(), c.MaxEncoded)
	out, why := c.Out, c.Unavailable
	return func() tea.Msg {
		fail := func(err error) tea.Msg { return CopiedMsg{What: what, Err: fmt.Errorf("copy %s: %w", what, err)} }
		switch {
		case err != nil:
			return fail(err)
		case out == nil && why != nil:
			return fail(why)
		case out == nil:
			return fail(errors.New("no terminal to write to"))
		}
		// One Write of the whole sequence: the terminal must receive it
		// in one piece, never split around another writer's bytes.
		n, werr := out.Write([]byte(seq))
		if werr == nil && n < len(seq) {
			werr = io.ErrShortWrite
		}
		if werr != nil {
			return fail(werr)
		}
		return CopiedMsg{What: what}
	}
}
