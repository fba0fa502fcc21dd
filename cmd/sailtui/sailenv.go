package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
	"gopkg.in/yaml.v3"

	"github.com/sailtui/sailtui/ui/data/userdirs"
)

// The sail CLI's environments: ~/.sailpoint/config.yaml names them and the
// active one; their secrets are in the OS keyring, where the sail CLI
// writes them with go-keyring (service environments.pat.clientid and
// environments.pat.clientsecret, user the environment's name). Older
// files hold the secret in plain text. sailtui only reads either.

// Keyring services the sail CLI writes.
const (
	keyringClientID     = "environments.pat.clientid"
	keyringClientSecret = "environments.pat.clientsecret"
)

// keyringTimeout bounds one keyring read: a locked or absent Secret
// Service must give a message, not a hang.
const keyringTimeout = 5 * time.Second

// sailEnv is one environment as the sail CLI describes it.
type sailEnv struct {
	Name               string
	BaseURL, TenantURL string
	ClientID           string
	ClientSecret       string
	IDFrom, SecretFrom string // where they came from (never the secret)
	PlainSecret        bool   // the old plain-text layout
	KeyringErr         error  // why the keyring gave nothing, when it did
	// Misplaced names credentials written outside pat: (ignored).
	Misplaced           string
	ConfigPath, Problem string
}

// sailFile is the part of the sail CLI's config.yaml sailtui reads.
type sailFile struct {
	ActiveEnvironment string `yaml:"activeenvironment"`
	Environments      map[string]struct {
		BaseURL   string `yaml:"baseurl"`
		TenantURL string `yaml:"tenanturl"`
		PAT       struct {
			ClientID     string `yaml:"clientid"`
			ClientSecret string `yaml:"clientsecret"`
		} `yaml:"pat"`
		// Misplaced: credentials written beside baseurl instead of
		// under pat:, which the sail CLI does not read either.
		ClientID     string `yaml:"clientid"`
		ClientSecret string `yaml:"clientsecret"`
	} `yaml:"environments"`
}

// sailConfigPath is ~/.sailpoint/config.yaml.
func sailConfigPath(getenv func(string) (string, bool)) string {
	home := userdirs.Home(userdirs.Env{GOOS: runtime.GOOS, Getenv: getenv}) // as os.UserHomeDir; tests set it
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".sailpoint", "config.yaml")
}

// errNoSailConfig is a missing sail CLI config: not an error, just
// nothing configured there.
var errNoSailConfig = errors.New("no sail CLI configuration")

// loadSailEnv reads environment name ("" for the active one) from the sail
// CLI's file at path, with its secrets from get (the keyring).
func loadSailEnv(path, name string, get func(service, user string) (string, error)) (*sailEnv, error) {
	if path == "" {
		return nil, errNoSailConfig
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, errNoSailConfig
	}
	if err != nil {
		return nil, fmt.Errorf("sail CLI config: %w", err)
	}
	var f sailFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("sail CLI config %s: %w", path, err)
	}
	envs := map[string]string{} // lower-cased name → as written
	for n := range f.Environments {
		envs[strings.ToLower(n)] = n
	}
	want := strings.ToLower(strings.TrimSpace(name))
	if want == "" {
		want = strings.ToLower(strings.TrimSpace(f.ActiveEnvironment))
		if want == "" {
			return nil, fmt.Errorf("sail CLI config %s: no active environment (sail env use NAME, or --env NAME)", path)
		}
	}
	key, ok := envs[want]
	if !ok {
		return nil, fmt.Errorf("sail CLI config %s: no environment %q (it has: %s)", path, want, strings.Join(sortedKeys(envs), ", "))
	}
	e := f.Environments[key]
	env := &sailEnv{Name: want, BaseURL: strings.TrimSpace(e.BaseURL), TenantURL: e.TenantURL, ConfigPath: path}
	if e.ClientID != "" || e.ClientSecret != "" {
		env.Misplaced = fmt.Sprintf("%s environments.%s has clientid/clientsecret beside baseurl; they are ignored "+
			"(the sail CLI reads them under pat:, or from the keyring)", path, key)
	}
	if id, sec := strings.TrimSpace(e.PAT.ClientID), strings.TrimSpace(e.PAT.ClientSecret); id != "" && sec != "" {
		env.ClientID, env.ClientSecret, env.PlainSecret = id, sec, true
		env.IDFrom = fmt.Sprintf("%s environments.%s.pat.clientid", path, key)
		env.SecretFrom = fmt.Sprintf("%s environments.%s.pat.clientsecret (plain text)", path, key)
		return env, nil
	}
	if env.ClientID, err = get(keyringClientID, want); err == nil {
		env.IDFrom = "keyring " + keyringClientID + " / " + want
		if env.ClientSecret, err = get(keyringClientSecret, want); err == nil {
			env.SecretFrom = "keyring " + keyringClientSecret + " / " + want
		}
	}
	if err != nil {
		env.ClientID, env.ClientSecret, env.KeyringErr = "", "", err
	}
	return env, nil
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// osKeyring reads the OS keyring off the caller's goroutine, bounded by
// keyringTimeout.
func osKeyring(service, user string) (string, error) {
	// The D-Bus client reads this process's environment, so this does too.
	if err := keyringUnreachable(runtime.GOOS, service, user); err != nil {
		return "", err
	}
	type answer struct {
		v   string
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		v, err := keyring.Get(service, user)
		ch <- answer{v, err}
	}()
	select {
	case a := <-ch:
		if errors.Is(a.err, keyring.ErrNotFound) {
			return "", fmt.Errorf("keyring has no entry %s for %q", service, user)
		}
		if a.err != nil {
			return "", fmt.Errorf("keyring entry %s for %q: %w", service, user, a.err)
		}
		return a.v, nil
	case <-time.After(keyringTimeout):
		return "", fmt.Errorf("keyring entry %s for %q: no answer in %s (a locked or absent keyring?)", service, user, keyringTimeout)
	}
}
