package tokens

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
)

// o says what is listed once the list has arrived, never before: after a
// refused tenant-wide list it shows the refusal (one dialog per press)
// and no "every token" toast, and the list stays the caller's own.
func TestOwnerToggleToastOnlyOnSuccess(t *testing.T) {
	svc := &fakeService{toks: fixture(), forbidAll: true}
	m := New(common.New(testStyles(themes.Default()), clock), Options{Service: svc})
	m.SetSize(120, 30)
	drain(t, m, m.Init()) // refused: falls back to mine
	calls := len(svc.calls)
	for press_ := 1; press_ <= 2; press_++ {
		out := press(t, m, "o")
		dialogs := 0
		for _, msg := range out {
			switch msg := msg.(type) {
			case common.ToastMsg:
				t.Errorf("press %d: toast %q after a refused list", press_, msg.Text)
			case common.ErrorMsg:
				dialogs++
			}
		}
		if dialogs != 1 {
			t.Errorf("press %d: %d refusal dialogs, want 1: %#v", press_, dialogs, out)
		}
		if m.scope != scopeMine || len(m.Visible()) != 2 {
			t.Fatalf("press %d: scope %v visible %v", press_, m.scope, m.Visible())
		}
		// The refusal is remembered: the server is not asked again.
		if len(svc.calls) != calls {
			t.Fatalf("press %d: %d more list requests", press_, len(svc.calls)-calls)
		}
	}

	// Allowed: o to "mine" and back, each announced with its list.
	svc.forbidAll = false
	m = newTestModel(t, svc, Options{})
	if texts := shellToasts(press(t, m, "o")); len(texts) != 1 || texts[0] != "Showing your tokens only" {
		t.Fatalf("to mine: toasts %q", texts)
	}
	if texts := shellToasts(press(t, m, "o")); len(texts) != 1 || texts[0] != "Showing every token in the tenant" {
		t.Fatalf("to all: toasts %q", texts)
	}
}

// failingList fails every list after the first.
type failingList struct {
	*fakeService
	n int
}

func (f *failingList) ListPATs(ctx context.Context, o client.ListPATsOptions) ([]client.PersonalAccessToken, error) {
	if f.n++; f.n > 1 {
		return nil, errors.New("connection reset")
	}
	return f.fakeService.ListPATs(ctx, o)
}

// A failed load after o is an error, not a "now showing" toast; a load
// overtaken by a newer one says nothing.
func TestOwnerToggleNoToastOnFailureOrStale(t *testing.T) {
	svc := &failingList{fakeService: &fakeService{toks: fixture()}}
	m := New(common.New(testStyles(themes.Default()), clock), Options{Service: svc})
	m.SetSize(120, 30)
	drain(t, m, m.Init())
	out := press(t, m, "o")
	if texts := shellToasts(out); len(texts) != 0 {
		t.Fatalf("toasts %q after a failed load", texts)
	}

	m = newTestModel(t, nil, Options{})
	first := m.Update(keyMsg("o"))
	second := m.Update(keyMsg("o"))
	if texts := shellToasts(drain(t, m, first)); len(texts) != 0 {
		t.Fatalf("an overtaken load toasted %q", texts)
	}
	if texts := shellToasts(drain(t, m, second)); len(texts) != 1 || texts[0] != "Showing every token in the tenant" {
		t.Fatalf("the newest load: toasts %q", texts)
	}
}

// The title names the list on screen: while the first list loads it says
// so; a refused tenant-wide list shows "mine", never "all owners" over the
// caller's own tokens; a switch in flight is said as loading.
func TestTitleTellsTheTruth(t *testing.T) {
	svc := &fakeService{toks: fixture(), forbidAll: true}
	m := New(common.New(testStyles(themes.Default()), clock), Options{Service: svc})
	m.SetSize(120, 30)
	cmd := m.Init()
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Tokens · loading all owners…") {
		t.Fatalf("before the first list:\n%s", v)
	}
	drain(t, m, cmd)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Tokens · mine") || strings.Contains(v, "all owners") {
		t.Fatalf("after the refusal:\n%s", v)
	}
	svc.forbidAll = false
	m = newTestModel(t, svc, Options{})
	cmd = m.Update(keyMsg("o"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Tokens · all owners (loading mine…)") {
		t.Fatalf("switch in flight:\n%s", v)
	}
	drain(t, m, cmd)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Tokens · mine") {
		t.Fatalf("switched:\n%s", v)
	}
}
