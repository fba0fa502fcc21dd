package main

import (
	"strings"
	"testing"
)

// The usage must appear exactly once, on stdout, for every way of asking.
func TestHelpPrintsUsageOnce(t *testing.T) {
	for _, arg := range []string{"--help", "-help", "-h", "--h"} {
		code, out, errs := runT(t, []string{arg}, envOf())
		if code != exitOK {
			t.Errorf("%s: exit %d, want %d", arg, code, exitOK)
		}
		if n := strings.Count(out+errs, "Usage:"); n != 1 {
			t.Errorf("%s: usage printed %d times\nstdout:\n%s\nstderr:\n%s", arg, n, out, errs)
		}
		if errs != "" {
			t.Errorf("%s: stderr must stay empty, got %q", arg, errs)
		}
		if !strings.Contains(out, "-stale-after") || !strings.Contains(out, `(default "90d")`) {
			t.Errorf("%s: flag defaults missing:\n%s", arg, out)
		}
	}
}

// A bad flag names the problem and points at --help, without the usage.
func TestBadFlagPointsAtHelp(t *testing.T) {
	code, out, errs := runT(t, []string{"--nope"}, envOf())
	if code != exitUsage || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errs, "-nope") || !strings.Contains(errs, "sailtui --help") || strings.Contains(errs, "Usage:") {
		t.Fatalf("stderr:\n%s", errs)
	}
}
