package plan

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/sailtui/sailtui/ui/data/report"
)

// benchPlan writes a plan of n tokens in format f, as X writes it.
func benchPlan(b *testing.B, f report.Format, n int) string {
	b.Helper()
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{fmt.Sprintf("2c9180835d2e5168015d32f8%08x", i), fmt.Sprintf("integration token number %d", i),
			fmt.Sprintf("2c9180835d2e5168015d32f9%08x", i%500), fmt.Sprintf("Owner Name %d", i%500), at(i % 400), i%10 == 0}
	}
	path := filepath.Join(b.TempDir(), "plan."+string(f))
	if err := report.Save(path, report.Table{Columns: []string{"id", "name", "owner_id", "owner_name", "last_used", "managed"}, Rows: rows}); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkLoad reads a 250,000-token plan. peak-heap-MB is the most
// heap in use while it loads (sampled), live-MB what the plan keeps:
// loading should take little more than the items themselves, not a
// multiple of the file.
func BenchmarkLoad(b *testing.B) {
	for _, f := range []report.Format{report.CSV, report.JSON} {
		b.Run(string(f), func(b *testing.B) {
			path := benchPlan(b, f, 250_000)
			b.ReportAllocs()
			b.ResetTimer()
			var peak, live uint64
			for range b.N {
				runtime.GC()
				stop := samplePeak(&peak)
				p, err := Load(path)
				stop()
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				live = max(live, ms.HeapAlloc)
				runtime.KeepAlive(p)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(live)/(1<<20), "live-MB")
		})
	}
}

// samplePeak records the largest HeapAlloc seen until stop is called.
func samplePeak(peak *uint64) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			*peak = max(*peak, ms.HeapAlloc)
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-finished }
}
