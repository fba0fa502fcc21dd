package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var (
	at     = time.Date(2026, 3, 1, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	sample = Table{
		Columns: []string{"name", "scopes", "created", "last_used", "managed", "days"},
		Rows: [][]any{
			{"=HYPERLINK(\"http://x\")", []string{"sp:scopes:all", "idn:x"}, at, (*time.Time)(nil), true, 3},
			{"a, \"quoted\"\nname", []string(nil), time.Time{}, &at, false, 0},
			{"+1", nil, at, &at, false, -2},
		},
	}
)

func TestSafeCellNeutralisesFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+cmd": "'+cmd", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "plain": "plain", "": "", "a=b": "a=b",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVCannotDriveTheTerminal(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, Table{Columns: []string{"name"}, Rows: [][]any{{"wipe\x1b[2J\x9b31m\x07"}}}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\x07") || strings.Contains(b.String(), "\u009b") ||
		!strings.Contains(b.String(), "wipe\uFFFD[2J\uFFFD31m\uFFFD") {
		t.Fatalf("%q", b.String())
	}
}

func TestCSVIsRFC4180AndParsesBack(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, sample); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "name,scopes,created,last_used,managed,days\r\n") || !strings.HasSuffix(b.String(), "\r\n") {
		t.Fatalf("want CRLF records:\n%q", b.String())
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		sample.Columns,
		{"'=HYPERLINK(\"http://x\")", "sp:scopes:all idn:x", "2026-03-01T08:30:00Z", "", "true", "3"},
		{"a, \"quoted\"\nname", "", "", "2026-03-01T08:30:00Z", "false", "0"},
		{"'+1", "", "2026-03-01T08:30:00Z", "2026-03-01T08:30:00Z", "false", "'-2"},
	}
	if len(recs) != len(want) {
		t.Fatalf("records %q", recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("record %d = %q, want %q", i, recs[i], want[i])
		}
	}
}

func TestJSONKeepsTypesAndOrder(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, sample); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if len(got) != 3 || got[0]["name"] != "=HYPERLINK(\"http://x\")" || got[0]["managed"] != true ||
		got[0]["last_used"] != nil || got[1]["created"] != nil || got[1]["last_used"] != "2026-03-01T08:30:00Z" {
		t.Fatalf("json %v", got)
	}
	if s, ok := got[1]["scopes"].([]any); !ok || len(s) != 0 {
		t.Fatalf("nil list should be [], got %#v", got[1]["scopes"])
	}
	line := strings.Split(b.String(), "\n")[1]
	if !strings.HasPrefix(line, `  {"name": `) || strings.Index(line, `"scopes"`) > strings.Index(line, `"created"`) {
		t.Fatalf("keys not in column order: %s", line)
	}
	b.Reset()
	if err := WriteJSON(&b, Table{Columns: []string{"a"}}); err != nil || b.String() != "[]\n" {
		t.Fatalf("empty report %q %v", b.String(), err)
	}
}

func TestFormats(t *testing.T) {
	if f, err := FormatOf("/x/r.JSON"); err != nil || f != JSON {
		t.Fatal(f, err)
	}
	for _, p := range []string{"/x/r", "/x/r.xlsx"} {
		if _, err := FormatOf(p); err == nil || !strings.Contains(err.Error(), ".csv or .json") {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := ParseFormat("yaml"); err == nil {
		t.Fatal("yaml accepted")
	}
	if got := FileName("tokens", "acme.api/identitynow.com:443", at, CSV); got != "tokens-acme.api_identitynow.com_443-20260301T083000Z.csv" {
		t.Fatal(got)
	}
}

func TestSaveIsPrivateAndNeverClobbers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "reports")
	path := filepath.Join(dir, "r.csv")
	if err := Save(path, sample); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", st.Mode(), err)
	}
	before, _ := os.ReadFile(path)
	err = Save(path, Table{Columns: []string{"x"}})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("second save: %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("existing report changed")
	}
	if err := Save(filepath.Join(dir, "r.txt"), sample); err == nil {
		t.Fatal(".txt accepted")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("leftover files: %v", ents)
	}
}
