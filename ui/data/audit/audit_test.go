package audit

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestDir(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux's folders; every system's are userdirs' tests")
	}
	home := func() (string, error) { return "/home/ada", nil }
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"xdg", map[string]string{"XDG_STATE_HOME": "/var/state"}, "/var/state/sailtui"},
		{"unset", map[string]string{}, "/home/ada/.local/state/sailtui"},
		{"empty", map[string]string{"XDG_STATE_HOME": ""}, "/home/ada/.local/state/sailtui"},
		{"relative is ignored", map[string]string{"XDG_STATE_HOME": "state"}, "/home/ada/.local/state/sailtui"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Dir(env(tt.env), home)
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := Dir(env(nil), func() (string, error) { return "", errors.New("no home") }); err == nil {
		t.Fatal("want an error without XDG_STATE_HOME and home")
	}
	p, err := DefaultPath(env(map[string]string{"XDG_STATE_HOME": "/s"}), home)
	if err != nil || p != "/s/sailtui/audit.jsonl" {
		t.Fatalf("DefaultPath = %q, %v", p, err)
	}
}

func TestAppendModesAndContent(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "state", "sailtui", FileName)
	l := Open(path)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("Open must not touch the disk")
	}
	at := time.Date(2026, 11, 22, 4, 30, 0, 0, time.UTC)
	e1 := Entry{Time: at, Action: ActionDeletePAT, BaseURL: "https://acme.api.identitynow.com", Kind: KindPAT, ResourceID: "t1",
		Name: "ci-bot", OwnerID: "o1", OwnerName: "Ada", Result: ResultDeleted, Status: 204}
	e2 := Entry{Time: at, Action: ActionDeletePAT, BaseURL: "https://acme.api.identitynow.com", Kind: KindPAT, ResourceID: "t2",
		Result: ResultFailed, Status: 403, TrackingID: "trk-9", Error: "forbidden"}
	if err := l.Append(e1); err != nil {
		t.Fatal(err)
	}
	if err := l.Append(e2); err != nil {
		t.Fatal(err)
	}

	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
	}
	di, _ := os.Stat(filepath.Dir(path))
	if di.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", di.Mode().Perm())
	}

	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines:\n%s", len(lines), data)
	}
	want := `{"time":"2026-11-22T04:30:00Z","action":"delete-pat","baseUrl":"https://acme.api.identitynow.com","kind":"pat","resourceId":"t1","name":"ci-bot","ownerId":"o1","ownerName":"Ada","result":"deleted","status":204}`
	if lines[0] != want {
		t.Errorf("line 1:\n got %s\nwant %s", lines[0], want)
	}
	var back Entry
	if err := json.Unmarshal([]byte(lines[1]), &back); err != nil || !reflect.DeepEqual(back, e2) {
		t.Errorf("line 2 round trip: %+v, %v", back, err)
	}
}

// The log can never carry a secret: no field of Entry may be able to hold one.
func TestEntryHasNoSecretField(t *testing.T) {
	typ := reflect.TypeOf(Entry{})
	for i := range typ.NumField() {
		f := typ.Field(i)
		name := strings.ToLower(f.Name + " " + f.Tag.Get("json"))
		for _, bad := range []string{"secret", "password", "authorization", "bearer", "accesstoken"} {
			if strings.Contains(name, bad) {
				t.Errorf("Entry field %s looks like it could hold a secret", f.Name)
			}
		}
	}
}

func TestAppendTightensLoosePermissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Open(path).Append(Entry{Kind: KindPAT, ResourceID: "x", Result: ResultSkipped}); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "{}\n{") {
		t.Fatalf("existing content not kept (append-only): %q", data)
	}
}

func TestAppendConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	l := Open(path)
	const writers, each = 8, 25
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				e := Entry{Kind: KindPAT, ResourceID: fmt.Sprintf("w%d-%d", w, i), Result: ResultDeleted, Name: strings.Repeat("n", 500)}
				if err := l.Append(e); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	seen := map[string]bool{}
	for sc.Scan() {
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("corrupt line %q: %v", sc.Text(), err)
		}
		seen[e.ResourceID] = true
	}
	if len(seen) != writers*each {
		t.Fatalf("got %d distinct entries, want %d", len(seen), writers*each)
	}
}

func TestAppendErrors(t *testing.T) {
	if err := Open("").Append(Entry{Kind: KindPAT, ResourceID: "x"}); err == nil {
		t.Fatal("empty path must fail")
	}
	if err := Open("").Append(); err != nil {
		t.Fatalf("appending nothing is a no-op: %v", err)
	}
	// A file where the directory should be.
	blocker := filepath.Join(t.TempDir(), "file")
	_ = os.WriteFile(blocker, nil, 0o600)
	err := Open(filepath.Join(blocker, "sub", FileName)).Append(Entry{Kind: KindPAT, ResourceID: "x"})
	if err == nil || !strings.Contains(err.Error(), "audit") {
		t.Fatalf("err = %v", err)
	}
}

func TestDeleteEntry(t *testing.T) {
	at := time.Date(2026, 11, 22, 4, 30, 0, 0, time.UTC)
	tok := client.PersonalAccessToken{ID: "t1", Name: "ci-bot", Owner: client.PatOwner{ID: "o1", Name: "Ada"}}
	failed := client.BulkEvent{ID: "t1", State: client.ItemFailed, Err: &client.APIError{
		Status: 403, TrackingID: "trk", Messages: []client.ErrorMessage{{Text: "no right"}}}}
	actor := Actor{ID: "id-me", Name: "me"}
	e := DeleteEntry(at, "https://acme", "op1", actor, tok, failed)
	want := Entry{Time: at, Action: ActionDeletePAT, BaseURL: "https://acme", Op: "op1", ActorID: "id-me", ActorName: "me",
		Kind: KindPAT, ResourceID: "t1", Name: "ci-bot", OwnerID: "o1", OwnerName: "Ada", Result: ResultFailed, Status: 403, TrackingID: "trk", Error: "no right"}
	if !reflect.DeepEqual(e, want) {
		t.Fatalf("got %+v\nwant %+v", e, want)
	}
	done := DeleteEntry(at, "https://acme", "op1", actor, tok, client.BulkEvent{ID: "t1", State: client.ItemDone, At: at.Add(time.Second)})
	if done.Result != ResultDeleted || done.Status != 204 || !done.Time.Equal(at.Add(time.Second)) {
		t.Fatalf("done: %+v", done)
	}
	if ResultOf(client.ItemRunning) != "" || ResultOf(client.ItemGone) != ResultAlreadyGone || ResultOf(client.ItemSkipped) != ResultSkipped {
		t.Fatal("ResultOf mapping")
	}
}

func TestCreateEntryNeverHoldsTheSecret(t *testing.T) {
	at := time.Date(2026, 11, 22, 4, 30, 0, 0, time.UTC)
	const secret = "f4b5a0c7e2d94b6f8a1c3e5d7f9b2a4c6e8d0f1a3b5c7d9e2f4a6b8c0d1e3f5a"
	created := &client.CreatedPAT{ID: "t9", Secret: secret, Name: "ci", Owner: client.PatOwner{ID: "o1", Name: "Ada"}}
	path := filepath.Join(t.TempDir(), FileName)
	l := Open(path)
	ok := CreateEntry(at, "https://acme", client.CreatePATRequest{Name: "ci"}, created, nil)
	bad := CreateEntry(at, "https://acme", client.CreatePATRequest{Name: "dup"}, nil,
		&client.APIError{Status: 400, TrackingID: "trk", Messages: []client.ErrorMessage{{Text: "name must be unique"}}})
	if err := l.Append(ok, bad); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), secret) {
		t.Fatal("the audit log contains the PAT secret")
	}
	if ok.Result != ResultCreated || ok.ResourceID != "t9" || ok.OwnerName != "Ada" || ok.Action != ActionCreatePAT {
		t.Fatalf("ok entry %+v", ok)
	}
	if bad.Result != ResultFailed || bad.Status != 400 || bad.TrackingID != "trk" || bad.Name != "dup" || bad.Error != "name must be unique" {
		t.Fatalf("bad entry %+v", bad)
	}
}

// Check creates what Append needs, writes no entry, and says why a log
// cannot be written: the path and the cause, once each.
func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "sailtui", FileName)
	if err := Open(path).Check(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Size() != 0 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("after Check: %v, %v", fi, err)
	}
	if di, _ := os.Stat(filepath.Dir(path)); di.Mode().Perm() != 0o700 {
		t.Fatalf("dir mode %v", di.Mode().Perm())
	}

	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	dirPath := t.TempDir() // a directory where the file should be
	cases := []struct {
		path, want string
	}{
		{filepath.Join(blocker, "sailtui", FileName),
			"audit log not writable: " + filepath.Join(blocker, "sailtui", FileName) + ": mkdir " + blocker + ": not a directory"},
		{dirPath, "audit log not writable: " + dirPath + ": is a directory"},
		{"", "audit log not writable: no log path"},
	}
	for _, c := range cases {
		err := Open(c.path).Check()
		if err == nil || err.Error() != c.want {
			t.Errorf("Check(%q) = %v\nwant %s", c.path, err, c.want)
		}
		// Append fails the same way, so a failure mid-run reads alike.
		if err := Open(c.path).Append(Entry{Kind: KindPAT, ResourceID: "x"}); err == nil || err.Error() != c.want {
			t.Errorf("Append(%q) = %v\nwant %s", c.path, err, c.want)
		}
	}
	if err := (*Log)(nil).Check(); err == nil {
		t.Error("a nil log must not pass")
	}
}

func TestReadReturnsAppendedEntriesAndNamesBadLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sailtui", FileName)
	if got, err := Read(path); err != nil || got != nil {
		t.Fatalf("missing file: %v, %v", got, err)
	}
	log := Open(path)
	a := Entry{Action: ActionDeletePAT, Kind: KindPAT, ResourceID: "a1", Result: ResultDeleted, Status: 204}
	b := Entry{Action: ActionDeletePAT, Kind: KindPAT, ResourceID: "a2", Result: ResultFailed, Status: 500, TrackingID: "t1"}
	if err := log.Append(a, b); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil || len(got) != 2 || got[0].ResourceID != "a1" || got[1].TrackingID != "t1" || got[1].Result != ResultFailed {
		t.Fatalf("Read = %+v, %v", got, err)
	}
	if err := os.WriteFile(path, []byte(`{"tokenId":"x"}`+"\nnot json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(path); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("bad line: err = %v, want one naming line 2", err)
	}
}

// What happened is what is recorded: a 404 after a retry keeps the real
// status and its own result; a check that settled an unknown outcome says
// so; an unsettled one is "unknown"; a skip says why in words.
func TestDeleteEntryOutcomes(t *testing.T) {
	at := time.Date(2026, 11, 22, 4, 30, 0, 0, time.UTC)
	tok := client.PersonalAccessToken{ID: "t1", Name: "ci-bot"}
	actor := Actor{ID: "id-me"}
	notFound := &client.APIError{Status: 404, TrackingID: "trk404", Messages: []client.ErrorMessage{{Text: "not found"}}}
	for _, tc := range []struct {
		name   string
		ev     client.BulkEvent
		result Result
		status int
		note   string
		errTxt string
	}{
		{"gone after retry", client.BulkEvent{ID: "t1", State: client.ItemGoneAfterRetry, Err: notFound}, ResultGoneAfterRetry, 404, "", "not found"},
		{"settled gone", client.BulkEvent{ID: "t1", State: client.ItemDone, Settled: true}, ResultDeleted, 0, "outcome confirmed by check", ""},
		{"settled present", client.BulkEvent{ID: "t1", State: client.ItemFailed, Settled: true, Err: errors.New("500; still present")}, ResultFailed, 0, "still present", "500; still present"},
		{"settled gone: this run or another", client.BulkEvent{ID: "t1", State: client.ItemGoneAfterRetry, Settled: true, Err: errors.New("500; gone")},
			ResultGoneAfterRetry, 0, "deleted by this run or by someone else", "500; gone"},
		{"unknown", client.BulkEvent{ID: "t1", State: client.ItemUnknown, Err: &client.APIError{Status: 503}}, ResultUnknown, 503, "", "Service Unavailable"},
		{"skipped", client.BulkEvent{ID: "t1", State: client.ItemSkipped, Err: context.Canceled}, ResultSkipped, 0, "", "cancelled before it was sent"},
		{"done with tracking id", client.BulkEvent{ID: "t1", State: client.ItemDone, Outcome: client.Outcome{Status: 204, TrackingID: "trk-ok"}}, ResultDeleted, 204, "", ""},
	} {
		e := DeleteEntry(at, "https://acme", "op", actor, tok, tc.ev)
		if e.Result != tc.result || e.Status != tc.status || !strings.Contains(e.Note, tc.note) || e.Error != tc.errTxt || e.ActorID != "id-me" {
			t.Errorf("%s: %+v", tc.name, e)
		}
		if tc.name == "done with tracking id" && e.TrackingID != "trk-ok" {
			t.Errorf("%s: tracking id %q", tc.name, e.TrackingID)
		}
	}
}

// A URL's userinfo never reaches the file.
func TestAppendDropsURLUserinfo(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := Open(path).Append(Entry{Action: ActionDeletePAT, BaseURL: "https://user:hunter2@acme.example/", Kind: KindPAT, ResourceID: "t"}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "hunter2") || strings.Contains(string(data), "user@") || !strings.Contains(string(data), "https://acme.example/") {
		t.Fatalf("log: %s", data)
	}
}

// The recorder counts outcomes apart from intents, stops at the first
// write failure, and never names a log that holds nothing of the run.
func TestRecorder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	r := NewRecorder(Open(path))
	if err := r.Intent(Entry{Action: ActionDeletePAT, Kind: KindPAT, ResourceID: "a", Result: ResultIntent}); err != nil {
		t.Fatal(err)
	}
	if r.Outcome(Entry{Action: ActionDeletePAT, Kind: KindPAT, ResourceID: "a", Result: ResultDeleted}) {
		t.Fatal("a written outcome reported as a failure")
	}
	if p, runErr, _ := r.Summary(0); p != path || runErr != nil {
		t.Fatalf("summary %q %v", p, runErr)
	}
	// The log becomes a directory: the next write fails, once, and stops.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	if !r.Outcome(Entry{Kind: KindPAT, ResourceID: "b", Result: ResultDeleted}) || r.Outcome(Entry{Kind: KindPAT, ResourceID: "c"}) || !r.Failed() {
		t.Fatal("first failure not reported once")
	}
	if err := r.Intent(Entry{Kind: KindPAT, ResourceID: "d"}); err == nil {
		t.Fatal("an intent was accepted after a failure")
	}
	_, runErr, writeErr := r.Summary(2)
	if writeErr == nil || !strings.Contains(runErr.Error(), "2 of 3 entries not recorded; 2 queued not sent") {
		t.Fatalf("summary %v", runErr)
	}
	if _, runErr, _ := NewRecorder(nil).Summary(0); runErr == nil || !strings.Contains(runErr.Error(), "disabled") {
		t.Fatalf("nil log: %v", runErr)
	}
}

func TestScanKeepsBadLinesWithTheirReason(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	good := `{"time":"2026-06-01T12:00:00Z","action":"delete-pat","tokenId":"t1","result":"deleted"}`
	data := good + "\n\n{\"time\": oops\n" + `{"time":"2026-06-01T12:01:00Z","action":"create-pat","tokenId":"t2","result":"created"}` + "\n{\"trunc"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	lines, err := Scan(path)
	if err != nil || len(lines) != 4 {
		t.Fatalf("%d lines, %v", len(lines), err)
	}
	if lines[0].Err != nil || lines[0].Entry.ResourceID != "t1" || lines[0].N != 1 {
		t.Fatalf("line 1 %+v", lines[0])
	}
	if lines[1].Err == nil || lines[1].N != 3 || lines[1].Raw != `{"time": oops` {
		t.Fatalf("bad line %+v", lines[1])
	}
	if lines[2].Entry.ResourceID != "t2" || lines[3].Err == nil || lines[3].N != 5 {
		t.Fatalf("lines %+v", lines[2:])
	}
	if _, err := Read(path); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("Read: %v", err)
	}
}

// A torn last line (a crash mid-write) does not swallow the next entry.
func TestAppendAfterATornLineStartsANewLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	if err := os.WriteFile(path, []byte(`{"time":"2026-06-01T12:00:00Z","action":"delete-pat","tokenId":"t0","res`), 0o600); err != nil {
		t.Fatal(err)
	}
	l := Open(path)
	if err := l.Append(Entry{Action: ActionDeletePAT, Kind: KindPAT, ResourceID: "t1", Result: ResultIntent}); err != nil {
		t.Fatal(err)
	}
	lines, err := Scan(path)
	if err != nil || len(lines) != 2 {
		t.Fatalf("%d lines, %v", len(lines), err)
	}
	if lines[0].Err == nil || lines[1].Err != nil || lines[1].Entry.ResourceID != "t1" {
		t.Fatalf("lines %+v", lines)
	}
}

// A settled change speaks of the change, never of a token gone from the
// server.
func TestPatchEntrySettledNotes(t *testing.T) {
	tok := client.PersonalAccessToken{ID: "t1", Name: "ci-bot"}
	ops := []byte(`[{"op":"replace","path":"/expirationDate","value":"2027-01-01T00:00:00.000Z"}]`)
	done := PatchEntry(time.Now(), "https://acme", ActionExpirePAT, "op", Actor{}, tok, ops, client.BulkEvent{ID: "t1", State: client.ItemDone, Settled: true})
	not := PatchEntry(time.Now(), "https://acme", ActionExpirePAT, "op", Actor{}, tok, ops,
		client.BulkEvent{ID: "t1", State: client.ItemFailed, Settled: true, Err: errors.New("500; not changed")})
	if done.Result != ResultPatched || !strings.Contains(done.Note, "shows the change") || strings.Contains(done.Note, "gone") {
		t.Errorf("settled done: %+v", done)
	}
	if not.Result != ResultFailed || !strings.Contains(not.Note, "does not show the change") || strings.Contains(not.Note, "present") {
		t.Errorf("settled not done: %+v", not)
	}
}
