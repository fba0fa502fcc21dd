package progress

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

var t0 = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// fakeClock is the injected clock; tests move it by hand.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time          { return c.now }
func (c *fakeClock) Advance(d time.Duration) { c.now = c.now.Add(d) }

func newPanel(t *testing.T, profile termenv.Profile, n int) (Model, *fakeClock) {
	t.Helper()
	clk := &fakeClock{now: t0}
	c := commontest.Common(profile, clk.Now)
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{ID: fmt.Sprintf("id%02d", i), Name: fmt.Sprintf("token-%02d", i)}
	}
	if n > 3 {
		items[3].Name = "evil\x1b]52;c;AAAA\atoken" // server text must be sanitized
	}
	m := New(c, fmt.Sprintf("Deleting %d tokens", n), items)
	m.SetSize(90, 20)
	return m, clk
}

func ev(m Model, i int, s client.ItemState, err error) ItemMsg {
	return ItemMsg{Event: client.BulkEvent{Index: i, ID: m.rows[i].id, State: s, Err: err}}
}

func apiErr(status int, msg, trk string) error {
	return &client.APIError{Status: status, Method: "DELETE", Path: "/x", TrackingID: trk,
		Messages: []client.ErrorMessage{{Text: msg}}}
}

func apply(t *testing.T, m Model, msgs ...tea.Msg) Model {
	t.Helper()
	for _, msg := range msgs {
		m, _ = m.Update(msg)
	}
	return m
}

// midRun: 4 deleted, 1 gone, 2 failed, 2 deleting, rest queued.
func midRun(t *testing.T, m Model) Model {
	return apply(t, m,
		ev(m, 0, client.ItemRunning, nil), ev(m, 0, client.ItemDone, nil),
		ev(m, 1, client.ItemDone, nil), ev(m, 2, client.ItemDone, nil), ev(m, 3, client.ItemDone, nil),
		ev(m, 4, client.ItemGone, nil),
		ev(m, 5, client.ItemFailed, apiErr(403, "The caller does not have the right to delete this token.", "trk-5a1")),
		ev(m, 6, client.ItemFailed, errors.New("dial tcp 127.0.0.1:1: connection refused")),
		ev(m, 7, client.ItemRunning, nil), ev(m, 8, client.ItemRunning, nil),
	)
}

func TestCounts(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 12)
	m = midRun(t, m)
	want := map[client.ItemState]int{client.ItemDone: 4, client.ItemGone: 1, client.ItemFailed: 2,
		client.ItemRunning: 2, client.ItemQueued: 3, client.ItemSkipped: 0}
	for s, n := range want {
		if got := m.Count(s); got != n {
			t.Errorf("%v: %d, want %d", s, got, n)
		}
	}
	if m.Completed() != 7 {
		t.Errorf("completed = %d", m.Completed())
	}
	if r := m.rows[5]; r.status != 403 || r.trackingID != "trk-5a1" || !strings.Contains(r.message, "right to delete") {
		t.Errorf("failure details not kept: %+v", r)
	}
}

func TestLateEventDoesNotReopenFinalState(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 3)
	m = apply(t, m, ev(m, 1, client.ItemDone, nil), ev(m, 1, client.ItemRunning, nil))
	if m.rows[1].state != client.ItemDone || m.Count(client.ItemRunning) != 0 {
		t.Fatalf("state = %v", m.rows[1].state)
	}
	// Unknown ids and bad indexes are ignored; a wrong Index falls back to the id.
	m = apply(t, m, ItemMsg{Event: client.BulkEvent{Index: 99, ID: "nope", State: client.ItemDone}},
		ItemMsg{Event: client.BulkEvent{Index: 0, ID: "id02", State: client.ItemGone}})
	if m.rows[2].state != client.ItemGone || m.rows[0].state != client.ItemQueued || m.Completed() != 2 {
		t.Fatalf("rows = %+v", m.rows)
	}
}

func TestEscCancelsOnceThenCloseAfterFinish(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 3)
	m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if cmd == nil {
		t.Fatal("esc sent nothing")
	}
	if _, ok := cmd().(CancelMsg); !ok || !m.Cancelling() {
		t.Fatal("esc must send CancelMsg and show cancelling")
	}
	if !strings.Contains(m.View(), "Cancelling: in-flight requests finish, queued ones stop.") {
		t.Fatal("no cancelling notice")
	}
	m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if cmd != nil {
		t.Fatal("second esc while cancelling must not send anything")
	}
	m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if cmd != nil {
		t.Fatal("enter must not close before the run finished")
	}
	m = apply(t, m, FinishedMsg{Summary: client.BulkSummary{Skipped: 3}})
	m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if cmd == nil {
		t.Fatal("enter after finish did not close")
	}
	if msg, ok := cmd().(ClosedMsg); !ok || msg.Summary.Skipped != 3 {
		t.Fatalf("got %#v", cmd())
	}
	if _, cmd = m.Update(tea.KeyMsg{Type: tea.KeyEsc}); cmd != nil {
		t.Fatal("closed twice")
	}
}

func TestCountdownTicksUntilDeadline(t *testing.T) {
	m, clk := newPanel(t, termenv.Ascii, 3)
	until := t0.Add(2500 * time.Millisecond)
	m, cmd := m.Update(WaitMsg{client.WaitEvent{Reason: client.WaitRateLimited, Until: until, Attempt: 2}})
	if cmd == nil {
		t.Fatal("no tick started")
	}
	if !strings.Contains(m.View(), "resuming in 3s (attempt 2)") {
		t.Fatalf("countdown missing:\n%s", m.View())
	}
	// A second wait while ticking extends the deadline but starts no second chain.
	m, cmd2 := m.Update(WaitMsg{client.WaitEvent{Reason: client.WaitRateLimited, Until: until.Add(time.Second), Attempt: 2}})
	if cmd2 != nil {
		t.Fatal("second tick chain started")
	}
	tick := tickMsg{tag: m.tag, seq: m.seq}
	clk.Advance(1500 * time.Millisecond)
	m, cmd = m.Update(tick)
	if cmd == nil || !strings.Contains(m.View(), "resuming in 2s") {
		t.Fatalf("tick did not continue:\n%s", m.View())
	}
	// A tick from another panel is ignored.
	other := tickMsg{tag: new(int), seq: m.seq}
	if _, c := m.Update(other); c != nil {
		t.Fatal("foreign tick re-armed the countdown")
	}
	clk.Advance(2 * time.Second)
	m, cmd = m.Update(tick)
	if cmd != nil {
		t.Fatal("tick continued past the deadline")
	}
	if _, waiting := m.Waiting(); waiting || strings.Contains(m.View(), "resuming") {
		t.Fatal("countdown still shown after the deadline")
	}
}

func TestWaitInThePastIgnored(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 1)
	m, cmd := m.Update(WaitMsg{client.WaitEvent{Reason: client.WaitPacing, Until: t0.Add(-time.Second)}})
	if cmd != nil {
		t.Fatal("expired wait started a tick")
	}
	if _, ok := m.Waiting(); ok {
		t.Fatal("expired wait recorded")
	}
}

func TestScrollAndFailedOnly(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 40)
	m = midRun(t, m)
	for range 50 {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	}
	v := m.View()
	if !strings.Contains(v, "token-39") || strings.Contains(v, "token-00") {
		t.Fatalf("did not scroll to the end:\n%s", v)
	}
	if lines := strings.Count(v, "\n") + 1; lines != 20 {
		t.Fatalf("view has %d lines, want 20", lines)
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("f")})
	v = m.View()
	if !strings.Contains(v, "token-05") || !strings.Contains(v, "token-06") || strings.Contains(v, "token-01") {
		t.Fatalf("failed-only list wrong:\n%s", v)
	}
	if !strings.Contains(v, "1–2 of 2 failures") {
		t.Fatalf("position line:\n%s", v)
	}
}

func TestFollowKeepsLatestInView(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 40)
	m = apply(t, m, ev(m, 30, client.ItemRunning, nil))
	if v := m.View(); !strings.Contains(v, "token-30") {
		t.Fatalf("latest change not followed:\n%s", v)
	}
}

func TestSanitizesNames(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 5)
	if strings.ContainsRune(m.View(), '\x1b') {
		t.Fatal("escape sequence from a token name reached the view")
	}
}

// The panel consumes what the real bulk executor emits.
func TestWithRunBulk(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 6)
	ids := make([]string, 6)
	for i := range ids {
		ids[i] = m.rows[i].id
	}
	var events []client.BulkEvent
	ch := make(chan client.BulkEvent, 64)
	sum := client.RunBulk(context.Background(), ids, client.ErrOnly(func(_ context.Context, id string) error {
		switch id {
		case "id01":
			return &client.APIError{Status: 404}
		case "id02":
			return apiErr(500, "boom", "trk")
		}
		return nil
	}), client.BulkOptions{Concurrency: 2}, func(e client.BulkEvent) { ch <- e })
	close(ch)
	for e := range ch {
		events = append(events, e)
	}
	for _, e := range events {
		m = apply(t, m, ItemMsg{Event: e})
	}
	m = apply(t, m, FinishedMsg{Summary: sum, AuditPath: "/state/sailtui/audit.jsonl"})
	if m.Count(client.ItemDone) != sum.Done || m.Count(client.ItemGone) != sum.Gone || m.Count(client.ItemFailed) != sum.Failed {
		t.Fatalf("panel %v/%v/%v vs summary %+v", m.Count(client.ItemDone), m.Count(client.ItemGone), m.Count(client.ItemFailed), sum)
	}
	if sum.Done != 4 || sum.Gone != 1 || sum.Failed != 1 {
		t.Fatalf("summary %+v", sum)
	}
}

func TestViewMidRun(t *testing.T) {
	m, clk := newPanel(t, termenv.ANSI256, 12)
	m = midRun(t, m)
	clk.Advance(7 * time.Second)
	m = apply(t, m, WaitMsg{client.WaitEvent{Reason: client.WaitRateLimited, Until: clk.now.Add(4200 * time.Millisecond), Attempt: 2}})
	golden.RequireEqual(t, m.View())
}

func TestViewMidRunAscii(t *testing.T) {
	m, clk := newPanel(t, termenv.Ascii, 12)
	m = midRun(t, m)
	clk.Advance(7 * time.Second)
	m = apply(t, m, WaitMsg{client.WaitEvent{Reason: client.WaitRateLimited, Until: clk.now.Add(4200 * time.Millisecond), Attempt: 2}})
	golden.RequireEqual(t, m.View())
}

func TestViewSummary(t *testing.T) {
	m, clk := newPanel(t, termenv.Ascii, 12)
	m = midRun(t, m)
	m = apply(t, m, ev(m, 7, client.ItemDone, nil), ev(m, 8, client.ItemDone, nil),
		ev(m, 9, client.ItemSkipped, nil), ev(m, 10, client.ItemSkipped, nil), ev(m, 11, client.ItemSkipped, nil))
	clk.Advance(90 * time.Second)
	m = apply(t, m, FinishedMsg{Summary: client.BulkSummary{Done: 6, Gone: 1, Failed: 2, Skipped: 3, Elapsed: 83 * time.Second},
		AuditPath: "/home/ada/.local/state/sailtui/audit.jsonl"})
	golden.RequireEqual(t, m.View())
}

func TestListen(t *testing.T) {
	ch := make(chan tea.Msg, 2)
	ch <- WaitMsg{}
	close(ch)
	if _, ok := Listen(ch)().(WaitMsg); !ok {
		t.Fatal("first message not delivered")
	}
	if msg := Listen(ch)(); msg != nil {
		t.Fatalf("closed channel gave %#v", msg)
	}
}

// BenchmarkView: one frame of a 100k-item run costs the same as a small one
// because only visible rows are drawn, and name and owner widths were
// measured once in New.
func BenchmarkView(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			c := commontest.Common(termenv.ANSI256, func() time.Time { return t0 })
			items := make([]Item, n)
			for i := range items {
				items[i] = Item{ID: fmt.Sprint(i), Name: fmt.Sprintf("token-%d", i), Owner: fmt.Sprintf("Owner %d 田中", i%97)}
			}
			m := New(c, "bench", items)
			m.SetSize(120, 40)
			for i := 0; i < n/2; i++ {
				m, _ = m.Update(ItemMsg{Event: client.BulkEvent{Index: i, ID: fmt.Sprint(i), State: client.ItemDone}})
			}
			b.ResetTimer()
			for range b.N {
				_ = m.View()
			}
		})
	}
}

func TestHeaderHeightMatchesHeader(t *testing.T) {
	m, clk := newPanel(t, termenv.Ascii, 5)
	check := func(when string) {
		t.Helper()
		if got, want := m.headerHeight(), len(m.headerLines()); got != want {
			t.Fatalf("%s: headerHeight %d, header has %d lines", when, got, want)
		}
	}
	check("start")
	m = apply(t, m, WaitMsg{client.WaitEvent{Reason: client.WaitBackoff, Until: clk.now.Add(3 * time.Second), Attempt: 1}})
	check("waiting")
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	check("cancelling")
	m = apply(t, m, FinishedMsg{AuditPath: "/a", Err: errors.New("audit: disk full")})
	check("finished")
	if !strings.Contains(m.View(), "audit: disk full") {
		t.Fatal("run error not shown")
	}
}

// A wait the client reports cancelled (the run was cancelled mid-wait)
// stops the countdown at once instead of running on to its deadline.
func TestCancelledWaitStopsCountdown(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 3)
	ev := client.WaitEvent{Reason: client.WaitPacing, Until: t0.Add(7 * time.Second), Attempt: 1}
	m, _ = m.Update(WaitMsg{ev})
	if _, waiting := m.Waiting(); !waiting {
		t.Fatal("wait not shown")
	}
	ev.Cancelled = true
	m, _ = m.Update(WaitMsg{ev})
	if _, waiting := m.Waiting(); waiting {
		t.Fatalf("countdown still shown after the wait was cancelled:\n%s", m.View())
	}
}

// After a run with failures, t retries exactly the items that failed or
// whose outcome stayed unknown; it is offered only then.
func TestRetryFailedItems(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 12)
	m = midRun(t, m)
	m = apply(t, m, ev(m, 7, client.ItemDone, nil), ev(m, 8, client.ItemUnknown, errors.New("500; checking failed")),
		ev(m, 9, client.ItemDone, nil), ev(m, 10, client.ItemSkipped, nil), ev(m, 11, client.ItemDone, nil))
	if m.KeyMap().Retry.Enabled() {
		t.Fatal("retry offered before the run finished")
	}
	m = apply(t, m, FinishedMsg{Summary: client.BulkSummary{Done: 8, Gone: 1, Failed: 2, Unknown: 1, Skipped: 1}})
	if !m.KeyMap().Retry.Enabled() {
		t.Fatal("retry not offered after failures")
	}
	m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("t")})
	if cmd == nil {
		t.Fatal("t did nothing")
	}
	msg, ok := cmd().(RetryMsg)
	if !ok || strings.Join(msg.IDs, ",") != "id05,id06,id08" {
		t.Fatalf("retry %#v, want exactly the two failed and the unknown one", msg)
	}
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("t")}); cmd != nil {
		t.Fatal("a second t sent another retry")
	}
}

// The panel follows the work, not the end of the queue: with every item
// queued at once (as RunBulk reports them), the first requests in flight
// are on screen, then later ones as the run moves on; the user's scroll
// stops the following, and ↓ is not offered at the bottom.
func TestFollowsTheWorkInFlight(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 60)
	var msgs []tea.Msg
	for i := range 60 {
		msgs = append(msgs, ev(m, i, client.ItemQueued, nil))
	}
	for i := range 8 {
		msgs = append(msgs, ev(m, i, client.ItemRunning, nil))
	}
	m = apply(t, m, msgs...)
	if v := m.View(); !strings.Contains(v, "token-00") || strings.Contains(v, "token-59") {
		t.Fatalf("start of the run not in view:\n%s", v)
	}
	msgs = nil
	for i := range 30 {
		msgs = append(msgs, ev(m, i, client.ItemDone, nil))
	}
	for i := 30; i < 38; i++ {
		msgs = append(msgs, ev(m, i, client.ItemRunning, nil))
	}
	m = apply(t, m, msgs...)
	v := m.View()
	if !strings.Contains(v, "token-30") || !strings.Contains(v, "token-37") || strings.Contains(v, "token-10") {
		t.Fatalf("work in flight (30–37) not in view:\n%s", v)
	}
	// Columns do not move while scrolling: the state starts at one place.
	col := func(v string) int {
		for _, l := range strings.Split(v, "\n") {
			if i := strings.Index(l, "deleted"); i >= 0 && strings.Contains(l, "token-") {
				return i
			}
		}
		return -1
	}
	before := col(v)
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyUp})
	if got := col(m.View()); got != before || got < 0 {
		t.Fatalf("state column moved from %d to %d", before, got)
	}
	// The user scrolled: new events no longer move the list.
	off := m.visibleOffset()
	m = apply(t, m, ev(m, 30, client.ItemDone, nil), ev(m, 38, client.ItemRunning, nil))
	if m.visibleOffset() != off {
		t.Fatalf("offset moved from %d to %d after a manual scroll", off, m.visibleOffset())
	}
	for range 100 {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyDown})
	}
	if m.KeyMap().Down.Enabled() || strings.Contains(m.View(), "j/k scroll") && m.maxOffset() == 0 {
		t.Fatal("↓ still offered at the bottom")
	}
	if !m.KeyMap().Up.Enabled() {
		t.Fatal("↑ not offered at the bottom")
	}
}

// 80×24, mid-run, as an admin over SSH sees it.
func TestViewMidRun80x24(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 40)
	m.SetSize(80, 21) // the shell keeps three lines for the bars
	m = midRun(t, m)
	golden.RequireEqual(t, []byte(m.View()))
}

// A verdict that comes after the run (a list read since) moves the row
// and the summary alike: "outcome unknown" is not said of items the list
// has settled.
func TestLateVerdictUpdatesTheSummary(t *testing.T) {
	m, _ := newPanel(t, termenv.Ascii, 2)
	unknown := errors.New("502")
	m = apply(t, m, ev(m, 0, client.ItemUnknown, unknown), ev(m, 1, client.ItemUnknown, unknown),
		FinishedMsg{Summary: client.BulkSummary{Unknown: 2}})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "2 outcome unknown") {
		t.Fatalf("before:\n%s", v)
	}
	gone, kept := ev(m, 0, client.ItemGoneAfterRetry, errors.New("gone from the list")), ev(m, 1, client.ItemFailed, errors.New("still listed"))
	gone.Event.Settled, kept.Event.Settled = true, true
	m = apply(t, m, gone, kept)
	v := ansi.Strip(m.View())
	if strings.Contains(v, "outcome unknown") || m.summary.GoneAfterRetry != 1 || m.summary.Failed != 1 || m.summary.Settled != 2 {
		t.Fatalf("after the list: %+v\n%s", m.summary, v)
	}
}
