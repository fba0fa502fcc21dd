package main

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/stale"
)

// config is everything the flags and the environment decided.
type config struct {
	demo       bool
	demoSeed   int64
	demoTokens int
	demoApps   int

	baseURL, clientID, clientSecret string
	// insecureHTTP allows a plain http:// base URL for a host other than
	// this machine (--insecure-http).
	insecureHTTP bool

	family     client.Family
	rateLimit  client.RateLimit // the tenant's request budget; zero is the documented 100/10s
	staleAfter time.Duration
	readOnly   bool
	// readOnlyWhy is a read-only session's cause and cure when it is not
	// --read-only (see common.ReadOnlyReason).
	readOnlyWhy string
	// spreadVersions spreads bulk runs over equivalent API versions.
	spreadVersions bool
	theme          themes.Theme
	// planPath is an approved plan to load at start (--plan).
	planPath string
	// envName is the sail CLI environment the tenant came from, if any.
	envName string
	// ownerRuleOff keeps an inactive owner from making a token stale
	// (staleWhenOwnerInactive: false in the settings).
	ownerRuleOff bool
	// write is --write; readOnlyFlag is --read-only or readOnly: true at
	// the settings' top level (the :env picker says what each starts as).
	write, readOnlyFlag bool
	// mouseOff: mouse: false in the settings.
	mouseOff bool
	// views are the settings' saved views; startView is --view.
	views     []common.SavedView
	startView string
	// columns are the settings' column choices per view.
	columns map[string][]string
	// refresh re-reads the lists on a timer (--refresh; 0: off).
	refresh time.Duration
	// editor is the settings file's editor (SAILTUI_EDITOR beats it).
	editor string
	// keys are the settings file's key overrides: scope → action → keys.
	keys map[string]map[string][]string
	// sources say where each connection setting came from (never a
	// secret); warnings are printed before the program starts.
	sources  []source
	warnings []string
}

// parseConfig reads flags and environment. ok is false when the process
// should exit with code (help and version print and exit 0).
func parseConfig(args []string, getenv func(string) (string, bool), stdout, stderr io.Writer) (cfg config, code int, ok bool) {
	return parseFlags("sailtui", nil, args, getenv, stdout, stderr)
}

// parseFlags is parseConfig for a subcommand: extra adds its own flags
// beside the connection ones.
func parseFlags(name string, extra func(*pflag.FlagSet), args []string, getenv func(string) (string, bool),
	stdout, stderr io.Writer) (cfg config, code int, ok bool) {
	return parseFlagsKeyring(name, extra, args, getenv, stdout, stderr, osKeyring)
}

// connFlags are the flags of every command that talks to a tenant: the
// connection, the judgement (stale age, API family, rate limit) and the
// run (demo, plan, theme).
type connFlags struct {
	demo                                                  demoFlags
	baseURL, clientID, stale, theme, api, rate, plan, env *string
	refresh, view                                         *string
	readOnly, insecure, spread, write, version            *bool
}

// defineConn defines the connection flags on fs.
func defineConn(fs *pflag.FlagSet) *connFlags {
	return &connFlags{
		demo:     defineDemo(fs),
		baseURL:  fs.String("base-url", "", "tenant API base URL (overrides SAIL_BASE_URL)"),
		clientID: fs.String("client-id", "", "API client id (overrides SAIL_CLIENT_ID)"),
		stale:    fs.String("stale-after", "90d", "a token unused for longer than this is stale (e.g. 90d, 36h)"),
		readOnly: fs.Bool("read-only", false, "disable every action that changes the tenant"),
		theme: fs.String("theme", "default", "colour theme: "+strings.Join(themes.Names(), ", ")+
			", or a file in the themes folder (sailtui themes lists them)"),
		insecure: fs.Bool("insecure-http", false, "allow a plain http:// base URL for a host that is not this machine\n"+
			"(sends the client secret unencrypted; loopback addresses never need it)"),
		api: fs.String("api", "v1", "API path family: v1, v2026, v2025, v2024, v3, beta"),
		rate: fs.String("rate-limit", "100/10s", "the tenant's request budget per client id and API family,\n"+
			"which sailtui paces itself under (e.g. 100/10s)"),
		spread: fs.Bool("spread-versions", false, "spread bulk deletes, and expiries of your own tokens, over the API versions whose\n"+
			"endpoints are equivalent, each under its own budget (ISC counts per version; a tenant may have its own\n"+
			"limits); other owners' expiries take the bulk update, v1 only, 25 tokens a request"),
		plan: fs.String("plan", "", "load an approved plan (a CSV or JSON report of tokens or API clients) at start:\n"+
			"what it lists that is unchanged since is marked, after a summary, in the view of its kind"),
		env:   fs.String("env", "", "use this sail CLI environment (~/.sailpoint/config.yaml) for this run only"),
		write: fs.Bool("write", false, "allow changes in an environment named prod or production (read-only otherwise)"),
		view:  fs.String("view", "", "open this saved view (views: in the settings) at start"),
		refresh: fs.String("refresh", "", "re-read every list this often while nothing runs, keeping marks and the cursor\n"+
			"(e.g. 5m; at least 30s; off by default)"),
		version: fs.Bool("version", false, "print the version and exit"),
	}
}

// parseFlagsKeyring is parseFlags reading sail CLI secrets with get (the
// OS keyring in the program, a map in tests): the connection flags and
// extra's on a flag set of their own (an :env switch re-reads the
// command line so).
func parseFlagsKeyring(name string, extra func(*pflag.FlagSet), args []string, getenv func(string) (string, bool),
	stdout, stderr io.Writer, get func(service, user string) (string, error)) (cfg config, code int, ok bool) {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cf := defineConn(fs)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(normalizeArgs(args, fs)); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: %s [flags]\n\nFlags:\n%s", name, fs.FlagUsages())
			return cfg, exitOK, false
		}
		fmt.Fprintf(stderr, "%s: %v\nRun '%s --help' for usage.\n", name, err, name)
		return cfg, exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q (see %s --help)\n", name, fs.Arg(0), name)
		return cfg, exitUsage, false
	}
	return cf.resolve(fs, getenv, stdout, stderr, get)
}

// resolve makes the configuration from the parsed flags, the settings
// file and the environment. ok is false when the process should exit
// with code (--version prints and exits 0).
func (cf *connFlags) resolve(fs *pflag.FlagSet, getenv func(string) (string, bool), stdout, stderr io.Writer,
	get func(service, user string) (string, error)) (cfg config, code int, ok bool) {
	if *cf.version {
		info, ok := debug.ReadBuildInfo()
		fmt.Fprintln(stdout, versionText(version, info, ok))
		return cfg, exitOK, false
	}
	set, st, err := cfg.applySettings(fs, getenv)
	if err != nil {
		fmt.Fprintln(stderr, "sailtui:", err)
		return cfg, exitUsage, false
	}

	var errs []string
	demo := cf.demo
	cfg.demo, cfg.demoSeed, cfg.demoTokens, cfg.demoApps, cfg.readOnly = *demo.on, *demo.seed, *demo.tokens, *demo.apps, *cf.readOnly
	cfg.insecureHTTP = *cf.insecure
	cfg.write, cfg.readOnlyFlag = *cf.write, *cf.readOnly
	cfg.spreadVersions = *cf.spread
	errs = append(errs, cfg.checkRunFlags(*demo.tokens, *demo.apps, *cf.plan)...)
	noColor, _ := getenv("NO_COLOR") // no-color.org: set and non-empty
	errs = append(errs, cfg.parseValues(*cf.stale, *cf.api, *cf.rate, *cf.theme, themeDir(getenv), noColor != "")...)
	if cfg.refresh, err = parseRefresh(*cf.refresh); err != nil {
		errs = append(errs, "--refresh "+err.Error())
	}
	if cfg.startView, err = checkView(*cf.view, cfg.views); err != nil {
		errs = append(errs, "--view: "+err.Error())
	}
	if !cfg.demo {
		errs = append(errs, cfg.credentials(getenv, credentialFlags{base: *cf.baseURL, id: *cf.clientID, env: *cf.env}, get)...)
		st.applyEnv(&cfg, cfg.envName, set)
		cfg.productionGuard(*cf.write)
	}
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(stderr, "sailtui:", e)
		}
		return cfg, exitUsage, false
	}
	for _, w := range cfg.warnings {
		fmt.Fprintln(stderr, "sailtui: warning:", w)
	}
	if !cfg.demo && cfg.insecureHTTP && !secureTransport(cfg.baseURL) {
		fmt.Fprintf(stderr, "sailtui: warning: --insecure-http: the client secret is sent unencrypted to %s\n", cfg.baseURL)
	}
	return cfg, exitOK, true
}

// parseValues reads the flags that are values to parse and returns what
// is wrong with them.
func (c *config) parseValues(staleAfter, api, rate, theme, themeDir string, noColor bool) []string {
	var errs []string
	var err error
	if c.staleAfter, err = stale.ParseAfter(staleAfter); err != nil {
		errs = append(errs, fmt.Sprintf("--stale-after %q: %v", staleAfter, err))
	}
	if c.family, err = client.ParseFamily(api); err != nil {
		errs = append(errs, fmt.Sprintf("--api: %v", err))
	}
	if c.rateLimit, err = client.ParseRateLimit(rate); err != nil {
		errs = append(errs, fmt.Sprintf("--rate-limit %q: %v", rate, err))
	}
	if c.theme, err = themes.Resolve(theme, themeDir, noColor); err != nil {
		errs = append(errs, fmt.Sprintf("--theme: %v", err))
	}
	return errs
}

// applySettings loads the settings file and fills the flags the command
// line left alone; set are the ones it set.
func (c *config) applySettings(fs *pflag.FlagSet, getenv func(string) (string, bool)) (map[string]bool, *settings, error) {
	set := map[string]bool{}
	fs.Visit(func(f *pflag.Flag) { set[f.Name] = true })
	st, err := loadSettings(settingsPath(getenv), themeDir(getenv))
	if err != nil {
		return nil, nil, err
	}
	st.applyTop(fs, set)
	c.editor, c.keys, c.ownerRuleOff, c.mouseOff, c.views = st.editor, st.keys, st.ownerRuleOff, st.mouseOff, st.views
	c.columns = st.columns
	return set, st, nil
}

// demoFlags are the built-in demo tenant's flags.
type demoFlags struct {
	on           *bool
	seed         *int64
	tokens, apps *int
}

func defineDemo(fs *pflag.FlagSet) demoFlags {
	return demoFlags{
		on:     fs.Bool("demo", false, "start an in-process sandbox tenant and connect to it"),
		seed:   fs.Int64("demo-seed", 1, "seed of the demo tenant's generated data"),
		tokens: fs.Int("demo-tokens", 0, "number of tokens in the demo tenant (0: the sandbox default)"),
		apps:   fs.Int("demo-apps", 0, "number of source apps in the demo tenant (0: the sandbox default)"),
	}
}

// checkRunFlags checks --demo-tokens, --demo-apps and --plan.
func (c *config) checkRunFlags(ntok, napps int, planPath string) []string {
	var errs []string
	if napps < 0 || napps > sandbox.MaxApps {
		errs = append(errs, fmt.Sprintf("--demo-apps %d is outside 0..%d", napps, sandbox.MaxApps))
	}
	switch {
	case ntok < 0:
		errs = append(errs, "--demo-tokens must not be negative")
	case ntok > sandbox.MaxTokens:
		errs = append(errs, fmt.Sprintf("--demo-tokens %d is more than the demo tenant holds (at most %d)", ntok, sandbox.MaxTokens))
	}
	if planPath != "" {
		var err error
		if c.planPath, err = checkPlanPath(planPath); err != nil {
			errs = append(errs, "--plan: "+err.Error())
		}
	}
	return errs
}

// checkPlanPath makes a --plan path absolute (the audit log records it)
// and checks that it is a file.
func checkPlanPath(path string) (string, error) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if fi.IsDir() {
		return "", fmt.Errorf("%s is a directory", path)
	}
	return path, nil
}

// secureTransport reports whether sending the secret to base keeps it off
// the network: https, or plain http to this machine (the sandbox, a local
// proxy). Only literal loopback addresses and "localhost" count; a name
// that merely resolves to 127.0.0.1 could resolve elsewhere tomorrow.
func secureTransport(base string) bool {
	u, err := url.Parse(base)
	if err != nil {
		return false
	}
	if strings.EqualFold(u.Scheme, "https") {
		return true
	}
	return client.IsLoopbackHost(u.Hostname())
}
