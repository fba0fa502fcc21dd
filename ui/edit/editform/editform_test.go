package editform

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/editdoc"
)

var clock = func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }

const doc = `{"id":"t1","name":"ci-bot","scope":["sp:scopes:all","idn:a"],"owner":{"type":"IDENTITY","id":"o1","name":"Ada"},` +
	`"expirationDate":"2026-12-01T10:00:00.100Z","userAwareTokenNeverExpires":false,"managed":false}`

func fields() []editdoc.Field {
	return []editdoc.Field{
		{Name: "id", Kind: editdoc.Raw, ReadOnly: true},
		{Name: "name", Required: true},
		{Name: "scope", Label: "scopes", Kind: editdoc.StringList, Suggestions: []string{"sp:scopes:all", "sp:scopes:default", "idn:a", "idn:b"}},
		{Name: "expirationDate", Label: "expires", Kind: editdoc.DateOrNever, NeverFlag: "userAwareTokenNeverExpires"},
		{Name: "owner", Kind: editdoc.Reference, ReadOnly: true},
		{Name: "managed", Kind: editdoc.Toggle, ReadOnly: true},
	}
}

func newForm(t *testing.T) *Model {
	t.Helper()
	m, err := New(commontest.Common(termenv.Ascii, clock), `Edit token "ci-bot"`, []byte(doc), fields())
	if err != nil {
		t.Fatal(err)
	}
	m.SetSize(100, 40)
	return &m
}

func keys(m *Model, ks ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range ks {
		var msg tea.KeyMsg
		switch k {
		case "tab", "down", "up", "enter", "esc", "ctrl+s", "right", "ctrl+u", "end":
			msg = map[string]tea.KeyMsg{"tab": {Type: tea.KeyTab}, "down": {Type: tea.KeyDown}, "up": {Type: tea.KeyUp},
				"enter": {Type: tea.KeyEnter}, "esc": {Type: tea.KeyEsc}, "ctrl+s": {Type: tea.KeyCtrlS},
				"right": {Type: tea.KeyRight}, "ctrl+u": {Type: tea.KeyCtrlU}, "end": {Type: tea.KeyEnd}}[k]
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		if cmd := m.Update(msg); cmd != nil {
			out = append(out, cmd())
		}
	}
	return out
}

func submitted(t *testing.T, msgs []tea.Msg) string {
	t.Helper()
	for _, msg := range msgs {
		if s, ok := msg.(SubmitMsg); ok {
			return string(s.Doc)
		}
	}
	t.Fatalf("no SubmitMsg in %#v", msgs)
	return ""
}

// Rename, add a scope by completion, remove one, set never: exactly those
// members change; the untouched expiry would have kept its bytes.
func TestEditValuesIntoTheDocument(t *testing.T) {
	m := newForm(t)
	if !m.CapturesKeys() || m.focus != 1 {
		t.Fatalf("focus %d: the first editable field is name", m.focus)
	}
	keys(m, "end", " prod", "tab")   // name; → scopes, first item
	keys(m, "x")                     // remove sp:scopes:all
	keys(m, "down", "idn:", "enter") // completes to the first suggestion not present (idn:b)
	if got := m.inputs[2].Value(); got != "idn:b" {
		t.Fatalf("completion: %q", got)
	}
	keys(m, "enter") // adds it
	doc := submitted(t, keys(m, "ctrl+s"))
	want := `{"id":"t1","name":"ci-bot prod","scope":["idn:a","idn:b"],"owner":{"type":"IDENTITY","id":"o1","name":"Ada"},` +
		`"expirationDate":"2026-12-01T10:00:00.100Z","userAwareTokenNeverExpires":false,"managed":false}`
	if doc != want {
		t.Fatalf("doc\n%s\nwant\n%s", doc, want)
	}
}

func TestNeverAndLocalErrors(t *testing.T) {
	m := newForm(t)
	keys(m, "ctrl+u") // name emptied
	if msgs := keys(m, "ctrl+s"); len(msgs) != 0 {
		t.Fatalf("an empty name was submitted: %#v", msgs)
	}
	if !strings.Contains(m.errs[1], "name cannot be empty") || !strings.Contains(m.View(), "nothing has been sent") {
		t.Fatalf("errs %q\n%s", m.errs, m.View())
	}
	keys(m, "ci", "tab", "down", "down", "down") // scopes: 2 items, the add row, then expires
	if m.focus != 3 {
		t.Fatalf("focus %d, want expires", m.focus)
	}
	keys(m, "ctrl+u", "never")
	doc := submitted(t, keys(m, "ctrl+s"))
	if !strings.Contains(doc, `"expirationDate":null,"userAwareTokenNeverExpires":true`) || !strings.Contains(doc, `"name":"ci"`) {
		t.Fatalf("doc %s", doc)
	}
	keys(m, "ctrl+u", "2020-01-01")
	if msgs := keys(m, "ctrl+s"); len(msgs) != 0 || !strings.Contains(m.errs[3], "must be in the future") {
		t.Fatalf("past date: %#v %q", msgs, m.errs[3])
	}
}

func TestReadOnlyFieldsAreNotFocusable(t *testing.T) {
	m := newForm(t)
	seen := map[int]bool{}
	for range 20 {
		seen[m.focus] = true
		keys(m, "tab")
	}
	for i, f := range fields() {
		if f.ReadOnly && seen[i] {
			t.Errorf("read-only %s got focus", f.Name)
		}
	}
}

func TestCancelWarnsWhenDirty(t *testing.T) {
	m := newForm(t)
	if _, ok := keys(m, "esc")[0].(CancelMsg); !ok {
		t.Fatal("clean form: esc must cancel at once")
	}
	keys(m, "x")
	if _, ok := keys(m, "esc")[0].(common.ToastMsg); !ok {
		t.Fatal("dirty form: first esc must warn")
	}
	if _, ok := keys(m, "esc")[0].(CancelMsg); !ok {
		t.Fatal("second esc must cancel")
	}
}

func TestView(t *testing.T) {
	m := newForm(t)
	golden.RequireEqual(t, []byte(m.View()))
	keys(m, "end", "!", "tab", "down", "down", "sp:")
	t.Run("list_add_row", func(t *testing.T) { golden.RequireEqual(t, []byte(m.View())) })
}

// Opening a form over text the input cannot show (an escape sequence, a
// newline) is not an edit: the value keeps the document's text until the
// user types, and typing it back restores it.
func TestUnshowableTextIsNotAnEdit(t *testing.T) {
	doc := []byte("{\"name\":\"ok\",\"description\":\"line one\\nline \\u001b[1mtwo\"}")
	fields := []editdoc.Field{{Name: "name"}, {Name: "description"}}
	m, err := New(commontest.Common(termenv.Ascii, time.Now), "Edit", doc, fields)
	if err != nil {
		t.Fatal(err)
	}
	if m.Dirty() {
		t.Fatal("opening the form counts as an edit")
	}
	out, ok := m.Document()
	if !ok || string(out) != string(doc) {
		t.Fatalf("document changed: %s", out)
	}
	shown := m.inputs[1].Value()
	m.inputs[1].SetValue(shown + "x")
	if !m.Dirty() {
		t.Fatal("typing is not an edit")
	}
	m.inputs[1].SetValue(shown)
	if m.Dirty() {
		t.Fatal("typing the text back is still an edit")
	}
}
