package preview

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

var clock = func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }

const before = `{"id":"t1","name":"ci-bot","scope":["sp:scopes:all","idn:a"],"owner":{"id":"o1"},"created":"2026-01-01T00:00:00Z"}`
const after = `{"id":"t2","name":"ci-bot prod","scope":["sp:scopes:all","idn:b"],"owner":{"id":"o1"},"created":"2026-01-01T00:00:00Z"}`

func newPreview(t *testing.T, p termenv.Profile, w, h int) Model {
	t.Helper()
	rules := patchdiff.PATRules(true)
	res, err := patchdiff.Diff([]byte(before), []byte(after), rules)
	if err != nil {
		t.Fatal(err)
	}
	wire, err := res.Patch.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	m := New(commontest.Common(p, clock), Input{Title: `Preview: edit token "ci-bot"`, View: patchdiff.Preview([]byte(before), res), Wire: wire})
	m.SetSize(w, h)
	return m
}

func press(s string) tea.KeyMsg { return commontest.Key(s) }

func msgOf(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	return cmd()
}

// What the preview shows of the ops is the wire body, byte for byte.
func TestOpsShownAreTheWireBytes(t *testing.T) {
	m := newPreview(t, termenv.Ascii, 120, 60)
	out := m.View()
	res, _ := patchdiff.Diff([]byte(before), []byte(after), patchdiff.PATRules(true))
	wire, _ := res.Patch.MarshalJSON()
	joined := "[" + strings.Join(m.ops, ",") + "]"
	if joined != string(wire) {
		t.Fatalf("ops %s\nwire %s", joined, wire)
	}
	for _, op := range m.ops {
		if !strings.Contains(out, op) {
			t.Errorf("op not on screen: %s", op)
		}
	}
	if !strings.Contains(out, "id changed") && !strings.Contains(out, "Not sent") {
		t.Errorf("the rejected id change is not warned about:\n%s", out)
	}
}

func TestKeys(t *testing.T) {
	m := newPreview(t, termenv.Ascii, 120, 40)
	if _, ok := msgOf(m.Update(press("y"))).(ApplyMsg); !ok {
		t.Fatal("y does not apply")
	}
	if _, ok := msgOf(m.Update(press("enter"))).(ApplyMsg); !ok {
		t.Fatal("enter does not apply")
	}
	if _, ok := msgOf(m.Update(press("e"))).(EditMsg); !ok {
		t.Fatal("e does not go back")
	}
	// esc warns first (there is an edit to lose), then discards.
	if _, ok := msgOf(m.Update(press("esc"))).(common.ToastMsg); !ok {
		t.Fatal("first esc does not warn")
	}
	if _, ok := msgOf(m.Update(press("esc"))).(DiscardMsg); !ok {
		t.Fatal("second esc does not discard")
	}
	// While applying, nothing is sent twice and nothing is dropped.
	m.SetApplying(true)
	for _, k := range []string{"y", "e", "esc"} {
		if msg, ok := msgOf(m.Update(press(k))).(common.ToastMsg); !ok || !strings.Contains(msg.Text, "being applied") {
			t.Errorf("%s while applying: %#v", k, msg)
		}
	}
}

func TestEmptyEditCannotBeApplied(t *testing.T) {
	res, _ := patchdiff.Diff([]byte(before), []byte(before), patchdiff.PATRules(true))
	m := New(commontest.Common(termenv.Ascii, clock), Input{Title: "x", View: patchdiff.Preview([]byte(before), res), Wire: []byte("[]")})
	m.SetSize(100, 30)
	if msg, ok := msgOf(m.Update(press("y"))).(common.ToastMsg); !ok || !strings.Contains(msg.Text, "nothing to send") {
		t.Fatalf("apply of nothing: %#v", msg)
	}
	if _, ok := msgOf(m.Update(press("esc"))).(DiscardMsg); !ok {
		t.Fatal("esc with nothing to lose must close at once")
	}
}

// Word marks: only the words that changed within a replaced line.
func TestWordDiff(t *testing.T) {
	l, r := wordDiff(`  "name": "ci-bot",`, `  "name": "ci-bot prod",`)
	var gotL, gotR []string
	for _, s := range l {
		if s.changed {
			gotL = append(gotL, s.text)
		}
	}
	for _, s := range r {
		if s.changed {
			gotR = append(gotR, s.text)
		}
	}
	if len(gotL) != 0 || strings.Join(gotR, "|") != " prod" {
		t.Fatalf("left %q right %q", gotL, gotR)
	}
}

func TestView(t *testing.T) {
	for _, tc := range []struct {
		name    string
		profile termenv.Profile
		w, h    int
		setup   func(*Model)
	}{
		{"ascii_120x40", termenv.Ascii, 120, 40, nil},
		{"ansi_100x30", termenv.ANSI, 100, 30, nil},
		{"scrolled_80x16", termenv.Ascii, 80, 16, func(m *Model) { m.Update(press("down")); m.Update(press("down")) }},
		{"server_error", termenv.Ascii, 100, 40, func(m *Model) {
			m.SetServerError([]string{"name is already in use by another token of this owner", "HTTP 400 · 400.1 Bad Request Content · tracking id b21b1f7c"})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newPreview(t, tc.profile, tc.w, tc.h)
			if tc.setup != nil {
				tc.setup(&m)
			}
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}
