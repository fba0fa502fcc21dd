package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/ui/data/audit"
)

func noHome() (string, error) { return "", os.ErrNotExist }

// The audit log is checked before the program starts: an unwritable one
// comes back as the reason delete and create are disabled, naming the
// file and the cause.
func TestOpenAuditChecksTheLogBeforeStart(t *testing.T) {
	log, err := openAudit(envOf("XDG_STATE_HOME", "/dev/null/x"), noHome, false)
	want := "audit log not writable: /dev/null/x/sailtui/audit.jsonl: mkdir /dev/null: not a directory"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	if log == nil || log.Path() != "/dev/null/x/sailtui/audit.jsonl" {
		t.Fatalf("log %v", log)
	}

	// No state directory at all: no log, and that is the reason.
	if log, err = openAudit(envOf(), noHome, false); log != nil || err == nil ||
		!strings.HasPrefix(err.Error(), "audit log not writable: audit dir:") {
		t.Fatalf("no dir: %v, %v", log, err)
	}

	state := t.TempDir()
	log, err = openAudit(envOf("XDG_STATE_HOME", state), noHome, false)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(state, "sailtui", audit.FileName))
	if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() != 0 || log.Path() != filepath.Join(state, "sailtui", audit.FileName) {
		t.Fatalf("checked log: %v, %v", fi, err)
	}

	// Read-only changes nothing: the log is neither checked nor created.
	state = t.TempDir()
	if _, err := openAudit(envOf("XDG_STATE_HOME", state), noHome, true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(state, "sailtui")); !os.IsNotExist(err) {
		t.Fatalf("read-only created the state dir: %v", err)
	}
}

// A log file that cannot be opened is not dropped silently: openLog says
// where and why, for the one line on stderr.
func TestOpenLogSaysWhyLogsAreDiscarded(t *testing.T) {
	logger, closeLog, err := openLog(envOf("XDG_STATE_HOME", "/dev/null/x"), noHome)
	defer closeLog()
	want := "cannot write /dev/null/x/sailtui/sailtui.log, logs are discarded: mkdir /dev/null: not a directory"
	if logger == nil || err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	if _, closeLog, err := openLog(envOf(), noHome); err == nil || !strings.Contains(err.Error(), "logs are discarded") {
		closeLog()
		t.Fatalf("no dir: %v", err)
	}

	state := t.TempDir()
	logger, closeLog2, err := openLog(envOf("XDG_STATE_HOME", state), noHome)
	if err != nil {
		t.Fatal(err)
	}
	logger.Info("hello")
	closeLog2()
	data, err := os.ReadFile(filepath.Join(state, "sailtui", "sailtui.log"))
	if err != nil || !strings.Contains(string(data), "hello") {
		t.Fatalf("log file: %q, %v", data, err)
	}
}
