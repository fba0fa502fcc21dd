package clients

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

var testNow = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return testNow }

// tenant is a sandbox with a client signed in to it: the view's tests
// run against the same double as the demo.
type tenant struct {
	srv *sandbox.Server
	cl  *client.Client
}

func newTenant(t *testing.T, clients int, user bool) *tenant {
	t.Helper()
	srv, err := sandbox.New(sandbox.Options{Seed: 11, Tokens: 5, Apps: -1, Clients: clients, Now: clock,
		RateLimit: client.RateLimit{Requests: 100000, Per: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	url, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cred, u := srv.Credentials()
	if user {
		cred = u
	}
	hc := &http.Client{Timeout: 30 * time.Second}
	t.Cleanup(hc.CloseIdleConnections) // before the sandbox closes: an idle connection holds it 5 s
	cl, err := client.New(client.Config{BaseURL: url, ClientID: cred.ClientID, ClientSecret: cred.ClientSecret, Now: clock, HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Authenticate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return &tenant{srv: srv, cl: cl}
}

func newTestModel(t *testing.T, tn *tenant, opts Options) *Model {
	t.Helper()
	opts.Service = tn.cl
	m := New(common.New(commontest.Styles(themes.Default(), termenv.Ascii), clock), opts)
	m.SetSize(120, 30)
	drain(t, m, m.Init())
	return m
}

func drain(t *testing.T, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	return commontest.Drain(cmd, m.Update, nil)
}

func press(t *testing.T, m *Model, keys ...string) []tea.Msg {
	t.Helper()
	var shell []tea.Msg
	for _, k := range keys {
		shell = append(shell, drain(t, m, m.Update(commontest.Key(k)))...)
	}
	return shell
}

// pushed is the modal msgs pushed with id.
func pushed(t *testing.T, msgs []tea.Msg, id string) common.Modal {
	t.Helper()
	for _, msg := range msgs {
		if p, ok := msg.(common.PushModalMsg); ok && p.ID == id {
			return p.Modal
		}
	}
	t.Fatalf("no %s modal in %v", id, msgs)
	return nil
}

func toastText(msg tea.Msg) string {
	if tm, ok := msg.(common.ToastMsg); ok {
		return tm.Text
	}
	return ""
}

func mustPatch(t *testing.T, raw []byte) patchdiff.Patch {
	t.Helper()
	var p patchdiff.Patch
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	return p
}
