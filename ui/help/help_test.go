package help

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

type keys struct {
	common.Disabler
	bs []key.Binding
}

func (k keys) ShortHelp() []key.Binding  { return k.bs }
func (k keys) FullHelp() [][]key.Binding { return [][]key.Binding{k.bs} }

func TestBarKeepsGlobalKeysAndMarksDisabled(t *testing.T) {
	s := commontest.Styles(themes.Default(), termenv.ANSI256)
	k := keys{bs: []key.Binding{
		common.NewBinding("space", "mark", " "), common.NewBinding("d", "delete", "d"),
		common.NewBinding("/", "a filter with a long description", "/"),
	}}
	k.Disable(k.bs[1], "read-only")
	global := []key.Binding{common.NewBinding("?", "help", "?"), common.NewBinding("q", "quit", "q")}
	out := Bar(s, k, global, 40)
	plain := ansi.Strip(out)
	if !strings.HasSuffix(plain, "? help · q quit") || ansi.StringWidth(out) > 40 {
		t.Fatalf("bar %q (%d wide)", plain, ansi.StringWidth(out))
	}
	if strings.Contains(plain, "long description") {
		t.Fatal("an entry that does not fit was drawn")
	}
	if !strings.Contains(out, "\x1b[38;5;60;9m") && !strings.Contains(out, ";9m") {
		t.Fatalf("disabled key not struck through: %q", out)
	}
}
