package tokens

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/detail"
)

// From a token's details, y copies its id, and e closes them and opens
// the edit form on that token; another view's EditMsg is not this one's.
func TestDetailsCopyAndEdit(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	selectID(t, m, "t2")
	var d *detail.Model
	for _, msg := range press(t, m, "enter") {
		if p, ok := msg.(common.PushModalMsg); ok && p.ID == detail.ID {
			d = p.Modal.(*detail.Model)
		}
	}
	if d == nil {
		t.Fatal("enter opened no details")
	}
	if msg, ok := d.Update(keyMsg("y"))().(common.CopyMsg); !ok || msg.Text != "t2" {
		t.Fatalf("y: %#v", msg)
	}
	selectID(t, m, "t1") // the cursor moved meanwhile: e still edits t2
	var edit []tea.Msg
	shell := drainObserving(t, m, d.Update(keyMsg("e")), func(msg tea.Msg) {
		if _, ok := msg.(detail.EditMsg); ok {
			edit = append(edit, msg)
		}
	})
	opened := false
	for _, msg := range shell {
		if p, ok := msg.(common.PushModalMsg); ok && p.ID == editID {
			opened = true
		}
	}
	if len(edit) != 1 || !opened || m.selected().Tok.ID != "t2" {
		t.Fatalf("e: %v, form opened %v, selected %s", edit, opened, m.selected().Tok.ID)
	}
	if msgs := drain(t, m, func() tea.Msg { return detail.EditMsg{Source: "clients", ID: "t1"} }); len(msgs) != 0 {
		t.Fatalf("another view's EditMsg acted: %v", msgs)
	}
}

// :owner NAME before the tokens are read (a saved view at start) sweeps
// once they are.
func TestOwnerBeforeTheListIsRead(t *testing.T) {
	c := common.New(testStyles(themes.Default()), clock)
	m := New(c, Options{Service: &fakeService{toks: fixture()}})
	m.SetSize(120, 30)
	if cmd, ok := m.Command("owner", "bob"); !ok || cmd != nil {
		t.Fatalf("before the read: %v %v", ok, cmd)
	}
	var sweeps []common.SweepMsg
	drainObserving(t, m, m.Init(), func(msg tea.Msg) {
		if s, ok := msg.(common.SweepMsg); ok {
			sweeps = append(sweeps, s)
		}
	})
	if len(sweeps) != 1 || sweeps[0].ID != "id-bob" {
		t.Fatalf("sweeps %v", sweeps)
	}
}

// :columns puts the movable columns in the order named and hides the
// others; the owner stays by the name; ShownColumns says it back.
func TestColumnsOrderAndHide(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	p := m.Palette()
	if err := p.ShowColumns([]string{"expires", "last used:12", "owner"}); err != nil {
		t.Fatal(err)
	}
	v := ansi.Strip(m.View())
	lines := strings.Split(v, "\n")
	head := lines[1]
	iOwner, iExp, iLast := strings.Index(head, "OWNER"), strings.Index(head, "EXPIRES"), strings.Index(head, "LAST USED")
	if iOwner < 0 || iExp < iOwner || iLast < iExp || strings.Contains(head, "SCOPES") || strings.Contains(head, "CREATED") {
		t.Fatalf("header %q", head)
	}
	for _, l := range lines[2:] {
		if strings.Contains(l, "old-report") && (strings.Index(l, "never") > strings.Index(l, "6mo ago")) {
			t.Fatalf("a row not in the header's order: %q", l)
		}
	}
	if got := strings.Join(p.ShownColumns(), ","); got != "name,owner,expires,last used:12" {
		t.Fatalf("shown %q", got)
	}
}
