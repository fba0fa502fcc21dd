// Package stale is the stale rule every credential view and report uses:
// expired; or never used and created more than the threshold ago; or last
// used more than the threshold ago. It is pure: the clock is passed in.
package stale

import (
	"strconv"
	"strings"
	"time"

	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// DefaultAfter is how long a credential may sit unused before it counts
// as stale, unless --stale-after says otherwise.
const DefaultAfter = 90 * 24 * time.Hour

// Reason says why a credential is stale; NotStale when it is not.
type Reason uint8

const (
	NotStale Reason = iota
	NeverUsed
	Unused
	Expired
	OwnerInactive // its owner is away or gone: nobody answers for it
)

// String is the short name of the reason.
func (r Reason) String() string {
	switch r {
	case NeverUsed:
		return "never used"
	case Unused:
		return "not used recently"
	case Expired:
		return "expired"
	case OwnerInactive:
		return "owner inactive"
	}
	return "not stale"
}

// Facts are what the rule reads of a credential.
type Facts struct {
	Created  time.Time
	LastUsed *time.Time // nil: never used
	Expires  *time.Time // nil: never expires
	// OwnerInactive says how the owner is inactive ("left (Terminated)");
	// "" when the owner is active, unknown, or the rule is off.
	OwnerInactive string
}

// Verdict is the stale rule's answer with the facts that decided it, so a
// person can check it: which event (last use, creation or expiry) happened
// when, and the threshold it was measured against.
type Verdict struct {
	Reason Reason
	// NeverUsed is true when the token has no lastUsed; At is then its
	// creation time, else its last use (or its expiry for StaleExpired).
	NeverUsed bool
	At        time.Time
	Now       time.Time
	After     time.Duration
	// Owner is how the owner is inactive, for OwnerInactive.
	Owner string
}

// Judge applies the rule and keeps its reasons; it is cheap (no text is
// built until String).
func Judge(f Facts, now time.Time, after time.Duration) Verdict {
	v := Verdict{Now: now, After: after}
	if f.Expires != nil && !f.Expires.After(now) {
		v.Reason, v.At = Expired, *f.Expires
		return v
	}
	if f.OwnerInactive != "" {
		v.Reason, v.Owner = OwnerInactive, f.OwnerInactive
		v.NeverUsed, v.At = f.LastUsed == nil, f.Created
		if f.LastUsed != nil {
			v.At = *f.LastUsed
		}
		return v
	}
	if f.LastUsed == nil {
		v.NeverUsed, v.At = true, f.Created
		if now.Sub(f.Created) > after {
			v.Reason = NeverUsed
		}
		return v
	}
	v.At = *f.LastUsed
	if now.Sub(*f.LastUsed) > after {
		v.Reason = Unused
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
	if v.Reason == Expired {
		return verdict + "expired " + Ago(v.Now, v.At)
	}
	if v.Reason == OwnerInactive {
		return verdict + "owner " + v.Owner
	}
	threshold := " (threshold " + FormatAfter(v.After) + ")"
	if v.NeverUsed {
		return verdict + "never used, created " + Ago(v.Now, v.At) + threshold
	}
	return verdict + "last used " + Ago(v.Now, v.At) + threshold
}

// Ago is timefmt.Relative for past events; a time slightly ahead of the
// local clock (server skew) reads "just now", not "in 2m".
func Ago(now, t time.Time) string {
	if t.After(now) {
		t = now
	}
	return timefmt.Relative(now, t)
}

// FormatAfter writes a threshold the way --stale-after takes it: "90d",
// "36h", "1d12h" → "36h".
func FormatAfter(d time.Duration) string {
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

// ParseAfter accepts "90d", "36h", "1h30m" (anything time.ParseDuration
// takes, plus a d suffix for days). Zero and negative values are errors.
func ParseAfter(s string) (time.Duration, error) {
	d, err := ParseDays(s)
	if err != nil {
		return 0, err
	}
	if d <= 0 {
		return 0, errNotPositive
	}
	return d, nil
}
