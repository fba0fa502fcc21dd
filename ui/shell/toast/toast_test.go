package toast

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
)

func TestToastExpiresOnlyItsOwnID(t *testing.T) {
	m := New(common.New(themes.NewStyles(themes.Mono(), nil), nil))
	m.Show(common.ToastMsg{Text: "first"})
	first := m.curID
	m.Show(common.ToastMsg{Level: common.ToastError, Text: "second\x1b[2J"})
	// The first toast's timer fires after the second replaced it: ignored.
	m.Update(expireMsg{id: first})
	cur, ok := m.Current()
	if !ok || cur.Text != "second" {
		t.Fatalf("current = %+v, %v; want the sanitized second toast", cur, ok)
	}
	if v := m.View(40); !strings.Contains(v, "second") {
		t.Fatalf("view %q lacks the text", v)
	}
	m.Update(expireMsg{id: m.curID})
	if _, ok := m.Current(); ok {
		t.Fatal("toast not cleared by its own timer")
	}
	if m.View(40) != "" {
		t.Fatal("empty toast draws something")
	}
}

// A toast about work under way goes when that work ends, and only then:
// another key, or an unkeyed toast, is left alone.
func TestUnderWayToastEndsWithItsWork(t *testing.T) {
	m := New(common.New(themes.NewStyles(themes.Mono(), nil), nil))
	m.Show(common.ToastMsg{Text: "Reading…", Key: "read"})
	m.End("other")
	if _, ok := m.Current(); !ok {
		t.Fatal("another key ended the toast")
	}
	m.End("read")
	if _, ok := m.Current(); ok {
		t.Fatal("the toast outlived its work")
	}
	m.Show(common.ToastMsg{Text: "Saved"})
	m.End("")
	if _, ok := m.Current(); !ok {
		t.Fatal("an unkeyed toast was ended")
	}
}

// A toast too long for its line says where to read it whole, and the log
// keeps every message (the newest 500).
func TestLongToastPointsToTheLog(t *testing.T) {
	m := New(common.New(themes.NewStyles(themes.Mono(), nil), nil))
	long := "The editor failed; your text is kept in /home/admin/.local/state/sailtui/edit-2026-12-07-ci-bot.json"
	m.Show(common.ToastMsg{Level: common.ToastError, Text: long})
	if v := m.View(60); !strings.HasSuffix(strings.TrimSpace(v), "(:messages)") || ansi.StringWidth(v) > 60 {
		t.Fatalf("view %q", v)
	}
	for i := range 600 {
		m.Show(common.ToastMsg{Text: strings.Repeat("x", i%7)})
	}
	if log := m.Log(); len(log) != 500 || log[0].Msg.Text == long {
		t.Fatalf("log of %d, oldest %q", len(log), log[0].Msg.Text)
	}
}
