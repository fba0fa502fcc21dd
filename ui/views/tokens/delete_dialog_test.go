package tokens

import (
	"slices"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
)

// The dialog's examples are what will be deleted, in the table's order:
// the managed t6 is marked but left out, so it is not listed, and all four
// deletions are.
func TestDeleteDialogExamplesFollowTheTable(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "s", "a")
	md := pushedModal(press(t, m, "d"), confirmID).(*common.ValueModal[confirm.Model, *confirm.Model])
	var ids []string
	for _, tk := range m.pending.Value().toks {
		ids = append(ids, tk.ID)
	}
	// Stale rows, least recently used first: t3, t8, t6 (managed), t2, t5.
	if !slices.Equal(ids, m.Visible()) {
		t.Fatalf("pending %v, table %v", ids, m.Visible())
	}
	view := flat(md.Model.View())
	if !strings.Contains(view, "Delete 4 tokens?") || strings.Contains(view, "more") ||
		strings.Contains(view, "platform-managed") || !strings.Contains(view, "expired-one") {
		t.Fatalf("dialog:\n%s", view)
	}
	if i, j := strings.Index(view, "never-touched"), strings.Index(view, "old-report"); i < 0 || j < 0 || i > j {
		t.Fatalf("examples not in table order:\n%s", view)
	}
}
