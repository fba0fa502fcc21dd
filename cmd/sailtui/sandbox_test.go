package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
)

func TestRunSandboxServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr strings.Builder
	done := make(chan int, 1)
	go func() {
		code := runSandboxContext(ctx, []string{"--addr", "127.0.0.1:0", "--tokens", "5", "--apps", "3"}, pw, &stderr)
		pw.Close()
		done <- code
	}()

	lines := map[string]string{}
	sc := bufio.NewScanner(pr)
	for len(lines) < 5 && sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ": ")
		if !ok {
			t.Fatalf("unexpected output line %q", sc.Text())
		}
		lines[k] = v
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	base := lines["base URL"]
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("base URL line = %q (output %v, stderr %s)", base, lines, stderr.String())
	}
	if lines["client id"] != sandbox.DefaultClientID || lines["client secret"] != sandbox.DefaultClientSecret {
		t.Errorf("admin credentials = %q/%q, want the defaults", lines["client id"], lines["client secret"])
	}
	if lines["user client id"] != sandbox.DefaultUserClientID || lines["user client secret"] != sandbox.DefaultUserClientSecret {
		t.Errorf("user credentials = %q/%q", lines["user client id"], lines["user client secret"])
	}

	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {lines["client id"]}, "client_secret": {lines["client secret"]}}
	resp, err := http.PostForm(base+"/oauth/token", form)
	if err != nil {
		t.Fatal(err)
	}
	var tr client.TokenResponse
	err = json.NewDecoder(resp.Body).Decode(&tr)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || tr.AccessToken == "" {
		t.Fatalf("token: status %d, err %v", resp.StatusCode, err)
	}

	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit code %d, stderr %s", code, stderr.String())
	}
}

func TestRunSandboxFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--rate-limit", "lots"},
		{"--fail-rate", "2"},
		{"--fail-rate", "NaN"},
		{"--early-expiry", "NaN"},
		{"--drop-rate", "-0.1"},
		{"--latency", "-1s"},
		{"--retry-after", "-1s"},
		{"--rate-limit", "1/1000000h"},
		{"--tokens", "-3"},
		{"--tokens", "250001"},
		{"--apps", "100001"},
		{"--token-ttl", "0s"},
		{"--client-secret", ""},
		{"--client-id", "  "},
		{"extra"},
		{"--no-such-flag"},
	} {
		var stdout, stderr strings.Builder
		code := runSandboxContext(context.Background(), args, &stdout, &stderr)
		if code != 2 {
			t.Errorf("%v: exit code %d, want 2", args, code)
		}
		if stdout.Len() != 0 || !strings.Contains(stderr.String(), "sandbox") {
			t.Errorf("%v: stdout %q stderr %q", args, stdout.String(), stderr.String())
		}
	}
}

// Help goes to stdout, as asked for, with every flag and who the
// credentials are.
func TestRunSandboxHelp(t *testing.T) {
	code, out, errs := runT(t, []string{"sandbox", "--help"}, envOf())
	if code != exitOK || errs != "" {
		t.Fatalf("exit code %d, stderr %q", code, errs)
	}
	for _, want := range []string{"--addr", "--rate-limit", "--fail-rate", "-v, --verbose", "non-admin"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
}
