package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The command line's oracle: what today's sailtui accepts and says, per
// command, kept so that a new parser keeps it. Each command's --help must
// list the flags of testdata/cli/<command>.flags with the same defaults
// (a new spelling may be added, none lost), and each invocation of
// cliCases must end with the same exit code and say the same thing.

var updateOracle = flag.Bool("update-cli-oracle", false, "rewrite testdata/cli from today's --help")

// cliCommands are every command's help invocation.
var cliCommands = map[string][]string{
	"sailtui":                {"--help"},
	"sailtui-config":         {"config", "--help"},
	"sailtui-sandbox":        {"sandbox", "--help"},
	"sailtui-report-tokens":  {"report", "tokens", "--help"},
	"sailtui-report-apps":    {"report", "apps", "--help"},
	"sailtui-report-clients": {"report", "clients", "--help"},
	"sailtui-report-owner":   {"report", "owner", "--help"},
}

// flagStart is a flag's first help line in either layout: Go's
// "  -name type" or pflag's "  -o, --name type" / "      --name type".
var flagStart = regexp.MustCompile(`^\s+(?:-([A-Za-z]), )?--?([A-Za-z][A-Za-z0-9-]*)`)

var defaultRe = regexp.MustCompile(`\(default ([^)]*)\)`)

// helpFlags reads a help text's flags: every spelling (shorthand and
// long name) → the default it shows ("" for none).
func helpFlags(help string) map[string]string {
	out := map[string]string{}
	var names []string
	var block strings.Builder
	flush := func() {
		def := ""
		if m := defaultRe.FindStringSubmatch(block.String()); m != nil {
			def = m[1]
		}
		for _, n := range names {
			out[n] = def
		}
		names = nil
		block.Reset()
	}
	for _, line := range strings.Split(help, "\n") {
		if m := flagStart.FindStringSubmatch(line); m != nil {
			flush()
			names = []string{m[2]}
			if m[1] != "" {
				names = append(names, m[1])
			}
		} else if strings.TrimSpace(line) == "" || !strings.HasPrefix(line, " ") {
			flush()
			continue
		}
		block.WriteString(line + "\n")
	}
	flush()
	delete(out, "help") // the help flag itself
	delete(out, "h")
	return out
}

func TestCLIOracleFlags(t *testing.T) {
	for name, args := range cliCommands {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runT(t, args, envOf("XDG_CONFIG_HOME", t.TempDir()))
			if code != exitOK {
				t.Fatalf("%v: exit %d, stderr %q", args, code, errs)
			}
			out += errs // the sandbox's help went to stderr
			got := helpFlags(out)
			path := filepath.Join("testdata", "cli", name+".flags")
			if *updateOracle {
				var lines []string
				for n, d := range got {
					lines = append(lines, n+"\t"+d)
				}
				slices.Sort(lines)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				n, def, _ := strings.Cut(line, "\t")
				have, ok := got[n]
				switch {
				case !ok:
					t.Errorf("--%s is gone from %v\n%s", n, args, out)
				case have != def:
					t.Errorf("--%s: default %q, was %q", n, have, def)
				}
			}
		})
	}
}

// cliCases are invocations whose exit code and words stay.
var cliCases = []struct {
	args      []string
	code      int
	out, errs string // substrings; "" checks nothing
	either    string // a substring of stdout or stderr
	emptyOut  bool
	emptyErrs bool
}{
	{args: []string{"--help"}, code: exitOK, out: "SAIL_CLIENT_SECRET", emptyErrs: true},
	{args: []string{"-h"}, code: exitOK, out: "--demo", emptyErrs: true},
	{args: []string{"-help"}, code: exitOK, out: "--demo", emptyErrs: true},
	{args: []string{"--version"}, code: exitOK, out: "sailtui ", emptyErrs: true},
	{args: []string{"--nope"}, code: exitUsage, errs: "Run 'sailtui --help' for usage.", emptyOut: true},
	{args: []string{"tokens"}, code: exitUsage, errs: `sailtui: unexpected argument "tokens" (see sailtui --help)`},
	{args: []string{"--stale-after", "ninety"}, code: exitUsage, errs: `--stale-after "ninety"`},
	{args: []string{"-stale-after", "ninety"}, code: exitUsage, errs: `--stale-after "ninety"`},
	{args: []string{"--demo-tokens", "-1"}, code: exitUsage, errs: "--demo-tokens must not be negative"},
	{args: []string{"--demo", "--api", "v9"}, code: exitUsage, errs: "--api: "},
	{args: []string{"--demo", "--theme", "neon"}, code: exitUsage, errs: "--theme: "},
	{args: []string{"--demo", "--rate-limit", "lots"}, code: exitUsage, errs: `--rate-limit "lots"`},
	{args: []string{"--demo", "--plan", "/nonexistent/plan.csv"}, code: exitUsage, errs: "--plan: "},
	{args: []string{"--client-secret", "x"}, code: exitUsage, errs: "client-secret"},
	{args: []string{"config", "--nope"}, code: exitUsage, errs: "Run 'sailtui config --help' for usage."},
	{args: []string{"config", "--demo"}, code: exitOK, out: "the built-in sandbox (--demo)"},
	{args: []string{"themes"}, code: exitOK, out: "mono"},
	{args: []string{"themes", "x"}, code: exitUsage, errs: "sailtui themes: takes no arguments"},
	{args: []string{"report"}, code: exitUsage, errs: "sailtui report: say what to report"},
	{args: []string{"report", "--help"}, code: exitOK, out: "sailtui report owner NAME"},
	{args: []string{"report", "passwords"}, code: exitUsage, errs: `sailtui report: unknown report "passwords"`},
	{args: []string{"report", "tokens", "--nope"}, code: exitUsage, errs: "Run 'sailtui report tokens --help' for usage."},
	{args: []string{"report", "tokens", "--demo", "--format", "xml"}, code: exitUsage, errs: "sailtui report: --format"},
	{args: []string{"report", "tokens", "--demo", "-o", "/nonexistent/x.csv"}, code: exitUsage, errs: "does not exist"},
	{args: []string{"report", "apps", "--demo", "--list", "mine"}, code: exitUsage, errs: `--list "mine"`},
	{args: []string{"report", "owner", "--demo"}, code: exitUsage, errs: "say whose"},
	{args: []string{"report", "owner", "Ada", "--demo", "--expire-at", "yesterday"}, code: exitUsage, errs: "--expire-at"},
	{args: []string{"sandbox", "--nope"}, code: exitUsage},
	{args: []string{"sandbox", "--fail-rate", "2"}, code: exitUsage, errs: "fail-rate"},
	{args: []string{"sandbox", "--help"}, code: exitOK, either: "-addr"},
}

func TestCLIOracleCases(t *testing.T) {
	for _, c := range cliCases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errs := runT(t, c.args, envOf("XDG_CONFIG_HOME", t.TempDir(), "XDG_STATE_HOME", t.TempDir()))
			if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errs, c.errs) || !strings.Contains(out+errs, c.either) ||
				(c.emptyOut && out != "") || (c.emptyErrs && errs != "") {
				t.Errorf("exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", code, c.code, out, errs)
			}
		})
	}
}
