package apps

import (
	"context"
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/data/table"
)

// loadedModel is the view at 120×40 with n generated apps, loaded as the
// pages would load them (the table built outside Update).
func loadedModel(b *testing.B, n int, p termenv.Profile) *Model {
	b.Helper()
	m := New(commontest.Common(p, clock), Options{})
	m.SetSize(120, 40)
	m.loaded, m.complete = true, true
	if cmd := m.rows.SetItems(many(n)); cmd != nil {
		m.Update(cmd()) // built off the event loop, as pages are
	}
	return m
}

// One frame: the cost must not grow with the number of apps.
func BenchmarkView(b *testing.B) {
	for _, p := range []termenv.Profile{termenv.ANSI256, termenv.TrueColor} {
		for _, n := range []int{10_000, 100_000} {
			b.Run(fmt.Sprintf("%s/apps=%d", p.Name(), n), func(b *testing.B) {
				m := loadedModel(b, n, p)
				for _, a := range m.rows.Items()[:n/10] {
					m.rows.Marks().Add(a.ID, a)
				}
				for range n / 2 / 38 {
					m.Update(commontest.Key("pgdown"))
				}
				b.ReportAllocs()
				for b.Loop() {
					_ = m.View()
				}
			})
		}
	}
}

// A filter keystroke at 100k apps: the first letter (every row scanned)
// and the next one (narrowing the previous matches), then ranking.
func BenchmarkFilterKeystroke(b *testing.B) {
	m := loadedModel(b, 100_000, termenv.ANSI256)
	tbl, res, rules := *m.rows.Table(), m.rows.Result(), table.Rules[sourceapps.Row]{Order: m.listDef().Sorter(), Weights: sourceapps.Weights()}
	first := table.Query{Sort: res.Query.Sort, Text: "a"}
	prev := table.Compute(tbl, first, &res, rules)
	b.Run("first/apps=100000", func(b *testing.B) {
		for b.Loop() {
			_ = table.Compute(tbl, first, &res, rules)
		}
	})
	b.Run("next/apps=100000", func(b *testing.B) {
		next := table.Query{Sort: res.Query.Sort, Text: "ap"}
		for b.Loop() {
			_ = table.Compute(tbl, next, &prev, rules)
		}
	})
}

// benchTenant is a standalone sandbox with n apps, each request delayed
// by latency, and a client for it with budget rate (zero: the default).
func benchTenant(b *testing.B, n int, latency time.Duration, rate client.RateLimit) (*sandbox.Server, *client.Client) {
	b.Helper()
	srv, err := sandbox.New(sandbox.Options{Seed: 1, Tokens: 5, Apps: n, RateLimit: rate})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	url, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	admin, _ := srv.Credentials()
	cl, err := client.New(client.Config{BaseURL: url, ClientID: admin.ClientID, ClientSecret: admin.ClientSecret, RateLimit: rate})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := cl.Authenticate(context.Background()); err != nil {
		b.Fatal(err)
	}
	srv.SetFaults(sandbox.Faults{Latency: latency})
	return srv, cl
}

// Loading 10,000 apps (40 pages) with 40 ms of latency: the view's loader
// (first page, then the rest concurrently) against a sequential page
// loop, in the same run. Reported: ms to the first page, ms to all, the
// same for the loop, their ratio, and 429s served.
func BenchmarkLoad10kApps(b *testing.B) {
	// A budget the 40-page loads never reach: b.Loop repeats them, and at
	// the default 100 per 10 s later rounds would measure the pacer.
	srv, cl := benchTenant(b, 10_000, 40*time.Millisecond, client.RateLimit{Requests: 100_000, Per: 10 * time.Second})
	var first, all, seq time.Duration
	for b.Loop() {
		run := &loadRun{seq: 1, ch: make(chan tea.Msg, 64)}
		ctx, cancel := context.WithCancel(context.Background())
		run.cancel = cancel
		start := time.Now()
		go fetchPages(ctx, cl, client.ListAppsOptions{List: client.AppsAll, Limit: pageSize, Count: true}, defaultPageWorkers, run)
		got := 0
		for msg := range run.ch {
			switch msg := msg.(type) {
			case pageMsg:
				if msg.first {
					first += time.Since(start)
				}
				got += len(msg.apps)
			case loadDoneMsg:
				if msg.err != nil {
					b.Fatal(msg.err)
				}
			}
		}
		all += time.Since(start)
		if got != 10_000 {
			b.Fatalf("loaded %d", got)
		}
		start = time.Now()
		loop, err := cl.SourceApps(client.ListAppsOptions{List: client.AppsAll}).All(context.Background())
		if err != nil || len(loop) != 10_000 {
			b.Fatalf("loop: %d, %v", len(loop), err)
		}
		seq += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(float64(first.Milliseconds())/n, "ms-first-page")
	b.ReportMetric(float64(all.Milliseconds())/n, "ms-all")
	b.ReportMetric(float64(seq.Milliseconds())/n, "ms-sequential")
	b.ReportMetric(float64(seq)/float64(all), "x-faster")
	b.ReportMetric(float64(srv.Stats().RateLimited), "429s")
}

// Toggling enabled on 1,000 marked apps: bulk-update in chunks of 50
// against one PATCH per app, in the same run (40 ms latency; a budget
// high enough that the PATCHes are not paced for minutes: at the default
// 100 per 10 s they would take 100 s).
func BenchmarkToggle1000(b *testing.B) {
	rate := client.RateLimit{Requests: 100_000, Per: 10 * time.Second}
	srv, cl := benchTenant(b, 1000, 40*time.Millisecond, rate)
	apps, err := cl.SourceApps(client.ListAppsOptions{List: client.AppsAll}).All(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(apps))
	for i, a := range apps {
		ids[i] = a.ID
	}
	var bulkT, singleT time.Duration
	var bulkReqs, singleReqs int64
	v := false
	for b.Loop() {
		v = !v
		before := srv.Stats().Requests
		start := time.Now()
		sum := chunkedUpdate(cl, &pendingChange{ops: patchdiff.Patch{toggleEnabled.op(v)}})(context.Background(), ids, client.BulkOptions{}, func(client.BulkEvent) {})
		bulkT += time.Since(start)
		bulkReqs += srv.Stats().Requests - before
		if sum.Done != 1000 {
			b.Fatalf("bulk: %+v", sum)
		}
		before = srv.Stats().Requests
		start = time.Now()
		ops := patchdiff.Patch{toggleEnabled.op(!v)}
		single := client.RunBulk(context.Background(), ids, func(ctx context.Context, id string) (client.Outcome, error) {
			_, out, err := cl.PatchSourceAppOutcome(ctx, id, ops)
			return out, err
		}, client.BulkOptions{}, func(client.BulkEvent) {})
		singleT += time.Since(start)
		singleReqs += srv.Stats().Requests - before
		if single.Done != 1000 {
			b.Fatalf("single: %+v", single)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(bulkReqs)/n, "bulk-requests")
	b.ReportMetric(float64(bulkT.Milliseconds())/n, "ms-bulk")
	b.ReportMetric(float64(singleReqs)/n, "patch-requests")
	b.ReportMetric(float64(singleT.Milliseconds())/n, "ms-patches")
}
