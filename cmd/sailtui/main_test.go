package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
)

func envOf(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func runT(t *testing.T, args []string, env func(string) (string, bool)) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	// stdin is a buffer: never a terminal.
	code := run(args, env, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestNothingConfiguredExits2WithHint(t *testing.T) {
	code, out, errs := runT(t, nil, envOf("XDG_STATE_HOME", t.TempDir()))
	if code != exitUsage {
		t.Fatalf("exit %d, want %d", code, exitUsage)
	}
	for _, want := range []string{"SAIL_BASE_URL", "SAIL_CLIENT_ID", "SAIL_CLIENT_SECRET", "--demo"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if out != "" {
		t.Errorf("stdout must stay empty, got %q", out)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	env := envOf("SAIL_BASE_URL", "https://acme.api.identitynow.com", "SAIL_CLIENT_ID", "id", "SAIL_CLIENT_SECRET", "s",
		"XDG_STATE_HOME", t.TempDir())
	cases := map[string][]string{
		"unknown flag":     {"--nope"},
		"bad stale-after":  {"--stale-after", "ninety"},
		"zero stale-after": {"--stale-after", "0d"},
		"bad theme":        {"--theme", "neon"},
		"bad api":          {"--api", "v9"},
		"stray argument":   {"tokens"},
		"secret as flag":   {"--client-secret", "x"},
	}
	for name, args := range cases {
		if code, _, errs := runT(t, args, env); code != exitUsage || errs == "" {
			t.Errorf("%s: exit %d, stderr %q", name, code, errs)
		}
	}
	// A partial configuration names exactly what is missing.
	code, _, errs := runT(t, nil, envOf("SAIL_BASE_URL", "https://x.example", "XDG_STATE_HOME", t.TempDir()))
	if code != exitUsage || !strings.Contains(errs, "SAIL_CLIENT_ID") || strings.Contains(errs, "SAIL_BASE_URL (") {
		t.Errorf("partial: exit %d, %q", code, errs)
	}
	code, _, errs = runT(t, nil, envOf("SAIL_BASE_URL", "acme", "SAIL_CLIENT_ID", "a", "SAIL_CLIENT_SECRET", "b"))
	if code != exitUsage || !strings.Contains(errs, "must be an absolute http(s) URL") {
		t.Errorf("bad URL: exit %d, %q", code, errs)
	}
}

func TestHelpAndVersion(t *testing.T) {
	code, out, _ := runT(t, []string{"--help"}, envOf())
	if code != exitOK || !strings.Contains(out, "--demo") || !strings.Contains(out, "SAIL_CLIENT_SECRET") {
		t.Fatalf("help: exit %d\n%s", code, out)
	}
	code, out, _ = runT(t, []string{"--version"}, envOf())
	if code != exitOK || !strings.HasPrefix(out, "sailtui ") {
		t.Fatalf("version: exit %d %q", code, out)
	}
}

func TestFlagsOverrideEnvironmentAndNoColor(t *testing.T) {
	var out, errb bytes.Buffer
	cfg, _, ok := parseConfig([]string{"--base-url", "https://flag.example", "--client-id", "flag-id", "--stale-after", "30d",
		"--read-only", "--theme", "high-contrast", "--api", "v2025", "--rate-limit", "20/2s"},
		envOf("SAIL_BASE_URL", "https://env.example", "SAIL_CLIENT_ID", "env-id", "SAIL_CLIENT_SECRET", "sec", "NO_COLOR", "1"),
		&out, &errb)
	if !ok {
		t.Fatal(errb.String())
	}
	if cfg.baseURL != "https://flag.example" || cfg.clientID != "flag-id" || cfg.clientSecret != "sec" ||
		!cfg.readOnly || cfg.staleAfter.Hours() != 720 || cfg.theme.Name != "mono" || cfg.family != "v2025" ||
		cfg.rateLimit != (client.RateLimit{Requests: 20, Per: 2 * time.Second}) {
		t.Fatalf("cfg = %+v", cfg)
	}
}

// The documented gateway budget is the default; a bad value is a
// configuration error (exit 2) that names the flag.
func TestRateLimitFlag(t *testing.T) {
	env := envOf("SAIL_BASE_URL", "https://acme.example", "SAIL_CLIENT_ID", "id", "SAIL_CLIENT_SECRET", "sec")
	var out, errb bytes.Buffer
	cfg, _, ok := parseConfig(nil, env, &out, &errb)
	if !ok || cfg.rateLimit != (client.RateLimit{Requests: 100, Per: 10 * time.Second}) {
		t.Fatalf("default rate limit %+v (%s)", cfg.rateLimit, errb.String())
	}
	errb.Reset()
	_, code, ok := parseConfig([]string{"--rate-limit", "fast"}, env, &out, &errb)
	if ok || code != 2 || !strings.Contains(errb.String(), "--rate-limit") {
		t.Fatalf("bad value: ok=%v code=%d stderr=%q", ok, code, errb.String())
	}
}

func startSandbox(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	srv, err := sandbox.New(sandbox.Options{Seed: 1, Tokens: 5})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	url, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return srv, url
}

// runTTY is runT on a terminal (a pseudo-terminal), for what happens after
// the terminal check. Only use it where run ends before the UI starts.
func runTTY(t *testing.T, args []string, env func(string) (string, bool)) (int, string) {
	t.Helper()
	_, tty := openPTY(t)
	var errb bytes.Buffer
	code := run(args, env, tty, tty, &errb)
	return code, errb.String()
}

func TestBadCredentialsExit1WithServerMessage(t *testing.T) {
	_, url := startSandbox(t)
	code, errs := runTTY(t, nil, envOf("SAIL_BASE_URL", url, "SAIL_CLIENT_ID", "wrong", "SAIL_CLIENT_SECRET", "wrong",
		"XDG_STATE_HOME", t.TempDir()))
	if code != exitFailure || !strings.Contains(errs, "sign-in failed") || !strings.Contains(errs, "401") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	// Said before the (possibly slow) sign-in, so the terminal is never blank.
	if host := strings.TrimPrefix(url, "http://"); !strings.HasPrefix(errs, "sailtui: signing in to "+host+"…\n") {
		t.Fatalf("stderr %q does not start with the sign-in notice", errs)
	}
	if strings.Contains(errs, "wrong\n") {
		t.Fatal("the secret was echoed")
	}
}

func TestNoTerminalIsAClearError(t *testing.T) {
	srv, url := startSandbox(t)
	admin, _ := srv.Credentials()
	code, out, errs := runT(t, nil, envOf("SAIL_BASE_URL", url, "SAIL_CLIENT_ID", admin.ClientID,
		"SAIL_CLIENT_SECRET", admin.ClientSecret, "XDG_STATE_HOME", t.TempDir()))
	if code != exitFailure || !strings.Contains(errs, "interactive terminal") || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, _, errs = runT(t, []string{"--demo", "--demo-tokens", "3"}, envOf("XDG_STATE_HOME", t.TempDir()))
	if code != exitFailure || !strings.Contains(errs, "interactive terminal") {
		t.Fatalf("demo without a terminal: exit %d, %q", code, errs)
	}
}

// Without a terminal sailtui says so before signing in: no request reaches
// the tenant, so a slow or unreachable tenant cannot delay the message.
func TestNoTerminalCheckedBeforeSignIn(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	code, out, errs := runT(t, nil, envOf("SAIL_BASE_URL", srv.URL, "SAIL_CLIENT_ID", "id", "SAIL_CLIENT_SECRET", "s",
		"XDG_STATE_HOME", t.TempDir()))
	if code != exitFailure || !strings.Contains(errs, "interactive terminal") || strings.Contains(errs, "sign-in") || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("%d requests reached the tenant before the terminal check", n)
	}
	// Configuration is still checked first: exit 2 without a terminal.
	code, _, errs = runT(t, []string{"--stale-after", "soon"}, envOf("SAIL_BASE_URL", srv.URL, "SAIL_CLIENT_ID", "id",
		"SAIL_CLIENT_SECRET", "s", "XDG_STATE_HOME", t.TempDir()))
	if code != exitUsage || strings.Contains(errs, "terminal") {
		t.Fatalf("bad flag without a terminal: exit %d, %q", code, errs)
	}
}

// The demo tenant has a size limit; asking for more is a usage error,
// named before anything starts.
func TestDemoTokensAboveTheCapExit2(t *testing.T) {
	code, _, errs := runT(t, []string{"--demo", "--demo-tokens", strconv.Itoa(sandbox.MaxTokens + 1)}, envOf("XDG_STATE_HOME", t.TempDir()))
	if code != exitUsage || !strings.Contains(errs, "--demo-tokens") || !strings.Contains(errs, strconv.Itoa(sandbox.MaxTokens)) {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = runT(t, []string{"--demo", "--demo-tokens", strconv.Itoa(sandbox.MaxTokens)}, envOf("XDG_STATE_HOME", t.TempDir()))
	if code != exitFailure || !strings.Contains(errs, "interactive terminal") {
		t.Fatalf("at the cap: exit %d, stderr %q", code, errs)
	}
}
