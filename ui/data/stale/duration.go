package stale

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

var errNotPositive = errors.New("must be more than zero")

// maxDays bounds a day count: a hundred years is more than any threshold
// needs and far below where time.Duration overflows (about 292 years).
const maxDays = 36500

// ParseDays is time.ParseDuration with a "d" (24h) unit: "90d", "1d12h".
func ParseDays(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("empty duration")
	}
	var days time.Duration
	if i := strings.IndexByte(s, 'd'); i >= 0 {
		n, err := strconv.ParseFloat(s[:i], 64)
		if err != nil || n < 0 || math.IsNaN(n) || math.IsInf(n, 0) {
			return 0, fmt.Errorf("invalid duration %q (use e.g. 90d or 36h)", s)
		}
		if n > maxDays {
			return 0, fmt.Errorf("duration %q is too long (at most %dd)", s, int(maxDays))
		}
		days = time.Duration(n * float64(24*time.Hour))
		s = s[i+1:]
		if s == "" {
			return days, nil
		}
	}
	rest, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("invalid duration %q (use e.g. 90d or 36h)", s)
	}
	if rest < 0 || days+rest < days { // negative, or the sum overflowed
		return 0, fmt.Errorf("invalid duration %q (use e.g. 90d or 36h)", s)
	}
	if days+rest > maxDays*24*time.Hour {
		return 0, fmt.Errorf("duration %q is too long (at most %dd)", s, int(maxDays))
	}
	return days + rest, nil
}
