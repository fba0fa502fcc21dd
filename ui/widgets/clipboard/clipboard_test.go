package clipboard

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestSequenceExactBytes(t *testing.T) {
	// base64("hello") = "aGVsbG8="
	tests := []struct {
		name string
		mux  Multiplexer
		want string
	}{
		{"direct", Direct, "\x1b]52;c;aGVsbG8=\a"},
		// Plain (tmux's set-clipboard on), then passthrough (allow-passthrough on).
		{"tmux", Tmux, "\x1b]52;c;aGVsbG8=\a\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\a\x1b\\"},
		{"screen", Screen, "\x1bP\x1b]52;c;aGVsbG8=\a\x1b\\"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sequence("hello", tt.mux, 0)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSequenceScreenChunks(t *testing.T) {
	text := strings.Repeat("x", 120) // 160 base64 chars → 76 + 76 + 8
	got, err := Sequence(text, Screen, 0)
	if err != nil {
		t.Fatal(err)
	}
	enc := strings.Repeat("eHh4", 40)
	want := "\x1bP\x1b]52;c;" + enc[:76] + "\x1b\\\x1bP" + enc[76:152] + "\x1b\\\x1bP" + enc[152:] + "\a\x1b\\"
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestSequenceLimitAndEmpty(t *testing.T) {
	if _, err := Sequence("", Direct, 0); !errors.Is(err, ErrEmpty) {
		t.Fatalf("empty: err = %v, want ErrEmpty", err)
	}
	// 6 bytes → 8 encoded: exactly at the limit passes, one below fails.
	if _, err := Sequence("abcdef", Direct, 8); err != nil {
		t.Fatalf("at limit: %v", err)
	}
	_, err := Sequence("abcdef", Direct, 7)
	if err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("over limit: err = %v", err)
	}
	if strings.Contains(err.Error(), "abcdef") {
		t.Fatal("error message leaks the copied text")
	}
}

func TestEnvMultiplexer(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want Multiplexer
	}{
		{map[string]string{}, Direct},
		{map[string]string{"TERM": "xterm-256color"}, Direct},
		{map[string]string{"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "screen-256color"}, Tmux},
		{map[string]string{"STY": "1234.pts-0.host", "TERM": "xterm"}, Screen},
		{map[string]string{"TERM": "screen.xterm-256color"}, Screen},
	}
	for _, tt := range tests {
		lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
		if got := EnvFrom(lookup).Multiplexer(); got != tt.want {
			t.Errorf("%v: got %v, want %v", tt.env, got, tt.want)
		}
	}
	if got := EnvFrom(nil).Multiplexer(); got != Direct {
		t.Errorf("nil lookup: %v", got)
	}
}

func TestCopyWritesToInjectedWriter(t *testing.T) {
	var buf bytes.Buffer
	c := New(&buf, Env{TMUX: "x"})
	msg := c.Copy("secret", "s3cr3t")()
	got, ok := msg.(CopiedMsg)
	if !ok || got.Err != nil || got.What != "secret" {
		t.Fatalf("msg = %#v", msg)
	}
	if want := "\x1b]52;c;czNjcjN0\a\x1bPtmux;\x1b\x1b]52;c;czNjcjN0\a\x1b\\"; buf.String() != want {
		t.Fatalf("wrote %q, want %q", buf.String(), want)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("tty gone") }

func TestCopyReportsErrors(t *testing.T) {
	msg := New(failWriter{}, Env{}).Copy("client id", "abc")().(CopiedMsg)
	if msg.Err == nil || !strings.Contains(msg.Err.Error(), "tty gone") {
		t.Fatalf("write error not reported: %v", msg.Err)
	}
	var buf bytes.Buffer
	c := New(&buf, Env{})
	c.MaxEncoded = 4
	msg = c.Copy("secret", "abcdef")().(CopiedMsg)
	if msg.Err == nil || buf.Len() != 0 {
		t.Fatalf("oversized copy: err=%v wrote=%q", msg.Err, buf.String())
	}
	if New(nil, Env{}).Enabled() {
		t.Fatal("nil writer should be disabled")
	}
	if msg := New(nil, Env{}).Copy("secret", "x")().(CopiedMsg); msg.Err == nil {
		t.Fatal("nil writer copy should fail")
	}
}

// recordingWriter records every Write call separately.
type recordingWriter struct{ calls [][]byte }

func (r *recordingWriter) Write(p []byte) (int, error) {
	r.calls = append(r.calls, append([]byte(nil), p...))
	return len(p), nil
}

// WriteString exists so that a helper like io.WriteString would take this
// path instead of Write; the copy must still arrive as exactly one Write.
func (r *recordingWriter) WriteString(s string) (int, error) {
	r.calls = append(r.calls, []byte("WriteString:"+s))
	return len(s), nil
}

// The terminal receives each sequence in one Write call, so it cannot
// interleave with the renderer's frames on the same terminal, whatever
// the multiplexer (screen's sequence is several DCS pieces).
func TestCopyIsOneWrite(t *testing.T) {
	for _, env := range []Env{{}, {TMUX: "x"}, {STY: "1.pts"}} {
		w := &recordingWriter{}
		text := strings.Repeat("secret-", 40) // long enough for several screen pieces
		msg := New(w, env).Copy("secret", text)().(CopiedMsg)
		if msg.Err != nil {
			t.Fatal(msg.Err)
		}
		want, _ := Sequence(text, env.Multiplexer(), 0)
		if len(w.calls) != 1 || string(w.calls[0]) != want {
			t.Fatalf("%v: %d calls %q, want one Write of the whole sequence", env.Multiplexer(), len(w.calls), w.calls)
		}
	}
}

type shortWriter struct{}

func (shortWriter) Write(p []byte) (int, error) { return len(p) / 2, nil }

// A write that took only part of the sequence is an error, not a copy.
func TestCopyShortWriteIsAnError(t *testing.T) {
	if msg := New(shortWriter{}, Env{}).Copy("secret", "abc")().(CopiedMsg); msg.Err == nil {
		t.Fatal("a short write was reported as copied")
	}
}

// Without a terminal to write to, a copy reports why, in its own words.
func TestCopyWithoutTerminalSaysWhy(t *testing.T) {
	c := Unavailable(errors.New("stderr is not a terminal and /dev/tty cannot be opened"), Env{})
	if !c.Enabled() {
		t.Fatal("the copy keys should stay offered, so pressing one explains")
	}
	msg := c.Copy("secret", "s3cr3t")().(CopiedMsg)
	if msg.Err == nil || !strings.Contains(msg.Err.Error(), "/dev/tty") || strings.Contains(msg.Err.Error(), "s3cr3t") {
		t.Fatalf("err = %v", msg.Err)
	}
}
