// Package report writes what a view shows as CSV or JSON, for a change
// ticket or an approval: every column the view knows, raw timestamps in
// RFC 3339 beside the relative ones. It knows nothing of Bubble Tea, so the
// headless `sailtui report` writes exactly what the X key writes.
package report

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Format is a report's file format.
type Format string

const (
	CSV  Format = "csv"
	JSON Format = "json"
)

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case CSV, JSON:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: use csv or json", s)
}

// FormatOf is the format a path's extension names.
func FormatOf(path string) (Format, error) {
	ext := strings.TrimPrefix(filepath.Ext(path), ".")
	if ext == "" {
		return "", fmt.Errorf("%s: no extension: end the name in .csv or .json", path)
	}
	f, err := ParseFormat(ext)
	if err != nil {
		return "", fmt.Errorf("%s: end the name in .csv or .json", path)
	}
	return f, nil
}

// Table is a report: named columns and rows of values. A value is a
// string, bool, int, time.Time (zero: empty), *time.Time (nil: empty) or
// []string.
type Table struct {
	Columns []string
	Rows    [][]any
}

// Write writes t in format f.
func Write(w io.Writer, f Format, t Table) error {
	if f == JSON {
		return WriteJSON(w, t)
	}
	return WriteCSV(w, t)
}

// WriteCSV writes RFC 4180 CSV (CRLF line ends, quoted where needed) with
// a header row. Every text cell is made safe to open in a spreadsheet.
func WriteCSV(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(t.Columns); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for i := range rec {
			rec[i] = ""
			if i < len(row) {
				rec[i] = SafeCell(noControls(cellText(row[i])))
			}
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// SafeCell neutralises a cell a spreadsheet would run as a formula (OWASP
// "CSV injection"): one starting with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe, which spreadsheets show as text.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// noControls replaces control characters (ESC and the like; tab and line
// breaks stay) with U+FFFD, so `cat report.csv` cannot drive the terminal
// with a token name like "\x1b[2J". JSON escapes them itself.
func noControls(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f)
}

func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case time.Time:
		return timeText(v)
	case *time.Time:
		if v == nil {
			return ""
		}
		return timeText(*v)
	case []string:
		return strings.Join(v, " ")
	}
	return fmt.Sprint(v)
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// WriteJSON writes a JSON array with one object per row, keys in column
// order, one row per line so that a large report streams and diffs well.
func WriteJSON(w io.Writer, t Table) error {
	bw := bufio.NewWriter(w)
	keys := make([][]byte, len(t.Columns))
	for i, c := range t.Columns {
		k, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		keys[i] = k
	}
	bw.WriteString("[")
	for r, row := range t.Rows {
		if r > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n  {")
		for i, k := range keys {
			if i > 0 {
				bw.WriteString(", ")
			}
			bw.Write(k)
			bw.WriteString(": ")
			var v any
			if i < len(row) {
				v = row[i]
			}
			b, err := json.Marshal(jsonValue(v))
			if err != nil {
				return fmt.Errorf("write json: row %d %s: %w", r+1, t.Columns[i], err)
			}
			bw.Write(b)
		}
		bw.WriteString("}")
	}
	if len(t.Rows) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// jsonValue keeps types (bools, lists) and writes empty times as null.
func jsonValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		if v.IsZero() {
			return nil
		}
		return timeText(v)
	case *time.Time:
		if v == nil || v.IsZero() {
			return nil
		}
		return timeText(*v)
	case []string:
		if v == nil {
			return []string{}
		}
	}
	return v
}

// FileName is a report's default name: what, tenant and time, so reports
// sort by time and never overwrite each other
// ("tokens-acme-20261204T161500Z.csv").
func FileName(what, tenant string, now time.Time, f Format) string {
	return fmt.Sprintf("%s-%s-%s.%s", what, fileSafe(tenant), now.UTC().Format("20060102T150405Z"), f)
}

// fileSafe keeps letters, digits, dots and dashes of a tenant's host.
func fileSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "tenant"
	}
	return b.String()
}
