// Package audit keeps the append-only JSON-lines record of every change
// sailtui sends (token deletes and creates). It is plain Go: the UI calls Append
// from a tea.Cmd, never from Update.
//
// The Entry type has no field that could hold a secret, by construction.
package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// FileName is the audit log's name inside the state directory.
const FileName = "audit.jsonl"

const (
	dirMode  fs.FileMode = 0o700
	fileMode fs.FileMode = 0o600
)

// Result is what happened to one item.
type Result string

// Results recorded in the log.
const (
	ResultDeleted     Result = "deleted"
	ResultAlreadyGone Result = "already-gone" // 404: someone else deleted it first
	ResultFailed      Result = "failed"
	ResultSkipped     Result = "skipped" // cancelled before it was sent
	ResultCreated     Result = "created"
)

// Entry is one line of the audit log.
type Entry struct {
	Time       time.Time `json:"time"`
	Action     string    `json:"action"` // e.g. "delete-pat"
	BaseURL    string    `json:"baseUrl"`
	TokenID    string    `json:"tokenId"`
	Name       string    `json:"name,omitempty"`
	OwnerID    string    `json:"ownerId,omitempty"`
	OwnerName  string    `json:"ownerName,omitempty"`
	Result     Result    `json:"result"`
	Status     int       `json:"status,omitempty"` // HTTP status when known
	TrackingID string    `json:"trackingId,omitempty"`
	Error      string    `json:"error,omitempty"` // the server's message on failure
}

// Actions recorded in the log.
const (
	ActionDeletePAT = "delete-pat"
	ActionCreatePAT = "create-pat"
)

// Dir resolves sailtui's state directory: $XDG_STATE_HOME/sailtui, or
// ~/.local/state/sailtui when XDG_STATE_HOME is unset, empty or relative
// (the XDG spec says relative values are invalid and must be ignored).
// lookup is os.LookupEnv and home os.UserHomeDir in production.
func Dir(lookup func(string) (string, bool), home func() (string, error)) (string, error) {
	if lookup != nil {
		if v, ok := lookup("XDG_STATE_HOME"); ok && v != "" && filepath.IsAbs(v) {
			return filepath.Join(v, "sailtui"), nil
		}
	}
	if home == nil {
		return "", errors.New("audit dir: no XDG_STATE_HOME and no home directory")
	}
	h, err := home()
	if err != nil {
		return "", fmt.Errorf("audit dir: %w", err)
	}
	if h == "" {
		return "", errors.New("audit dir: empty home directory")
	}
	return filepath.Join(h, ".local", "state", "sailtui"), nil
}

// DefaultPath is Dir + FileName.
func DefaultPath(lookup func(string) (string, bool), home func() (string, error)) (string, error) {
	d, err := Dir(lookup, home)
	if err != nil {
		return "", err
	}
	return filepath.Join(d, FileName), nil
}

// Log appends entries to one file. The zero value is unusable; use Open.
// It is safe for concurrent use: a mutex serialises writers in this
// process, and O_APPEND keeps each line whole across processes.
type Log struct {
	path string
	mu   sync.Mutex
}

// Open returns a Log for path. Nothing touches the disk until the first
// Append, so opening never fails and a read-only session writes nothing.
func Open(path string) *Log { return &Log{path: path} }

// Path is where the log is written (shown in the bulk summary).
func (l *Log) Path() string { return l.path }

// Append writes entries as JSON lines in one write. The directory is
// created 0700 and the file 0600; an existing file with looser
// permissions is tightened, because the log names tokens and owners.
func (l *Log) Append(entries ...Entry) error {
	if len(entries) == 0 {
		return nil
	}
	if l == nil || l.path == "" {
		return errors.New("audit: no log path")
	}
	var buf []byte
	for _, e := range entries {
		line, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("audit: encode entry for %s: %w", e.TokenID, err)
		}
		buf = append(append(buf, line...), '\n')
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(l.path), dirMode); err != nil {
		return fmt.Errorf("audit: create dir: %w", err)
	}
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, fileMode)
	if err != nil {
		return fmt.Errorf("audit: open %s: %w", l.path, err)
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().Perm()&^fileMode != 0 {
		if err := f.Chmod(fileMode); err != nil {
			_ = f.Close()
			return fmt.Errorf("audit: tighten permissions of %s: %w", l.path, err)
		}
	}
	if _, err := f.Write(buf); err != nil {
		_ = f.Close()
		return fmt.Errorf("audit: write %s: %w", l.path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("audit: close %s: %w", l.path, err)
	}
	return nil
}
