package tokens

import (
	"strings"

	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// plural formats "1 token", "3 tokens".
func plural(n int, noun string) string { return timefmt.Plural(n, noun) }

// capitalize upper-cases the first letter ("deleted" → "Deleted").
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
