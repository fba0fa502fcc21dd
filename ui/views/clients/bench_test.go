package clients

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

// generated is n API clients as a large tenant has them.
func generated(n int) []client.OAuthClient {
	out := make([]client.OAuthClient, n)
	for i := range out {
		desc := fmt.Sprintf("integration %d", i)
		out[i] = client.OAuthClient{ID: fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i), Name: fmt.Sprintf("integration client %06d", i),
			Description: &desc, AccessTokenValiditySeconds: 3600, GrantTypes: []string{client.GrantClientCredentials},
			AccessType: client.AccessOffline, Enabled: i%9 != 0, Internal: i%31 == 0, Scope: []string{"idn:sources:read", "idn:identities:read"},
			Created: testNow.AddDate(0, 0, -i%1500), Modified: testNow.AddDate(0, 0, -i%300)}
		if i%4 != 0 {
			t := testNow.AddDate(0, 0, -i%400)
			out[i].LastUsed = &t
		}
	}
	return out
}

// One frame at 120×40 with 10,000 clients (a tenth marked, scrolled to
// the middle): the goal is under 2 ms, whatever the count.
func BenchmarkView10k(b *testing.B) {
	for _, p := range []termenv.Profile{termenv.ANSI256, termenv.TrueColor} {
		b.Run(p.Name(), func(b *testing.B) {
			m := New(commontest.Common(p, clock), Options{})
			m.SetSize(120, 40)
			m.loaded = true
			if cmd := m.rows.SetItems(generated(10_000)); cmd != nil {
				m.Update(cmd())
			}
			for _, c := range m.rows.Items()[:1000] {
				m.rows.Marks().Add(c.ID, c)
			}
			for range 10_000 / 2 / 38 {
				m.Update(commontest.Key("pgdown"))
			}
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// Disabling 1,000 clients on one family at the documented budget (100
// requests per 10 s) with 40 ms of latency: the run's guarded PATCHes,
// as x sends them. Reported: seconds, the share of the budget's ceiling
// used (1,000 requests at 10 per second), and 429s served (goal 0).
// Takes about 100 s: run it on its own (-bench Disable1000 -benchtime 1x).
func BenchmarkDisable1000(b *testing.B) {
	rate := client.RateLimit{Requests: 100, Per: 10 * time.Second}
	srv, err := sandbox.New(sandbox.Options{Seed: 1, Tokens: 5, Apps: -1, Clients: 1000, RateLimit: rate})
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
	ctx := context.Background()
	all, err := cl.ListOAuthClients(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	// Every seeded client enabled first, through another family's budget
	// (the budget is per client id and API family), so all 1,000 are
	// disabled on v1.
	setup, err := client.New(client.Config{BaseURL: url, ClientID: admin.ClientID, ClientSecret: admin.ClientSecret, RateLimit: rate,
		Family: client.FamilyV2025})
	if err != nil {
		b.Fatal(err)
	}
	ids, off := make([]string, len(all)), []string{}
	for i, c := range all {
		ids[i] = c.ID
		if !c.Enabled {
			off = append(off, c.ID)
		}
	}
	m := New(commontest.Common(termenv.Ascii, time.Now), Options{Service: cl})
	if sum := New(commontest.Common(termenv.Ascii, time.Now), Options{Service: setup}).enabledSpec(true).Run(ctx, off, client.BulkOptions{},
		func(client.BulkEvent) {}); sum.Done != len(off) {
		b.Fatalf("setup enabled %d of %d", sum.Done, len(off))
	}
	srv.SetFaults(sandbox.Faults{Latency: 40 * time.Millisecond})
	var elapsed time.Duration
	var limited int64
	v := false // a later round enables them again: the same guarded PATCHes
	for b.Loop() {
		before := srv.Stats().RateLimited
		start := time.Now()
		sum := m.enabledSpec(v).Run(ctx, ids, client.BulkOptions{}, func(client.BulkEvent) {})
		elapsed += time.Since(start)
		limited += srv.Stats().RateLimited - before
		if sum.Done != len(ids) {
			b.Fatalf("changed %d of %d: %+v", sum.Done, len(ids), sum)
		}
		v = !v
	}
	secs := elapsed.Seconds() / float64(b.N)
	ceiling := float64(rate.Requests) / rate.Per.Seconds()
	b.ReportMetric(secs, "s")
	b.ReportMetric(float64(len(ids))/secs/ceiling*100, "%-of-ceiling")
	b.ReportMetric(float64(limited)/float64(b.N), "429s")
	b.ReportMetric(float64(len(ids)), "clients")
}
