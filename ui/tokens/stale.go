package tokens

import (
	"time"

	"github.com/sailtui/sailtui/client"
)

// DefaultStaleAfter is how long a token may sit unused before it counts as
// stale, unless --stale-after says otherwise.
const DefaultStaleAfter = 90 * 24 * time.Hour

// StaleReason says why a token is stale; NotStale when it is not.
type StaleReason uint8

const (
	NotStale StaleReason = iota
	StaleNeverUsed
	StaleUnused
	StaleExpired
)

// String is the phrase the detail view shows.
func (r StaleReason) String() string {
	switch r {
	case StaleNeverUsed:
		return "never used"
	case StaleUnused:
		return "not used recently"
	case StaleExpired:
		return "expired"
	}
	return "in use"
}

// Stale applies the stale rule: expired; or never used and created more
// than after ago; or last used more than after ago. It is pure: the clock
// is passed in.
func Stale(t *client.PersonalAccessToken, now time.Time, after time.Duration) StaleReason {
	if t.ExpirationDate != nil && !t.UserAwareTokenNeverExpires && !t.ExpirationDate.After(now) {
		return StaleExpired
	}
	if t.LastUsed == nil {
		if now.Sub(t.Created) > after {
			return StaleNeverUsed
		}
		return NotStale
	}
	if now.Sub(*t.LastUsed) > after {
		return StaleUnused
	}
	return NotStale
}

// ParseStaleAfter accepts "90d", "36h", "1h30m" (anything time.ParseDuration
// takes, plus a d suffix for days). Zero and negative values are errors.
func ParseStaleAfter(s string) (time.Duration, error) {
	d, err := parseDays(s)
	if err != nil {
		return 0, err
	}
	if d <= 0 {
		return 0, errNotPositive
	}
	return d, nil
}
