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
