package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/audit"
)

// source is where one connection setting came from, for `sailtui config`.
type source struct{ key, value, from string }

// credentialFlags are the flags that pick the tenant.
type credentialFlags struct{ base, id, env string }

// credentials fills the tenant connection and returns what is missing or
// wrong. The order: flags, then the SAIL_* environment variables, then
// the sail CLI's environment. The three settings come from one place, so
// a base URL from one tenant never meets another tenant's secret: the
// variables when any is set (unless --env names an environment), else
// the sail CLI's environment (active, or --env). --base-url and
// --client-id override either.
func (c *config) credentials(getenv func(string) (string, bool), fl credentialFlags,
	get func(service, user string) (string, error)) []string {
	env := func(k string) string { v, _ := getenv(k); return strings.TrimSpace(v) }
	anyVar := env("SAIL_BASE_URL") != "" || env("SAIL_CLIENT_ID") != "" || env("SAIL_CLIENT_SECRET") != ""
	if problem, used := c.fromSailCLI(getenv, fl.env, anyVar, get); problem != "" {
		return []string{problem}
	} else if !used {
		c.baseURL, c.clientID, c.clientSecret = env("SAIL_BASE_URL"), env("SAIL_CLIENT_ID"), env("SAIL_CLIENT_SECRET")
		c.record("base URL", c.baseURL, "SAIL_BASE_URL")
		c.record("client id", c.clientID, "SAIL_CLIENT_ID")
		c.record("client secret", secretShown(c.clientSecret), "SAIL_CLIENT_SECRET")
	}
	if fl.base != "" {
		c.baseURL = fl.base
		c.record("base URL", fl.base, "--base-url")
	}
	if fl.id != "" {
		c.clientID = fl.id
		c.record("client id", fl.id, "--client-id")
	}
	if problem := c.missing(); problem != "" {
		return []string{problem}
	}
	base, err := client.CheckBaseURL(c.baseURL)
	if err != nil {
		return []string{err.Error()}
	}
	c.baseURL = base
	if !c.insecureHTTP && !secureTransport(c.baseURL) {
		return []string{fmt.Sprintf("base URL %q uses plain http: the client secret would be sent unencrypted.\n"+
			"  Use https, or pass --insecure-http if you really mean it (loopback addresses are always allowed)", c.baseURL)}
	}
	return nil
}

// fromSailCLI uses the sail CLI's environment when it applies; used says
// it did, problem why it could not when it should have.
func (c *config) fromSailCLI(getenv func(string) (string, bool), name string, anyVar bool,
	get func(service, user string) (string, error)) (problem string, used bool) {
	if anyVar && name == "" {
		return "", false
	}
	path := sailConfigPath(getenv)
	se, err := loadSailEnv(path, name, get)
	switch {
	case errors.Is(err, errNoSailConfig) && name == "":
		return "", false
	case errors.Is(err, errNoSailConfig):
		return fmt.Sprintf("--env %s: there is no sail CLI configuration at %s (sail env create %s)", name, path, name), false
	case err != nil:
		return err.Error(), false
	}
	c.envName = se.Name
	c.baseURL, c.clientID, c.clientSecret = se.BaseURL, se.ClientID, se.ClientSecret
	c.record("environment", se.Name, path)
	c.record("base URL", se.BaseURL, path+" environments."+se.Name+".baseurl")
	c.record("client id", se.ClientID, se.IDFrom)
	c.record("client secret", secretShown(se.ClientSecret), se.SecretFrom)
	if se.Misplaced != "" {
		c.warnings = append(c.warnings, se.Misplaced)
	}
	if se.PlainSecret {
		c.warnings = append(c.warnings, fmt.Sprintf("%s holds environment %s's client secret in plain text;"+
			" the sail CLI keeps it in the OS keyring now (sail env update %s)", path, se.Name, se.Name))
	}
	// The missing base URL first: no secret would make that environment
	// usable.
	if se.BaseURL == "" {
		return fmt.Sprintf("environment %s in %s has no baseurl", se.Name, path), true
	}
	if se.KeyringErr != nil {
		fix := "Unlock the keyring, or set"
		if errors.Is(se.KeyringErr, errNoSessionBus) {
			fix = "Set"
		}
		msg := fmt.Sprintf("environment %s: %v.\n  %s SAIL_CLIENT_ID and SAIL_CLIENT_SECRET"+
			" (with SAIL_BASE_URL) instead", se.Name, se.KeyringErr, fix)
		if se.Misplaced != "" {
			msg += ".\n  " + se.Misplaced
		}
		return msg, true
	}
	return "", true
}

// missing says which settings are not set at all.
func (c *config) missing() string {
	var missing []string
	if c.baseURL == "" {
		missing = append(missing, "SAIL_BASE_URL (or --base-url)")
	}
	if c.clientID == "" {
		missing = append(missing, "SAIL_CLIENT_ID (or --client-id)")
	}
	if c.clientSecret == "" {
		missing = append(missing, "SAIL_CLIENT_SECRET")
	}
	switch {
	case len(missing) == 3:
		return "no tenant configured. Set SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET,\n" +
			"  use a sail CLI environment (sail env create, or --env NAME),\n" +
			"  or try it without a tenant: sailtui --demo"
	case len(missing) > 0:
		return "missing " + strings.Join(missing, ", ") + " (or try sailtui --demo)"
	}
	return ""
}

// productionGuard starts an environment named prod or production
// read-only unless --write says otherwise.
func (c *config) productionGuard(write bool) {
	if c.readOnly {
		return
	}
	if why := productionReadOnly(c.envName, write); why != "" {
		c.readOnly, c.readOnlyWhy = true, why
		c.warnings = append(c.warnings, fmt.Sprintf("environment %s starts read-only; pass --write to change anything", c.envName))
	}
}

// productionReadOnly says why environment name starts read-only: one
// named prod or production does, unless --write ("" when it does not).
func productionReadOnly(name string, write bool) string {
	if n := strings.ToLower(name); !write && (n == "prod" || n == "production") {
		return fmt.Sprintf("environment %s starts read-only; start with --write to make changes", name)
	}
	return ""
}

// record notes where key came from (replacing an earlier source).
func (c *config) record(key, value, from string) {
	if value == "" {
		return
	}
	for i := range c.sources {
		if c.sources[i].key == key {
			c.sources[i] = source{key, value, from}
			return
		}
	}
	c.sources = append(c.sources, source{key, value, from})
}

// secretShown is what `sailtui config` prints for a secret: never it.
func secretShown(s string) string {
	if s == "" {
		return ""
	}
	return "set (not shown)"
}

// showConfig is `sailtui config`: where every connection setting comes
// from, without a secret; exit 2 when the connection is incomplete.
func showConfig(cfg config, code int, ok bool, getenv func(string) (string, bool), stdout io.Writer) int {
	defer showFiles(getenv, stdout)
	if cfg.demo {
		fmt.Fprintln(stdout, "tenant         the built-in sandbox (--demo)")
		return code
	}
	for _, s := range cfg.sources {
		fmt.Fprintf(stdout, "%-14s %s\n%-14s   from %s\n", s.key, s.value, "", s.from)
	}
	if ok {
		fmt.Fprintln(stdout, "complete: sailtui would connect to", cfg.baseURL)
	}
	return code
}

// showFiles says where sailtui's own files are on this system.
func showFiles(getenv func(string) (string, bool), stdout io.Writer) {
	state, err := audit.Dir(getenv, os.UserHomeDir)
	if err != nil {
		state = "(none: " + err.Error() + ")"
	}
	fmt.Fprintf(stdout, "%-14s %s\n%-14s %s\n%-14s %s\n", "settings", orNone(settingsPath(getenv)), "themes", orNone(themeDir(getenv)),
		"state", state+" (logs, audit log, reports)")
}

func orNone(p string) string {
	if p == "" {
		return "(none: no home folder)"
	}
	return p
}
