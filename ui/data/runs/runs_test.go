package runs

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sailtui/sailtui/ui/data/audit"
)

func TestJournalRoundTripAndPending(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "runs")
	old := Journal{ID: "a", Title: "Deleting 3 tokens", Kind: audit.KindPAT, Started: time.Unix(100, 0),
		Items: []Item{{ID: "t1", Op: "o1"}, {ID: "t2", Op: "o2"}, {ID: "t3", Op: "o3"}}}
	newer := Journal{ID: "b", Title: "Disabling 1 app", Kind: audit.KindApp, Started: time.Unix(200, 0), Items: []Item{{ID: "a1", Op: "o4"}}}
	for _, j := range []Journal{old, newer} {
		if err := Write(dir, j); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "junk.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, errs := Open(dir)
	if len(got) != 2 || got[0].ID != "b" || len(errs) != 1 {
		t.Fatalf("open: %+v, %v", got, errs)
	}
	if fi, err := os.Stat(filepath.Join(dir, "a.json")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode: %v %v", fi, err)
	}
	entries := []audit.Entry{{Op: "o1", Result: audit.ResultIntent}, {Op: "o1", Result: audit.ResultDeleted},
		{Op: "o2", Result: audit.ResultIntent}, {Op: "o2", Result: audit.ResultFailed}}
	if p := Pending(old, entries); len(p) != 2 || p[0].ID != "t2" || p[1].ID != "t3" {
		t.Fatalf("pending %+v", p)
	}
	if err := Remove(dir, "a"); err != nil {
		t.Fatal(err)
	}
	if err := Remove(dir, "a"); err != nil {
		t.Fatal("removing twice:", err)
	}
	if got, _ := Open(dir); len(got) != 1 {
		t.Fatalf("after remove: %+v", got)
	}
}
