package tokens_test

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/views/tokens"
)

// Typed input in the create form is never dropped on one key: esc and
// ctrl+c each warn first, in the real program.
func TestFormInputSurvivesOneEscOrCtrlC(t *testing.T) {
	svc := &slowCreate{toks: []client.PersonalAccessToken{{ID: "a1", Name: "existing", Created: programNow.Add(-time.Hour)}}}
	p := startProgram(t, tokens.Options{Service: svc, Family: client.FamilyV1}, 15)
	p.waitFor(t, "1 tokens")
	p.tm.Send(key("n"))
	p.waitFor(t, "Create a personal access token")
	p.tm.Type("nightly-export")
	p.tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	p.waitFor(t, "press esc again to discard")
	p.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	p.waitFor(t, "press ctrl+c again to quit")
	p.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	p.tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))
}
