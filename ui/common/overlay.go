package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Overlay draws fg centred over bg (both already styled, bg at most
// width×height), keeping the background visible around it.
func Overlay(bg, fg string, width, height int) string {
	bgLines := strings.Split(bg, "\n")
	for len(bgLines) < height {
		bgLines = append(bgLines, "")
	}
	fgLines := strings.Split(fg, "\n")
	fw := 0
	for _, l := range fgLines {
		fw = max(fw, ansi.StringWidth(l))
	}
	x := max(0, (width-fw)/2)
	y := max(0, (height-len(fgLines))/2)
	for i, l := range fgLines {
		row := y + i
		if row >= len(bgLines) {
			break
		}
		b := bgLines[row]
		left := ansi.Truncate(b, x, "")
		if w := ansi.StringWidth(left); w < x {
			left += strings.Repeat(" ", x-w)
		}
		pad := fw - ansi.StringWidth(l)
		right := ansi.TruncateLeft(b, x+fw, "")
		// A wide character the box's right edge cuts in half is kept whole
		// by TruncateLeft, one cell too many: replace it with a space.
		if bw := ansi.StringWidth(b); bw > x+fw && ansi.StringWidth(right) > bw-(x+fw) {
			right = " " + ansi.TruncateLeft(b, x+fw+1, "")
		}
		bgLines[row] = left + l + strings.Repeat(" ", max(0, pad)) + right
	}
	return strings.Join(bgLines, "\n")
}

// Fit pads or cuts every line of s to exactly width cells and the text to
// exactly height lines, so a frame never wraps or scrolls the terminal.
func Fit(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		w := ansi.StringWidth(l)
		switch {
		case w > width:
			lines[i] = ansi.Truncate(l, width, "")
		case w < width:
			lines[i] = l + strings.Repeat(" ", width-w)
		}
	}
	for len(lines) < height {
		lines = append(lines, strings.Repeat(" ", width))
	}
	return strings.Join(lines, "\n")
}
