// Package sanitize makes server-provided text safe to draw in a terminal.
// Token names, owner names and error messages come from the tenant; any of
// them may carry escape sequences that would move the cursor, retitle the
// window or write to the clipboard if printed raw. It knows nothing of
// Bubble Tea so it can be fuzzed on its own.
package sanitize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	esc = 0x1b
	bel = 0x07
)

// Line returns s with every escape sequence removed and every other control
// character (C0, DEL, C1, line and paragraph separators) replaced by a
// space, so the result always fits on one line. Invalid UTF-8 becomes U+FFFD.
//
// It also drops what terminals disagree about the width of, so a cell is
// as wide on screen as sailtui measured it: zero-width joiners (a family
// emoji becomes its members, each two cells everywhere), variation
// selectors, emoji skin-tone modifiers and other zero-width characters,
// and combining marks beyond two on one letter (Zalgo text).
func Line(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	clean(&b, s)
	return b.String()
}

// isPlain is the fast path: printable ASCII needs no copy.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

func clean(b *strings.Builder, s string) {
	marks := 0 // combining marks on the current letter
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.In(r, unicode.Mn, unicode.Me) {
			marks++
			if marks > maxMarks {
				i += size
				continue
			}
		} else {
			marks = 0
		}
		switch {
		case invisible(r):
			i += size
			continue
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
			i++
			continue
		case r == esc:
			i = skipEscape(s, i+1)
			continue
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
			continue
		case isControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
		i += size
	}
}

// maxMarks is how many combining marks one letter keeps: enough for any
// language, too few to pile up.
const maxMarks = 2

// invisible reports characters with no width of their own that change the
// width of what is around them, differently in each terminal.
func invisible(r rune) bool {
	switch {
	case r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff: // zero-width space, (non-)joiner, word joiner, BOM
		return true
	case r >= 0xfe00 && r <= 0xfe0f, r >= 0xe0100 && r <= 0xe01ef: // variation selectors
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff: // emoji skin-tone modifiers
		return true
	}
	return false
}

// isControl covers C0, DEL, C1 and the Unicode line/paragraph separators
// and bidi overrides that can reorder what is drawn around them.
func isControl(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// skipEscape skips the rest of a sequence that began with ESC at s[i-1] and
// returns the index after it.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: run to ST or BEL
		return skipString(s, i+1)
	}
	// Other ESC sequences: intermediate bytes 0x20-0x2f, then one final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI skips parameter and intermediate bytes and the final byte.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c >= 0x40 && c <= 0x7e {
			return i + 1
		}
		if c < 0x20 || c > 0x7e {
			// A control byte or non-ASCII inside a CSI aborts it; leave it
			// for the caller to judge.
			return i
		}
		i++
	}
	return i
}

// skipString skips a control string up to and including its terminator:
// BEL, ESC \ or C1 ST. An unterminated string swallows the rest of s, which
// is what a terminal would do too.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == bel:
			return i + 1
		case s[i] == esc:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// Lines sanitizes each line of a multi-line text (an error body, a
// description) and keeps the line breaks.
func Lines(s string) string {
	if isPlain(s) {
		return s
	}
	parts := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, p := range parts {
		parts[i] = Line(p)
	}
	return strings.Join(parts, "\n")
}
