// Package audit keeps the append-only JSON-lines record of every change
// sailtui sends (token deletes and creates). It is plain Go: the UI calls Append
// from a tea.Cmd, never from Update.
//
// The Entry type has no field that could hold a secret, by construction.
package audit

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/sailtui/sailtui/ui/data/userdirs"
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
	// ResultIntent is written, flushed to disk, before a change is sent;
	// the entry with the same Op that follows is its outcome. An intent
	// without one is a change whose process died (kill -9, power loss):
	// the next start checks the server and records what happened.
	ResultIntent      Result = "intent"
	ResultDeleted     Result = "deleted"
	ResultAlreadyGone Result = "already-gone" // 404 at once: someone else deleted it first
	// ResultGoneAfterRetry: a 404 after an attempt that may have deleted
	// it; deleted by this run or by someone else.
	ResultGoneAfterRetry Result = "gone-after-retry"
	ResultFailed         Result = "failed"
	ResultSkipped        Result = "skipped" // cancelled before it was sent
	ResultUnknown        Result = "unknown" // may have happened; no check could tell
	ResultCreated        Result = "created"
	ResultPatched        Result = "patched"
	// ResultConflict: a test guard failed; the resource changed since the
	// edit began and nothing was changed.
	ResultConflict Result = "conflict"
)

// Entry is one line of the audit log.
type Entry struct {
	Time    time.Time `json:"time"`
	Action  string    `json:"action"` // e.g. "delete-pat"
	BaseURL string    `json:"baseUrl"`
	// Op pairs an intent with its outcome (one id per item of a run).
	Op string `json:"op,omitempty"`
	// ActorID and ActorName are the signed-in identity that acted.
	ActorID   string `json:"actorId,omitempty"`
	ActorName string `json:"actorName,omitempty"`
	// Kind and ResourceID say what was changed, the same way for every
	// kind of resource (see Kind).
	Kind       Kind   `json:"kind,omitempty"`
	ResourceID string `json:"resourceId,omitempty"`
	Name       string `json:"name,omitempty"`
	OwnerID    string `json:"ownerId,omitempty"`
	OwnerName  string `json:"ownerName,omitempty"`
	Result     Result `json:"result"`
	Status     int    `json:"status,omitempty"` // HTTP status when known
	TrackingID string `json:"trackingId,omitempty"`
	Error      string `json:"error,omitempty"` // the server's message on failure
	// Ops is the JSON Patch sent (patch actions), byte for byte.
	Ops json.RawMessage `json:"ops,omitempty"`
	// Note says how the outcome was learnt when not from the answer
	// ("outcome confirmed after restart", "outcome confirmed by check").
	Note string `json:"note,omitempty"`
	// Plan is the approved plan the change carried out: its file and
	// checksum ("/r/plan.csv sha256:…").
	Plan string `json:"plan,omitempty"`
}

// Kind is the kind of resource an entry changed. Each kind settles its
// own open intents (Settler).
type Kind string

// Kinds of resource.
const (
	KindPAT       Kind = "pat"
	KindApp       Kind = "source-app"
	KindAPIClient Kind = "api-client"
)

// UnmarshalJSON reads an entry, also as written before entries named
// their kind: "tokenId" or "appId", the kind told by the action.
func (e *Entry) UnmarshalJSON(b []byte) error {
	type plain Entry // without this method
	var v struct {
		plain
		TokenID string `json:"tokenId"`
		AppID   string `json:"appId"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*e = Entry(v.plain)
	switch {
	case e.ResourceID == "" && v.AppID != "":
		e.ResourceID = v.AppID
	case e.ResourceID == "":
		e.ResourceID = v.TokenID
	}
	if e.Kind == "" && e.Action != "" {
		e.Kind = KindPAT
		if isAppAction(e.Action) {
			e.Kind = KindApp
		}
	}
	return nil
}

// Actions recorded in the log.
const (
	ActionDeletePAT = "delete-pat"
	ActionCreatePAT = "create-pat"
	ActionPatchPAT  = "patch-pat"
	// Source apps: one entry per app, a bulk-update included (its Ops are
	// the one patch every app of the chunk got).
	ActionCreateApp      = "create-app"
	ActionPatchApp       = "patch-app"
	ActionBulkUpdateApp  = "bulk-update-app"
	ActionDeleteApp      = "delete-app"
	ActionRemoveProfiles = "remove-access-profiles"
	// API clients (kind api-client): a disable or an enable is a guarded
	// patch of /enabled, recorded as such so the log reads as cleanup.
	ActionCreateClient  = "create-api-client"
	ActionPatchClient   = "patch-api-client"
	ActionDisableClient = "disable-api-client"
	ActionEnableClient  = "enable-api-client"
	ActionDeleteClient  = "delete-api-client"
)

// Dir resolves sailtui's state directory: $XDG_STATE_HOME/sailtui (an
// absolute one; the XDG spec says to ignore a relative one), else the
// system's own place (userdirs.State: ~/.local/state/sailtui on Linux,
// ~/Library/Application Support/sailtui/state on macOS,
// %LOCALAPPDATA%\sailtui on Windows). lookup is os.LookupEnv and home
// os.UserHomeDir in production.
func Dir(lookup func(string) (string, bool), home func() (string, error)) (string, error) {
	var homeErr error
	e := userdirs.Env{GOOS: runtime.GOOS, Getenv: func(k string) (string, bool) {
		if k == "HOME" || k == "USERPROFILE" {
			if home == nil {
				return "", false
			}
			h, err := home()
			homeErr = err
			return h, err == nil && h != ""
		}
		if lookup == nil {
			return "", false
		}
		return lookup(k)
	}}
	if d := userdirs.State(e); d != "" {
		return d, nil
	}
	if homeErr != nil {
		return "", fmt.Errorf("audit dir: %w", homeErr)
	}
	return "", errors.New("audit dir: no XDG_STATE_HOME and no home directory")
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

// Check reports whether entries can be appended: it creates the directory
// and the file as Append would (0700/0600, looser modes tightened) and
// appends nothing. sailtui calls it before the program starts and again
// before a delete is sent, so a change is never made that cannot be
// recorded.
func (l *Log) Check() error {
	if l == nil || l.path == "" {
		return errors.New("audit log not writable: no log path")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	f, err := l.open()
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return l.unwritable(err)
	}
	return nil
}

// open creates the directory and opens the file for appending; the
// caller holds mu.
func (l *Log) open() (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(l.path), dirMode); err != nil {
		return nil, l.unwritable(err)
	}
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_APPEND|os.O_CREATE, fileMode)
	if err != nil {
		return nil, l.unwritable(err)
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().Perm()&^fileMode != 0 {
		if err := f.Chmod(fileMode); err != nil {
			_ = f.Close()
			return nil, l.unwritable(err)
		}
	}
	return f, nil
}

// unwritable is every write error: "audit log not writable: <path>:
// <cause>", each said once. The log's own path is dropped from the cause
// ("open /x/audit.jsonl: permission denied" → "permission denied"; other
// steps keep their name, "write: no space left on device"); a parent's
// path is kept, since it says where it broke ("mkdir /dev/null/x: not a
// directory").
func (l *Log) unwritable(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == l.path {
		if pe.Op == "open" {
			err = pe.Err
		} else {
			err = fmt.Errorf("%s: %w", pe.Op, pe.Err)
		}
	}
	return fmt.Errorf("audit log not writable: %s: %w", l.path, err)
}

// Append writes entries as JSON lines in one write and flushes them to
// disk (fsync) before it returns, so an entry survives a kill -9 or a
// power cut right after: an intent must be on disk before its request is
// sent. The directory is created 0700 and the file 0600; an existing
// file with looser permissions is tightened, because the log names
// tokens and owners.
func (l *Log) Append(entries ...Entry) error {
	if len(entries) == 0 {
		return nil
	}
	if l == nil || l.path == "" {
		return errors.New("audit log not writable: no log path")
	}
	var buf []byte
	for _, e := range entries {
		e.BaseURL = RedactURL(e.BaseURL)
		line, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("audit: encode entry for %s: %w", e.ResourceID, err)
		}
		buf = append(append(buf, line...), '\n')
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	f, err := l.open()
	if err != nil {
		return err
	}
	// A last line cut short (a crash mid-write, a hand edit without a
	// final newline) must not swallow this entry into an unreadable line:
	// start on a line of our own.
	if torn, err := endsTorn(f); err != nil {
		_ = f.Close()
		return l.unwritable(err)
	} else if torn {
		buf = append([]byte{'\n'}, buf...)
	}
	if _, err := f.Write(buf); err != nil {
		_ = f.Close()
		return l.unwritable(err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return l.unwritable(err)
	}
	if err := f.Close(); err != nil {
		return l.unwritable(err)
	}
	return nil
}

// endsTorn reports whether f is non-empty and does not end in a newline.
func endsTorn(f *os.File) (bool, error) {
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return false, err
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, fi.Size()-1); err != nil {
		return false, err
	}
	return last[0] != '\n', nil
}

// Read returns the entries of the audit log at path, oldest first. A
// missing file is no entries; a line that is not an Entry is an error
// naming its line number (the log is append-only JSON lines).
func Read(path string) ([]Entry, error) {
	lines, err := Scan(path)
	if err != nil || lines == nil {
		return nil, err
	}
	entries := make([]Entry, 0, len(lines))
	for _, l := range lines {
		if l.Err != nil {
			return nil, fmt.Errorf("read audit log %s: line %d: %w", path, l.N, l.Err)
		}
		entries = append(entries, l.Entry)
	}
	return entries, nil
}

// ReadTolerant reads the log keeping what can be read: the entries, and
// how many lines could not be (the audit view shows them). Startup checks
// use it, so one hand-edited line does not stop every later check.
func ReadTolerant(path string) (entries []Entry, unreadable int, err error) {
	lines, err := Scan(path)
	if err != nil {
		return nil, 0, err
	}
	for _, l := range lines {
		if l.Err != nil {
			unreadable++
			continue
		}
		entries = append(entries, l.Entry)
	}
	return entries, unreadable, nil
}

// Line is one non-blank line of the log: its entry, or why it is not one
// (a log edited by hand, a write cut short).
type Line struct {
	N     int // 1-based line number
	Entry Entry
	Raw   string // the line as written, when it is not an entry
	Err   error
}

// Scan reads every line of the log at path, oldest first, keeping the
// lines that do not parse (with the reason) instead of failing: the audit
// view shows them flagged. A missing file is no lines.
func Scan(path string) ([]Line, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	var lines []Line
	for i, raw := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		l := Line{N: i + 1}
		if err := json.Unmarshal(raw, &l.Entry); err != nil {
			l.Entry, l.Raw, l.Err = Entry{}, string(raw), err
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// RedactURL drops a URL's userinfo (user:password@), which must never
// reach a file. ISC base URLs have none; sailtui refuses one at start, and
// this keeps any that slipped through off the disk.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		if i := strings.Index(raw, "@"); err != nil && i >= 0 { // unparsable: cut up to the last @ of the authority
			if j := strings.Index(raw, "://"); j >= 0 && j < i {
				return raw[:j+3] + raw[strings.LastIndex(raw, "@")+1:]
			}
		}
		return raw
	}
	u.User = nil
	return u.String()
}

// OpenIntents returns the intents in entries (oldest first) for baseURL
// that no later entry with the same Op answers: changes that may have been
// sent by a process that ended before it could record what happened.
func OpenIntents(entries []Entry, baseURL string) []Entry {
	open, _ := openIntents(entries, baseURL)
	return open
}

// openIntents is OpenIntents, with the open intents recorded against
// other tenants apart (elsewhere).
func openIntents(entries []Entry, baseURL string) (open, elsewhere []Entry) {
	tenant := TenantKey(baseURL)
	answered := map[string]bool{}
	for _, e := range entries {
		if e.Op != "" && e.Result != ResultIntent {
			answered[e.Op] = true
		}
	}
	for _, e := range entries {
		switch {
		case e.Result != ResultIntent || e.Op == "" || answered[e.Op]:
		case TenantKey(e.BaseURL) == tenant:
			open = append(open, e)
		default:
			elsewhere = append(elsewhere, e)
		}
	}
	return open, elsewhere
}

// NewOp returns a fresh operation id pairing an intent with its outcome.
func NewOp() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand does not fail on supported platforms
	return hex.EncodeToString(b)
}
