// Package statusbar draws the one-line bar at the top of the screen:
// tenant, identity, read-only badge, the view's counts, the rate-limit
// countdown and a spinner while something loads. It holds no state; the
// shell passes everything in.
package statusbar

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// Info is what the bar shows.
type Info struct {
	Host     string // tenant host, e.g. acme.api.identitynow.com
	Identity string // who is signed in
	ReadOnly bool
	Demo     bool
	// View names the active view when there are several ("Tokens 1/2").
	View   string
	Status common.Status
	// Wait is the client's current wait, if any; Now counts it down.
	Wait    *client.WaitEvent
	Now     time.Time
	Spinner string // current spinner frame, shown while Status.Loading
}

// minCut is the narrowest a shortened host or identity gets (a few
// characters and the ellipsis); narrower, it is left out.
const minCut = 5

// View renders the bar at width. When it does not fit, it gives way in
// this order: the countdown and spinner take their short forms, the app's
// name goes, the identity is cut with an ellipsis (then left out), the
// spinner goes, the host is cut (then left out), the countdown goes. The
// counts and the DEMO and READ-ONLY badges stay to the last.
func View(s *themes.Styles, width int, in Info) string {
	g := s.Glyphs
	b := layout{
		name: "sailtui", host: sanitize.Line(in.Host), identity: sanitize.Line(in.Identity),
		demo: in.Demo, readOnly: in.ReadOnly, extra: sanitize.Line(in.Status.Badge), view: in.View,
	}
	b.wait, b.waitShort = waitText(g, in.Wait, in.Now)
	if in.Status.Loading && in.Spinner != "" {
		b.spin, b.spinShort = in.Spinner+" loading", in.Spinner
	}
	for i, c := range in.Status.Counts {
		if i > 0 {
			b.countsW += 3 // " · "
		}
		b.countsW += ansi.StringWidth(strconv.Itoa(c.N) + " " + c.Label)
	}
	b.fit(width, g.Ellipsis)
	return b.render(s, width, in.Status.Counts)
}

const (
	sep      = " │ "
	countSep = " · "
	badge    = "READ-ONLY"
)

// layout is what the bar will show, shortened to a width.
type layout struct {
	name, host, identity string
	demo, readOnly       bool
	extra                string // the view's own badge
	view                 string // the active view, when there are several
	wait, waitShort      string
	spin, spinShort      string
	countsW              int
}

func (b *layout) leftWidth() int {
	w, n := 1, 0 // the margin
	for _, p := range []string{b.name, b.view, b.demoText(), b.host, b.identity} {
		if p != "" {
			w += ansi.StringWidth(p)
			n++
		}
	}
	w += max(n-1, 0) * 3 // each " │ " is 3 cells
	for _, bd := range b.badges() {
		w += ansi.StringWidth(bd) + 2 // the badge and its padding
		if n > 0 {
			w++ // the space before it
		}
		n++
	}
	return w
}

// badges are drawn after the left part and never shortened.
func (b *layout) badges() []string {
	var out []string
	if b.readOnly {
		out = append(out, badge)
	}
	if b.extra != "" {
		out = append(out, b.extra)
	}
	return out
}

func (b *layout) rightWidth() int {
	w, n := 1, 0 // the margin
	for _, p := range []string{b.wait, b.spin} {
		if p != "" {
			w += ansi.StringWidth(p)
			n++
		}
	}
	if b.countsW > 0 {
		w += b.countsW
		n++
	}
	return w + max(n-1, 0)*3
}

func (b *layout) demoText() string {
	if b.demo {
		return "DEMO"
	}
	return ""
}

func (b *layout) over(width int) int { return b.leftWidth() + 1 + b.rightWidth() - width }

// fit shortens the bar until it fits width (see View for the order).
func (b *layout) fit(width int, ellipsis string) {
	steps := []func(){
		func() { b.wait = b.waitShort },
		func() { b.spin = b.spinShort },
		func() { b.name = "" },
		func() { b.identity = cut(b.identity, b.over(width), ellipsis) },
		func() { b.spin = "" },
		func() { b.host = cut(b.host, b.over(width), ellipsis) },
		func() { b.wait = "" },
	}
	for _, step := range steps {
		if b.over(width) <= 0 {
			return
		}
		step()
	}
}

// cut shortens s by over cells, ending it with the ellipsis; too short
// to read, it is left out.
func cut(s string, over int, ellipsis string) string {
	if over <= 0 || s == "" {
		return s
	}
	keep := ansi.StringWidth(s) - over
	if keep < minCut {
		return ""
	}
	return ansi.Truncate(s, keep, ellipsis)
}

func (b *layout) render(s *themes.Styles, width int, counts []common.Count) string {
	bar := s.Bar.Base
	var left []string
	if b.name != "" {
		left = append(left, s.Bar.Key.Render(b.name))
	}
	if b.view != "" {
		left = append(left, s.Bar.Key.Render(b.view))
	}
	if b.demo {
		left = append(left, s.Bar.Warning.Render("DEMO"))
	}
	for _, p := range []string{b.host, b.identity} {
		if p != "" {
			left = append(left, s.Bar.Value.Render(p))
		}
	}
	l := bar.Render(" ") + strings.Join(left, bar.Render(sep))
	for i, bd := range b.badges() {
		if len(left) > 0 || i > 0 {
			l += bar.Render(" ")
		}
		l += s.Bar.ReadOnly.Render(bd)
	}

	var right []string
	if b.wait != "" {
		right = append(right, s.Bar.Warning.Render(b.wait))
	}
	if b.spin != "" {
		right = append(right, s.Bar.Value.Render(b.spin))
	}
	var cs []string
	for _, c := range counts {
		st := s.Bar.Value
		if c.Emphasis && c.N > 0 {
			st = s.Bar.Warning
		}
		cs = append(cs, st.Render(strconv.Itoa(c.N)+" "+c.Label))
	}
	if len(cs) > 0 {
		right = append(right, strings.Join(cs, bar.Render(countSep)))
	}
	r := strings.Join(right, bar.Render(sep)) + bar.Render(" ")

	lw, rw := lipgloss.Width(l), lipgloss.Width(r)
	if gap := width - lw - rw; gap >= 1 {
		return l + bar.Render(strings.Repeat(" ", gap)) + r
	}
	// Even the counts and badges do not fit (narrower than the app draws).
	out := ansi.Truncate(l+bar.Render(" ")+r, width, s.Glyphs.Ellipsis)
	return out + bar.Render(strings.Repeat(" ", max(0, width-lipgloss.Width(out))))
}

// waitText is the countdown, e.g. "rate limited: retry in 7s", and its
// short form, "retry in 7s". Short pacing pauses are normal operation and
// not worth a flicker.
func waitText(g themes.Glyphs, w *client.WaitEvent, now time.Time) (long, short string) {
	if w == nil {
		return "", ""
	}
	left := w.Until.Sub(now)
	if left <= 0 {
		return "", ""
	}
	in := timefmt.Countdown(left)
	switch w.Reason {
	case client.WaitRateLimited:
		long, short = g.Wait+" rate limited: retry in "+in, g.Wait+" retry in "+in
		if !w.Since.IsZero() && w.Attempt > 2 { // a storm: its length, so it does not read as frozen
			long += fmt.Sprintf(" (attempt %d, waiting %s)", w.Attempt, timefmt.Countdown(now.Sub(w.Since)))
			short += fmt.Sprintf(" (#%d)", w.Attempt)
		}
		return long, short
	case client.WaitBackoff:
		return g.Wait + " server error: retry in " + in, g.Wait + " retry in " + in
	case client.WaitPacing:
		if w.Duration < time.Second {
			return "", ""
		}
		return g.Wait + " pacing requests: " + in, g.Wait + " pacing " + in
	}
	return "", ""
}
