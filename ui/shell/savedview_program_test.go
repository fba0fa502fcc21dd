package shell_test

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/shell"
)

// A saved view opened at start (--view) shows its view with its quick
// view, filter, sort and columns.
func TestProgramSavedViewOpensWithFilterSortAndColumns(t *testing.T) {
	h := startWith(t, sandbox.Options{Seed: 3, Tokens: 40}, setup{shell: func(o *shell.Options) {
		o.SavedViews = []common.SavedView{
			{Name: "stale jobs, newest first", View: "tokens", Only: "stale", Filter: "job", Sort: "created", Desc: true,
				Columns: []string{"owner", "created", "stale"}},
			{Name: "all", View: "tokens", Sort: "name"},
		}
		o.StartView = "stale jobs, newest first"
	}})
	h.waitForAll(t, 5*time.Second, "View stale jobs, newest first", "sort: created ▼")
	h.finish(t)
	v := ansi.Strip(h.tokens.View())
	if !strings.Contains(v, "stale only") || !strings.Contains(v, "job") || strings.Contains(v, "SCOPES") ||
		strings.Contains(v, "EXPIRES") || !strings.Contains(v, "CREATED▼") {
		t.Fatalf("the saved view:\n%s", v)
	}
	for _, line := range strings.Split(v, "\n")[3:] {
		if strings.TrimSpace(line) != "" && !strings.Contains(strings.ToLower(line), "job") {
			t.Fatalf("a row the filter should drop: %q", line)
		}
	}
}
