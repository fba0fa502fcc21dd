package owners

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
)

// The owners of a large tenant's tokens read at the documented budget
// (100 requests per 10 s) with 40 ms of latency: about 2,000 owners (a
// 20,000-token seed's workforce). Reported: requests sent, seconds until
// every owner's state is known, owners read.
func BenchmarkLookup2000Owners(b *testing.B) {
	rate := client.RateLimit{Requests: 100, Per: 10 * time.Second}
	srv, err := sandbox.New(sandbox.Options{Seed: 1, Tokens: 20_000, Apps: -1, Clients: -1, RateLimit: rate})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	url, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	admin, _ := srv.Credentials()
	hc := &http.Client{}
	b.Cleanup(hc.CloseIdleConnections)
	cl, err := client.New(client.Config{BaseURL: url, ClientID: admin.ClientID, ClientSecret: admin.ClientSecret, RateLimit: rate, HTTPClient: hc})
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	seen := map[string]bool{}
	for _, p := range srv.PATs() {
		if !seen[p.Owner.ID] && len(ids) < 2000 {
			seen[p.Owner.ID] = true
			ids = append(ids, p.Owner.ID)
		}
	}
	ctx := context.Background()
	if _, err := cl.Authenticate(ctx); err != nil {
		b.Fatal(err)
	}
	srv.SetFaults(sandbox.Faults{Latency: 40 * time.Millisecond})
	var elapsed time.Duration
	var reqs int64
	for b.Loop() {
		before := srv.Stats().Requests
		start := time.Now()
		got, err := Lookup(ctx, cl, ids)
		elapsed += time.Since(start)
		reqs += srv.Stats().Requests - before
		if err != nil || len(got) != len(ids) {
			b.Fatalf("read %d of %d: %v", len(got), len(ids), err)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(reqs)/n, "requests")
	b.ReportMetric(elapsed.Seconds()/n, "s-complete")
	b.ReportMetric(float64(len(ids)), "owners")
}
