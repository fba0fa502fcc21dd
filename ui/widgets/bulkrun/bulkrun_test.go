package bulkrun

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

type item struct{ id, name string }

func testCommon() common.Common {
	return commontest.Common(termenv.Ascii, func() time.Time { return time.Unix(1_800_000_000, 0) })
}

func spec(sent *[]string) Spec[item] {
	return Spec[item]{
		Verbs: progress.Verbs{Doing: "updating", Done: "updated", Noun: "update"},
		Title: "Updating",
		Run: func(ctx context.Context, ids []string, opts client.BulkOptions, on func(client.BulkEvent)) client.BulkSummary {
			return client.RunBulk(ctx, ids, func(_ context.Context, id string) (client.Outcome, error) {
				*sent = append(*sent, id)
				return client.Outcome{Status: 200, TrackingID: "t-" + id}, nil
			}, client.BulkOptions{Concurrency: 1, Now: opts.Now, Before: opts.Before}, on)
		},
		Intent: func(at time.Time, op string, it item) audit.Entry {
			return audit.Entry{Time: at, Op: op, Action: audit.ActionPatchApp, Result: audit.ResultIntent, Kind: audit.KindApp, ResourceID: it.id, Name: it.name}
		},
		Outcome: func(at time.Time, op string, it item, ev client.BulkEvent) audit.Entry {
			return audit.Entry{Time: at, Op: op, Action: audit.ActionPatchApp, Result: audit.ResultPatched, Kind: audit.KindApp, ResourceID: it.id,
				Name: it.name, TrackingID: ev.Outcome.TrackingID}
		},
	}
}

// drive runs the start command and feeds every message back through
// Update; it returns the summary the panel would show.
func drive(t *testing.T, run *Run[item], cmd tea.Cmd, h Hooks) progress.FinishedMsg {
	t.Helper()
	var fin progress.FinishedMsg
	commontest.Drain(cmd, func(msg tea.Msg) tea.Cmd {
		next, _, _ := run.Update(msg, h)
		return next
	}, func(msg tea.Msg) {
		msgs := []tea.Msg{msg}
		if b, ok := msg.(progress.BatchMsg); ok {
			msgs = b
		}
		for _, m := range msgs {
			if f, ok := m.(progress.FinishedMsg); ok {
				fin = f
			}
		}
	})
	return fin
}

func TestRunAuditsEveryItemAndReportsToTheHooks(t *testing.T) {
	path := filepath.Join(t.TempDir(), audit.FileName)
	var sent []string
	items := []item{{"a", "App A"}, {"b", "App B"}}
	run, cmd := Start(testCommon(), 1, audit.Open(path), "x.progress", items,
		func(it item) progress.Item { return progress.Item{ID: it.id, Name: it.name} }, spec(&sent), spec(&sent))
	var seen []string
	finished := false
	fin := drive(t, run, cmd, Hooks{
		Items: func(evs []client.BulkEvent) tea.Cmd {
			for _, ev := range evs {
				seen = append(seen, ev.ID+":"+ev.State.String())
			}
			return nil
		},
		Finished: func() tea.Cmd { finished = true; return nil },
	})
	if !finished || !run.Done() || fin.Summary.Done != 2 || len(sent) != 2 {
		t.Fatalf("finished %v done %v summary %+v sent %v", finished, run.Done(), fin.Summary, sent)
	}
	entries, err := audit.Read(path)
	if err != nil || len(entries) != 4 {
		t.Fatalf("entries %d, %v", len(entries), err)
	}
	if entries[0].Result != audit.ResultIntent || entries[0].Op == "" {
		t.Fatalf("first entry %+v", entries[0])
	}
	if !strings.Contains(strings.Join(seen, ","), "a:done") {
		t.Fatalf("hooks saw %v", seen)
	}
	// Another run's answer (another view's panel, or an earlier run of
	// this one) is not this run's, though it is a run message.
	other := run.Addr + "0"
	if cmd, ok, closed := run.Update(progress.ClosedMsg{Run: other, Summary: fin.Summary}, Hooks{}); !ok || closed || cmd != nil {
		t.Fatalf("another run's close: ok %v closed %v", ok, closed)
	}
	if fin.Run != "x.progress#1" {
		t.Fatalf("the run is named %q", fin.Run)
	}
	cmd, ok, closed := run.Update(progress.ClosedMsg{Run: fin.Run, Summary: fin.Summary}, Hooks{})
	if !ok || !closed || cmd == nil {
		t.Fatal("closing the panel did not end the run")
	}
}

// Quitting after a run whose audit entries failed does not claim that
// every request sent is recorded.
func TestWaitAfterAuditFailureIsNotClean(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var sent []string
	run, cmd := Start(testCommon(), 1, audit.Open(filepath.Join(blocker, "sailtui", audit.FileName)), "x.progress",
		[]item{{"a", "A"}}, func(it item) progress.Item { return progress.Item{ID: it.id} }, spec(&sent), spec(&sent))
	drive(t, run, cmd, Hooks{})
	run.done = false // as if quit before FinishedMsg reached the view
	never := make(chan struct{})
	if running, clean := run.Wait(never); !running || clean {
		t.Fatalf("wait: running %v clean %v", running, clean)
	}
	var none *Run[item]
	if running, clean := none.Wait(never); running || !clean {
		t.Fatal("no run is not clean")
	}
}
