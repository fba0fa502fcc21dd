package tokens

import (
	"context"
	"net/http"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/widgets/ownerbook"
)

// The first frame of 10,000 tokens with and without the owners' states
// (at 100 requests per 10 s and 40 ms of latency): the states are read
// after the list, so the list shows as soon either way. Reported: ms to
// the first frame without owners and with, their ratio, ms until the
// owner column is complete, ms until the admin flags are (one auth-user
// read per owner of an all-powerful token, paced), and the requests of a
// start with owners. Run it once: -benchtime 1x.
func BenchmarkFirstFrameWithOwners(b *testing.B) {
	rate := client.RateLimit{Requests: 100, Per: 10 * time.Second}
	srv, err := sandbox.New(sandbox.Options{Seed: 1, Tokens: 10_000, Apps: -1, Clients: -1, RateLimit: rate})
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
	cl, err := client.New(client.Config{BaseURL: url, ClientID: admin.ClientID, ClientSecret: admin.ClientSecret,
		RateLimit: rate, HTTPClient: hc})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := cl.Authenticate(context.Background()); err != nil {
		b.Fatal(err)
	}
	srv.SetFaults(sandbox.Faults{Latency: 40 * time.Millisecond})
	run := func(owners bool) (first, states, caps time.Duration) {
		o := Options{Service: cl}
		if owners {
			o.Owners = cl
		}
		m := New(commontest.Common(termenv.ANSI256, time.Now), o)
		m.SetSize(120, 40)
		start := time.Now()
		commontest.Drain(m.Init(), m.Update, func(msg tea.Msg) {
			switch msg.(type) {
			case loadedMsg:
				first = time.Since(start) // the next frame shows the list
			case ownerbook.Msg:
				if msg.(ownerbook.Msg).Caps {
					caps = time.Since(start)
				} else {
					states = time.Since(start)
				}
			}
		})
		return first, states, caps
	}
	var without, with, states, caps time.Duration
	var reqs int64
	for b.Loop() {
		w, _, _ := run(false)
		before := srv.Stats().Requests
		f, s, c := run(true)
		reqs += srv.Stats().Requests - before
		without, with, states, caps = without+w, with+f, states+s, caps+c
	}
	n := float64(b.N)
	b.ReportMetric(float64(without.Milliseconds())/n, "ms-first-frame")
	b.ReportMetric(float64(with.Milliseconds())/n, "ms-first-frame-owners")
	b.ReportMetric(float64(with)/float64(without), "ratio")
	b.ReportMetric(float64(states.Milliseconds())/n, "ms-owner-column-complete")
	b.ReportMetric(float64(caps.Milliseconds())/n, "ms-admin-flags-complete")
	b.ReportMetric(float64(reqs)/n, "requests-with-owners")
}
