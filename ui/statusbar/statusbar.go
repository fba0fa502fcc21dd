// Package statusbar draws the one-line bar at the top of the screen:
// tenant, identity, read-only badge, the view's counts, the rate-limit
// countdown and a spinner while something loads. It holds no state; the
// shell passes everything in.
package statusbar

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/sanitize"
)

// Info is what the bar shows.
type Info struct {
	Host     string // tenant host, e.g. acme.api.identitynow.com
	Identity string // who is signed in
	ReadOnly bool
	Demo     bool
	Status   common.Status
	// Wait is the client's current wait, if any; Now counts it down.
	Wait    *client.WaitEvent
	Now     time.Time
	Spinner string // current spinner frame, shown while Status.Loading
}

// View renders the bar at width.
func View(s *themes.Styles, width int, in Info) string {
	bar := s.Bar.Base
	sep := bar.Render(" │ ")
	left := []string{s.Bar.Key.Render(" sailtui")}
	if in.Demo {
		left = append(left, s.Bar.Warning.Render("DEMO"))
	}
	if in.Host != "" {
		left = append(left, s.Bar.Value.Render(sanitize.Line(in.Host)))
	}
	if in.Identity != "" {
		left = append(left, s.Bar.Value.Render(sanitize.Line(in.Identity)))
	}
	l := strings.Join(left, sep)
	if in.ReadOnly {
		l += bar.Render(" ") + s.Bar.ReadOnly.Render("READ-ONLY")
	}

	var right []string
	if w := waitText(s.Glyphs, in.Wait, in.Now); w != "" {
		right = append(right, s.Bar.Warning.Render(w))
	}
	if in.Status.Loading && in.Spinner != "" {
		right = append(right, s.Bar.Value.Render(in.Spinner+" loading"))
	}
	var counts []string
	for _, c := range in.Status.Counts {
		st := s.Bar.Value
		if c.Emphasis && c.N > 0 {
			st = s.Bar.Warning
		}
		counts = append(counts, st.Render(strconv.Itoa(c.N)+" "+c.Label))
	}
	if len(counts) > 0 {
		right = append(right, strings.Join(counts, bar.Render(" · ")))
	}
	r := strings.Join(right, sep) + bar.Render(" ")

	lw, rw := lipgloss.Width(l), lipgloss.Width(r)
	if lw+rw+1 > width { // drop the left side's tail first: counts matter more
		l = ansi.Truncate(l, max(0, width-rw-1), "")
		lw = lipgloss.Width(l)
	}
	if lw+rw > width {
		return ansi.Truncate(l+r, width, "")
	}
	return l + bar.Render(strings.Repeat(" ", width-lw-rw)) + r
}

// waitText is the countdown, e.g. "rate limited: retry in 7s". Short
// pacing pauses are normal operation and not worth a flicker.
func waitText(g themes.Glyphs, w *client.WaitEvent, now time.Time) string {
	if w == nil {
		return ""
	}
	left := w.Until.Sub(now)
	if left <= 0 {
		return ""
	}
	switch w.Reason {
	case client.WaitRateLimited:
		return g.Wait + " rate limited: retry in " + common.Countdown(left)
	case client.WaitBackoff:
		return g.Wait + " server error: retry in " + common.Countdown(left)
	case client.WaitPacing:
		if w.Duration < time.Second {
			return ""
		}
		return g.Wait + " pacing requests: " + common.Countdown(left)
	}
	return ""
}
