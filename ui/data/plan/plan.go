// Package plan reads an approved cleanup plan — a report made by X or
// `sailtui report`, possibly trimmed by an approver — and checks it against
// the tenant as it is now, so that exactly the approved tokens, unchanged
// since, are marked. It knows nothing of Bubble Tea.
package plan

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// maxSize bounds a plan file: a report of 250,000 tokens is ~70 MB.
const maxSize = 256 << 20

// Item is one approved credential (a token or an API client) as the
// report saw it.
type Item struct {
	ID, Name, OwnerID, OwnerName string
	LastUsed                     *time.Time // nil: never used when reported
	// Modified is when an API client last changed (nil for tokens).
	Modified *time.Time
	// Managed is a managed token, or an internal API client: left out
	// unless the approver said IncludeManaged (an include_managed or
	// include_internal column set to true, yes, y, x or 1).
	Managed        bool
	IncludeManaged bool
	// OwnerInactive: the report saw the owner away or gone (its
	// owner_state column).
	OwnerInactive bool
	Line          int // where it is in the file (CSV line, JSON index + 1)
}

// Kind is what a plan lists.
type Kind string

const (
	KindTokens  Kind = "tokens"
	KindClients Kind = "API clients" // a `report clients` or an X of the Clients view
)

// Plan is a loaded plan file.
type Plan struct {
	Path   string
	SHA256 string // of the file's bytes, hex
	Kind   Kind   // told by the columns: grant_types is the clients report's
	Items  []Item
}

// Label names the plan in the audit log and summaries:
// "/path/plan.csv sha256:ab12…" (the whole checksum).
func (p *Plan) Label() string { return p.Path + " sha256:" + p.SHA256 }

// Load reads a CSV or JSON plan (by extension, else by its first byte).
// It streams the file: one row at a time is parsed and the checksum is
// taken as the bytes go by, so a plan takes the memory of its items, not
// a multiple of its size.
func Load(path string) (*Plan, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	if fi.Size() > maxSize {
		return nil, fmt.Errorf("plan %s: %d bytes is larger than a plan can be (%d)", path, fi.Size(), maxSize)
	}
	hash := sha256.New()
	in := bufio.NewReaderSize(io.TeeReader(io.LimitReader(f, maxSize+1), hash), 1<<20)
	p := &Plan{Path: path}
	if isJSON(path, in) {
		p.Items, p.Kind, err = parseJSON(in)
	} else {
		p.Items, p.Kind, err = parseCSV(in)
	}
	if err != nil {
		return nil, fmt.Errorf("plan %s: %w", path, err)
	}
	if _, err := io.Copy(io.Discard, in); err != nil { // the rest, for the checksum
		return nil, fmt.Errorf("plan: %w", err)
	}
	p.SHA256 = hex.EncodeToString(hash.Sum(nil))
	if len(p.Items) == 0 {
		return nil, fmt.Errorf("plan %s: lists no %s", path, p.Kind)
	}
	seen := make(map[string]int, len(p.Items))
	for _, it := range p.Items {
		if first, dup := seen[it.ID]; dup {
			return nil, fmt.Errorf("plan %s: %s is listed twice (lines %d and %d)", path, it.ID, first, it.Line)
		}
		seen[it.ID] = it.Line
	}
	return p, nil
}

// isJSON: a .json file, or (not .csv) one whose first non-space byte
// opens an array.
func isJSON(path string, in *bufio.Reader) bool {
	switch ext := filepath.Ext(path); {
	case strings.EqualFold(ext, ".json"):
		return true
	case strings.EqualFold(ext, ".csv"):
		return false
	}
	for n := 1; n <= 4096; n++ {
		head, err := in.Peek(n)
		if len(head) < n {
			return false
		}
		if c := head[n-1]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c == '['
		}
		if err != nil {
			return false
		}
	}
	return false
}

// row is a plan row by column name.
type row func(col string) string

func parseCSV(in io.Reader) ([]Item, Kind, error) {
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true // the slice is reused; its strings are new each row
	head, err := r.Read()
	switch {
	case err == io.EOF:
		return nil, "", errors.New("empty")
	case err != nil:
		return nil, "", fmt.Errorf("not CSV: %w", err)
	}
	cols := map[string]int{}
	for i, c := range head {
		cols[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")))] = i
	}
	if _, ok := cols["id"]; !ok {
		return nil, "", errors.New("no id column: a plan is a sailtui report (X, or sailtui report tokens|clients)")
	}
	kind := KindTokens
	if _, ok := cols["grant_types"]; ok {
		kind = KindClients
	}
	var items []Item
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return items, kind, nil
		}
		if err != nil {
			return nil, "", fmt.Errorf("not CSV: %w", err)
		}
		get := func(col string) string {
			if i, ok := cols[col]; ok && i < len(rec) {
				return unneutralise(strings.TrimSpace(rec[i]))
			}
			return ""
		}
		it, err := item(get, line)
		if err != nil {
			return nil, "", err
		}
		if it != nil {
			items = append(items, *it)
		}
	}
}

// unneutralise undoes report.SafeCell: a spreadsheet-safe "'=x" is "=x".
func unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// parseJSON reads the array one object at a time.
func parseJSON(in io.Reader) ([]Item, Kind, error) {
	notReport := func(err error) error { return fmt.Errorf("not a JSON report (an array of objects): %w", err) }
	dec := json.NewDecoder(in)
	if tok, err := dec.Token(); err != nil {
		return nil, "", notReport(err)
	} else if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, "", notReport(fmt.Errorf("it starts with %v", tok))
	}
	var items []Item
	kind := KindTokens
	for n := 1; dec.More(); n++ {
		var r jsonRow
		if err := dec.Decode(&r); err != nil {
			return nil, "", notReport(err)
		}
		if r.GrantTypes != nil {
			kind = KindClients
		}
		it, err := item(r.get, n)
		if err != nil {
			return nil, "", err
		}
		if it != nil {
			items = append(items, *it)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing bracket
		return nil, "", notReport(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, "", notReport(errors.New("more after the array"))
	}
	return items, kind, nil
}

// jsonRow is the columns a plan reads from a JSON report's object; the
// others are skipped unread. A value is a string or a boolean.
type jsonRow struct {
	ID             any `json:"id"`
	Name           any `json:"name"`
	OwnerID        any `json:"owner_id"`
	OwnerName      any `json:"owner_name"`
	LastUsed       any `json:"last_used"`
	Managed        any `json:"managed"`
	IncludeManaged any `json:"include_managed"`
	Internal       any `json:"internal"`
	OwnerState     any `json:"owner_state"`
	Include        any `json:"include_internal"`
	Modified       any `json:"modified"`
	// GrantTypes is there in an API client report only.
	GrantTypes any `json:"grant_types"`
}

func (r *jsonRow) get(col string) string {
	var v any
	switch col {
	case "id":
		v = r.ID
	case "name":
		v = r.Name
	case "owner_id":
		v = r.OwnerID
	case "owner_name":
		v = r.OwnerName
	case "last_used":
		v = r.LastUsed
	case "managed":
		v = r.Managed
	case "include_managed":
		v = r.IncludeManaged
	case "internal":
		v = r.Internal
	case "owner_state":
		v = r.OwnerState
	case "include_internal":
		v = r.Include
	case "modified":
		v = r.Modified
	}
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// item reads one row; a row without an id (a blank line a spreadsheet
// kept) is skipped.
func item(get row, line int) (*Item, error) {
	id := get("id")
	if id == "" {
		return nil, nil
	}
	it := &Item{ID: id, Name: get("name"), OwnerID: get("owner_id"), OwnerName: get("owner_name"), Line: line,
		Managed: yes(get("managed")) || yes(get("internal")), IncludeManaged: yes(get("include_managed")) || yes(get("include_internal")),
		OwnerInactive: strings.HasPrefix(get("owner_state"), "inactive") || get("owner_state") == "no-identity"}
	for _, c := range []struct {
		col string
		to  **time.Time
	}{{"last_used", &it.LastUsed}, {"modified", &it.Modified}} {
		if s := get(c.col); s != "" {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return nil, fmt.Errorf("line %d: %s %q is not an RFC 3339 time", line, c.col, s)
			}
			*c.to = &t
		}
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

// KindOf tells what the plan at path lists from its first row only (the
// start-up picks the view for --plan with it); a file it cannot read is
// taken for tokens, and Load then says what is wrong with it.
func KindOf(path string) Kind {
	f, err := os.Open(path)
	if err != nil {
		return KindTokens
	}
	defer f.Close()
	in := bufio.NewReader(f)
	if isJSON(path, in) {
		dec := json.NewDecoder(in)
		var r jsonRow
		if _, err := dec.Token(); err == nil && dec.More() && dec.Decode(&r) == nil && r.GrantTypes != nil {
			return KindClients
		}
		return KindTokens
	}
	head, err := csv.NewReader(in).Read()
	if err == nil && slices.ContainsFunc(head, func(c string) bool { return strings.EqualFold(strings.TrimSpace(c), "grant_types") }) {
		return KindClients
	}
	return KindTokens
}
