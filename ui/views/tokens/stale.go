package tokens

import (
	"strconv"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/timefmt"
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

// String is the short name of the reason.
func (r StaleReason) String() string {
	switch r {
	case StaleNeverUsed:
		return "never used"
	case StaleUnused:
		return "not used recently"
	case StaleExpired:
		return "expired"
	}
	return "not stale"
}

// Verdict is the stale rule's answer with the facts that decided it, so a
// person can check it: which event (last use, creation or expiry) happened
// when, and the threshold it was measured against.
type Verdict struct {
	Reason StaleReason
	// NeverUsed is true when the token has no lastUsed; At is then its
	// creation time, else its last use (or its expiry for StaleExpired).
	NeverUsed bool
	At        time.Time
	Now       time.Time
	After     time.Duration
}

// Stale applies the stale rule: expired; or never used and created more
// than after ago; or last used more than after ago. It is pure: the clock
// is passed in.
func Stale(t *client.PersonalAccessToken, now time.Time, after time.Duration) StaleReason {
	return Explain(t, now, after).Reason
}

// Explain is Stale with its reasons; it is as cheap as Stale (no text is
// built until String).
func Explain(t *client.PersonalAccessToken, now time.Time, after time.Duration) Verdict {
	v := Verdict{Now: now, After: after}
	if t.ExpirationDate != nil && !t.UserAwareTokenNeverExpires && !t.ExpirationDate.After(now) {
		v.Reason, v.At = StaleExpired, *t.ExpirationDate
		return v
	}
	if t.LastUsed == nil {
		v.NeverUsed, v.At = true, t.Created
		if now.Sub(t.Created) > after {
			v.Reason = StaleNeverUsed
		}
		return v
	}
	v.At = *t.LastUsed
	if now.Sub(*t.LastUsed) > after {
		v.Reason = StaleUnused
	}
	return v
}

// Stale reports whether the verdict is stale.
func (v Verdict) Stale() bool { return v.Reason != NotStale }

// String says exactly why: "stale: last used 13mo ago (threshold 90d)",
// "not stale: never used, created 3d ago (threshold 90d)", "stale:
// expired 2mo ago".
func (v Verdict) String() string {
	verdict := "not stale: "
	if v.Stale() {
		verdict = "stale: "
	}
	if v.Reason == StaleExpired {
		return verdict + "expired " + ago(v.Now, v.At)
	}
	threshold := " (threshold " + FormatStaleAfter(v.After) + ")"
	if v.NeverUsed {
		return verdict + "never used, created " + ago(v.Now, v.At) + threshold
	}
	return verdict + "last used " + ago(v.Now, v.At) + threshold
}

// ago is common.Relative for past events; a time slightly ahead of the
// local clock (server skew) reads "just now", not "in 2m".
func ago(now, t time.Time) string {
	if t.After(now) {
		t = now
	}
	return timefmt.Relative(now, t)
}

// FormatStaleAfter writes a threshold the way --stale-after takes it:
// "90d", "36h", "1d12h" → "36h".
func FormatStaleAfter(d time.Duration) string {
	const day = 24 * time.Hour
	if d > 0 && d%day == 0 {
		return strconv.Itoa(int(d/day)) + "d"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
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
