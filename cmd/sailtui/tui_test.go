package main

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
)

// After quitting mid-run the user learns what happened, on stderr once
// the screen is restored, one line per view's work; a normal quit prints
// nothing.
func TestReportStop(t *testing.T) {
	var b bytes.Buffer
	reportStop(nil, "/s/audit.jsonl", &b)
	if b.Len() != 0 {
		t.Fatalf("normal quit printed %q", b.String())
	}
	del := common.Stopped{Work: "a delete", Queued: "tokens were not sent", Clean: true}
	upd := common.Stopped{Work: "an update", Queued: "apps were not sent"}
	reportStop([]common.Stopped{del, upd}, "/s/audit.jsonl", &b)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "quit during a delete: queued tokens were not sent") ||
		!strings.Contains(lines[0], "/s/audit.jsonl") || !strings.Contains(lines[1], "quit during an update") ||
		!strings.Contains(lines[1], "without an audit entry") {
		t.Fatalf("stops: %q", b.String())
	}
	b.Reset()
	reportStop([]common.Stopped{{Work: "a delete", Queued: "tokens were not sent"}}, "", &b)
	if out := b.String(); !strings.Contains(out, "without an audit entry") || !strings.Contains(out, "the audit log") {
		t.Fatalf("unclean stop: %q", out)
	}
	b.Reset()
	reportStop([]common.Stopped{{Work: "a create", Create: true, Clean: true}}, "/s/audit.jsonl", &b)
	if out := b.String(); !strings.Contains(out, "quit during a create") || !strings.Contains(out, "/s/audit.jsonl") ||
		!strings.Contains(out, "secret was not shown") || strings.Contains(out, "delete:") {
		t.Fatalf("clean create stop: %q", out)
	}
	b.Reset()
	reportStop([]common.Stopped{{Work: "a create", Create: true}}, "", &b)
	if out := b.String(); !strings.Contains(out, "may have been created without an audit entry") {
		t.Fatalf("unclean create stop: %q", out)
	}
}

// ttyRecorder stands in for a terminal: it records writes and closes.
type ttyRecorder struct {
	writes [][]byte
	closed bool
}

func (r *ttyRecorder) Write(p []byte) (int, error) {
	r.writes = append(r.writes, append([]byte(nil), p...))
	return len(p), nil
}
func (r *ttyRecorder) Close() error { r.closed = true; return nil }

// OSC52 copies go to the terminal through stderr, never stdout (where the
// renderer draws from its own goroutine); with stderr redirected, through
// /dev/tty; without either, a copy says why.
func TestClipboardWritesToTheTerminalNotStdout(t *testing.T) {
	env := envOf("TMUX", "")
	noTTY := func() (io.WriteCloser, error) {
		t.Fatal("/dev/tty opened although stderr is a terminal")
		return nil, nil
	}

	stderr := &ttyRecorder{}
	clip, done := openClipboard(stderr, func(f any) bool { return f == stderr }, noTTY, env)
	if msg := clip.Copy("secret", "s3cr3t")().(clipboard.CopiedMsg); msg.Err != nil || len(stderr.writes) != 1 {
		t.Fatalf("via stderr: err %v, %d writes", msg.Err, len(stderr.writes))
	}
	done()

	tty := &ttyRecorder{}
	clip, done = openClipboard(&bytes.Buffer{}, func(any) bool { return false },
		func() (io.WriteCloser, error) { return tty, nil }, env)
	if msg := clip.Copy("secret", "s3cr3t")().(clipboard.CopiedMsg); msg.Err != nil || len(tty.writes) != 1 {
		t.Fatalf("via /dev/tty: err %v, %d writes", msg.Err, len(tty.writes))
	}
	done()
	if !tty.closed {
		t.Fatal("/dev/tty left open")
	}

	clip, done = openClipboard(&bytes.Buffer{}, func(any) bool { return false },
		func() (io.WriteCloser, error) { return nil, errors.New("open /dev/tty: no such device or address") }, env)
	defer done()
	msg := clip.Copy("secret", "s3cr3t")().(clipboard.CopiedMsg)
	if msg.Err == nil || !strings.Contains(msg.Err.Error(), "stderr is redirected") || !strings.Contains(msg.Err.Error(), "/dev/tty") {
		t.Fatalf("no terminal: err %v", msg.Err)
	}
}

// With the real check, a terminal on stderr is used as is.
func TestClipboardUsesATerminalStderr(t *testing.T) {
	_, tty := openPTY(t)
	clip, done := openClipboard(tty, isTerminal, func() (io.WriteCloser, error) {
		t.Fatal("/dev/tty opened although stderr is a terminal")
		return nil, nil
	}, envOf())
	defer done()
	if clip.Out != tty {
		t.Fatalf("clipboard writes to %v, want the terminal on stderr", clip.Out)
	}
}
