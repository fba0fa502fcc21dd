package progress

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/data/audit"
)

// TestSandboxRunWith429 wires the panel the way the app does: the client's
// bulk delete against the sandbox, a 429 burst, events through a channel,
// and an audit entry per finished item.
func TestSandboxRunWith429(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{Seed: 7, Tokens: 20,
		Faults: sandbox.Faults{Burst429: 2, RetryAfter: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	defer srv.Close()
	admin, _ := sb.Credentials()

	ch := make(chan tea.Msg, 1024)
	c, err := client.New(client.Config{BaseURL: srv.URL, ClientID: admin.ClientID, ClientSecret: admin.ClientSecret,
		OnWait: func(e client.WaitEvent) {
			select {
			case ch <- WaitMsg{Event: e}:
			default:
			}
		}})
	if err != nil {
		t.Fatal(err)
	}

	var ids []string
	tokens := map[string]client.PersonalAccessToken{}
	for _, p := range sb.PATs() {
		if !p.Managed && len(ids) < 6 {
			ids = append(ids, p.ID)
			tokens[p.ID] = p
		}
	}
	ids = append(ids, "00000000000000000000000000000000") // not there: already gone
	items := make([]Item, len(ids))
	for i, id := range ids {
		items[i] = Item{ID: id, Name: tokens[id].Name}
	}

	log := audit.Open(filepath.Join(t.TempDir(), "sailtui", audit.FileName))
	go func() {
		defer close(ch)
		sum := c.DeletePATs(context.Background(), ids, client.BulkOptions{Concurrency: 2}, func(e client.BulkEvent) {
			if e.State.Final() {
				if err := log.Append(audit.DeleteEntry(time.Now(), srv.URL, "op-"+e.ID, audit.Actor{ID: "admin"}, tokens[e.ID], e)); err != nil {
					t.Error(err)
				}
			}
			ch <- ItemMsg{Event: e}
		})
		ch <- FinishedMsg{Summary: sum, AuditPath: log.Path()}
	}()

	panelNow := time.Now()
	m, _ := newPanel(t, termenv.Ascii, 0)
	m = New(m.Common, "Deleting 7 tokens", items)
	m.Now = func() time.Time { return panelNow }
	m.SetSize(100, 30)
	sawCountdown := false
	for msg := range ch {
		if w, ok := msg.(WaitMsg); ok && w.Event.Reason == client.WaitRateLimited {
			panelNow = w.Event.Until.Add(-1500 * time.Millisecond)
			m, _ = m.Update(msg)
			if strings.Contains(m.View(), "Rate limited by the server (429): resuming in 2s") {
				sawCountdown = true
			}
			continue
		}
		m, _ = m.Update(msg)
	}
	if !sawCountdown {
		t.Error("the 429 wait never showed a countdown")
	}
	if !m.Finished() || m.Count(client.ItemDone) != 6 || m.Count(client.ItemGone) != 1 || m.Count(client.ItemFailed) != 0 {
		t.Fatalf("panel: done=%d gone=%d failed=%d\n%s", m.Count(client.ItemDone), m.Count(client.ItemGone), m.Count(client.ItemFailed), m.View())
	}
	for _, p := range sb.PATs() {
		if _, deleted := tokens[p.ID]; deleted {
			t.Errorf("token %s still in the sandbox", p.ID)
		}
	}
	if !strings.Contains(m.View(), log.Path()) {
		t.Error("summary does not show the audit path")
	}

	data, err := os.ReadFile(log.Path())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), admin.ClientSecret) {
		t.Fatal("the audit log contains the client secret")
	}
	entries, err := audit.Read(log.Path())
	if err != nil {
		t.Fatal(err)
	}
	results := map[audit.Result]int{}
	for _, e := range entries {
		results[e.Result]++
	}
	if results[audit.ResultDeleted] != 6 || results[audit.ResultAlreadyGone] != 1 {
		t.Fatalf("audit results %v", results)
	}
}
