package confirm

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// Letters typed into the dialog by mistake (a word meant for the filter,
// then enter) never confirm: Cancel keeps focus and enter cancels.
func TestTypedWordThenEnterCancels(t *testing.T) {
	for _, word := range []string{"delete", "hello", "lll"} {
		m := newDialog(Request{Count: 1, Examples: names("ci-bot")})
		keys := typeString(word)
		m, res := send(t, m, append(keys, keyEnter)...)
		if res == nil || res.Confirmed {
			t.Fatalf("%q + enter: %+v (focus %v)", word, res, m.focus)
		}
	}
}

// No layout leaves two blank lines in a row inside the box.
func TestNoDoubleBlankLines(t *testing.T) {
	for _, req := range []Request{{Count: 3, Managed: 3}, {Count: 1, Session: 1}, {Count: 6, Hidden: 2}, {Count: 2, Managed: 1, ManagedProtected: true}} {
		lines := strings.Split(ansi.Strip(newDialog(req).View()), "\n")
		for i := 1; i < len(lines); i++ {
			if blank(lines[i]) && blank(lines[i-1]) {
				t.Errorf("%+v: two blank lines at %d:\n%s", req, i, strings.Join(lines, "\n"))
				break
			}
		}
	}
}

func blank(line string) bool { return strings.Trim(line, "┃│ ") == "" }

// Managed tokens are named once they are included, sanitized.
func TestManagedExamplesShownWhenIncluded(t *testing.T) {
	m := newDialog(Request{Count: 5, Managed: 4, Examples: names("ci-bot"),
		ManagedExamples: names("Workflow: sync\x1b[2J", "Workflow: loader", "Workflow: x", "Workflow: y")})
	if v := flat(m.View()); strings.Contains(v, "Workflow:") || strings.Contains(v, "more") {
		t.Fatalf("managed named before being included:\n%s", v)
	}
	m, _ = send(t, m, runes("m"))
	v := flat(m.View())
	for _, want := range []string{"• ci-bot", "⚙ Workflow: sync", "⚙ Workflow: loader", "⚙ Workflow: x", "⚙ Workflow: y"} {
		if !strings.Contains(v, want) {
			t.Errorf("lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(m.View(), "\x1b[2J") || strings.Contains(v, "more") {
		t.Fatalf("unsanitized, or a count where every name fits:\n%s", v)
	}
}

// Every name of a large delete can be read before the count is typed:
// the list scrolls with keys that type nothing, the input keeps focus.
func TestWholeListScrolls(t *testing.T) {
	var all []string
	for i := range 34 {
		all = append(all, fmt.Sprintf("token-%02d", i))
	}
	m := newDialog(Request{Count: 34, Examples: names(all...)})
	m.SetSize(80, 30)
	seen := map[string]bool{}
	for range 40 {
		for _, n := range all {
			if strings.Contains(flat(m.View()), "• "+n) {
				seen[n] = true
			}
		}
		m, _ = send(t, m, tea.KeyMsg{Type: tea.KeyDown})
	}
	if len(seen) != len(all) {
		t.Fatalf("read %d of %d names by scrolling", len(seen), len(all))
	}
	if !strings.Contains(flat(m.View()), "27–34 of 34") {
		t.Fatalf("position:\n%s", flat(m.View()))
	}
}

// tab to "include managed" then enter does not escalate: it takes space
// or m.
func TestEnterOnManagedCheckboxDoesNotInclude(t *testing.T) {
	m := newDialog(Request{Count: 3, Managed: 2, Examples: names("a"), ManagedExamples: names("w1", "w2")})
	for m.focus != elemManaged {
		m, _ = send(t, m, tea.KeyMsg{Type: tea.KeyTab})
	}
	m, _ = send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if m.IncludeManaged() || !strings.Contains(flat(m.View()), "enter does not") {
		t.Fatalf("enter included managed tokens:\n%s", flat(m.View()))
	}
	m, _ = send(t, m, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	if !m.IncludeManaged() {
		t.Fatal("space must include them")
	}
}

// 80×24 with a long list, scrolled once: the golden an admin reads.
func TestViewList80x24(t *testing.T) {
	var all []string
	for i := range 34 {
		all = append(all, fmt.Sprintf("Nightly export %02d", i))
	}
	m := newDialog(Request{Count: 36, Managed: 2, Examples: names(all...), ManagedExamples: names("Workflow: a", "Workflow: b")})
	m.SetSize(80, 21)
	m, _ = send(t, m, tea.KeyMsg{Type: tea.KeyDown})
	golden.RequireEqual(t, []byte(m.View()))
}

// However much the dialog has to say, it fits its height: the names give
// up rows, then the notes are cut (and say so); the confirmation, the
// buttons, the key line and the bottom border always show.
func TestDialogFitsItsHeight(t *testing.T) {
	var all []string
	for i := range 60 {
		all = append(all, fmt.Sprintf("Nightly export %02d", i))
	}
	long := strings.Repeat("The bulk update has no per-token guard; each request is checked against a fresh list. ", 6)
	req := Request{Count: 62, Managed: 8, Session: 1, Hidden: 3, Examples: names(all...), Details: []string{long, long}}
	for _, h := range []int{22, 20} {
		m := newDialog(req)
		m.SetSize(80, h)
		v := ansi.Strip(m.View())
		lines := strings.Split(v, "\n")
		n := fmt.Sprint(m.DeleteCount())
		if len(lines) > h || !strings.HasPrefix(lines[len(lines)-1], "┗") || !strings.Contains(v, "esc cancel") ||
			!strings.Contains(v, "Type "+n+" to confirm") || !strings.Contains(v, "Delete "+n) || !strings.Contains(v, "Include the managed") {
			t.Fatalf("80×%d: %d lines:\n%s", h, len(lines), v)
		}
		if !strings.Contains(v, "shift+↑/↓ scroll") || !strings.Contains(v, "The bulk update has no per-token guard") {
			t.Fatalf("80×%d: details cut without a way to read them:\n%s", h, v)
		}
		for range 40 {
			m, _ = send(t, m, tea.KeyMsg{Type: tea.KeyShiftDown})
		}
		if v := ansi.Strip(m.View()); !strings.Contains(v, "of 21 · shift") || !strings.Contains(v, "fresh list.") {
			t.Fatalf("80×%d: the details' end not reached:\n%s", h, v)
		}
	}
}
