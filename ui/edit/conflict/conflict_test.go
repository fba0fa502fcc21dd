package conflict

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

const (
	original = `{"id":"t1","name":"ci-bot","scope":["a"],"expirationDate":"2026-12-01T00:00:00Z"}`
	// Someone else renamed it and changed the expiry.
	server = `{"id":"t1","name":"ci-bot (ops)","scope":["a"],"expirationDate":"2027-01-01T00:00:00Z"}`
	// The user renamed it too, and changed the scopes.
	mine = `{"id":"t1","name":"ci-bot prod","scope":["a","b"],"expirationDate":"2026-12-01T00:00:00Z"}`
)

func TestAnalyseAndRebase(t *testing.T) {
	fields, err := Analyse([]byte(original), []byte(server), []byte(mine), patchdiff.PATRules(true))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Field{}
	for _, f := range fields {
		byName[f.Name] = f
	}
	if f := byName["name"]; !f.Conflict || !f.TakeMine {
		t.Errorf("name: %+v", f)
	}
	if f := byName["scope"]; f.Conflict || !f.UserChanged || f.ServerChanged {
		t.Errorf("scope: %+v", f)
	}
	if f := byName["expirationDate"]; f.UserChanged || !f.ServerChanged {
		t.Errorf("expiry: %+v", f)
	}
	doc, err := Rebase([]byte(server), fields)
	if err != nil {
		t.Fatal(err)
	}
	// Mine where I changed it, the other writer's expiry kept.
	if want := `{"id":"t1","name":"ci-bot prod","scope":["a","b"],"expirationDate":"2027-01-01T00:00:00Z"}`; string(doc) != want {
		t.Fatalf("rebased %s\nwant %s", doc, want)
	}
	// Choosing the server's name keeps it.
	m := New(commontest.Common(termenv.Ascii, time.Now), "flow", `token "ci-bot"`, []byte(server), fields)
	m.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	msg := m.Update(tea.KeyMsg{Type: tea.KeyEnter})()
	rb, ok := msg.(RebaseMsg)
	if !ok || !strings.Contains(string(rb.Doc), `"name":"ci-bot (ops)"`) || !strings.Contains(string(rb.Doc), `"scope":["a","b"]`) {
		t.Fatalf("after choosing theirs: %#v", msg)
	}
}

func TestView(t *testing.T) {
	fields, _ := Analyse([]byte(original), []byte(server), []byte(mine), patchdiff.PATRules(true))
	m := New(commontest.Common(termenv.Ascii, time.Now), "flow", `token "ci-bot"`, []byte(server), fields)
	m.SetSize(110, 30)
	golden.RequireEqual(t, []byte(m.View()))
}

// Values that differ only past the column's width read alike in the
// table; the field under the cursor shows them whole below it, and ↑/↓
// reach every field, not only the conflicts.
func TestWholeValuesOfTheFieldUnderTheCursor(t *testing.T) {
	long := "a description that goes on long enough to be cut in a narrow column, then differs: "
	orig := `{"id":"a","description":"` + long + `ONE","name":"x"}`
	srv := `{"id":"a","description":"` + long + `TWO","name":"y"}`
	my := `{"id":"a","description":"` + long + `THREE","name":"x"}`
	fields, err := Analyse([]byte(orig), []byte(srv), []byte(my), patchdiff.SourceAppRules())
	if err != nil {
		t.Fatal(err)
	}
	m := New(commontest.Common(termenv.Ascii, time.Now), "flow", `app "a"`, []byte(srv), fields)
	m.SetSize(80, 40)
	v := m.View()
	for _, want := range []string{"Whole values of description", "ONE", "TWO", "THREE"} {
		if !strings.Contains(strings.ReplaceAll(v, "\n", " "), want) {
			t.Fatalf("%q missing:\n%s", want, v)
		}
	}
	m.Update(tea.KeyMsg{Type: tea.KeyUp})
	if v := m.View(); !strings.Contains(v, "Whole values of name") {
		t.Fatalf("up did not reach the field above:\n%s", v)
	}
}
