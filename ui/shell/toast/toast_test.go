package toast

import (
	"strings"
	"testing"

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
