package tokens

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// unwritableLog is an audit log under a regular file, so it can never be
// created (a chmod would not stop root).
func unwritableLog(t *testing.T) *audit.Log {
	t.Helper()
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return audit.Open(filepath.Join(blocker, "sailtui", audit.FileName))
}

// An audit log found unwritable at start-up disables delete and create,
// lazygit style: the view warns once when it starts, and d and n say why.
func TestUnwritableAuditLogDisablesChanges(t *testing.T) {
	log := unwritableLog(t)
	checkErr := log.Check()
	if checkErr == nil {
		t.Fatal("the log should not be writable")
	}
	reason := "audit log not writable: " + log.Path() + ": mkdir " + filepath.Dir(filepath.Dir(log.Path())) + ": not a directory"
	svc := &fakeService{toks: fixture()}
	m := New(common.New(testStyles(themes.Default()), clock), Options{Service: svc, Audit: log, AuditErr: checkErr})
	m.SetSize(120, 30)
	out := drain(t, m, m.Init())
	if toasts := shellToasts(out); len(toasts) != 1 || toasts[0] != "Delete/create disabled: "+reason {
		t.Fatalf("start-up toasts %q\nwant the reason %q", toasts, reason)
	}

	out = press(t, m, "space", "d")
	if toasts := shellToasts(out); len(toasts) != 1 || toasts[0] != "Delete is disabled: "+reason {
		t.Fatalf("d: %q", toasts)
	}
	if pushedModal(out, confirmID) != nil {
		t.Fatal("d opened the confirm dialog")
	}
	out = press(t, m, "n")
	if toasts := shellToasts(out); len(toasts) != 1 || toasts[0] != "Create is disabled: "+reason {
		t.Fatalf("n: %q", toasts)
	}
	if pushedModal(out, createID) != nil {
		t.Fatal("n opened the create form")
	}
	if m.Keys().DisabledReason(m.keys.Delete) != reason || m.Keys().DisabledReason(m.keys.New) != reason {
		t.Fatal("the help bar does not show delete and create as disabled")
	}
	if len(svc.deleted) != 0 {
		t.Fatalf("deleted %v", svc.deleted)
	}

	// Read-only mode's reason stands: it says more about what to do.
	ro := New(common.New(testStyles(themes.Default()), clock), Options{Service: svc, ReadOnly: true, AuditErr: checkErr})
	if got := ro.keys.DisabledReason(ro.keys.Delete); got != common.ReadOnlyReason("") {
		t.Fatalf("read-only reason replaced: %q", got)
	}
	if toasts := shellToasts(drain(t, ro, ro.Init())); len(toasts) != 0 {
		t.Fatalf("read-only start-up toasts %q", toasts)
	}
}

// The log is checked again once a delete is confirmed and before anything
// is sent: a log that became unwritable deletes nothing and disables
// delete and create from then on.
func TestConfirmedDeleteChecksTheAuditLogFirst(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	log := unwritableLog(t)
	m := newTestModel(t, svc, Options{Audit: log}) // looked fine at start-up
	press(t, m, "space")
	if out := press(t, m, "d"); pushedModal(out, confirmID) == nil {
		t.Fatalf("d: %v", out)
	}
	out := drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 1}))
	if len(svc.deleted) != 0 {
		t.Fatalf("deleted %v without an audit log", svc.deleted)
	}
	if pushedModal(out, progressID) != nil {
		t.Fatal("the progress panel opened")
	}
	reason := log.Check().Error()
	if toasts := shellToasts(out); len(toasts) != 1 || toasts[0] != "Nothing deleted: "+reason {
		t.Fatalf("toasts %q", toasts)
	}
	if got := m.keys.DisabledReason(m.keys.Delete); got != reason {
		t.Fatalf("delete not disabled: %q", got)
	}
	if got := m.keys.DisabledReason(m.keys.New); got != reason {
		t.Fatalf("create not disabled: %q", got)
	}
}

// A second d while the check is out is refused like one during a run.
func TestDeleteRefusedWhileTheAuditCheckRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), audit.FileName)
	m := newTestModel(t, nil, Options{Audit: audit.Open(path)})
	press(t, m, "space")
	press(t, m, "d")
	cmd := m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 1}) // not run yet
	out := press(t, m, "d")
	if toasts := shellToasts(out); len(toasts) != 1 || toasts[0] != "A delete is already running" {
		t.Fatalf("second d: %q", toasts)
	}
	drain(t, m, cmd)
	if m.bulk == nil || !m.bulk.Done() {
		t.Fatal("the confirmed delete did not run")
	}
}

// ctxService is fakeService with a context that stops queued items, like
// client.RunBulk (it is the real executor), and a hook after each delete.
type ctxService struct {
	*fakeService
	after func(id string)
}

func (s ctxService) DeletePATs(ctx context.Context, ids []string, opts client.BulkOptions, on func(client.BulkEvent)) client.BulkSummary {
	return runSerially(ctx, ids, func(ctx context.Context, id string) (client.Outcome, error) {
		out, err := s.deleteOne(ctx, id)
		s.after(id)
		return out, err
	}, opts, on)
}

// finishedOf runs cmd like drain and returns the run's FinishedMsg.
func finishedOf(t *testing.T, m *Model, cmd tea.Cmd) (fin progress.FinishedMsg, shell []tea.Msg) {
	t.Helper()
	found := false
	shell = drainObserving(t, m, cmd, func(msg tea.Msg) {
		switch msg := msg.(type) {
		case progress.FinishedMsg:
			fin, found = msg, true
		case progress.BatchMsg:
			for _, inner := range msg {
				if f, ok := inner.(progress.FinishedMsg); ok {
					fin, found = f, true
				}
			}
		}
	})
	if !found {
		t.Fatal("the run did not finish")
	}
	return fin, shell
}

// When the log stops taking entries mid-run, the delete whose entry failed
// is reported, nothing queued is sent, and delete and create are disabled.
// The summary names the log only when it holds this run's entries.
func TestAuditFailureMidRunStopsQueuedDeletes(t *testing.T) {
	path := filepath.Join(t.TempDir(), audit.FileName)
	fake := &fakeService{toks: fixture()}
	n := 0
	svc := ctxService{fakeService: fake, after: func(string) {
		if n++; n == 2 { // the log becomes a directory before the 2nd entry
			if err := os.Remove(path); err != nil {
				t.Error(err)
			}
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Error(err)
			}
		}
	}}
	m := New(common.New(testStyles(themes.Default()), clock), Options{Service: svc, Audit: audit.Open(path)})
	m.SetSize(120, 30)
	drain(t, m, m.Init())
	press(t, m, "s", "a") // t2 t3 t5 t8 t6(managed)
	press(t, m, "d")
	fin, _ := finishedOf(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 4}))

	if len(fake.deleted) != 2 {
		t.Fatalf("deleted %v: the queued ones must not be sent", fake.deleted)
	}
	if fin.AuditPath != path {
		t.Fatalf("audit path %q: the first entry is in it", fin.AuditPath)
	}
	want := "audit log not writable: " + path + ": is a directory (3 of 4 entries not recorded; 2 queued not sent)"
	if fin.Err == nil || fin.Err.Error() != want {
		t.Fatalf("run error %v\nwant %s", fin.Err, want)
	}
	if got := m.keys.DisabledReason(m.keys.Delete); got != "audit log not writable: "+path+": is a directory" {
		t.Fatalf("delete after the failure: %q", got)
	}
	out := drain(t, m, m.Update(progress.ClosedMsg{Run: fin.Run, Summary: fin.Summary}))
	if toasts := shellToasts(out); len(toasts) != 1 ||
		toasts[0] != "Deleted 2, already gone 0, failed 0, skipped 2; not all recorded in the audit log" {
		t.Fatalf("close: %q", toasts)
	}

	// Nothing writable at all: the intent fails, so nothing is sent, and
	// the summary does not point at the log.
	log := unwritableLog(t)
	fake2 := &fakeService{toks: fixture()}
	m = New(common.New(testStyles(themes.Default()), clock), Options{Service: ctxService{fakeService: fake2, after: func(string) {}}})
	m.SetSize(120, 30)
	drain(t, m, m.Init())
	m.opts.Audit = log // became unwritable between the check and the first entry
	fin, _ = finishedOf(t, m, m.runBulk([]client.PersonalAccessToken{fixture()[3]}, m.deleteSpec(1)))
	if fin.AuditPath != "" || fin.Err == nil || !strings.HasSuffix(fin.Err.Error(), "(nothing was recorded; 1 queued not sent)") {
		t.Fatalf("nothing recorded: path %q, err %v", fin.AuditPath, fin.Err)
	}
	if len(fake2.deleted) != 0 {
		t.Fatalf("deleted %v without an intent on disk", fake2.deleted)
	}
}

// A create is only sent when its audit entry can be written: if the log
// broke after start-up, the form gets the reason and keeps its input.
func TestSubmittedCreateChecksTheAuditLogFirst(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	log := unwritableLog(t)
	m := newTestModel(t, svc, Options{Audit: log}) // looked fine at start-up
	var formErr error
	out := drainObserving(t, m, m.Update(createSubmit("kept", 1)),
		func(msg tea.Msg) {
			if e, ok := msg.(editform.FailedMsg); ok {
				formErr = e.Err
			}
		})
	if len(svc.created) != 0 {
		t.Fatalf("sent %v without an audit log", svc.created)
	}
	if formErr == nil || !strings.Contains(formErr.Error(), "not sent: "+log.Check().Error()) {
		t.Fatalf("form error %v; messages %v", formErr, out)
	}
	if pushedModal(out, secretID) != nil {
		t.Fatal("a secret modal opened")
	}
}
