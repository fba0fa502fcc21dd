package shell

import (
	"bytes"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
	"github.com/sailtui/sailtui/ui/widgets/secret"
)

// firstCtrlC presses ctrl+c and returns the toast it showed; it fails the
// test if that quit.
func firstCtrlC(t *testing.T, m Model) (Model, string) {
	t.Helper()
	m, cmd := update(m, ctrlC)
	toast := ""
	for _, msg := range msgsOf(cmd) {
		switch msg := msg.(type) {
		case tea.QuitMsg:
			t.Fatal("the first ctrl+c quit")
		case common.ToastMsg:
			toast = msg.Text
		}
	}
	return m, toast
}

func withSecretModal(t *testing.T, w, h int) Model {
	t.Helper()
	m := New(testCommon(), Options{}, newStub())
	m, _ = update(m, tea.WindowSizeMsg{Width: w, Height: h})
	created := client.CreatedPAT{ID: "2c9180835d2e5168015d32f890ca1581", Secret: "s3cr3t-value", Name: "ci"}
	md := secret.NewModal(secret.New(m.Common, created, false, clipboard.New(&bytes.Buffer{}, clipboard.Env{})))
	m, _ = update(m, common.PushModalMsg{ID: "secret", Modal: md})
	return m
}

// ctrl+c on the secret modal before the secret was copied does not lose
// it silently: the first warns, the second quits.
func TestCtrlCOnUncopiedSecretWarnsFirst(t *testing.T) {
	m, toast := firstCtrlC(t, withSecretModal(t, 100, 30))
	if toast != "The secret will not be shown again — press ctrl+c again to quit" {
		t.Fatalf("toast %q", toast)
	}
	if _, cmd := update(m, ctrlC); !isQuit(cmd) {
		t.Fatal("the second ctrl+c did not quit")
	}
}

// Once copied, ctrl+c quits at once.
func TestCtrlCAfterCopyQuits(t *testing.T) {
	m := withSecretModal(t, 100, 30)
	m, cmd := update(m, runes("c"))
	for _, msg := range msgsOf(cmd) {
		m, _ = update(m, msg)
	}
	if _, cmd := update(m, ctrlC); !isQuit(cmd) {
		t.Fatal("ctrl+c after the copy did not quit")
	}
}

// The "too small" screen says what quitting would lose.
func TestTooSmallWithUncopiedSecret(t *testing.T) {
	m := withSecretModal(t, 50, 10)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "the new token's secret is not copied · ctrl+c twice quits") {
		t.Fatalf("too-small screen:\n%s", v)
	}
	if _, cmd := update(m, runes("q")); isQuit(cmd) {
		t.Fatal("q quit the too-small screen with the secret not copied")
	}
}

func withForm(t *testing.T, w, h int) Model {
	t.Helper()
	m := New(testCommon(), Options{}, newStub())
	m, _ = update(m, tea.WindowSizeMsg{Width: w, Height: h})
	// A create form as the Tokens view opens it.
	doc := `{"name":"","scope":[],"accessTokenValiditySeconds":43200,"expirationDate":null,"userAwareTokenNeverExpires":true}`
	f, err := editform.New(m.Common, "Create a personal access token", []byte(doc), []editdoc.Field{
		{Name: "name", Required: true},
		{Name: "scope", Label: "scopes", Kind: editdoc.StringList, Suggestions: []string{"sp:scopes:all"}},
		{Name: "accessTokenValiditySeconds", Label: "validity (s)", Kind: editdoc.Number},
		{Name: "expirationDate", Label: "expires on", Kind: editdoc.DateOrNever, NeverFlag: "userAwareTokenNeverExpires"},
	})
	if err != nil {
		t.Fatal(err)
	}
	f = f.WithAction("Create").Strict().AwaitAnswer().WithID("form")
	m, _ = update(m, common.PushModalMsg{ID: "form", Modal: &f})
	return m
}

// ctrl+c on a create form with typed input warns first; on an untouched
// one it quits.
func TestCtrlCOnFormWithInputWarnsFirst(t *testing.T) {
	if _, cmd := update(withForm(t, 100, 30), ctrlC); !isQuit(cmd) {
		t.Fatal("ctrl+c on an untouched form did not quit")
	}
	m := withForm(t, 100, 30)
	m, _ = update(m, runes("nightly"))
	m, toast := firstCtrlC(t, m)
	if toast != "Your input in the create form will be lost — press ctrl+c again to quit" {
		t.Fatalf("toast %q", toast)
	}
	if _, cmd := update(m, ctrlC); !isQuit(cmd) {
		t.Fatal("the second ctrl+c did not quit")
	}
}

// An uncopied secret over a form with typed input: one toast names both.
func TestCtrlCNamesEverythingAtStake(t *testing.T) {
	m := withForm(t, 100, 30)
	m, _ = update(m, runes("nightly"))
	created := client.CreatedPAT{ID: "id1", Secret: "s3cr3t-value", Name: "ci"}
	md := secret.NewModal(secret.New(m.Common, created, false, clipboard.Clipboard{}))
	m, _ = update(m, common.PushModalMsg{ID: "secret", Modal: md})
	m, toast := firstCtrlC(t, m)
	if want := "Press ctrl+c again to quit, although the new token's secret is not copied and the create form has typed input"; toast != want {
		t.Fatalf("toast %q", toast)
	}
	if _, cmd := update(m, ctrlC); !isQuit(cmd) {
		t.Fatal("the second ctrl+c did not quit")
	}
}

// On a 60×15 and a 60×12 terminal the create form's every field and its
// Create button come on screen as the user tabs (they were cut off).
func TestCreateFormFitsTheSmallestScreens(t *testing.T) {
	for _, h := range []int{12, 15} {
		m := withForm(t, 60, h)
		for _, want := range []string{"name", "scopes", "validity", "expires on", "[ Create ]"} {
			if v := ansi.Strip(m.View()); !strings.Contains(v, want) {
				t.Fatalf("60×%d: %q off-screen:\n%s", h, want, v)
			}
			m, _ = update(m, tea.KeyMsg{Type: tea.KeyTab})
		}
	}
}

// The first ctrl+c's warning goes once it no longer holds: a key on the
// form disarms the quit, and the toast with it.
func TestInterruptToastGoesWhenDisarmed(t *testing.T) {
	m := withForm(t, 100, 30)
	m, _ = update(m, runes("nightly"))
	m, cmd := update(m, ctrlC)
	for _, msg := range msgsOf(cmd) {
		if tm, ok := msg.(common.ToastMsg); ok {
			m, _ = update(m, tm)
		}
	}
	if cur, ok := m.toast.Current(); !ok || !strings.Contains(cur.Text, "ctrl+c again") {
		t.Fatalf("no warning after the first ctrl+c: %+v", cur)
	}
	m, _ = update(m, runes("x"))
	if cur, ok := m.toast.Current(); ok {
		t.Fatalf("the warning outlived the armed quit: %q", cur.Text)
	}
}
