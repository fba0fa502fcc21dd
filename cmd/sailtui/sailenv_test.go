package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sailHome writes a sail CLI config.yaml under a fresh HOME.
func sailHome(t *testing.T, yaml string) string {
	t.Helper()
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".sailpoint"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".sailpoint", "config.yaml"), []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return home
}

// The sail CLI 2.x layout: environments in the file, secrets in the keyring.
const sail2 = `activeenvironment: Acme-Test
environments:
  acme-test:
    baseurl: https://acme-test.api.identitynow.com
    tenanturl: https://acme-test.identitynow.com
  prod:
    baseurl: https://acme.api.identitynow.com
    tenanturl: https://acme.identitynow.com
`

// The older layout, secret in plain text.
const sailOld = `activeenvironment: old
environments:
  old:
    baseurl: https://old.api.identitynow.com
    pat:
      clientid: old-id
      clientsecret: old-secret
`

// fakeKeyring is a keyring holding entries (service, user → secret). The
// process-wide go-keyring mock is not used: the real Secret Service test
// shares this test binary.
func fakeKeyring(entries map[[2]string]string) func(service, user string) (string, error) {
	return func(service, user string) (string, error) {
		if v, ok := entries[[2]string{service, user}]; ok {
			return v, nil
		}
		return "", fmt.Errorf("keyring has no entry %s for %q", service, user)
	}
}

// parseWith is parseConfig with the fake keyring.
func parseWith(args []string, env func(string) (string, bool), get func(string, string) (string, error),
	stdout, stderr *strings.Builder) (config, int, bool) {
	return parseFlagsKeyring("sailtui", nil, args, env, stdout, stderr, get)
}

func TestCredentialResolutionOrder(t *testing.T) {
	get := fakeKeyring(map[[2]string]string{
		{keyringClientID, "acme-test"}: "test-id", {keyringClientSecret, "acme-test"}: "test-secret",
		{keyringClientID, "prod"}: "prod-id", {keyringClientSecret, "prod"}: "prod-secret",
	})
	home := sailHome(t, sail2)
	vars := []string{"SAIL_BASE_URL", "https://vars.api.identitynow.com", "SAIL_CLIENT_ID", "var-id", "SAIL_CLIENT_SECRET", "var-secret"}
	for _, c := range []struct {
		name             string
		env              []string
		args             []string
		base, id, secret string
		envName          string
		readOnly         bool
		from             map[string]string // key → part of where it came from
		warn             string
	}{
		{name: "active sail environment, keyring secrets", env: []string{"HOME", home},
			base: "https://acme-test.api.identitynow.com", id: "test-id", secret: "test-secret", envName: "acme-test",
			from: map[string]string{"base URL": "environments.acme-test.baseurl", "client id": "keyring environments.pat.clientid / acme-test",
				"client secret": "keyring environments.pat.clientsecret / acme-test"}},
		{name: "variables beat the sail CLI", env: append([]string{"HOME", home}, vars...),
			base: "https://vars.api.identitynow.com", id: "var-id", secret: "var-secret",
			from: map[string]string{"base URL": "SAIL_BASE_URL", "client secret": "SAIL_CLIENT_SECRET"}},
		{name: "--env beats the variables, flags beat both", env: append([]string{"HOME", home}, vars...),
			args: []string{"--env", "PROD", "--write", "--client-id", "flag-id"},
			base: "https://acme.api.identitynow.com", id: "flag-id", secret: "prod-secret", envName: "prod",
			from: map[string]string{"client id": "--client-id", "environment": "config.yaml"}},
		{name: "prod starts read-only", env: []string{"HOME", home}, args: []string{"--env", "prod"},
			base: "https://acme.api.identitynow.com", id: "prod-id", secret: "prod-secret", envName: "prod", readOnly: true,
			warn: "environment prod starts read-only; pass --write"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errb strings.Builder
			cfg, code, ok := parseWith(c.args, envOf(c.env...), get, &out, &errb)
			if !ok {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if cfg.baseURL != c.base || cfg.clientID != c.id || cfg.clientSecret != c.secret || cfg.envName != c.envName || cfg.readOnly != c.readOnly {
				t.Fatalf("got %s %s %s env %q ro %v", cfg.baseURL, cfg.clientID, cfg.clientSecret, cfg.envName, cfg.readOnly)
			}
			// The views say why they are read-only, and how to lift it.
			if c.readOnly && !strings.Contains(cfg.readOnlyWhy, "environment prod starts read-only; start with --write") {
				t.Errorf("read-only reason %q", cfg.readOnlyWhy)
			}
			for key, want := range c.from {
				found := false
				for _, s := range cfg.sources {
					if s.key == key && strings.Contains(s.from, want) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s not from %q: %+v", key, want, cfg.sources)
				}
			}
			if !strings.Contains(errb.String(), c.warn) {
				t.Errorf("stderr %q lacks %q", errb.String(), c.warn)
			}
			if strings.Contains(errb.String(), "secret\n") || strings.Contains(out.String()+errb.String(), c.secret) {
				t.Fatal("a secret was printed")
			}
		})
	}
}

func TestSailCLIProblemsAreSaidClearly(t *testing.T) {
	get := fakeKeyring(nil)
	home := sailHome(t, sail2)
	for _, c := range []struct {
		env  []string
		args []string
		want []string
	}{
		{[]string{"HOME", home}, nil, []string{"environment acme-test", "keyring has no entry environments.pat.clientid for \"acme-test\"",
			"SAIL_CLIENT_ID and SAIL_CLIENT_SECRET"}},
		{[]string{"HOME", home}, []string{"--env", "staging"}, []string{`no environment "staging" (it has: acme-test, prod)`}},
		{[]string{"HOME", t.TempDir()}, []string{"--env", "x"}, []string{"--env x: there is no sail CLI configuration at"}},
		{[]string{"HOME", sailHome(t, "environments: [oops")}, nil, []string{"sail CLI config", "config.yaml"}},
		{[]string{"HOME", t.TempDir()}, nil, []string{"no tenant configured", "sail env create", "--demo"}},
	} {
		var out, errb strings.Builder
		_, code, ok := parseWith(c.args, envOf(c.env...), get, &out, &errb)
		if ok || code != exitUsage {
			t.Errorf("%v: accepted", c.args)
		}
		for _, w := range c.want {
			if !strings.Contains(errb.String(), w) {
				t.Errorf("%v: stderr %q lacks %q", c.args, errb.String(), w)
			}
		}
	}
}

func TestOldPlainTextLayoutWarns(t *testing.T) {
	var out, errb strings.Builder
	cfg, _, ok := parseWith(nil, envOf("HOME", sailHome(t, sailOld)), fakeKeyring(nil), &out, &errb)
	if !ok || cfg.clientID != "old-id" || cfg.clientSecret != "old-secret" || !strings.Contains(errb.String(), "plain text") {
		t.Fatalf("ok %v id %q stderr %q", ok, cfg.clientID, errb.String())
	}
	if strings.Contains(errb.String(), "old-secret") {
		t.Fatal("the secret was printed")
	}
}

func TestConfigCommandShowsSourcesNeverSecrets(t *testing.T) {
	// The old layout: the command's own keyring is the OS one.
	code, out, errs := runT(t, []string{"config"}, envOf("HOME", sailHome(t, sailOld)))
	if code != exitOK || !strings.Contains(errs, "plain text") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"environment    old", "base URL       https://old.api.identitynow.com",
		"environments.old.pat.clientsecret (plain text)", "client secret  set (not shown)", "complete: sailtui would connect to"} {
		if !strings.Contains(out, want) {
			t.Errorf("config output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+errs, "old-secret") {
		t.Fatal("secret printed")
	}
	code, out, _ = runT(t, []string{"config"}, envOf("HOME", t.TempDir(), "SAIL_BASE_URL", "https://x.api.identitynow.com"))
	if code != exitUsage || !strings.Contains(out, "from SAIL_BASE_URL") {
		t.Fatalf("incomplete: exit %d\n%s", code, out)
	}
}

// Credentials written beside baseurl instead of under pat: are not read
// (the sail CLI does not read them either), and sailtui says so rather
// than ignoring them silently.
func TestMisplacedSailCredentialsAreSaid(t *testing.T) {
	home := sailHome(t, `activeenvironment: misplaced
environments:
  misplaced:
    baseurl: https://m.api.identitynow.com
    clientid: m-id
    clientsecret: m-secret
`)
	var out, errb strings.Builder
	_, code, _ := parseWith(nil, envOf("HOME", home), fakeKeyring(nil), &out, &errb)
	msg := errb.String()
	if code != exitUsage || !strings.Contains(msg, "environments.misplaced has clientid/clientsecret beside baseurl; they are ignored") ||
		strings.Contains(msg, "m-secret") {
		t.Fatalf("exit %d: %s", code, msg)
	}
}
