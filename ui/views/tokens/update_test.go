package tokens

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
)

func shellToasts(msgs []tea.Msg) []string { return commontest.Toasts(msgs) }

func TestLoadShowsEveryTokenLeastRecentlyUsedFirst(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	if got := m.Visible(); len(got) != 8 || got[0] != "t4" {
		t.Fatalf("visible = %v", got)
	}
	st := m.Status()
	if st.Loading || st.Counts[0].N != 8 || st.Counts[1].N != 5 || st.Counts[2].N != 0 {
		t.Fatalf("status = %+v", st)
	}
}

func TestTypingInFilterNeverTriggersActions(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{})
	press(t, m, "/")
	if !m.CapturesKeys() {
		t.Fatal("filter input does not capture keys")
	}
	// d, a, s, r, n and space are all actions outside the filter.
	typeText(t, m, "dasrn ")
	if m.rows.Marks().Len() != 0 || m.rows.Query().Only || m.pending.Open() || len(svc.calls) != 1 {
		t.Fatalf("typing triggered an action: marks=%d stale=%v pending=%v calls=%d",
			m.rows.Marks().Len(), m.rows.Query().Only, m.pending, len(svc.calls))
	}
	if m.rows.Query().Text != "dasrn " {
		t.Fatalf("query = %q", m.rows.Query().Text)
	}
	press(t, m, "esc")
	if m.CapturesKeys() || m.rows.Query().Text != "" || len(m.Visible()) != 8 {
		t.Fatalf("esc did not clear: %q %d", m.rows.Query().Text, len(m.Visible()))
	}
}

func TestFilterEnterKeepsFilterAndEscClears(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "/")
	typeText(t, m, "alice")
	press(t, m, "enter")
	if m.CapturesKeys() || !slices.Equal(m.Visible(), []string{"t4", "t1"}) {
		t.Fatalf("after enter: captures=%v visible=%v", m.CapturesKeys(), m.Visible())
	}
	press(t, m, "esc")
	if len(m.Visible()) != 8 {
		t.Fatalf("esc in table did not clear the filter: %v", m.Visible())
	}
}

func TestStaleOnlyMarkAllSurvivesFiltering(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "s", "a")
	want := []string{"t2", "t3", "t5", "t6", "t8"}
	got := m.Marked()
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("marked %v, want %v", got, want)
	}
	press(t, m, "s", "/")
	typeText(t, m, "alice")
	press(t, m, "enter")
	if len(m.Marked()) != 5 {
		t.Fatalf("marks lost by filtering: %v", m.Marked())
	}
	press(t, m, "A")
	if len(m.Marked()) != 0 {
		t.Fatal("A did not clear marks")
	}
}

func TestSpaceMarksAndMovesDown(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "space", "space", "up", "space")
	if got := m.Marked(); !slices.Equal(got, []string{"t4"}) { // t3 marked, then unmarked
		t.Fatalf("marked %v", got)
	}
}

func TestRefreshKeepsSelectionAndMarksWhereIDsExist(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{})
	press(t, m, "down", "down", "space", "space") // mark t8 and t6 (rows 3 and 4)
	press(t, m, "1")                              // sort by name
	sel := m.selected().Tok.ID
	svc.mu.Lock()
	svc.toks = slices.DeleteFunc(svc.toks, func(p client.PersonalAccessToken) bool { return p.ID == "t6" })
	svc.mu.Unlock()
	press(t, m, "r")
	if got := m.Marked(); !slices.Equal(got, []string{"t8"}) {
		t.Fatalf("marks after refresh %v", got)
	}
	if m.selected().Tok.ID != sel {
		t.Fatalf("selection moved from %s to %s", sel, m.selected().Tok.ID)
	}
}

func TestSortKeysToggleDirectionAndHeaderShowsIt(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "1")
	if m.rows.Query().Sort != (table.Sort{Col: int(pats.ColName)}) || m.Visible()[0] != "t4" {
		t.Fatalf("sort %+v first %s", m.rows.Query().Sort, m.Visible()[0])
	}
	press(t, m, "1")
	if !m.rows.Query().Sort.Desc || m.Visible()[0] != "t8" {
		t.Fatalf("reverse: %+v first %s", m.rows.Query().Sort, m.Visible()[0])
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "NAME▼") || !strings.Contains(v, "sort: name ▼") {
		t.Fatalf("header lacks sort indicator:\n%s", v)
	}
}

func TestReadOnlyDisablesDeleteAndCreateWithReason(t *testing.T) {
	m := newTestModel(t, nil, Options{ReadOnly: true})
	out := press(t, m, "space", "d", "n")
	texts := shellToasts(out)
	if len(texts) != 2 || !strings.Contains(texts[0], "read-only") || !strings.Contains(texts[1], "read-only") {
		t.Fatalf("toasts = %q", texts)
	}
	if m.pending.Open() {
		t.Fatal("delete started in read-only mode")
	}
	if len(m.Marked()) != 1 {
		t.Fatal("marking must still work in read-only mode")
	}
	if m.keys.DisabledReason(m.keys.Delete) == "" || m.keys.DisabledReason(m.keys.Mark) != "" {
		t.Fatal("disabled reasons wrong")
	}
}

func TestForbiddenTenantListFallsBackToMine(t *testing.T) {
	svc := &fakeService{toks: fixture(), forbidAll: true}
	c := newTestModel(t, svc, Options{})
	if c.scope != scopeMine || len(c.Visible()) != 2 {
		t.Fatalf("scope %v visible %v", c.scope, c.Visible())
	}
	// Init's toast is collected by drain in newTestModel; check it once more
	// through a refresh of the tenant-wide scope.
	c.scope = scopeAll
	out := drain(t, c, c.load())
	texts := shellToasts(out)
	if len(texts) != 1 || !strings.Contains(texts[0], "your tokens") || !strings.Contains(texts[0], "403") {
		t.Fatalf("toast = %q", texts)
	}
}

func TestDeleteConfirmCountsHiddenAndManaged(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "s", "a", "s", "/")
	typeText(t, m, "old")
	press(t, m, "enter")
	out := press(t, m, "d")
	if len(out) != 1 {
		t.Fatalf("d produced %v", out)
	}
	push, ok := out[0].(common.PushModalMsg)
	if !ok || push.ID != confirmID {
		t.Fatalf("d produced %#v", out[0])
	}
	v := push.Modal.View()
	for _, want := range []string{"5", "4", "managed"} {
		if !strings.Contains(v, want) {
			t.Errorf("confirm dialog lacks %q:\n%s", want, v)
		}
	}
	// Cancel: nothing deleted.
	out = drain(t, m, m.Update(confirm.ResultMsg{ID: confirmID, Confirmed: false}))
	if texts := shellToasts(out); len(texts) != 1 || texts[0] != "Nothing deleted" {
		t.Fatalf("cancel toasts %q", texts)
	}
}
