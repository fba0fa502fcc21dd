package stale

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

var errNotPositive = errors.New("must be more than zero")

// maxDays bounds a day count: a hundred years is more than any threshold
// needs and far below where time.Duration overflows (about 292 years).
const maxDays = 36500

// ParseDays is time.ParseDuration with a "d" (24h) unit of whole days:
// "90d", "1d12h". Errors quote the whole input.
func ParseDays(s string) (time.Duration, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, errors.New("empty duration")
	}
	invalid := func() error {
		hint := "use e.g. 90d or 36h"
		if n, unit, ok := leadingNumber(in); ok && len(unit) > 1 && strings.HasPrefix("days", strings.ToLower(unit)) {
			hint = fmt.Sprintf("did you mean %sd?", n)
		}
		return fmt.Errorf("invalid duration %q (%s)", in, hint)
	}
	rest, days := in, time.Duration(0)
	if i := strings.IndexByte(in, 'd'); i >= 0 {
		n, err := strconv.ParseUint(in[:i], 10, 64)
		switch {
		case err != nil && strings.ContainsAny(in[:i], ".,"):
			return 0, fmt.Errorf("invalid duration %q (days are whole: use e.g. 1d12h for a day and a half)", in)
		case err != nil:
			return 0, invalid()
		case n > maxDays:
			return 0, fmt.Errorf("duration %q is too long (at most %dd)", in, int(maxDays))
		}
		days, rest = time.Duration(n)*24*time.Hour, in[i+1:]
		if rest == "" {
			return days, nil
		}
	}
	d, err := time.ParseDuration(rest)
	if err != nil || d < 0 || days+d < days { // unparsable, negative, or the sum overflowed
		return 0, invalid()
	}
	if days+d > maxDays*24*time.Hour {
		return 0, fmt.Errorf("duration %q is too long (at most %dd)", in, int(maxDays))
	}
	return days + d, nil
}

// leadingNumber splits "60days" into "60" and "days".
func leadingNumber(s string) (num, unit string, ok bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:], i > 0
}
