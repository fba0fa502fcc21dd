// Package plan reads an approved cleanup plan — a report made by X or
// `sailtui report`, possibly trimmed by an approver — and checks it against
// the tenant as it is now, so that exactly the approved tokens, unchanged
// since, are marked. It knows nothing of Bubble Tea.
package plan

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// maxSize bounds a plan file: a report of 250,000 tokens is ~70 MB.
const maxSize = 256 << 20

// Item is one approved token as the report saw it.
type Item struct {
	ID, Name, OwnerID, OwnerName string
	LastUsed                     *time.Time // nil: never used when reported
	Managed                      bool
	// IncludeManaged is the approver's explicit yes for a managed token
	// (an include_managed column set to true, yes, y, x or 1).
	IncludeManaged bool
	Line           int // where it is in the file (CSV line, JSON index + 1)
}

// Plan is a loaded plan file.
type Plan struct {
	Path   string
	SHA256 string // of the file's bytes, hex
	Items  []Item
}

// Label names the plan in the audit log and summaries:
// "/path/plan.csv sha256:ab12…" (the whole checksum).
func (p *Plan) Label() string { return p.Path + " sha256:" + p.SHA256 }

// Load reads a CSV or JSON plan (by extension, else by its first byte).
func Load(path string) (*Plan, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	if fi.Size() > maxSize {
		return nil, fmt.Errorf("plan %s: %d bytes is larger than a plan can be (%d)", path, fi.Size(), maxSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	sum := sha256.Sum256(data)
	p := &Plan{Path: path, SHA256: hex.EncodeToString(sum[:])}
	isJSON := strings.EqualFold(filepath.Ext(path), ".json") ||
		(!strings.EqualFold(filepath.Ext(path), ".csv") && bytes.HasPrefix(bytes.TrimSpace(data), []byte("[")))
	if isJSON {
		p.Items, err = parseJSON(data)
	} else {
		p.Items, err = parseCSV(data)
	}
	if err != nil {
		return nil, fmt.Errorf("plan %s: %w", path, err)
	}
	if len(p.Items) == 0 {
		return nil, fmt.Errorf("plan %s: lists no tokens", path)
	}
	seen := make(map[string]int, len(p.Items))
	for _, it := range p.Items {
		if first, dup := seen[it.ID]; dup {
			return nil, fmt.Errorf("plan %s: token %s is listed twice (lines %d and %d)", path, it.ID, first, it.Line)
		}
		seen[it.ID] = it.Line
	}
	return p, nil
}

// row is a plan row by column name.
type row func(col string) string

func parseCSV(data []byte) ([]Item, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("not CSV: %w", err)
	}
	if len(recs) == 0 {
		return nil, errors.New("empty")
	}
	cols := map[string]int{}
	for i, c := range recs[0] {
		cols[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")))] = i
	}
	if _, ok := cols["id"]; !ok {
		return nil, errors.New("no id column: a plan is a sailtui report (X, or sailtui report tokens)")
	}
	items := make([]Item, 0, len(recs)-1)
	for n, rec := range recs[1:] {
		get := func(col string) string {
			if i, ok := cols[col]; ok && i < len(rec) {
				return unneutralise(strings.TrimSpace(rec[i]))
			}
			return ""
		}
		it, err := item(get, n+2)
		if err != nil {
			return nil, err
		}
		if it != nil {
			items = append(items, *it)
		}
	}
	return items, nil
}

// unneutralise undoes report.SafeCell: a spreadsheet-safe "'=x" is "=x".
func unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

func parseJSON(data []byte) ([]Item, error) {
	var rows []map[string]any
	if err := json.Unmarshal(data, &rows); err != nil {
		return nil, fmt.Errorf("not a JSON report (an array of objects): %w", err)
	}
	items := make([]Item, 0, len(rows))
	for n, r := range rows {
		get := func(col string) string {
			switch v := r[col].(type) {
			case string:
				return strings.TrimSpace(v)
			case bool:
				if v {
					return "true"
				}
				return "false"
			}
			return ""
		}
		it, err := item(get, n+1)
		if err != nil {
			return nil, err
		}
		if it != nil {
			items = append(items, *it)
		}
	}
	return items, nil
}

// item reads one row; a row without an id (a blank line a spreadsheet
// kept) is skipped.
func item(get row, line int) (*Item, error) {
	id := get("id")
	if id == "" {
		return nil, nil
	}
	it := &Item{ID: id, Name: get("name"), OwnerID: get("owner_id"), OwnerName: get("owner_name"), Line: line,
		Managed: yes(get("managed")), IncludeManaged: yes(get("include_managed"))}
	if s := get("last_used"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return nil, fmt.Errorf("line %d: last_used %q is not an RFC 3339 time", line, s)
		}
		it.LastUsed = &t
	}
	return it, nil
}

func yes(s string) bool {
	switch strings.ToLower(s) {
	case "true", "yes", "y", "x", "1":
		return true
	}
	return false
}
