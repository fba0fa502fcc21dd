package shell

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/shell/help"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
	"github.com/sailtui/sailtui/ui/widgets/detail"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// A copy any view asks for goes through the shell's one clipboard as
// OSC52, and the toast says it was sent (never "copied": OSC52 has no
// answer), with what tmux needs.
func TestCopyGoesThroughTheShellsClipboard(t *testing.T) {
	var term bytes.Buffer
	a := newStub()
	m := New(testCommon(), Options{Clipboard: clipboard.New(&term, clipboard.Env{TMUX: "/tmp/tmux-0/default,1,0"})}, a)
	m.Init()
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = settle(m, func() tea.Msg { return common.CopyMsg{What: `the id of "Backup job"`, Text: "3390e6ad"} })
	if !strings.Contains(term.String(), base64.StdEncoding.EncodeToString([]byte("3390e6ad"))) {
		t.Fatalf("no OSC52 sequence with the id: %q", term.String())
	}
	out := ansi.Strip(m.View())
	if !strings.Contains(out, `Sent the id of "Backup job" to the clipboard`) || !strings.Contains(out, "set-clipboard on") {
		t.Fatalf("toast:\n%s", out)
	}
	if len(a.got) != 0 {
		t.Fatalf("the view got %v", a.got)
	}
	// No terminal: said, nothing written.
	m2 := New(testCommon(), Options{}, newStub())
	m2.Init()
	m2, _ = update(m2, tea.WindowSizeMsg{Width: 100, Height: 30})
	m2 = settle(m2, func() tea.Msg { return common.CopyMsg{What: "the id", Text: "x"} })
	if out := ansi.Strip(m2.View()); !strings.Contains(out, "Cannot copy the id") {
		t.Fatalf("no clipboard:\n%s", out)
	}
}

// ? over any modal lists that modal's keys; in a prompt it is typed.
func TestQuestionMarkInsideModals(t *testing.T) {
	m, _, _ := twoViews(t)
	d := detail.NewText(testCommon(), "Entry", []string{"a line"}).WithSubject(detail.Subject{ID: "id-1", Name: "one"})
	m, _ = update(m, common.PushModalMsg{ID: detail.ID, Modal: d})
	m, _ = update(m, runes("?"))
	if ids := m.ModalIDs(); len(ids) != 2 || ids[1] != help.ID {
		t.Fatalf("? over the details: modals %v", ids)
	}
	if out := ansi.Strip(m.View()); !strings.Contains(out, "copy the id") || !strings.Contains(out, "Keys: this dialog") {
		t.Fatalf("help over the details:\n%s", out)
	}
	for range 2 {
		var cmd tea.Cmd
		m, cmd = update(m, tea.KeyMsg{Type: tea.KeyEsc})
		m = run(m, cmd)
	}
	p := textprompt.New(testCommon(), textprompt.Options{ID: "ask", Title: "Ask"})
	m, _ = update(m, common.PushModalMsg{ID: "ask", Modal: p})
	m, _ = update(m, runes("?"))
	if ids := m.ModalIDs(); len(ids) != 1 || p.Value() != "?" {
		t.Fatalf("? in a prompt: modals %v, value %q", ids, p.Value())
	}
}

// settle runs cmd and what it leads to, one message at a time, until
// nothing more comes (a toast's timer is left alone).
func settle(m Model, cmd tea.Cmd) Model {
	for range 10 {
		if cmd == nil {
			return m
		}
		msg := cmd()
		if msg == nil {
			return m
		}
		m, cmd = update(m, msg)
		if _, ok := msg.(common.ToastMsg); ok {
			return m
		}
	}
	return m
}
