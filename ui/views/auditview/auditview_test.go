package auditview

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/widgets/detail"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

var testNow = time.Date(2026, 6, 4, 12, 0, 0, 0, time.UTC)

func newView(t *testing.T, opts Options) *Model {
	t.Helper()
	if opts.Path == "" {
		opts.Path = "testdata/audit.jsonl"
	}
	opts.Location = time.UTC
	m := New(commontest.Common(termenv.ANSI256, func() time.Time { return testNow }), opts)
	m.SetSize(120, 16)
	feed(m, m.Init())
	return m
}

// feed runs cmd and hands the view its own messages; shell messages come
// back.
func feed(m *Model, cmd tea.Cmd) []tea.Msg {
	var shell []tea.Msg
	for queue := []tea.Cmd{cmd}; len(queue) > 0; queue = queue[1:] {
		if queue[0] == nil {
			continue
		}
		switch msg := queue[0]().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case common.ToastMsg, common.PushModalMsg, common.PopModalMsg:
			shell = append(shell, msg)
		default:
			queue = append(queue, m.Update(msg))
		}
	}
	return shell
}

func keys(m *Model, ks ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range ks {
		out = append(out, feed(m, m.Update(commontest.Key(k)))...)
	}
	return out
}

func shownIDs(m *Model) string {
	var ids []string
	for _, l := range m.rows.VisibleItems() {
		if l.Err != nil {
			ids = append(ids, "!"+string(rune('0'+l.N)))
			continue
		}
		ids = append(ids, l.Entry.ResourceID+"/"+string(l.Entry.Result))
	}
	return strings.Join(ids, " ")
}

func TestEveryEntryKindNewestFirstWithTheBadLineFlagged(t *testing.T) {
	m := newView(t, Options{})
	// One row per change: t1's intent is answered by its outcome.
	want := "t8/conflict t7/patched !8 t6/created t5/unknown t4/skipped t3/already-gone t2/failed t1/deleted"
	if got := shownIDs(m); got != want {
		t.Fatalf("shown %s", got)
	}
	st := m.Status()
	// failed counts what result:failed shows; unknown and open apart.
	if len(st.Counts) != 4 || st.Counts[0].N != 9 || st.Counts[1].N != 1 || st.Counts[2].Label != "unknown" || st.Counts[2].N != 1 ||
		st.Counts[3].Label != "unreadable" || st.Counts[3].N != 1 {
		t.Fatalf("counts %+v", st.Counts)
	}
	golden.RequireEqual(t, []byte(m.View()))
	if strings.Contains(m.View(), "\x1b[2J") {
		t.Fatal("a name reached the terminal raw")
	}
}

func TestFilterByActionResultResourceAndDate(t *testing.T) {
	m := newView(t, Options{})
	for q, want := range map[string]string{
		"action:create":          "t6/created",
		"result:unreadable":      "!8",
		"date:2026-06-03":        "t8/conflict t7/patched",
		"action:delete result:f": "t2/failed",
		"name:ci":                "t6/created t2/failed",
		"mallory":                "t7/patched",
		"status:429":             "t2/failed",
		"hand-edited":            "!8",
		"nosuchthing":            "",
	} {
		keys(m, "/")
		keys(m, strings.Split(q, "")...)
		keys(m, "enter")
		if got := shownIDs(m); got != want {
			t.Errorf("%q: %s, want %s", q, got, want)
		}
		if m.Status().Note != "filter: "+q {
			t.Errorf("note %q", m.Status().Note)
		}
		keys(m, "esc") // clears
	}
	if n := len(m.rows.Visible()); n != 9 {
		t.Fatalf("esc left %d shown", n)
	}
	keys(m, "/", "z", "z", "z")
	if !strings.Contains(ansi.Strip(m.View()), "No entries match") {
		t.Fatalf("empty filter view:\n%s", ansi.Strip(m.View()))
	}
}

func TestEnterShowsTheWholeEntry(t *testing.T) {
	m := newView(t, Options{})
	keys(m, "down") // t7, patched, with ops
	shell := keys(m, "enter")
	push, ok := shell[0].(common.PushModalMsg)
	if !ok || push.ID != detail.ID {
		t.Fatalf("enter gave %v", shell)
	}
	push.Modal.SetSize(120, 40)
	out := ansi.Strip(push.Modal.View())
	for _, want := range []string{"line 9", `"trackingId": "trk-7"`, `"path": "/expirationDate"`, "2026-06-17T11:00:00Z"} {
		if !strings.Contains(out, want) {
			t.Errorf("detail lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(push.Modal.View(), "\x1b[2J") {
		t.Fatal("detail not sanitized")
	}
	keys(m, "down") // the unreadable line
	push = keys(m, "enter")[0].(common.PushModalMsg)
	push.Modal.SetSize(120, 40)
	if out := ansi.Strip(push.Modal.View()); !strings.Contains(out, "Unreadable line 8") || !strings.Contains(out, `{"time": hand-edited`) {
		t.Fatalf("unreadable detail:\n%s", out)
	}
}

func TestExportWritesTheEntriesShown(t *testing.T) {
	dir := t.TempDir()
	m := newView(t, Options{ReportDir: dir, Tenant: "acme"})
	keys(m, "/", "f", "enter") // failed, unreadable ("…f…" in the error), conflict?
	n := len(m.rows.Visible())
	shell := keys(m, "X")
	if p, ok := shell[0].(common.PushModalMsg); !ok || p.ID != exportID {
		t.Fatalf("X gave %v", shell)
	}
	path := filepath.Join(dir, "audit.csv")
	shell = feed(m, m.Update(textprompt.AnswerMsg{ID: exportID, Text: path, OK: true}))
	if len(shell) != 2 {
		t.Fatalf("save gave %v", shell)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) != n+1 {
		t.Fatalf("%d records for %d shown: %v", len(recs), n, err)
	}
}

func TestWholeLogExportKeepsBadLinesRaw(t *testing.T) {
	lines, err := audit.Scan("testdata/audit.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	tbl := exportTable(lines)
	bad := tbl.Rows[7]
	if bad[0] != 8 || bad[3] != unreadable || bad[len(bad)-1] != `{"time": hand-edited` {
		t.Fatalf("bad line row %v", bad)
	}
	if ops := tbl.Rows[8][15].(string); !strings.Contains(ops, `"replace"`) {
		t.Fatalf("ops column %q", ops)
	}
}

func TestReadErrorsAndNoLogAreSaid(t *testing.T) {
	m := newView(t, Options{Scan: func(string) ([]audit.Line, error) {
		return nil, errors.New("read audit log: permission denied")
	}})
	if out := ansi.Strip(m.View()); !strings.Contains(out, "Could not read the audit log: read audit log: permission denied") {
		t.Fatalf("view:\n%s", out)
	}
	m = newView(t, Options{Path: filepath.Join(t.TempDir(), "none.jsonl")})
	if out := ansi.Strip(m.View()); !strings.Contains(out, "Nothing recorded yet") {
		t.Fatalf("view:\n%s", out)
	}
}

// A read that finishes after a newer one started is dropped.
func TestStaleReadDropped(t *testing.T) {
	m := newView(t, Options{})
	stale := m.load()().(loadedMsg) // started first, answers last
	feed(m, m.Shown())
	stale.lines = nil // what an emptied log would read
	m.Update(stale)
	if m.rows.Len() != 9 {
		t.Fatalf("a stale read replaced the list: %d lines", m.rows.Len())
	}
}

func TestMovementKeepsTheCursorInView(t *testing.T) {
	m := newView(t, Options{})
	m.SetSize(120, 6) // four rows shown
	keys(m, "G")
	// Four rows, the last four: offset 5.
	if out := ansi.Strip(m.View()); m.rows.Cursor() != 8 || !strings.Contains(out, " gone ") || strings.Contains(out, "created") {
		t.Fatalf("G: cursor %d, view:\n%s", m.rows.Cursor(), out)
	}
	if out := ansi.Strip(m.View()); !strings.Contains(out, "› 2026-06-01 09:00 delete-pat         deleted") {
		t.Fatalf("cursor row not shown:\n%s", out)
	}
	keys(m, "g", "down", "down")
	if out := ansi.Strip(m.View()); m.rows.Cursor() != 2 || !strings.Contains(out, "raced") {
		t.Fatalf("g down down: cursor %d, view:\n%s", m.rows.Cursor(), out)
	}
}

// An intent still without an outcome is an open change: it stays a row,
// result:intent lists it, and the status bar counts it.
func TestOpenIntentStaysAndIsCounted(t *testing.T) {
	scan := func(string) ([]audit.Line, error) {
		return []audit.Line{
			{N: 1, Entry: audit.Entry{Action: audit.ActionDeletePAT, Op: "a", ResourceID: "t1", Result: audit.ResultIntent}},
			{N: 2, Entry: audit.Entry{Action: audit.ActionDeletePAT, Op: "a", ResourceID: "t1", Result: audit.ResultDeleted}},
			{N: 3, Entry: audit.Entry{Action: audit.ActionDeletePAT, Op: "b", ResourceID: "t2", Result: audit.ResultIntent}},
		}, nil
	}
	m := newView(t, Options{Scan: scan})
	if got := shownIDs(m); got != "t2/intent t1/deleted" {
		t.Fatalf("shown %s", got)
	}
	if st := m.Status(); len(st.Counts) != 3 || st.Counts[2].Label != "open" || st.Counts[2].N != 1 {
		t.Fatalf("counts %+v", st.Counts)
	}
	keys(m, "/")
	for _, r := range "result:intent" {
		keys(m, string(r))
	}
	if got := shownIDs(m); got != "t2/intent" {
		t.Fatalf("result:intent shows %s", got)
	}
}

// A wide screen shows each entry's trackingId; a narrower one drops that
// column first.
func TestTrackingIDColumn(t *testing.T) {
	m := newView(t, Options{})
	m.SetSize(160, 12)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "TRACKING ID") || !strings.Contains(v, "trk-8") {
		t.Fatalf("160 columns:\n%s", v)
	}
	m.SetSize(120, 12)
	if v := ansi.Strip(m.View()); strings.Contains(v, "TRACKING ID") || !strings.Contains(v, "BY") {
		t.Fatalf("120 columns:\n%s", v)
	}
}
