package apps

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

// O groups the apps by owner, the owner with most apps first, with the
// counts on the header; ← folds the owner under the cursor and → opens it.
func TestGroupByOwner(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	press(t, m, "O")
	out := ansi.Strip(m.View())
	ada := strings.Index(out, "Ada Lovelace  2 apps · 1 disabled")
	grace := strings.Index(out, "Grace Hopper  1 app")
	none := strings.Index(out, "(no owner)  1 app")
	if ada < 0 || grace < 0 || none < 0 || ada > grace {
		t.Fatalf("headers (Ada %d, Grace %d, none %d):\n%s", ada, grace, none, out)
	}
	press(t, m, "home", "left") // the first line is Ada's header
	out = ansi.Strip(m.View())
	if strings.Contains(out, "Payroll Portal") || !strings.Contains(out, "GitHub Enterprise") {
		t.Fatalf("← did not fold Ada's apps:\n%s", out)
	}
	press(t, m, "right", "down", "space")
	if out = ansi.Strip(m.View()); !strings.Contains(out, "1 marked") || !strings.Contains(out, "Payroll Portal") {
		t.Fatalf("→ and a mark:\n%s", out)
	}
	press(t, m, "O")
	if out = ansi.Strip(m.View()); strings.Contains(out, "2 apps ·") {
		t.Fatalf("O again did not ungroup:\n%s", out)
	}
}

// :owner NAME before the apps are read (a saved view at start) sweeps
// once they are.
func TestOwnerBeforeTheAppsAreRead(t *testing.T) {
	m := New(commontest.Common(termenv.Ascii, clock), Options{Service: &fakeService{apps: fixture()}})
	m.SetSize(120, 14)
	if cmd, ok := m.Command("owner", "Grace"); !ok || cmd != nil {
		t.Fatalf("before the read: %v %v", ok, cmd)
	}
	var sweeps []common.SweepMsg
	commontest.Drain(m.Init(), m.Update, func(msg tea.Msg) {
		if s, ok := msg.(common.SweepMsg); ok {
			sweeps = append(sweeps, s)
		}
	})
	if len(sweeps) != 1 || sweeps[0].ID != "o2" {
		t.Fatalf("sweeps %v", sweeps)
	}
}
