package exteditor

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/patchdiff"
)

func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestResolveOrder(t *testing.T) {
	for _, tc := range []struct {
		env        []string
		want, from string
	}{
		{[]string{"SAILTUI_EDITOR", "nano", "VISUAL", "code --wait", "EDITOR", "vim"}, "nano", "SAILTUI_EDITOR"},
		{[]string{"SAILTUI_EDITOR", "  ", "VISUAL", "code --wait", "EDITOR", "vim"}, "code --wait", "VISUAL"},
		{[]string{"EDITOR", "vim"}, "vim", "EDITOR"},
		{nil, "vi", ""},
	} {
		got, from := Resolve(env(tc.env...))
		if got != tc.want || from != tc.from {
			t.Errorf("%v: %q from %q, want %q from %q", tc.env, got, from, tc.want, tc.from)
		}
	}
}

func TestCommandSplitsLikeKubectl(t *testing.T) {
	for _, tc := range []struct {
		editor string
		want   []string
	}{
		{"vi", []string{"vi", "/tmp/f.json"}},
		{"code --wait", []string{"code", "--wait", "/tmp/f.json"}},
		{"nvim -u NONE", []string{"nvim", "-u", "NONE", "/tmp/f.json"}},
		{`"/opt/my editor/bin/ed" -x`, []string{"/bin/zsh", "-c", `"/opt/my editor/bin/ed" -x '/tmp/f.json'`}},
	} {
		cmd, err := Command(tc.editor, "/tmp/f.json", "/bin/zsh")
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(cmd.Args, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: %q, want %q", tc.editor, cmd.Args, tc.want)
		}
	}
	if _, err := Command(" ", "f", ""); err == nil {
		t.Error("an empty editor was accepted")
	}
}

const orig = `{"id":"t1","name":"ci-bot","scope":["a"],"created":"2026-01-01T00:00:00Z"}`

func buffer(body string, reasons ...string) []byte {
	return Buffer(`token "ci-bot"`, []string{"name", "scope"}, reasons, []byte(body))
}

// Each way a saved buffer can go, kubectl's reopen loop included.
func TestCheck(t *testing.T) {
	rules := patchdiff.PATRules(false)
	indented, _ := Indent([]byte(orig))
	for _, tc := range []struct {
		name     string
		saved    []byte
		previous []byte
		kind     VerdictKind
		want     string
	}{
		{"unchanged", buffer(string(indented)), nil, Cancelled, "Edit cancelled: no changes"},
		{"reformatted only", buffer(orig), nil, Cancelled, "Edit cancelled: no changes"},
		{"empty", []byte("# header only\n\n  \n"), nil, Cancelled, "saved file was empty"},
		{"invalid JSON", buffer(`{"name": "x",`), nil, Reopen, "not a valid JSON object"},
		{"duplicate key", buffer(`{"id":"t1","name":"x","name":"y","scope":["a"],"created":"2026-01-01T00:00:00Z"}`), nil, Reopen, "duplicate key"},
		{"read-only changed", buffer(`{"id":"t2","name":"ci-bot","scope":["a"],"created":"2026-01-01T00:00:00Z"}`), nil, Reopen, "id cannot be changed here"},
		{"required emptied", buffer(`{"id":"t1","name":"","scope":["a"],"created":"2026-01-01T00:00:00Z"}`), nil, Reopen, "name cannot be emptied"},
		{"same error saved again", buffer(`{"name": "x",`, "Error: before"), []byte(`{"name": "x",`), Cancelled, "no valid changes were saved"},
		{"valid", buffer(`{"id":"t1","name":"ci-bot 2","scope":["a","b"],"created":"2026-01-01T00:00:00Z"}`), nil, Ready, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := Check([]byte(orig), tc.saved, tc.previous, rules)
			if v.Kind != tc.kind {
				t.Fatalf("kind %v, want %v (%+v)", v.Kind, tc.kind, v)
			}
			text := v.Message + strings.Join(v.Reasons, "\n")
			if !strings.Contains(text, tc.want) {
				t.Fatalf("%q does not say %q", text, tc.want)
			}
			if tc.kind == Reopen && strings.HasPrefix(string(v.Body), "#") {
				t.Fatalf("reopen body keeps the header: %q", v.Body)
			}
			if tc.kind == Ready && len(v.Result.Patch) != 4 {
				t.Fatalf("patch %v", v.Result.Patch)
			}
		})
	}
}

// Reopening puts the reason on top and the user's own text below, and the
// header never becomes part of the document.
func TestBufferRoundTrip(t *testing.T) {
	user := "{\n  \"name\": \"my text\",\n"
	buf := buffer(user, "Error: the text is not a valid JSON object: unexpected end")
	s := string(buf)
	if !strings.Contains(s, "# Patchable fields: name, scope.") || !strings.Contains(s, "# Error: the text is not a valid JSON object") {
		t.Fatalf("header:\n%s", s)
	}
	if got := string(Strip(buf)); got != user {
		t.Fatalf("Strip = %q, want the user's text %q", got, user)
	}
}

// The buffer an invalid save reopens with: the reason on top, the user's
// own text below.
func TestBufferWithErrorGolden(t *testing.T) {
	user := "{\n  \"id\": \"t1\",\n  \"name\": \"ci-bot 2\",\n  \"name\": \"again\",\n  \"scope\": [\"a\"]\n}\n"
	v := Check([]byte(orig), buffer(user), nil, patchdiff.PATRules(false))
	if v.Kind != Reopen {
		t.Fatalf("verdict %+v", v)
	}
	golden.RequireEqual(t, Buffer(`token "ci-bot"`, []string{"name", "scope"}, v.Reasons, v.Body))
}
