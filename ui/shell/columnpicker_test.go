package shell

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/ui/common"
)

// The picker starts from what shows, in its order; space hides, K/J
// move, +/- size; enter answers with :columns' words, s asks to save.
func TestColumnPicker(t *testing.T) {
	widths := map[string]int{"owner": 20, "scopes": 18, "created": 9, "last used": 10}
	p := common.Palette{Columns: []string{"owner", "scopes", "created", "last used"},
		ShownColumns: func() []string { return []string{"name", "last used:12", "owner"} },
		ColumnWidth:  func(n string) int { return widths[n] }}
	cp := newColumnPicker(testCommon(), p)
	cp.SetSize(80, 24)
	golden.RequireEqual(t, []byte(cp.View()))
	press := func(keys ...string) tea.Cmd {
		var cmd tea.Cmd
		for _, k := range keys {
			cmd = cp.Update(common.SyntheticKey(k))
		}
		return cmd
	}
	// last used, owner, scopes (hidden), created (hidden): move owner up,
	// show created and widen it, hide last used.
	press("down", "K", "down", " ", "down", "down", " ", "+", "+")
	msg := press("enter")().(columnsPickedMsg)
	if got := strings.Join(msg.words, ","); got != "owner:20,created:13" || msg.save {
		t.Fatalf("enter: %q save %v", got, msg.save)
	}
	if msg := press("s")().(columnsPickedMsg); !msg.save {
		t.Fatal("s did not ask to save")
	}
}
