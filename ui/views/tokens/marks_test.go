package tokens

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
)

// filteringService is fakeService whose list honours the "never used"
// server filter (lastUsed isnull), like the tenant does.
type filteringService struct{ *fakeService }

func (f filteringService) ListPATs(ctx context.Context, o client.ListPATsOptions) ([]client.PersonalAccessToken, error) {
	toks, err := f.fakeService.ListPATs(ctx, o)
	if err != nil || o.Filters == "" {
		return toks, err
	}
	if !strings.Contains(o.Filters, "isnull") || strings.Contains(o.Filters, " le ") {
		panic("filteringService only knows the never-used filter, not " + o.Filters)
	}
	return slices.DeleteFunc(toks, func(p client.PersonalAccessToken) bool { return p.LastUsed != nil }), nil
}

func newFilteringModel(t *testing.T) (*Model, *fakeService) {
	t.Helper()
	fake := &fakeService{toks: fixture()}
	m := New(common.New(testStyles(themes.Default()), clock), Options{Service: filteringService{fake}})
	m.SetSize(120, 30)
	drain(t, m, m.Init())
	return m, fake
}

// markRow marks the token with this id through the keys: move to it, space.
func markRow(t *testing.T, m *Model, id string) {
	t.Helper()
	i := slices.Index(m.Visible(), id)
	if i < 0 {
		t.Fatalf("%s is not in view %v", id, m.Visible())
	}
	press(t, m, "g")
	for range i {
		press(t, m, "down")
	}
	press(t, m, "space")
}

// applyNeverUsed applies the "never used" server filter through its prompt.
func applyNeverUsed(t *testing.T, m *Model) {
	t.Helper()
	setFilter(t, m, "down", "enter")
	if m.server.label != "never used" {
		t.Fatalf("server filter %q", m.server.label)
	}
}

func markedCount(m *Model) int {
	for _, c := range m.Status().Counts {
		if c.Label == "marked" {
			return c.N
		}
	}
	return -1
}

// A mark on a token the server filter or the owner scope no longer
// returns is kept: the token still exists, it is only not listed.
func TestMarksSurviveServerNarrowing(t *testing.T) {
	m, _ := newFilteringModel(t)
	markRow(t, m, "t1") // used yesterday: "never used" hides it
	out := setFilter(t, m, "down", "enter")
	if m.server.label != "never used" || slices.Contains(m.Visible(), "t1") {
		t.Fatalf("the server filter %q did not narrow the list: %v", m.server.label, m.Visible())
	}
	if texts := shellToasts(out); len(texts) != 1 || texts[0] != "1 marked token not in this list, still marked (A clears marks)" {
		t.Fatalf("toasts %q", texts)
	}
	if got := m.Marked(); !slices.Equal(got, []string{"t1"}) || markedCount(m) != 1 {
		t.Fatalf("after the server filter: marked %v, status says %d", got, markedCount(m))
	}
	press(t, m, "o") // mine, still filtered
	if got := m.Marked(); !slices.Equal(got, []string{"t1"}) || markedCount(m) != 1 {
		t.Fatalf("after owner scope mine: marked %v, status says %d", got, markedCount(m))
	}

	// The confirm dialog counts it as hidden and names it.
	out = press(t, m, "d")
	push, ok := firstPush(out)
	if !ok || push.ID != confirmID {
		t.Fatalf("d produced %v", out)
	}
	v := ansi.Strip(push.Modal.View())
	if !strings.Contains(v, "The 1 selected token is hidden by the current filter") || !strings.Contains(v, "ci-deploy") {
		t.Fatalf("confirm dialog:\n%s", v)
	}
	drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: false}))

	// Back to every owner without a filter: listed and marked again.
	press(t, m, "o")
	setFilter(t, m, "up", "enter")
	if m.server.label != "" || m.scope != scopeAll || !slices.Contains(m.Visible(), "t1") {
		t.Fatalf("scope %v filter %q visible %v", m.scope, m.server.label, m.Visible())
	}
	if got := m.Marked(); !slices.Equal(got, []string{"t1"}) {
		t.Fatalf("back in the list: marked %v", got)
	}
}

// Only an unfiltered all-owners list proves a marked token gone; a
// narrower list that lacks it proves nothing.
func TestMarkDroppedOnlyWhenAFullListLacksIt(t *testing.T) {
	m, fake := newFilteringModel(t)
	markRow(t, m, "t2")
	applyNeverUsed(t, m)
	fake.mu.Lock()
	fake.toks = slices.DeleteFunc(fake.toks, func(p client.PersonalAccessToken) bool { return p.ID == "t2" })
	fake.mu.Unlock()
	press(t, m, "r") // same filter: no proof
	if got := m.Marked(); !slices.Equal(got, []string{"t2"}) {
		t.Fatalf("a filtered refresh dropped the mark: %v", got)
	}
	setFilter(t, m, "up", "enter") // no filter, every owner: t2 is gone
	if got := m.Marked(); len(got) != 0 || markedCount(m) != 0 {
		t.Fatalf("a full list without t2 kept the mark: %v, status %d", got, markedCount(m))
	}
}

// A clears marks that are not listed too.
func TestClearMarksIncludesUnlisted(t *testing.T) {
	m, _ := newFilteringModel(t)
	markRow(t, m, "t1")
	markRow(t, m, "t3") // never used: stays listed
	applyNeverUsed(t, m)
	out := press(t, m, "A")
	if got := m.Marked(); len(got) != 0 || markedCount(m) != 0 {
		t.Fatalf("after A: marked %v, status %d", got, markedCount(m))
	}
	if texts := shellToasts(out); len(texts) != 1 || texts[0] != "2 marks cleared" {
		t.Fatalf("toasts %q", texts)
	}
}

// Deleting an unlisted marked token works like any other: it is named in
// the progress panel, deleted, and its mark goes.
func TestDeleteUnlistedMarkedToken(t *testing.T) {
	m, fake := newFilteringModel(t)
	markRow(t, m, "t1")
	applyNeverUsed(t, m)
	press(t, m, "d")
	out := drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: true, Count: 1}))
	var panel string
	for _, msg := range out {
		if p, ok := msg.(common.PushModalMsg); ok && p.ID == progressID {
			panel = ansi.Strip(p.Modal.View())
		}
	}
	if !strings.Contains(panel, "ci-deploy") || !strings.Contains(panel, "alice") {
		t.Fatalf("progress panel does not name the token:\n%s", panel)
	}
	if !slices.Equal(fake.deleted, []string{"t1"}) {
		t.Fatalf("deleted %v", fake.deleted)
	}
	if got := m.Marked(); len(got) != 0 || markedCount(m) != 0 {
		t.Fatalf("after the delete: marked %v, status %d", got, markedCount(m))
	}
}

func firstPush(msgs []tea.Msg) (common.PushModalMsg, bool) {
	for _, msg := range msgs {
		if p, ok := msg.(common.PushModalMsg); ok {
			return p, true
		}
	}
	return common.PushModalMsg{}, false
}
