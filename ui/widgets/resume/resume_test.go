package resume

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
)

// fakeList holds some ids and records what is marked.
type fakeList struct {
	ids    []string
	read   bool
	marked []string
}

func (f *fakeList) Has(id string) bool { return slices.Contains(f.ids, id) }
func (f *fakeList) WasRead() bool      { return f.read }
func (f *fakeList) MarkOnly(ids []string) int {
	f.marked = ids
	return len(ids)
}

// The question names the run and exactly the items still there; it is
// asked only once the list is read; yes marks them; a run that left
// nothing says so.
func TestOfferAsksOnceTheListIsReadAndMarks(t *testing.T) {
	c := commontest.Common(termenv.Ascii, nil)
	l := &fakeList{ids: []string{"t2", "t3", "t9"}}
	o := New(c, "tokens.resume", "pat", "token", l)
	msg := common.ResumeMsg{Kind: "pat", Run: "r1", Dir: t.TempDir(), What: "Deleting 4 tokens, started 2026-12-07 05:12 UTC",
		Items: []common.ResumeItem{{ID: "t1", Name: "Backup job"}, {ID: "t2", Name: "Grafana"}, {ID: "t3", Name: "Jenkins"}}}
	if o.Take(common.ResumeMsg{Kind: "source-app"}) != nil || o.Take(msg) != nil {
		t.Fatal("asked before the list was read, or for another kind")
	}
	l.read = true
	push, ok := o.Ready()().(common.PushModalMsg)
	if !ok {
		t.Fatal("no question once read")
	}
	push.Modal.SetSize(90, 24)
	golden.RequireEqual(t, []byte(push.Modal.View()))
	cmd, ok := o.Answer(confirm.ResultMsg{ID: "tokens.resume", Confirmed: true, Count: 2})
	if !ok || cmd == nil || strings.Join(l.marked, ",") != "t2,t3" {
		t.Fatalf("marked %v", l.marked)
	}

	empty := New(c, "tokens.resume", "pat", "token", &fakeList{read: true})
	if cmd := empty.Take(msg); cmd == nil {
		t.Fatal("a run with nothing left was not said")
	}
}
