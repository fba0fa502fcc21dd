package editform

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/editdoc"
)

// newCreate is a form for a new resource that awaits its answer, as the
// token create form is.
func newCreate(t *testing.T) *Model {
	t.Helper()
	doc := `{"name":"","scope":[],"validity":600,"owner":{"id":""}}`
	fs := []editdoc.Field{
		{Name: "name", Required: true},
		{Name: "scope", Kind: editdoc.StringList, Suggestions: []string{"sp:scopes:all", "sp:scopes:default"},
			Check: func(v editdoc.Value) error {
				if len(v.Items) == 0 {
					return errors.New("choose a scope")
				}
				return nil
			}},
		{Name: "validity", Kind: editdoc.Number, Hint: func(v editdoc.Value, _ time.Time) string { return "= " + v.Text + " s" }},
		{Name: "owner", Kind: editdoc.Reference, Suggestions: []string{"id-ada", "id-bob"},
			Labels: map[string]string{"id-ada": "Ada", "id-bob": "Bob"}},
	}
	m, err := New(commontest.Common(termenv.Ascii, clock), "New", []byte(doc), fs)
	if err != nil {
		t.Fatal(err)
	}
	m = m.WithAction("Create").Strict().AwaitAnswer().WithID("create")
	m.SetSize(100, 40)
	return &m
}

// A submit that awaits its answer holds the form (input kept, keys held,
// esc leaves at once); an answer to an earlier submit is dropped; the
// current one's error is shown and the form takes input again.
func TestFailedAnswerStaysOnTheForm(t *testing.T) {
	m := newCreate(t)
	keys(m, "ci", "tab", "sp:scopes:all", "enter")
	sub, ok := keys(m, "ctrl+s")[0].(SubmitMsg)
	if !ok || sub.ID != "create" || sub.Seq != 1 || !m.Waiting() {
		t.Fatalf("submit %#v, waiting %v", sub, m.Waiting())
	}
	if !strings.Contains(m.View(), "Creating") {
		t.Fatalf("no sign of the request:\n%s", m.View())
	}
	keys(m, "x", "ctrl+s") // held
	if got := m.inputs[1].Value(); got != "" || len(m.values[1].Items) != 1 {
		t.Fatalf("keys reached the form while waiting: %q %v", got, m.values[1].Items)
	}
	m.Update(FailedMsg{ID: "create", Seq: 7, Err: errors.New("old")})
	if !m.Waiting() {
		t.Fatal("an answer to another submit was taken")
	}
	m.Update(FailedMsg{ID: "other", Seq: 1, Err: errors.New("not ours")})
	if !m.Waiting() {
		t.Fatal("another asker's answer was taken")
	}
	apiErr := &client.APIError{Status: 400, DetailCode: "400.1 Bad Request Content", TrackingID: "trk-1",
		Messages: []client.ErrorMessage{{Text: "name is already in use"}}}
	m.Update(FailedMsg{ID: "create", Seq: 1, Err: apiErr})
	v := m.View()
	for _, want := range []string{"HTTP 400", "name is already in use", "tracking id trk-1", "ci"} {
		if m.Waiting() || !strings.Contains(v, want) {
			t.Fatalf("after the failure, %q missing (waiting %v):\n%s", want, m.Waiting(), v)
		}
	}
	if sub, ok := keys(m, "ctrl+s")[0].(SubmitMsg); !ok || sub.Seq != 2 {
		t.Fatalf("resubmit %#v", sub)
	}
	if _, ok := keys(m, "esc")[0].(CancelMsg); !ok {
		t.Fatal("esc while waiting must leave at once")
	}
}

// Quitting with typed input warns first; a clean or submitted form does
// not hold the quit; any other key disarms.
func TestCtrlCWithTypedInputWarnsFirst(t *testing.T) {
	m := newCreate(t)
	if m.RunState() != common.RunIdle {
		t.Fatal("an untouched form holds the quit")
	}
	keys(m, "nightly")
	if m.RunState() != common.RunActive || m.RunLabel() != "the create form has typed input" {
		t.Fatalf("typed input: %v %q", m.RunState(), m.RunLabel())
	}
	m.Interrupt()
	if m.RunState() != common.RunStopping || !strings.Contains(m.View(), "press ctrl+c again to quit") {
		t.Fatalf("after the first ctrl+c: %v\n%s", m.RunState(), m.View())
	}
	keys(m, "x")
	if m.RunState() != common.RunActive {
		t.Fatal("a key after the warning did not disarm it")
	}
}

// Tab completes what has been typed (a name becomes its id), and moves on
// from an empty or already known value, so tabbing through never edits.
func TestTabCompletesTypedText(t *testing.T) {
	m := newCreate(t)
	keys(m, "tab", "tab") // name → the scope add row → validity (nothing typed: no completion)
	if m.focus != 2 {
		t.Fatalf("focus %d after tab over an empty add row, want validity", m.focus)
	}
	keys(m, "up", "sp:scopes:d", "tab")
	if got := m.inputs[1].Value(); got != "sp:scopes:default" {
		t.Fatalf("tab completed %q", got)
	}
	keys(m, "tab", "tab", "Bob", "tab")
	if got := m.inputs[3].Value(); got != "id-bob" || m.focus != 3 {
		t.Fatalf("a name typed in full: %q (focus %d), want its id", got, m.focus)
	}
	keys(m, "tab")
	if m.focus != 4 {
		t.Fatalf("tab on a known id did not move on (focus %d)", m.focus)
	}
}

// A field left with a bad value is flagged at once; a submit with errors
// sends nothing and goes to the first bad field.
func TestMistakesShowWhereTheyAre(t *testing.T) {
	m := newCreate(t)
	keys(m, "tab", "tab", "ctrl+u", "ten", "tab")
	if !strings.Contains(m.errs[2], "whole number") {
		t.Fatalf("validity left as %q: errs %q", "ten", m.errs)
	}
	if msgs := keys(m, "ctrl+s"); len(msgs) != 0 || m.focus != 0 {
		t.Fatalf("submit with errors: %#v, focus %d", msgs, m.focus)
	}
	if !strings.Contains(m.errs[0], "cannot be empty") || !strings.Contains(m.errs[1], "choose a scope") {
		t.Fatalf("errs %q", m.errs)
	}
}

// What the form shows is what is sent: a known value typed on a list's
// add row is added on submit; anything else typed there is an error, and
// nothing is sent.
func TestTypedListItemOnSubmit(t *testing.T) {
	m := newCreate(t)
	keys(m, "ci", "tab", "sp:scopes:all")
	if doc := submitted(t, keys(m, "ctrl+s")); !strings.Contains(doc, `"scope":["sp:scopes:all"]`) {
		t.Fatalf("doc %s", doc)
	}
	m = newCreate(t)
	keys(m, "ci", "tab", "sp:scopes:all", "enter", "sp:custom:x")
	if msgs := keys(m, "ctrl+s"); len(msgs) != 0 || !strings.Contains(m.errs[1], "press enter to add sp:custom:x") {
		t.Fatalf("half-typed item: %#v %q", msgs, m.errs[1])
	}
}

// A name typed into a reference and left with enter is not sent as an id:
// the form says to complete it.
func TestReferenceFragmentIsALocalError(t *testing.T) {
	m := newCreate(t)
	keys(m, "ci", "tab", "sp:scopes:all", "enter", "tab", "tab", "Ad", "enter")
	if msgs := keys(m, "ctrl+s"); len(msgs) != 0 || !strings.Contains(m.errs[3], "not a known id") || m.focus != 3 {
		t.Fatalf("fragment: %#v, errs %q, focus %d", msgs, m.errs, m.focus)
	}
	keys(m, "tab") // completes "Ad" → id-ada
	if doc := submitted(t, keys(m, "ctrl+s")); !strings.Contains(doc, `"owner":{"id":"id-ada"}`) {
		t.Fatalf("doc %s", doc)
	}
}

// A suggestion line stays inside the form's value column, however long
// the suggestion and narrow the screen.
func TestSuggestionHintStaysInItsColumn(t *testing.T) {
	m := newCreate(t)
	m.fields[1].Suggestions = []string{"sp:" + strings.Repeat("very-long-scope-name-", 6)}
	m.SetSize(60, 30)
	keys(m, "tab", "sp:v")
	for _, l := range strings.Split(m.View(), "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Fatalf("a line of %d cells at 60 columns:\n%s", w, m.View())
		}
	}
	for _, l := range strings.Split(m.View(), "\n") { // one line: not wrapped out of its indent
		if strings.Contains(l, "→ sp:") && !strings.Contains(l, "(1 of 1") {
			t.Fatalf("the hint wrapped:\n%s", m.View())
		}
	}
}

// ? is typed in a text field; on a toggle it is a request for the keys.
func TestTakesTextOnlyInATextField(t *testing.T) {
	f, err := New(commontest.Common(termenv.Ascii, nil), "Edit", []byte(`{"name":"x","enabled":true}`),
		[]editdoc.Field{{Name: "name"}, {Name: "enabled", Kind: editdoc.Toggle}})
	if err != nil {
		t.Fatal(err)
	}
	if !f.TakesText() {
		t.Fatal("the name field does not take ?")
	}
	f.Update(commontest.Key("tab"))
	if f.TakesText() {
		t.Fatal("a toggle takes ? as text")
	}
}
