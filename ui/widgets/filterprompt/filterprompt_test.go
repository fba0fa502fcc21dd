package filterprompt

import (
	"errors"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

var schema = filter.Schema{"lastUsed": {Type: filter.TypeTime, Ops: []filter.Op{filter.OpLe, filter.OpIsNull}}}

func newPrompt(check func(string) (string, error)) *textprompt.Model {
	p := New(commontest.Common(termenv.Ascii, time.Now), Options{ID: "f", Title: "Server filter · tokens",
		Schema: schema, Of: "the token list", Presets: []Preset{{Label: "Never used", Expr: "lastUsed isnull"}}, Check: check})
	p.SetSize(100, 30)
	return p
}

func TestPromptGolden(t *testing.T) {
	p := newPrompt(func(s string) (string, error) { return s, nil })
	p.Update(tea.KeyMsg{Type: tea.KeyDown})
	golden.RequireEqual(t, []byte(p.View()))
}

// The view's check decides: a refused text is not answered.
func TestCheckRefuses(t *testing.T) {
	p := newPrompt(func(string) (string, error) { return "", errors.New("no") })
	p.Update(tea.KeyMsg{Type: tea.KeyDown})
	if cmd := p.Update(tea.KeyMsg{Type: tea.KeyEnter}); cmd != nil {
		t.Fatalf("refused text answered: %#v", cmd())
	}
}

func TestLabelNamesPresets(t *testing.T) {
	ps := []Preset{{Label: "Never used", Expr: "lastUsed isnull"}}
	if Label("lastUsed isnull", ps) != "never used" || Label("x eq 1", ps) != "x eq 1" {
		t.Fatal(Label("lastUsed isnull", ps), Label("x eq 1", ps))
	}
}
