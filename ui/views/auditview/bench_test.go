package auditview

import (
	"fmt"
	"testing"
	"time"

	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/audit"
)

// BenchmarkFilterKeystroke100k is one filter keystroke over a log of
// 100,000 entries (a year of large cleanups).
func BenchmarkFilterKeystroke100k(b *testing.B) {
	lines := make([]audit.Line, 100_000)
	results := []audit.Result{audit.ResultIntent, audit.ResultDeleted, audit.ResultFailed, audit.ResultPatched}
	for i := range lines {
		lines[i] = audit.Line{N: i + 1, Entry: audit.Entry{Time: time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC),
			Action: audit.ActionDeletePAT, Kind: audit.KindPAT, ResourceID: fmt.Sprintf("%032x", i), Name: fmt.Sprintf("token %d", i),
			OwnerName: "owner", Result: results[i%4], Status: 204, TrackingID: fmt.Sprintf("trk%d", i)}}
	}
	m := New(commontest.Common(termenv.Ascii, time.Now), Options{Path: "x", Scan: func(string) ([]audit.Line, error) { return lines, nil }})
	m.SetSize(120, 40)
	feed(m, m.Init())
	b.ReportAllocs()
	q := m.rows.Query()
	for b.Loop() {
		q.Text = "result:fail"
		feed(m, m.rows.SetQuery(q))
		q.Text = "token 99"
		feed(m, m.rows.SetQuery(q))
	}
}
