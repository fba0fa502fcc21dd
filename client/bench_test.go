package client_test

import (
	"context"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/patchdiff"
)

// Issue 2 benchmark: delete 1,000 tokens against a sandbox limited to
// 100 requests/s with 40 ms latency. The rate-limit ceiling makes 10 s the
// ideal. Run: go test -run '^$' -bench BulkDelete -benchtime 1x ./client/
const (
	benchTokens  = 1000
	benchLatency = 40 * time.Millisecond
)

var benchLimit = client.RateLimit{Requests: 100, Per: time.Second}

type bulkRun struct {
	elapsed         time.Duration
	serverLimited   int64 // 429s the sandbox served
	clientRateWaits int   // 429s the client had to wait out
	failures        int   // failed or skipped items, wrong delete counts
	done, gone      int
}

// runBulkBench starts a fresh sandbox, authenticates, then deletes
// benchTokens tokens either with DeletePATs (concurrent) or one at a time.
func runBulkBench(b *testing.B, concurrent bool) bulkRun {
	return runBulkBenchWith(b, concurrent, false, false)
}

// runBulkBenchWith is runBulkBench with SpreadVersions on or off, deleting
// or (expire) setting every token's expiry.
func runBulkBenchWith(b *testing.B, concurrent, spread, expire bool) bulkRun {
	b.Helper()
	// Expiries here go through the single PATCH whoever owns the token:
	// a tenant that allows an admin that (see BenchmarkExpireOthers for
	// the bulk update).
	srv, base := benchSandbox(b, sandbox.Options{Seed: 42, Tokens: benchTokens + 20, RateLimit: benchLimit,
		Faults: sandbox.Faults{Latency: benchLatency}, LenientOwnerPatch: expire})
	defer srv.Close()
	admin, user := srv.Credentials()
	var ids []string
	for _, p := range srv.PATs() {
		if p.ID != admin.ClientID && p.ID != user.ClientID && len(ids) < benchTokens {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) != benchTokens {
		b.Fatalf("sandbox seeded only %d deletable tokens", len(ids))
	}
	var waits waitRecorder
	c, err := client.New(client.Config{BaseURL: base, ClientID: admin.ClientID, ClientSecret: admin.ClientSecret,
		RateLimit: benchLimit, OnWait: waits.Add, SpreadVersions: spread})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.Authenticate(ctx); err != nil {
		b.Fatal(err)
	}

	var run bulkRun
	start := time.Now()
	switch {
	case expire:
		at := time.Now().Add(14 * 24 * time.Hour).UTC().Format(time.RFC3339)
		patches := map[string]patchdiff.Patch{}
		for _, id := range ids {
			patches[id] = []patchdiff.Op{{Op: "replace", Path: "/expirationDate", Value: []byte(`"` + at + `"`)},
				{Op: "replace", Path: "/userAwareTokenNeverExpires", Value: []byte("false")}}
		}
		sum := c.PatchPATs(ctx, patches, ids, client.BulkOptions{}, nil)
		run.done, run.gone, run.failures = sum.Done, sum.Gone, sum.Failed+sum.Skipped
	case concurrent:
		sum := c.DeletePATs(ctx, ids, client.BulkOptions{}, nil)
		run.done, run.gone, run.failures = sum.Done, sum.Gone, sum.Failed+sum.Skipped
	default:
		for _, id := range ids {
			switch err := c.DeletePAT(ctx, id); {
			case err == nil:
				run.done++
			case client.IsNotFound(err):
				run.gone++
			default:
				run.failures++
			}
		}
	}
	run.elapsed = time.Since(start)
	for _, id := range ids {
		if !expire && srv.DeleteCount(id) != 1 {
			run.failures++
		}
	}
	run.serverLimited = srv.Stats().RateLimited
	run.clientRateWaits = waits.count(client.WaitRateLimited)
	return run
}

func BenchmarkBulkDelete(b *testing.B) {
	ideal := time.Duration(benchTokens/benchLimit.Requests) * benchLimit.Per
	for i := 0; i < b.N; i++ {
		conc := runBulkBench(b, true)
		seq := runBulkBench(b, false)
		ratio := conc.elapsed.Seconds() / ideal.Seconds()
		b.Logf("bulk delete of %d tokens at %s with %v latency (ideal %v):", benchTokens, benchLimit, benchLatency, ideal)
		b.Logf("  concurrent (DeletePATs, 8 workers): %6.2fs  = %.2f× the ceiling; 429s served %d, waited %d; failures %d",
			conc.elapsed.Seconds(), ratio, conc.serverLimited, conc.clientRateWaits, conc.failures)
		b.Logf("  sequential (one DeletePAT at a time): %6.2fs  = %.2f× the ceiling; 429s served %d; failures %d",
			seq.elapsed.Seconds(), seq.elapsed.Seconds()/ideal.Seconds(), seq.serverLimited, seq.failures)
		b.Logf("  concurrent is %.1f× faster than sequential", seq.elapsed.Seconds()/conc.elapsed.Seconds())
		b.ReportMetric(conc.elapsed.Seconds(), "concurrent-s")
		b.ReportMetric(seq.elapsed.Seconds(), "sequential-s")
		b.ReportMetric(ratio, "ratio-vs-ceiling")
		b.ReportMetric(float64(conc.serverLimited+seq.serverLimited), "429s-served")
		b.ReportMetric(float64(conc.failures+seq.failures), "failures")
		b.ReportMetric(0, "ns/op")
	}
}

// Issue 10 benchmarks: the same 1,000 tokens at 100 requests/s per API
// version, 40 ms latency. Expiry with one family against its ceiling
// (goal ≥ 95%), and deletes spread over the six equivalent versions
// (goal ≥ 3× the one-family ceiling), with 0 429s served and 0 failures.
// Run: go test -run '^$' -bench 'BulkExpire|BulkSpread' -benchtime 1x ./client/
func BenchmarkBulkExpire(b *testing.B) {
	ideal := time.Duration(benchTokens/benchLimit.Requests) * benchLimit.Per
	for i := 0; i < b.N; i++ {
		r := runBulkBenchWith(b, true, false, true)
		b.Logf("expiry of %d tokens, one family: %.2fs = %.0f%% of the ceiling's speed; 429s served %d; failures %d",
			benchTokens, r.elapsed.Seconds(), 100*ideal.Seconds()/r.elapsed.Seconds(), r.serverLimited, r.failures)
		b.ReportMetric(r.elapsed.Seconds(), "s")
		b.ReportMetric(100*ideal.Seconds()/r.elapsed.Seconds(), "%-of-ceiling")
		b.ReportMetric(float64(r.serverLimited), "429s-served")
		b.ReportMetric(float64(r.failures), "failures")
		b.ReportMetric(0, "ns/op")
	}
}

func BenchmarkBulkSpread(b *testing.B) {
	ideal := time.Duration(benchTokens/benchLimit.Requests) * benchLimit.Per
	for i := 0; i < b.N; i++ {
		del := runBulkBenchWith(b, true, true, false)
		exp := runBulkBenchWith(b, true, true, true)
		b.Logf("spread over versions, %d tokens (one-family ceiling %v):", benchTokens, ideal)
		b.Logf("  deletes (6 versions): %.2fs = %.1f× the one-family ceiling; 429s served %d; failures %d",
			del.elapsed.Seconds(), ideal.Seconds()/del.elapsed.Seconds(), del.serverLimited, del.failures)
		b.Logf("  expiry (3 versions):  %.2fs = %.1f× the one-family ceiling; 429s served %d; failures %d",
			exp.elapsed.Seconds(), ideal.Seconds()/exp.elapsed.Seconds(), exp.serverLimited, exp.failures)
		b.ReportMetric(ideal.Seconds()/del.elapsed.Seconds(), "delete-x-ceiling")
		b.ReportMetric(ideal.Seconds()/exp.elapsed.Seconds(), "expire-x-ceiling")
		b.ReportMetric(float64(del.serverLimited+exp.serverLimited), "429s-served")
		b.ReportMetric(float64(del.failures+exp.failures), "failures")
		b.ReportMetric(0, "ns/op")
	}
}

// Issue 17 benchmark: expire 1,000 tokens of other owners at the
// documented budget (100 requests / 10 s) with 40 ms latency, through the
// bulk update (25 a request, each request's tokens listed first, as the
// Tokens view runs it) and through today's single PATCH (a lenient
// tenant), in one run. Goal: 40 write requests, at least 10× faster.
// Run: go test -run '^$' -bench ExpireOthers -benchtime 1x ./client/
func BenchmarkExpireOthers(b *testing.B) {
	limit := client.RateLimit{Requests: 100, Per: 10 * time.Second}
	for i := 0; i < b.N; i++ {
		bulk := runExpireOthers(b, limit, true)
		single := runExpireOthers(b, limit, false)
		b.Logf("expiry of %d tokens of other owners at %s, %v latency:", benchTokens, limit, benchLatency)
		b.Logf("  bulk update: %6.2fs, %d writes + %d lists (%d requests); done %d, failures %d",
			bulk.elapsed.Seconds(), bulk.writes, bulk.lists, bulk.requests, bulk.done, bulk.failures)
		b.Logf("  single PATCH: %6.2fs, %d writes (%d requests); done %d, failures %d",
			single.elapsed.Seconds(), single.writes, single.requests, single.done, single.failures)
		b.Logf("  the bulk update is %.1f× faster, with %.0f× fewer writes", single.elapsed.Seconds()/bulk.elapsed.Seconds(),
			float64(single.writes)/float64(bulk.writes))
		b.ReportMetric(bulk.elapsed.Seconds(), "bulk-s")
		b.ReportMetric(single.elapsed.Seconds(), "single-s")
		b.ReportMetric(float64(bulk.writes), "bulk-writes")
		b.ReportMetric(float64(bulk.requests), "bulk-requests")
		b.ReportMetric(float64(single.requests), "single-requests")
		b.ReportMetric(single.elapsed.Seconds()/bulk.elapsed.Seconds(), "speedup")
		b.ReportMetric(float64(bulk.failures+single.failures), "failures")
		b.ReportMetric(0, "ns/op")
	}
}

type expireRun struct {
	elapsed                 time.Duration
	writes, lists, requests int64
	done, failures          int
}

// runExpireOthers sets the expiry of benchTokens tokens the admin does not
// own, through the bulk update or the single PATCH.
func runExpireOthers(b *testing.B, limit client.RateLimit, bulk bool) expireRun {
	b.Helper()
	srv, base := benchSandbox(b, sandbox.Options{Seed: 42, Tokens: benchTokens + 400, RateLimit: limit,
		Faults: sandbox.Faults{Latency: benchLatency}, LenientOwnerPatch: !bulk})
	defer srv.Close()
	admin, _ := srv.Credentials()
	var ids []string
	for _, p := range srv.PATs() {
		if p.Owner.ID != admin.IdentityID && !p.Managed && len(ids) < benchTokens {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) != benchTokens {
		b.Fatalf("sandbox seeded only %d tokens of other owners", len(ids))
	}
	c, err := client.New(client.Config{BaseURL: base, ClientID: admin.ClientID, ClientSecret: admin.ClientSecret, RateLimit: limit})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.Authenticate(ctx); err != nil {
		b.Fatal(err)
	}
	at := []byte(`"` + time.Now().Add(14*24*time.Hour).UTC().Format(time.RFC3339) + `"`)
	patch := patchdiff.Patch{{Op: "replace", Path: "/expirationDate", Value: at}, {Op: "replace", Path: "/userAwareTokenNeverExpires", Value: []byte("false")}}
	var r expireRun
	before := srv.Stats().Requests
	start := time.Now()
	var sum client.BulkSummary
	if bulk {
		sum = client.RunChunks(ctx, ids, client.Chunked{
			Size: client.MaxPATBulkUpdate,
			Check: func(ctx context.Context, _ []string) (map[string]error, error) {
				r.lists++
				_, err := c.ListPATs(ctx, client.ListPATsOptions{})
				return nil, err
			},
			Send: func(ctx context.Context, ids []string) (client.Outcome, map[string]error, error) {
				r.writes++
				_, out, err := c.BulkUpdatePATs(ctx, client.PATBulkUpdate{IDs: ids, Patch: patch})
				return out, nil, err
			},
		}, client.BulkOptions{}, nil)
	} else {
		patches := map[string]patchdiff.Patch{}
		for _, id := range ids {
			patches[id] = patch
		}
		r.writes = int64(len(ids))
		sum = c.PatchPATs(ctx, patches, ids, client.BulkOptions{}, nil)
	}
	r.elapsed = time.Since(start)
	r.requests = srv.Stats().Requests - before
	r.done, r.failures = sum.Done, sum.Total()-sum.Done
	return r
}

// benchSandbox is a listening sandbox for a benchmark; the caller closes it.
func benchSandbox(b *testing.B, opts sandbox.Options) (*sandbox.Server, string) {
	b.Helper()
	srv, err := sandbox.New(opts)
	if err != nil {
		b.Fatal(err)
	}
	base, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	return srv, base
}
