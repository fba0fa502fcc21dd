package tokens

import (
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
)

func TestStaleRule(t *testing.T) {
	after := 90 * 24 * time.Hour
	cases := []struct {
		name string
		tok  client.PersonalAccessToken
		want StaleReason
	}{
		{"used yesterday", client.PersonalAccessToken{Created: daysAgo(400), LastUsed: ptr(daysAgo(1))}, NotStale},
		{"used 91 days ago", client.PersonalAccessToken{Created: daysAgo(400), LastUsed: ptr(daysAgo(91))}, StaleUnused},
		{"used exactly 90 days ago", client.PersonalAccessToken{Created: daysAgo(400), LastUsed: ptr(daysAgo(90))}, NotStale},
		{"never used, old", client.PersonalAccessToken{Created: daysAgo(91)}, StaleNeverUsed},
		{"never used, new", client.PersonalAccessToken{Created: daysAgo(89)}, NotStale},
		{"expired but used", client.PersonalAccessToken{Created: daysAgo(10), LastUsed: ptr(daysAgo(1)), ExpirationDate: ptr(daysAgo(1))}, StaleExpired},
		{"expires now", client.PersonalAccessToken{Created: daysAgo(10), LastUsed: ptr(daysAgo(1)), ExpirationDate: ptr(testNow)}, StaleExpired},
		{"expires later", client.PersonalAccessToken{Created: daysAgo(10), LastUsed: ptr(daysAgo(1)), ExpirationDate: ptr(testNow.Add(time.Hour))}, NotStale},
		{"never-expiring flag wins over a date", client.PersonalAccessToken{Created: daysAgo(10), LastUsed: ptr(daysAgo(1)), ExpirationDate: ptr(daysAgo(1)), UserAwareTokenNeverExpires: true}, NotStale},
	}
	for _, c := range cases {
		if got := Stale(&c.tok, testNow, after); got != c.want {
			t.Errorf("%s: Stale = %v, want %v", c.name, got, c.want)
		}
	}
	// The threshold is a parameter, not a constant.
	tok := client.PersonalAccessToken{Created: daysAgo(400), LastUsed: ptr(daysAgo(20))}
	if Stale(&tok, testNow, 14*24*time.Hour) != StaleUnused {
		t.Error("14-day threshold not applied")
	}
}

func TestParseStaleAfter(t *testing.T) {
	good := map[string]time.Duration{
		"90d": 90 * 24 * time.Hour, "36h": 36 * time.Hour, "1d12h": 36 * time.Hour, "0.5d": 12 * time.Hour, " 7d ": 7 * 24 * time.Hour,
	}
	for in, want := range good {
		got, err := ParseStaleAfter(in)
		if err != nil || got != want {
			t.Errorf("ParseStaleAfter(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0d", "-5d", "abc", "5x", "d", "10dd"} {
		if _, err := ParseStaleAfter(in); err == nil {
			t.Errorf("ParseStaleAfter(%q): no error", in)
		}
	}
}

func TestExplainSaysWhy(t *testing.T) {
	after := 90 * 24 * time.Hour
	cases := []struct {
		tok  client.PersonalAccessToken
		want string
	}{
		{client.PersonalAccessToken{Created: daysAgo(3)}, "not stale: never used, created 3d ago (threshold 90d)"},
		{client.PersonalAccessToken{Created: daysAgo(120)}, "stale: never used, created 4mo ago (threshold 90d)"},
		{client.PersonalAccessToken{Created: daysAgo(800), LastUsed: ptr(daysAgo(400))}, "stale: last used 13mo ago (threshold 90d)"},
		{client.PersonalAccessToken{Created: daysAgo(800), LastUsed: ptr(daysAgo(5))}, "not stale: last used 5d ago (threshold 90d)"},
		{client.PersonalAccessToken{Created: daysAgo(800), LastUsed: ptr(daysAgo(1)), ExpirationDate: ptr(daysAgo(60))}, "stale: expired 2mo ago"},
		// A last use slightly ahead of our clock (server skew) is "just now".
		{client.PersonalAccessToken{Created: daysAgo(8), LastUsed: ptr(testNow.Add(time.Minute))}, "not stale: last used just now (threshold 90d)"},
	}
	for _, c := range cases {
		v := Explain(&c.tok, testNow, after)
		if got := v.String(); got != c.want {
			t.Errorf("Explain = %q, want %q", got, c.want)
		}
		if v.Reason != Stale(&c.tok, testNow, after) || v.Stale() != (v.Reason != NotStale) {
			t.Errorf("Explain and Stale disagree on %q", c.want)
		}
	}
	v := Explain(&client.PersonalAccessToken{Created: daysAgo(2)}, testNow, 36*time.Hour)
	if got := v.String(); got != "stale: never used, created 2d ago (threshold 36h)" {
		t.Errorf("36h threshold: %q", got)
	}
}

func TestFormatStaleAfterRoundTrips(t *testing.T) {
	for in, want := range map[string]string{"90d": "90d", "36h": "36h", "1d12h": "36h", "90m": "1h30m", "45s": "45s", "0.5d": "12h"} {
		d, err := ParseStaleAfter(in)
		if err != nil {
			t.Fatal(err)
		}
		got := FormatStaleAfter(d)
		if got != want {
			t.Errorf("FormatStaleAfter(%s) = %q, want %q", in, got, want)
		}
		if back, err := ParseStaleAfter(got); err != nil || back != d {
			t.Errorf("%q does not parse back to %v", got, d)
		}
	}
}
