package tokens

import (
	"strconv"
	"strings"
)

// plural formats "1 token", "3 tokens".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// capitalize upper-cases the first letter ("deleted" → "Deleted").
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
