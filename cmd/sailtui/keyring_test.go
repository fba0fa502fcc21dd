package main

import (
	"os"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

// Against a real Secret Service: entries written exactly as the sail CLI
// writes them (go-keyring, service environments.pat.clientid/secret,
// user the environment's name) resolve through sailtui's own path.
// .ci/run provides one (gnome-keyring under dbus-run-session) and sets
// SAILTUI_SECRET_SERVICE=1, so in CI this test must run.
func TestRealSecretService(t *testing.T) {
	required := os.Getenv("SAILTUI_SECRET_SERVICE") == "1"
	const env = "sailtui-ci-keyring"
	if err := keyring.Set(keyringClientID, env, "ci-client-id"); err != nil {
		if required {
			t.Fatalf("no Secret Service although .ci/run set one up: %v", err)
		}
		t.Skipf("no Secret Service here (%v); .ci/run runs this test inside dbus-run-session with gnome-keyring", err)
	}
	t.Cleanup(func() {
		_ = keyring.Delete(keyringClientID, env)
		_ = keyring.Delete(keyringClientSecret, env)
	})
	if err := keyring.Set(keyringClientSecret, env, "ci-client-secret"); err != nil {
		t.Fatal(err)
	}
	home := sailHome(t, "activeenvironment: "+env+"\nenvironments:\n  "+env+":\n    baseurl: https://ci.api.identitynow.com\n")
	var out, errb strings.Builder
	cfg, code, ok := parseConfig(nil, envOf("HOME", home), &out, &errb)
	if !ok || cfg.clientID != "ci-client-id" || cfg.clientSecret != "ci-client-secret" {
		t.Fatalf("exit %d, id %q: %s", code, cfg.clientID, errb.String())
	}
	// A missing entry is named, with the variables that work instead.
	_ = keyring.Delete(keyringClientSecret, env)
	_, code, _ = parseConfig(nil, envOf("HOME", home), &out, &errb)
	if code != exitUsage || !strings.Contains(errb.String(), "environments.pat.clientsecret") ||
		!strings.Contains(errb.String(), "SAIL_CLIENT_SECRET") {
		t.Fatalf("missing secret: exit %d %q", code, errb.String())
	}
}
