package editflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/edit/exteditor"
	"github.com/sailtui/sailtui/ui/edit/preview"
)

var clock = func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }

const doc = `{"id":"t1","name":"ci-bot","scope":["a"],"created":"2026-01-01T00:00:00Z"}`

// server is a fake resource: Apply applies the patch as the API does.
type server struct {
	doc     []byte
	applied []patchdiff.Patch
	err     error
}

func (s *server) target(log *audit.Log) Target {
	return Target{
		What: `token "ci-bot"`, Doc: []byte(doc), Rules: patchdiff.PATRules(false),
		Fields: []editdoc.Field{{Name: "id", Kind: editdoc.Raw, ReadOnly: true}, {Name: "name", Required: true}, {Name: "scope", Kind: editdoc.StringList}},
		Apply: func(_ context.Context, p patchdiff.Patch) (Applied, error) {
			s.applied = append(s.applied, p)
			if s.err != nil {
				return Applied{}, s.err
			}
			out, err := patchdiff.Apply(s.doc, p)
			if err != nil {
				return Applied{}, &client.APIError{Status: 400, Messages: []client.ErrorMessage{{Text: "Test operation failed"}}}
			}
			s.doc = out
			return Applied{Doc: out, Outcome: client.Outcome{Status: 200, TrackingID: "trk"}}, nil
		},
		Fetch: func(context.Context) ([]byte, error) { return s.doc, nil },
		Audit: log,
		Entry: audit.Entry{Action: audit.ActionPatchPAT, Kind: audit.KindPAT, ResourceID: "t1", Name: "ci-bot"},
	}
}

// editorDir sets up the scripted editor's steps; "" leaves the file as is.
func editorDir(t *testing.T, steps ...string) (dir string, opts Options) {
	t.Helper()
	dir = t.TempDir()
	for i, s := range steps {
		if s == "<fail>" {
			if err := os.WriteFile(filepath.Join(dir, "fail."+itoa(i+1)), nil, 0o600); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if s != "" {
			if err := os.WriteFile(filepath.Join(dir, "step."+itoa(i+1)), []byte(s), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	script, _ := filepath.Abs("testdata/fake-editor.sh")
	return dir, Options{ID: "edit", Editor: "sh " + script + " " + dir, Runner: exteditor.DirectRunner{}, TempDir: t.TempDir()}
}

func itoa(i int) string { return string(rune('0' + i)) }

func seen(t *testing.T, dir string, n int) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "seen."+itoa(n)))
	if err != nil {
		t.Fatalf("editor run %d: %v", n, err)
	}
	return string(b)
}

// run executes cmd and everything it leads to, feeding the flow its own
// messages; the rest (toasts, modal pops, AppliedMsg) is returned.
func run(t *testing.T, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case common.ToastMsg, common.PopModalMsg, AppliedMsg:
			out = append(out, msg)
		default:
			queue = append(queue, m.Update(msg))
		}
	}
	return out
}

func toasts(msgs []tea.Msg) string {
	var s []string
	for _, m := range msgs {
		if t, ok := m.(common.ToastMsg); ok {
			s = append(s, t.Text)
		}
	}
	return strings.Join(s, " | ")
}

func popped(msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(common.PopModalMsg); ok {
			return true
		}
	}
	return false
}

func startEditor(t *testing.T, steps ...string) (*Model, *server, string, []tea.Msg) {
	t.Helper()
	dir, opts := editorDir(t, steps...)
	srv := &server{doc: []byte(doc)}
	m, cmd := New(commontest.Common(termenv.Ascii, clock), 1, srv.target(nil), opts, StartEditor, nil)
	m.SetSize(120, 40)
	return m, srv, dir, run(t, m, cmd)
}

const valid = `{"id":"t1","name":"ci-bot 2","scope":["a","b"],"created":"2026-01-01T00:00:00Z"}`

func TestEditorSavedUnchangedCancels(t *testing.T) {
	m, srv, dir, out := startEditor(t, "")
	if !strings.Contains(toasts(out), "Edit cancelled: no changes") || !popped(out) || len(srv.applied) != 0 {
		t.Fatalf("out %v", out)
	}
	buf := seen(t, dir, 1)
	if !strings.Contains(buf, "# Patchable fields: name, scope.") || !strings.Contains(buf, `"name": "ci-bot"`) {
		t.Fatalf("buffer:\n%s", buf)
	}
	if m.path != "" {
		t.Fatalf("temp file kept: %s", m.path)
	}
	if files, _ := filepath.Glob(filepath.Join(m.opts.TempDir, "*")); len(files) != 0 {
		t.Fatalf("temp files left: %v", files)
	}
}

func TestEditorEmptyFileCancels(t *testing.T) {
	_, _, _, out := startEditor(t, "\n")
	if !strings.Contains(toasts(out), "saved file was empty") || !popped(out) {
		t.Fatalf("out %v", out)
	}
}

// kubectl's reopen loop: an invalid save reopens with the reason on top
// and the user's own text, then a valid save previews.
func TestEditorInvalidJSONReopensWithTheUsersText(t *testing.T) {
	m, _, dir, out := startEditor(t, `{"name": "half typed",`, valid)
	if popped(out) {
		t.Fatalf("closed: %v", out)
	}
	second := seen(t, dir, 2)
	if !strings.Contains(second, "# Error: the text is not a valid JSON object") || !strings.Contains(second, `{"name": "half typed",`) {
		t.Fatalf("reopened buffer:\n%s", second)
	}
	p := m.Preview()
	if p == nil || len(m.Result().Patch) != 4 {
		t.Fatalf("no preview after the valid save (mode %v)", m.mode)
	}
}

func TestEditorReadOnlyFieldReopens(t *testing.T) {
	changedID := strings.Replace(valid, `"t1"`, `"t9"`, 1)
	m, _, dir, _ := startEditor(t, changedID, valid)
	if !strings.Contains(seen(t, dir, 2), "# Error: id cannot be changed here") {
		t.Fatalf("reopened buffer:\n%s", seen(t, dir, 2))
	}
	if m.Preview() == nil {
		t.Fatal("no preview after the fix")
	}
}

// An editor that crashes loses nothing: the text stays in its file.
func TestEditorCrashKeepsTheFile(t *testing.T) {
	m, srv, dir, out := startEditor(t, valid, "<fail>")
	_ = dir
	if m.Preview() == nil {
		t.Fatal("setup: no preview")
	}
	// Back to the editor from the preview; this run fails.
	out = run(t, m, m.Update(preview.EditMsg{ID: "edit"}))
	if !strings.Contains(toasts(out), "The editor") || !strings.Contains(toasts(out), "your text is kept in") || !popped(out) {
		t.Fatalf("out %v", out)
	}
	path := toasts(out)[strings.LastIndex(toasts(out), " ")+1:]
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), `"ci-bot 2"`) {
		t.Fatalf("kept file %s: %v %s", path, err, b)
	}
	if len(srv.applied) != 0 {
		t.Fatal("something was sent")
	}
}

// Back to editing reopens with the user's edit, not the original.
func TestEditorBackToEditingKeepsTheEdit(t *testing.T) {
	m, _, dir, _ := startEditor(t, valid, "")
	run(t, m, m.Update(preview.EditMsg{ID: "edit"}))
	if !strings.Contains(seen(t, dir, 2), `"ci-bot 2"`) {
		t.Fatalf("reopened with:\n%s", seen(t, dir, 2))
	}
}

// Apply: audited intent then outcome; a 400 keeps the edit on the preview.
func TestApplyAuditsAndKeepsTheEditOn400(t *testing.T) {
	log := audit.Open(filepath.Join(t.TempDir(), audit.FileName))
	_, opts := editorDir(t, valid)
	srv := &server{doc: []byte(doc), err: &client.APIError{Status: 400, DetailCode: "400.1 Bad Request Content", TrackingID: "trk400",
		Messages: []client.ErrorMessage{{Text: "name is already in use"}}}}
	m, cmd := New(commontest.Common(termenv.Ascii, clock), 1, srv.target(log), opts, StartEditor, nil)
	m.SetSize(120, 40)
	run(t, m, cmd)
	out := run(t, m, m.Update(preview.ApplyMsg{ID: "edit"}))
	if popped(out) || m.Preview() == nil || !strings.Contains(m.View(), "name is already in use") || !strings.Contains(m.View(), "trk400") {
		t.Fatalf("400: out %v\n%s", out, m.View())
	}
	srv.err = nil
	out = run(t, m, m.Update(preview.ApplyMsg{ID: "edit"}))
	if !popped(out) || !strings.Contains(toasts(out), `Updated token "ci-bot": name, scope`) {
		t.Fatalf("apply: %v", out)
	}
	entries, err := audit.Read(log.Path())
	if err != nil {
		t.Fatal(err)
	}
	var results []string
	for _, e := range entries {
		results = append(results, string(e.Result))
	}
	if got := strings.Join(results, ","); got != "intent,failed,intent,patched" {
		t.Fatalf("audit results %s", got)
	}
	if e := entries[3]; e.Op != entries[2].Op || string(e.Ops) != mustWire(t, srv.applied[1]) || e.TrackingID != "trk" || entries[1].TrackingID != "trk400" {
		t.Fatalf("entries %+v", entries)
	}
}

func mustWire(t *testing.T, p patchdiff.Patch) string {
	b, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A failed guard: the server's version is fetched, the three-way view
// shown, and a rebase keeps the other writer's change.
func TestConflictRebase(t *testing.T) {
	_, opts := editorDir(t, valid)
	srv := &server{doc: []byte(doc)}
	m, cmd := New(commontest.Common(termenv.Ascii, clock), 1, srv.target(nil), opts, StartEditor, nil)
	m.SetSize(120, 40)
	run(t, m, cmd)
	// Someone else changes the scope meanwhile.
	srv.doc = []byte(`{"id":"t1","name":"ci-bot","scope":["a","z"],"created":"2026-01-01T00:00:00Z"}`)
	run(t, m, m.Update(preview.ApplyMsg{ID: "edit"}))
	c := m.Conflict()
	if c == nil || !strings.Contains(m.View(), "Changed on the server") {
		t.Fatalf("no conflict view:\n%s", m.View())
	}
	run(t, m, m.Update(tea.KeyMsg{Type: tea.KeyEnter}))
	if m.Preview() == nil || !strings.Contains(m.View(), "Rebased on the server's current version") {
		t.Fatalf("no fresh preview:\n%s", m.View())
	}
	out := run(t, m, m.Update(preview.ApplyMsg{ID: "edit"}))
	if !popped(out) {
		t.Fatalf("not applied: %v\n%s", out, m.View())
	}
	// Both sides changed scope: the default keeps the user's value; name is
	// the user's; the rebase was diffed against the server's version.
	if got := string(srv.doc); got != `{"id":"t1","name":"ci-bot 2","scope":["a","b"],"created":"2026-01-01T00:00:00Z"}` {
		t.Fatalf("server doc %s", got)
	}
}

func TestUndoDoc(t *testing.T) {
	srv := &server{}
	tg := srv.target(nil)
	before := []byte(doc)
	after := []byte(`{"id":"t1","name":"ci-bot 2","scope":["a","b"],"created":"2026-01-01T00:00:00Z","extra":1}`)
	undo, err := UndoDoc(before, after, tg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := patchdiff.Diff(after, undo, tg.Rules)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"op":"test","path":"/name","value":"ci-bot 2"},{"op":"replace","path":"/name","value":"ci-bot"},` +
		`{"op":"test","path":"/scope","value":["a","b"]},{"op":"replace","path":"/scope","value":["a"]}]`
	if got := mustWire(t, res.Patch); got != want {
		t.Fatalf("undo patch %s\nwant %s", got, want)
	}
}

// A target the server takes only unguarded (no test ops, as the PAT bulk
// update): the fields the patch changes are read again just before
// sending; changed meanwhile, nothing is sent and the conflict view shows
// the server's version; unchanged, the patch goes.
func TestUnguardedTargetIsCheckedBeforeSending(t *testing.T) {
	_, opts := editorDir(t, valid)
	srv := &server{doc: []byte(doc)}
	tg := srv.target(nil)
	tg.Rules.Guard = false
	m, cmd := New(commontest.Common(termenv.Ascii, clock), 1, tg, opts, StartEditor, nil)
	m.SetSize(120, 40)
	run(t, m, cmd)
	if strings.Contains(string(m.result.Patch.String()), `"op":"test"`) {
		t.Fatalf("an unguarded target's patch has a test: %s", m.result.Patch)
	}
	srv.doc = []byte(`{"id":"t1","name":"renamed meanwhile","scope":["a"],"created":"2026-01-01T00:00:00Z"}`)
	run(t, m, m.Update(preview.ApplyMsg{ID: "edit"}))
	if len(srv.applied) != 0 || m.Conflict() == nil {
		t.Fatalf("sent %d patches; view:\n%s", len(srv.applied), m.View())
	}
}

// Giving up after an error with an empty save keeps the text the user had
// written in the file the message names, never an empty file.
func TestEditorEmptySaveAfterAnErrorKeepsTheText(t *testing.T) {
	_, _, _, out := startEditor(t, `{"name": "half typed",`, "\n")
	msg := toasts(out)
	i := strings.Index(msg, "a copy of your text is in ")
	if i < 0 || !popped(out) {
		t.Fatalf("out %v", out)
	}
	path := strings.TrimSpace(msg[i+len("a copy of your text is in "):])
	kept, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(kept), `"half typed"`) {
		t.Fatalf("%s holds %q (%v)", path, kept, err)
	}
}
