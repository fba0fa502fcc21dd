package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Save writes t to path in the format its extension names. It never
// replaces an existing file, and a failed write leaves no partial report:
// the report is written to a temporary file beside path and linked into
// place only when complete. The file is private (0600): a report names
// every owner of a token.
func Save(path string, t Table) error {
	f, err := FormatOf(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save report: %w", err)
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("save report: %s already exists; choose another name", path)
	}
	tmp, err := os.CreateTemp(dir, ".report-*")
	if err != nil {
		return fmt.Errorf("save report: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("save report: %w", err)
	}
	werr := Write(tmp, f, t)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("save report %s: %w", path, werr)
	}
	// Link fails if path appeared meanwhile: no report is ever clobbered.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("save report: %s already exists; choose another name", path)
		}
		return fmt.Errorf("save report: %w", err)
	}
	return nil
}
