package stale

import (
	"fmt"
	"testing"
	"time"
)

func TestParseAfter(t *testing.T) {
	good := map[string]time.Duration{
		"90d": 90 * 24 * time.Hour, "36h": 36 * time.Hour, "1d12h": 36 * time.Hour, " 7d ": 7 * 24 * time.Hour,
	}
	for in, want := range good {
		got, err := ParseAfter(in)
		if err != nil || got != want {
			t.Errorf("ParseAfter(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0d", "-5d", "abc", "5x", "d", "10dd"} {
		if _, err := ParseAfter(in); err == nil {
			t.Errorf("ParseAfter(%q): no error", in)
		}
	}
	// The error quotes what was typed, and says what was likely meant.
	for in, want := range map[string]string{
		"60days": `invalid duration "60days" (did you mean 60d?)`,
		"1.5d":   `invalid duration "1.5d" (days are whole: use e.g. 1d12h for a day and a half)`,
		"3weeks": `invalid duration "3weeks" (use e.g. 90d or 36h)`,
	} {
		if _, err := ParseAfter(in); err == nil || err.Error() != want {
			t.Errorf("ParseAfter(%q): %v, want %q", in, err, want)
		}
	}
}

func TestFormatAfterRoundTrips(t *testing.T) {
	for in, want := range map[string]string{"90d": "90d", "36h": "36h", "1d12h": "36h", "90m": "1h30m", "45s": "45s", "12h": "12h"} {
		d, err := ParseAfter(in)
		if err != nil {
			t.Fatal(err)
		}
		got := FormatAfter(d)
		if got != want {
			t.Errorf("FormatAfter(%s) = %q, want %q", in, got, want)
		}
		if back, err := ParseAfter(got); err != nil || back != d {
			t.Errorf("%q does not parse back to %v", got, d)
		}
	}
}

func ExampleParseAfter() {
	d, _ := ParseAfter("90d")
	fmt.Println(d == 90*24*time.Hour)
	// Output: true
}

// An inactive owner is a stale reason of its own, whatever the use.
func TestOwnerInactiveIsAReason(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	used := now.Add(-time.Hour)
	v := Judge(Facts{Created: now.AddDate(-1, 0, 0), LastUsed: &used, OwnerInactive: "left (Terminated)"}, now, DefaultAfter)
	if v.Reason != OwnerInactive || v.String() != "stale: owner left (Terminated)" {
		t.Fatalf("%v %q", v.Reason, v.String())
	}
	if v := Judge(Facts{Created: now, LastUsed: &used}, now, DefaultAfter); v.Stale() {
		t.Fatal("an active owner's recent token is stale")
	}
}
