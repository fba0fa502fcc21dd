package timefmt

import (
	"testing"
	"time"
)

func TestRelative(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	cases := map[time.Duration]string{
		10 * time.Second: "just now", 5 * time.Minute: "5m ago", 3 * time.Hour: "3h ago",
		3 * day: "3d ago", 59 * day: "59d ago", 90 * day: "3mo ago", 800 * day: "2y ago",
		-40 * day: "in 40d", -2 * time.Hour: "in 2h",
	}
	for ago, want := range cases {
		if got := Relative(now, now.Add(-ago)); got != want {
			t.Errorf("Relative(-%v) = %q, want %q", ago, got, want)
		}
	}
}

func TestCountdown(t *testing.T) {
	cases := map[time.Duration]string{0: "0s", 100 * time.Millisecond: "1s", 7 * time.Second: "7s", 61 * time.Second: "1m01s"}
	for d, want := range cases {
		if got := Countdown(d); got != want {
			t.Errorf("Countdown(%v) = %q, want %q", d, got, want)
		}
	}
}
