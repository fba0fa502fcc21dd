package tokens

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
)

// Tokens that share a name are told apart in the confirm dialog by their
// owners: "• Backup job — Ada Lovelace", not "• Backup job" three times.
func TestDeleteDialogNamesOwners(t *testing.T) {
	owner := func(n string) client.PatOwner { return client.PatOwner{Type: "IDENTITY", ID: "id-" + n, Name: n} }
	toks := []client.PersonalAccessToken{
		{ID: "b1", Name: "Backup job", Owner: owner("Ada Lovelace"), Created: daysAgo(300)},
		{ID: "b2", Name: "Backup job", Owner: owner("Grace\x1b[2J Hopper"), Created: daysAgo(300)},
		{ID: "b3", Name: "Backup job", Owner: client.PatOwner{ID: "id-nameless"}, Created: daysAgo(300)},
	}
	m := newTestModel(t, &fakeService{toks: toks}, Options{})
	press(t, m, "a")
	md := pushedModal(press(t, m, "d"), confirmID)
	if md == nil {
		t.Fatal("no confirm dialog")
	}
	v := ansi.Strip(md.View())
	for _, want := range []string{"• Backup job — Ada Lovelace", "• Backup job — Grace Hopper", "• Backup job — id-nameless"} {
		if !strings.Contains(v, want) {
			t.Errorf("dialog lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(md.View(), "\x1b[2J") {
		t.Fatal("owner not sanitized")
	}
}
