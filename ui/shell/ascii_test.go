package shell

import (
	"strings"
	"testing"
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
)

// With ascii: true, nothing sailtui draws is outside ASCII: the status
// bar, a dialog's box and key line, toasts, the help overlay and the
// footer, not only the glyphs.
func TestASCIIThemeDrawsOnlyASCII(t *testing.T) {
	th := themes.Default()
	th.ASCII = true
	c := common.New(commontest.Styles(th, termenv.ANSI256), func() time.Time { return fixedNow })
	m := New(c, Options{Host: "acme.api.identitynow.com", Identity: "ada"}, newStub(), newStub())
	m.Init()
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 40})
	req := confirm.Request{ID: "c", Count: 7, Examples: []confirm.Example{{Name: "ci-bot", Owner: "Ada"}},
		Details: []string{"sent as 1 request · of at most 50"}}
	m, _ = update(m, common.PushModalMsg{ID: "c", Modal: common.NewValueModal(confirm.New(m.Common, req))})
	m, _ = update(m, common.ToastMsg{Level: common.ToastInfo, Text: "Switched to prod → 3 marks dropped…"})
	frames := []string{m.View()}
	m, _ = update(m, common.PopModalMsg{ID: "c"})
	m, _ = update(m, runes("?"))
	frames = append(frames, m.View())
	for _, f := range frames {
		for _, r := range f {
			if r > unicode.MaxASCII {
				t.Fatalf("%q in an ascii frame:\n%s", r, f)
			}
		}
	}
	if !strings.Contains(frames[0], "+--") && !strings.Contains(frames[0], "#==") {
		t.Fatalf("no ASCII box:\n%s", frames[0])
	}
}
