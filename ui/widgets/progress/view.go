package progress

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

const (
	defaultWidth, defaultHeight = 80, 20
	footerLines                 = 1 // position + key hint
)

func (m Model) size() (int, int) {
	w, h := m.Width, m.Height
	if w <= 0 {
		w = defaultWidth
	}
	if h <= 0 {
		h = defaultHeight
	}
	return w, h
}

// listHeight is how many lines the item list gets.
func (m Model) listHeight() int {
	_, h := m.size()
	return max(h-m.headerHeight()-footerLines, 1)
}

// headerHeight is len(headerLines()) without rendering anything (it is
// needed on every scroll step).
func (m Model) headerHeight() int {
	n := 4 // title, bar, counts, blank
	if m.cancelling && !m.finished {
		n++
	}
	if m.waiting() {
		n++
	}
	if m.finished {
		n++
		if m.auditPath != "" {
			n++
		}
		if m.runErr != nil {
			n++
		}
	}
	return n
}

// View draws the panel to fill Width×Height; only visible rows are drawn.
func (m Model) View() string {
	w, _ := m.size()
	lines := m.headerLines()
	lines = append(lines, m.listLines(w)...)
	lines = append(lines, m.footerLines(w)...)
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, m.Styles.Glyphs.Ellipsis)
	}
	return strings.Join(lines, "\n")
}

func (m Model) headerLines() []string {
	s := m.Styles
	w, _ := m.size()
	// The elapsed time sits beside the tally, so the counts line has the
	// whole width (it must fit 80 columns).
	right := s.Text.Secondary.Render(m.tally()) + s.Text.Faint.Render(" · "+clock(m.Elapsed()))
	lines := []string{common.Spread(s.Text.Bold.Render(m.title), right, w), m.bar(w), m.countsLine()}

	if m.cancelling && !m.finished {
		lines = append(lines, s.Status.Warning.Render(s.Glyphs.Warn+" Cancelling: in-flight requests finish, queued ones stop."))
	}
	if wl := m.waitLine(); wl != "" {
		lines = append(lines, wl)
	}
	if m.finished {
		lines = append(lines, m.summaryLines()...)
	}
	return append(lines, "")
}

func (m Model) countsLine() string {
	s := m.Styles
	g := s.Glyphs
	parts := []string{s.Status.OK.Render(fmt.Sprintf("%s %d %s", g.OK, m.counts[client.ItemDone], m.verbs.Done))}
	// Zero counts other than deleted and failed are left out: the line
	// must fit 80 columns with the elapsed time beside it.
	if n := m.counts[client.ItemGone]; n > 0 {
		parts = append(parts, s.Text.Secondary.Render(fmt.Sprintf("%s %d already gone", g.Gone, n)))
	}
	failed := s.Text.Secondary
	if m.counts[client.ItemFailed] > 0 {
		failed = s.Status.Danger
	}
	parts = append(parts, failed.Render(fmt.Sprintf("%s %d failed", g.Fail, m.counts[client.ItemFailed])))
	if !m.finished || m.counts[client.ItemRunning]+m.counts[client.ItemQueued] > 0 {
		parts = append(parts,
			s.Status.Info.Render(fmt.Sprintf("%s %d %s", g.Running, m.counts[client.ItemRunning], m.verbs.Doing)),
			s.Text.Faint.Render(fmt.Sprintf("%s %d queued", g.Queued, m.counts[client.ItemQueued])))
	}
	if m.counts[client.ItemSkipped] > 0 {
		parts = append(parts, s.Progress.Skipped.Render(fmt.Sprintf("%s %d skipped", g.Skipped, m.counts[client.ItemSkipped])))
	}
	if n := m.counts[client.ItemGoneAfterRetry]; n > 0 {
		parts = append(parts, s.Text.Secondary.Render(fmt.Sprintf("%s %d gone (this run or another)", g.Gone, n)))
	}
	if n := m.counts[client.ItemChecking] + m.counts[client.ItemUnknown]; n > 0 {
		parts = append(parts, s.Status.Warning.Render(fmt.Sprintf("%s %d outcome unknown", g.Unknown, n)))
	}
	return strings.Join(parts, "  ")
}

// waiting reports whether a countdown is on screen.
func (m Model) waiting() bool {
	return m.wait != nil && !m.finished && m.wait.Until.After(m.now())
}

// waitLine is the countdown while the client waits.
func (m Model) waitLine() string {
	if !m.waiting() {
		return ""
	}
	left := m.wait.Until.Sub(m.now())
	secs := int(math.Ceil(left.Seconds()))
	s := m.Styles
	switch m.wait.Reason {
	case client.WaitRateLimited:
		return s.Status.Warning.Render(fmt.Sprintf("%s Rate limited by the server (429): resuming in %ds (attempt %d)",
			s.Glyphs.Warn, secs, m.wait.Attempt))
	case client.WaitBackoff:
		return s.Status.Warning.Render(fmt.Sprintf("%s Server error: retrying in %ds (attempt %d)",
			s.Glyphs.Warn, secs, m.wait.Attempt))
	default:
		return s.Text.Faint.Render(fmt.Sprintf("Pacing to stay under the rate limit: next request in %ds", secs))
	}
}

func (m Model) summaryLines() []string {
	s := m.Styles
	sum := m.summary
	var head string
	switch {
	case sum.Failed > 0:
		head = s.Status.Danger.Render(fmt.Sprintf("Finished with %d %s.", sum.Failed, plural(sum.Failed, "failure", "failures")))
	case sum.Unknown > 0:
		head = s.Status.Warning.Render("Finished; some outcomes unknown.")
	case sum.Skipped > 0:
		head = s.Status.Warning.Render("Cancelled.")
	default:
		head = s.Status.OK.Render("Finished.")
	}
	gone := ""
	if sum.Gone > 0 || m.verbs.CountsGone {
		gone = fmt.Sprintf(" %d already gone,", sum.Gone)
	}
	line := fmt.Sprintf("%s %d %s,%s %d failed, %d skipped in %s.",
		head, sum.Done, m.verbs.Done, gone, sum.Failed, sum.Skipped, clock(m.Elapsed()))
	out := []string{s.Text.Primary.Render(line)}
	if extra := outcomeNotes(sum, m.verbs); extra != "" {
		out = append(out, s.Status.Warning.Render(extra))
	}
	if m.auditPath != "" {
		out = append(out, s.Text.Secondary.Render("Audit log: ")+s.Text.Primary.Render(m.auditPath))
	}
	if m.runErr != nil {
		out = append(out, s.Status.Danger.Render(s.Glyphs.Fail+" "+sanitize.Line(m.runErr.Error())))
	}
	return out
}

// outcomeNotes says what the plain counts cannot: deletes a retry found
// gone (this run's or another client's), ones a check settled, and ones
// whose outcome stays unknown.
func outcomeNotes(sum client.BulkSummary, verbs Verbs) string {
	var notes []string
	if sum.GoneAfterRetry > 0 {
		notes = append(notes, fmt.Sprintf("%d gone when a retry or the check after the run reached them (deleted by this run or by someone else)", sum.GoneAfterRetry))
	}
	if sum.Settled > 0 {
		notes = append(notes, fmt.Sprintf("%d settled by checking the server after the run", sum.Settled))
	}
	if sum.Unknown > 0 {
		check := "whether they are gone"
		if !verbs.CountsGone { // a change, not a delete
			check = "whether the change was made"
		}
		notes = append(notes, fmt.Sprintf("%d outcome unknown: refresh to see %s", sum.Unknown, check))
	}
	return strings.Join(notes, "; ")
}

// processed is how many items were attempted and reached a final state
// (deleted, gone, failed, unknown); skipped ones were never attempted.
func (m Model) processed() int {
	return m.counts[client.ItemDone] + m.counts[client.ItemGone] + m.counts[client.ItemFailed] +
		m.counts[client.ItemGoneAfterRetry] + m.counts[client.ItemUnknown]
}

// tally is the header's number: "7/12 · 58%" while nothing was skipped,
// else what happened to all of them, "15 deleted · 35 skipped of 50", so
// a cancelled run never reads as complete.
func (m Model) tally() string {
	total, done, skipped := m.Total(), m.processed(), m.counts[client.ItemSkipped]
	if skipped == 0 {
		pct := 100
		if total > 0 {
			pct = done * 100 / total
		}
		return fmt.Sprintf("%d/%d · %d%%", done, total, pct)
	}
	word := "processed"
	if done == m.counts[client.ItemDone] {
		word = m.verbs.Done
	}
	return fmt.Sprintf("%d %s · %d skipped of %d", done, word, skipped, total)
}

// bar draws the run as a full-width bar: processed items full (with a
// half-cell step), skipped ones in their own glyph, the rest empty.
func (m Model) bar(w int) string {
	s := m.Styles
	g := s.Glyphs
	total, done, skipped := m.Total(), m.processed(), m.counts[client.ItemSkipped]
	if total <= 0 {
		return s.Progress.Full.Render(strings.Repeat(g.BarFull, w))
	}
	halves := done * w * 2 / total
	full, part := halves/2, halves%2 == 1
	skip := 0
	if skipped > 0 { // whole cells only: the skipped run starts where the processed one ends
		part = false
		skip = (done+skipped)*w/total - full
	}
	b := s.Progress.Full.Render(strings.Repeat(g.BarFull, full))
	empty := w - full - skip
	if part {
		b += s.Progress.Full.Render(g.BarPart)
		empty--
	}
	if skip > 0 {
		b += s.Progress.Skipped.Render(strings.Repeat(g.BarSkip, skip))
	}
	return b + s.Progress.Empty.Render(strings.Repeat(g.BarEmpty, max(empty, 0)))
}

func (m Model) listLines(w int) []string {
	h := m.listHeight()
	n := m.entries()
	if n == 0 {
		msg := "Nothing to do."
		if m.failedOnly {
			msg = "No failures."
		}
		return padLines([]string{m.Styles.Table.Empty.Render(msg)}, h)
	}
	off := m.visibleOffset()
	cols := m.columns(w)
	var out []string
	for i := off; i < n && len(out) < h; i++ {
		out = append(out, m.rowLines(m.entry(i), cols)...)
	}
	return padLines(out[:min(len(out), h)], h)
}

// columnWidths are the name and owner widths of one frame (owner 0: no
// item has an owner, the column is left out).
type columnWidths struct{ name, owner int }

// columns sizes the name and owner columns to the widest visible entries,
// within a share of the width. Widths were measured in New, so this is a
// loop over integers proportional to the screen, not to the run.
func (m Model) columns(w int) columnWidths {
	// The run's widest, not the visible rows': columns stay put while the
	// list scrolls.
	c := columnWidths{name: m.nameW, owner: m.ownerW}
	c.name = min(max(c.name, 8), max(w*2/5, 8))
	if c.owner > 0 {
		c.owner = min(max(c.owner, 5), max(w/4, 5))
	}
	return c
}

// cell cuts s (display width sw) to w cells, or pads it.
func cell(s string, sw, w int, ellipsis string) string {
	if sw > w {
		s = ansi.Truncate(s, w, ellipsis)
		sw = ansi.StringWidth(s)
	}
	return s + strings.Repeat(" ", max(w-sw, 0))
}

func (m Model) rowLines(i int, cols columnWidths) []string {
	s := m.Styles
	g := s.Glyphs
	r := &m.rows[i]
	name := cell(r.name, r.nameW, cols.name, g.Ellipsis)
	var glyph, state string
	switch r.state {
	case client.ItemQueued:
		glyph, state = s.Text.Faint.Render(g.Queued), s.Text.Faint.Render("queued")
	case client.ItemRunning:
		glyph, state = s.Status.Info.Render(g.Running), s.Status.Info.Render(m.verbs.Doing+g.Ellipsis)
	case client.ItemChecking:
		glyph, state = s.Status.Warning.Render(g.Unknown), s.Status.Warning.Render("outcome unknown: checking"+g.Ellipsis)
	case client.ItemUnknown:
		glyph, state = s.Status.Warning.Render(g.Unknown), s.Status.Warning.Render("outcome unknown")
	case client.ItemGoneAfterRetry:
		glyph, state = s.Text.Secondary.Render(g.Gone), s.Text.Secondary.Render("gone (this run or another client)")
	case client.ItemDone:
		label := m.verbs.Done
		if r.settled {
			label += " (confirmed by check)"
		}
		glyph, state = s.Status.OK.Render(g.OK), s.Status.OK.Render(label)
	case client.ItemGone:
		glyph, state = s.Text.Secondary.Render(g.Gone), s.Text.Secondary.Render("already gone")
	case client.ItemSkipped:
		glyph, state = s.Progress.Skipped.Render(g.Skipped), s.Progress.Skipped.Render("skipped (cancelled)")
	case client.ItemFailed:
		label := "failed"
		switch {
		case r.settled:
			label = "not " + m.verbs.Done + " (still present)"
		case r.status > 0:
			label = fmt.Sprintf("failed (HTTP %d)", r.status)
		}
		glyph, state = s.Status.Danger.Render(g.Fail), s.Status.Danger.Render(label)
	}
	line := glyph + " " + s.Table.Cell.Render(name) + "  "
	if cols.owner > 0 {
		line += s.Text.Secondary.Render(cell(r.owner, r.ownerW, cols.owner, g.Ellipsis)) + "  "
	}
	lines := []string{line + state}
	if hasDetail(r.state) && r.message != "" {
		detail := r.message
		if r.trackingID != "" {
			detail += s.Text.Faint.Render(" · tracking id " + r.trackingID)
		}
		lines = append(lines, "    "+s.Text.Secondary.Render(detail))
	}
	return lines
}

func (m Model) footerLines(w int) []string {
	s := m.Styles
	n := m.entries()
	pos := ""
	if n > 0 {
		first := min(m.visibleOffset()+1, n)
		last := first - 1
		used, h := 0, m.listHeight()
		for i := first - 1; i < n; i++ {
			used += m.rowHeight(m.entry(i))
			if used > h {
				break
			}
			last = i + 1
		}
		what := "items"
		if m.failedOnly {
			what = "failures"
		}
		pos = fmt.Sprintf("%d–%d of %d %s", first, last, n, what)
	}
	keys := []string{}
	if m.finished {
		keys = append(keys, "enter close")
	} else if !m.cancelling {
		keys = append(keys, "esc cancel")
	}
	if m.maxOffset() > 0 {
		keys = append(keys, "j/k scroll")
	}
	if len(m.failed) > 0 {
		if m.failedOnly {
			keys = append(keys, "f show all")
		} else {
			keys = append(keys, "f failed only")
		}
	}
	return []string{common.Spread(s.Text.Faint.Render(pos), s.Dialog.Hint.Render(strings.Join(keys, " · ")), w)}
}

func padLines(lines []string, h int) []string {
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// clock formats a duration as m:ss, or h:mm:ss past an hour.
func clock(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	h, mnt, sec := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, mnt, sec)
	}
	return fmt.Sprintf("%d:%02d", mnt, sec)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
