package tokens

import (
	"fmt"
	"runtime"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/pats/patstest"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
)

var benchSizes = []int{1_000, 10_000, 100_000}

// benchProfiles are the colour profiles the app really runs with: most
// terminals report 256 colours, modern ones true colour.
var benchProfiles = []termenv.Profile{termenv.ANSI256, termenv.TrueColor}

// loadedModel is a view at 120×40 with n generated tokens, loaded the way
// a list response is (rows built and sorted outside Update), drawn with
// the default theme in profile p.
func loadedModel(b *testing.B, n int, p termenv.Profile) *Model {
	b.Helper()
	toks := patstest.Generate(n, 42, testNow)
	m := New(commontest.Common(p, clock), Options{})
	m.SetSize(120, 40)
	m.loadSeq = 1
	if cmd := m.applyLoaded(loadedMsg{seq: 1, toks: toks}); cmd != nil {
		drainBench(m, cmd) // built off the event loop, as a list response is
	}
	return m
}

// One frame: the cost must not grow with the number of tokens.
func BenchmarkView(b *testing.B) {
	for _, p := range benchProfiles {
		for _, n := range benchSizes {
			for _, grouped := range []bool{false, true} {
				name := fmt.Sprintf("%s/tokens=%d", p.Name(), n)
				if grouped {
					name += "/grouped"
				}
				b.Run(name, func(b *testing.B) {
					m := loadedModel(b, n, p)
					if grouped { // one header per owner, counts of marks included
						drainBench(m, m.rows.ToggleGrouping())
						for _, t := range m.rows.Items()[:n/10] {
							m.rows.Marks().Add(t.ID, t)
						}
					}
					m.rows.MoveTo(len(m.rows.Result().Entries) / 2) // somewhere in the middle
					b.ReportAllocs()
					for b.Loop() {
						_ = m.View()
					}
				})
			}
		}
	}
}

// One filter keystroke: "first" is the first letter typed (every field is
// scanned); "next" extends a query (only the previous matches are scanned).
func BenchmarkFilterKeystroke(b *testing.B) {
	for _, n := range benchSizes {
		tbl := pats.BuildRows(patstest.Generate(n, 42, testNow), testNow, stale.DefaultAfter)
		base := pats.Compute(tbl, table.Query{Sort: pats.DefaultSort()}, nil)
		b.Run(fmt.Sprintf("first/tokens=%d", n), func(b *testing.B) {
			q := table.Query{Text: "s", Sort: pats.DefaultSort()}
			for b.Loop() {
				_ = pats.Compute(tbl, q, &base)
			}
		})
		prev := pats.Compute(tbl, table.Query{Text: "svc", Sort: pats.DefaultSort()}, &base)
		b.Run(fmt.Sprintf("next/tokens=%d", n), func(b *testing.B) {
			q := table.Query{Text: "svc-", Sort: pats.DefaultSort()}
			for b.Loop() {
				_ = pats.Compute(tbl, q, &prev)
			}
		})
		b.Run(fmt.Sprintf("stale-toggle/tokens=%d", n), func(b *testing.B) {
			q := table.Query{Only: true, Sort: pats.DefaultSort()}
			for b.Loop() {
				_ = pats.Compute(tbl, q, &base)
			}
		})
	}
}

// A sort by a text column and by a time column.
func BenchmarkSort(b *testing.B) {
	for _, n := range benchSizes {
		rows := pats.BuildRows(patstest.Generate(n, 42, testNow), testNow, stale.DefaultAfter).Rows
		for _, col := range []pats.Column{pats.ColName, pats.ColLastUsed} {
			b.Run(fmt.Sprintf("%s/tokens=%d", specs()[col].title, n), func(b *testing.B) {
				for b.Loop() {
					_ = pats.SortedOrder(rows, table.Sort{Col: int(col), Desc: true})
				}
			})
		}
	}
}

// Memory of the loaded list: the decoded tokens plus the derived rows,
// field index and sort order, per token.
func BenchmarkLoadedMemory(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("tokens=%d", n), func(b *testing.B) {
			var perToken, derived float64
			for b.Loop() {
				runtime.GC()
				var m0, m1, m2 runtime.MemStats
				runtime.ReadMemStats(&m0)
				toks := patstest.Generate(n, 42, testNow)
				runtime.GC()
				runtime.ReadMemStats(&m1)
				tbl := pats.BuildRows(toks, testNow, stale.DefaultAfter)
				res := pats.Compute(tbl, table.Query{Sort: pats.DefaultSort()}, nil)
				runtime.GC()
				runtime.ReadMemStats(&m2)
				perToken = float64(m2.HeapAlloc-m0.HeapAlloc) / float64(n)
				derived = float64(m2.HeapAlloc-m1.HeapAlloc) / float64(n)
				runtime.KeepAlive(toks)
				runtime.KeepAlive(res)
				runtime.KeepAlive(tbl)
			}
			b.ReportMetric(perToken, "bytes/token")
			b.ReportMetric(derived, "derived-bytes/token")
		})
	}
}

// Turning a list response into rows (sanitize, keys, ranks, stale rule,
// first sort) — done once per load, inside the load's tea.Cmd.
func BenchmarkBuildRows(b *testing.B) {
	for _, n := range benchSizes {
		toks := patstest.Generate(n, 42, testNow)
		b.Run(fmt.Sprintf("tokens=%d", n), func(b *testing.B) {
			for b.Loop() {
				tbl := pats.BuildRows(toks, testNow, stale.DefaultAfter)
				_ = pats.Compute(tbl, table.Query{Sort: pats.DefaultSort()}, nil)
			}
		})
	}
}

// drainBench runs cmd's messages through the view, as the program would.
func drainBench(m *Model, cmd tea.Cmd) {
	commontest.Drain(cmd, m.Update, nil)
}
