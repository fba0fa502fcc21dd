package common

import (
	"path/filepath"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Pad cuts s to w cells (with ellipsis) or pads it with spaces, so a cell
// is exactly w wide.
func Pad(s string, w int, ellipsis string) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		// A wide character that would straddle the edge is dropped whole,
		// so the cut can come out a cell short: pad it back.
		s = ansi.Truncate(s, w, ellipsis)
		sw = ansi.StringWidth(s)
	}
	return s + strings.Repeat(" ", max(0, w-sw))
}

// Spread puts left and right on one line of width w, cutting left first
// (a title gives way to the position and keys on its right).
func Spread(left, right string, w int) string {
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+rw+1 > w {
		left = ansi.Truncate(left, max(0, w-rw-1), "…")
		lw = lipgloss.Width(left)
	}
	if lw+rw+1 > w {
		return ansi.Truncate(left, w, "")
	}
	return left + strings.Repeat(" ", w-lw-rw) + right
}

// ExpandHome turns a typed "~/x" into home/x (home "" leaves it alone):
// paths typed into prompts are not seen by a shell.
func ExpandHome(path, home string) string {
	if strings.HasPrefix(path, "~/") && home != "" {
		return filepath.Join(home, path[2:])
	}
	return path
}
