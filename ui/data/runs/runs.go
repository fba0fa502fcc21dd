// Package runs keeps a journal of each bulk run while it goes: what it
// was asked to do, to which items, and each item's audit op. A run that
// finishes (or is cancelled) removes its journal; one killed mid-run
// leaves it, and the next start offers to mark again exactly the items
// still to do: never sent, or sent and still there. The journal is one
// small JSON file per run beside the audit log, written whole (a temp
// file renamed), readable by the user only. It knows nothing of Bubble Tea.
package runs

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sailtui/sailtui/ui/data/audit"
)

// Item is one item of a run.
type Item struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	Op   string `json:"op"` // its audit op: the outcome that settles it
}

// Journal is one run.
type Journal struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`  // "Deleting 120 tokens"
	Action  string     `json:"action"` // "delete-pat"
	Kind    audit.Kind `json:"kind"`
	BaseURL string     `json:"baseUrl"`
	Started time.Time  `json:"started"`
	Items   []Item     `json:"items"`
}

// Dir is where the journals of the audit log at logPath go.
func Dir(logPath string) string { return filepath.Join(filepath.Dir(logPath), "runs") }

func fileOf(dir, id string) string { return filepath.Join(dir, id+".json") }

// Write saves j whole.
func Write(dir string, j Journal) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("run journal: %w", err)
	}
	b, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("run journal: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".journal-*")
	if err != nil {
		return fmt.Errorf("run journal: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("run journal: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("run journal: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("run journal: %w", err)
	}
	return os.Rename(tmp.Name(), fileOf(dir, j.ID))
}

// Remove deletes run id's journal (gone already is fine).
func Remove(dir, id string) error {
	if err := os.Remove(fileOf(dir, id)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("run journal: %w", err)
	}
	return nil
}

// Open are the journals left in dir, newest first; one that cannot be
// read is reported, not fatal.
func Open(dir string) ([]Journal, []error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, []error{err}
	}
	var out []Journal
	var errs []error
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var j Journal
		if err := json.Unmarshal(b, &j); err != nil || j.ID == "" {
			errs = append(errs, fmt.Errorf("run journal %s: not readable", f))
			continue
		}
		out = append(out, j)
	}
	slices.SortFunc(out, func(a, b Journal) int { return b.Started.Compare(a.Started) })
	return out, errs
}

// done are the results that settle an item: what the run set out to do
// happened (or the item is gone, by this run or another).
var done = []audit.Result{audit.ResultDeleted, audit.ResultAlreadyGone, audit.ResultGoneAfterRetry,
	audit.ResultPatched, audit.ResultCreated}

// Pending are j's items whose op has no outcome among entries that says
// it was done: never sent, failed, skipped, unknown. Whether they are
// still there is the view's to say, from its list.
func Pending(j Journal, entries []audit.Entry) []Item {
	finished := map[string]bool{}
	for _, e := range entries {
		if e.Op != "" && slices.Contains(done, e.Result) {
			finished[e.Op] = true
		}
	}
	var out []Item
	for _, it := range j.Items {
		if !finished[it.Op] {
			out = append(out, it)
		}
	}
	return out
}

// Describe names the run for the question: "Deleting 120 tokens, started
// 2026-12-07 05:12 UTC".
func (j Journal) Describe() string {
	return strings.TrimSpace(j.Title) + ", started " + j.Started.UTC().Format("2006-01-02 15:04 UTC")
}
