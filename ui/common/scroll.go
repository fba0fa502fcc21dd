package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// ScrollKeys are the bindings that move a scrolled window; a zero binding
// is simply not offered.
type ScrollKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// Scroll is the first visible line of content taller than its window
// (the preview, the help overlay, the confirm dialog's list, the detail
// view). One page is the window less a line, so a line stays for context.
type Scroll struct{ Offset int }

// Handle moves the window for k over total lines seen height at a time;
// it reports whether k was a scroll key.
func (s *Scroll) Handle(k tea.KeyMsg, keys ScrollKeys, total, height int) bool {
	page := max(height-1, 1)
	switch {
	case key.Matches(k, keys.Up):
		s.Offset--
	case key.Matches(k, keys.Down):
		s.Offset++
	case key.Matches(k, keys.PageUp):
		s.Offset -= page
	case key.Matches(k, keys.PageDown):
		s.Offset += page
	case key.Matches(k, keys.Top):
		s.Offset = 0
	case key.Matches(k, keys.Bottom):
		s.Offset = total
	default:
		return false
	}
	s.Clamp(total, height)
	return true
}

// Clamp keeps the window inside the content.
func (s *Scroll) Clamp(total, height int) { s.Offset = max(0, min(s.Offset, total-height)) }

// Window is the visible range [from, to) of total lines.
func (s Scroll) Window(total, height int) (from, to int) {
	s.Clamp(total, height)
	return s.Offset, min(s.Offset+height, total)
}

// MoveCursor moves a list's cursor for k over total rows, height of them
// shown (a page is a whole window: the cursor row stays in view); ok is
// false when k is not a movement key. The caller clamps and scrolls (the
// Tokens view also skips group headers).
func MoveCursor(k tea.KeyMsg, keys ScrollKeys, cursor, total, height int) (next int, ok bool) {
	switch {
	case key.Matches(k, keys.Up):
		return cursor - 1, true
	case key.Matches(k, keys.Down):
		return cursor + 1, true
	case key.Matches(k, keys.PageUp):
		return cursor - height, true
	case key.Matches(k, keys.PageDown):
		return cursor + height, true
	case key.Matches(k, keys.Top):
		return 0, true
	case key.Matches(k, keys.Bottom):
		return total - 1, true
	}
	return cursor, false
}

// FollowCursor keeps a list's cursor on one of total rows and its window
// (offset, height rows) around the cursor, never past the end.
func FollowCursor(cursor, offset, total, height int) (int, int) {
	cursor = max(0, min(cursor, total-1))
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+height {
		offset = cursor - height + 1
	}
	return cursor, max(0, min(offset, total-height))
}
