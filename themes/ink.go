package themes

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Ink is a text-only style reduced to the escape sequences around its
// text. Painting is two concatenations, where a lipgloss Render re-reads
// every property of the style and rebuilds the sequence each time; the
// table draws hundreds of short cells a frame, so it paints with inks.
// Only styles without layout (width, padding, margins, borders) reduce
// to an ink, and only one-line text may be painted.
type Ink struct{ pre, post string }

// inkMark stands in for the text while an ink is taken from a style: a
// private-use rune no style sequence contains.
const inkMark = "\uE000"

// InkOf reduces st to an ink.
func InkOf(st lipgloss.Style) Ink {
	out := st.Render(inkMark)
	pre, post, ok := strings.Cut(out, inkMark)
	if !ok {
		return Ink{}
	}
	return Ink{pre: pre, post: post}
}

// Paint draws s in the ink: the same bytes lipgloss renders for one line
// (underline included, as one run rather than one per character), and
// nothing at all for empty text.
func (i Ink) Paint(s string) string {
	if s == "" || (i.pre == "" && i.post == "") {
		return s
	}
	return i.pre + s + i.post
}
