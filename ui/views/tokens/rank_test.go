package tokens

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
)

// With a filter typed, the best matches come first (the whole name, then
// a name that starts with the term, an owner that does, a name with it at
// a word start, a scope, scattered letters), the cursor is on the best,
// and a row listed only because a scope matched shows that scope.
func TestFilterRanksBestFirst(t *testing.T) {
	owner := func(n string) client.PatOwner { return client.PatOwner{ID: "id-" + n, Name: n} }
	toks := []client.PersonalAccessToken{
		{ID: "scattered", Name: "r-e-p-o-r-t-x", Owner: owner("zed"), Created: testNow.AddDate(0, 0, -1)},
		{ID: "scope", Name: "ci", Owner: owner("yan"), Scope: []string{"sp:scopes:all", "idn:report:read"}, Created: testNow.AddDate(0, 0, -2)},
		{ID: "owner", Name: "backup", Owner: owner("report-team"), Created: testNow.AddDate(0, 0, -3)},
		{ID: "inside", Name: "weekly-report", Owner: owner("xi"), Created: testNow.AddDate(0, 0, -4)},
		{ID: "prefix", Name: "report-nightly", Owner: owner("wu"), Created: testNow.AddDate(0, 0, -5)},
		{ID: "exact", Name: "report", Owner: owner("vi"), Created: testNow.AddDate(0, 0, -6)},
	}
	m := newTestModel(t, &fakeService{toks: toks}, Options{})
	unfiltered := strings.Join(m.Visible(), ",")
	press(t, m, "/")
	typeText(t, m, "report")
	want := []string{"exact", "prefix", "owner", "inside", "scope", "scattered"}
	if got := m.Visible(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("order %v, want %v", got, want)
	}
	if m.selected().Tok.ID != "exact" {
		t.Fatalf("cursor on %s", m.selected().Tok.ID)
	}
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "→ idn:report:read") {
		t.Fatalf("the matching scope is not shown:\n%s", view)
	}
	// Ties keep the column sort; clearing the filter restores it.
	press(t, m, "esc", "esc")
	if got := strings.Join(m.Visible(), ","); got != unfiltered {
		t.Fatalf("after clearing: %v", got)
	}
}
