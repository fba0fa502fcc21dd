package main

import (
	"bytes"
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

// Plain http sends the client secret in the clear: it is refused before
// any request unless the host is this machine or the user insists.
func TestPlainHTTPOnlyForLoopbackUnlessInsecure(t *testing.T) {
	env := func(base string) func(string) (string, bool) {
		return envOf("SAIL_BASE_URL", base, "SAIL_CLIENT_ID", "id", "SAIL_CLIENT_SECRET", "s3cr3t")
	}
	for _, base := range []string{"http://203.0.113.1", "http://acme.api.identitynow.com", "http://[2001:db8::1]:8080",
		"http://localhost.evil.example", "http://127.0.0.1.nip.io"} {
		var out, errb bytes.Buffer
		_, code, ok := parseConfig(nil, env(base), &out, &errb)
		if ok || code != exitUsage {
			t.Errorf("%s: accepted (ok %v, code %d)", base, ok, code)
			continue
		}
		if msg := errb.String(); !strings.Contains(msg, "unencrypted") || !strings.Contains(msg, "--insecure-http") ||
			strings.Contains(msg, "s3cr3t") {
			t.Errorf("%s: stderr %q", base, msg)
		}
		var errb2 bytes.Buffer
		if cfg, _, ok := parseConfig([]string{"--insecure-http"}, env(base), &out, &errb2); !ok || cfg.baseURL != base {
			t.Errorf("%s with --insecure-http: refused: %s", base, errb2.String())
		} else if !strings.Contains(errb2.String(), "warning") {
			t.Errorf("%s with --insecure-http: no warning on stderr", base)
		}
	}
	for _, base := range []string{"http://127.0.0.1:8080", "http://127.8.9.10", "http://[::1]:9000", "http://localhost:3000",
		"http://LOCALHOST", "https://203.0.113.1"} {
		var out, errb bytes.Buffer
		if _, _, ok := parseConfig(nil, env(base), &out, &errb); !ok || errb.Len() != 0 {
			t.Errorf("%s: refused or warned: %q", base, errb.String())
		}
	}
	// The escape hatch is documented.
	code, out, _ := runT(t, []string{"--help"}, envOf())
	if code != exitOK || !strings.Contains(out, "-insecure-http") {
		t.Fatalf("--help lacks --insecure-http:\n%s", out)
	}
}

// A refused URL exits 2 from run itself: no sign-in is attempted (before
// the fix this tried to resolve the host and failed with exit 1).
func TestPlainHTTPRefusedBeforeAnyRequest(t *testing.T) {
	code, _, errs := runT(t, nil, envOf("SAIL_BASE_URL", "http://sail.example.test", "SAIL_CLIENT_ID", "id",
		"SAIL_CLIENT_SECRET", "s", "XDG_STATE_HOME", t.TempDir()))
	if code != exitUsage || !strings.Contains(errs, "plain http") || strings.Contains(errs, "sign-in") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}

// Inputs that used to be accepted and then failed late, confusingly, or
// leaked: each is refused at start with exit 2 and a message naming it,
// and a password in the base URL is never echoed.
func TestBadInputsAreRefusedClearly(t *testing.T) {
	creds := func(base string) []string {
		return []string{"SAIL_BASE_URL", base, "SAIL_CLIENT_ID", "id", "SAIL_CLIENT_SECRET", "s3cr3t"}
	}
	for _, tc := range []struct {
		name string
		args []string
		env  []string
		want string
	}{
		{"password in base URL", nil, creds("https://admin:hunter2@acme.api.identitynow.com"),
			`must not contain a user name or password ("https://admin:xxxxx@acme.api.identitynow.com" without them is "https://acme.api.identitynow.com")`},
		{"user in base URL", nil, creds("https://admin@acme.api.identitynow.com"), "must not contain a user name or password"},
		{"query in base URL", nil, creds("https://acme.api.identitynow.com/?x=1"), "must not have a query"},
		{"fragment in base URL", nil, creds("https://acme.api.identitynow.com#frag"), "must not have a fragment"},
		{"base URL not a URL", nil, creds("acme.api.identitynow.com"), "must be an absolute http(s) URL"},
		{"stale-after overflow", []string{"--stale-after", "999999999999d"}, creds("https://acme"), `is too long (at most 36500d)`},
		{"stale-after NaN", []string{"--stale-after", "NaNd"}, creds("https://acme"), `invalid duration`},
		{"stale-after sum overflow", []string{"--stale-after", "36500d1h"}, creds("https://acme"), `too long`},
		{"rate-limit window", []string{"--rate-limit", "1/1000000h"}, creds("https://acme"), "window must be at most 1h0m0s"},
		{"rate-limit count", []string{"--rate-limit", "9999999999/1s"}, creds("https://acme"), "count must be"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			_, code, ok := parseConfig(tc.args, envOf(tc.env...), &out, &errb)
			if ok || code != exitUsage {
				t.Fatalf("accepted (ok %v, code %d)", ok, code)
			}
			msg := errb.String()
			if !strings.Contains(msg, tc.want) || strings.Contains(msg, "hunter2") || strings.Contains(msg, "s3cr3t") {
				t.Fatalf("stderr %q\nwant it to contain %q and no secret", msg, tc.want)
			}
		})
	}
}
