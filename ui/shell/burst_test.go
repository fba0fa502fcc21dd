package shell

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// A burst of typed characters reaches the view one key at a time, so
// "delete" typed fast is six letters, never the Delete key; a bracketed
// paste stays whole.
func TestBurstOfRunesIsSplit(t *testing.T) {
	v := newStub()
	v.capture = true
	m := New(testCommon(), Options{}, v)
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("delete")})
	if len(v.got) != 6 {
		t.Fatalf("view got %d messages, want 6: %v", len(v.got), v.got)
	}
	for i, msg := range v.got {
		k := msg.(tea.KeyMsg)
		if k.Type != tea.KeyRunes || len(k.Runes) != 1 || k.Runes[0] != []rune("delete")[i] {
			t.Fatalf("message %d = %#v", i, k)
		}
	}
	v.got = nil
	update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("delete"), Paste: true})
	if len(v.got) != 1 || string(v.got[0].(tea.KeyMsg).Runes) != "delete" {
		t.Fatalf("paste: %v", v.got)
	}
}
