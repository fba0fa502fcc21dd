package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// The command line, on cobra: the same commands, flags, defaults, exit
// codes and messages as the hand-made parser it replaced (the oracle in
// cli_oracle_test.go), plus help per subcommand, shell completions with
// dynamic values and a man page.

// exitCode ends a command with a code of its own once it has said why.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

// codeOf turns a command's code into what RunE returns.
func codeOf(code int) error {
	if code == exitOK {
		return nil
	}
	return exitCode(code)
}

// cli is what every command needs from the process.
type cli struct {
	args           []string // as given: an :env switch re-reads them
	getenv         func(string) (string, bool)
	stdin          io.Reader
	stdout, stderr io.Writer
}

const rootLong = `sailtui — a terminal UI for SailPoint ISC personal access tokens, source apps
and API clients: find what nobody uses or whose owner has left, and expire,
disable or delete it safely.

Environment:
  SAIL_BASE_URL        tenant API base URL, e.g. https://acme.api.identitynow.com
  SAIL_CLIENT_ID       API client id (or a personal access token's client id)
  SAIL_CLIENT_SECRET   its secret (never accepted as a flag)
                       With none of these set, the sail CLI's active environment is used
                       (~/.sailpoint/config.yaml, secrets from the OS keyring); --env picks another.
                       sailtui config shows where each setting came from.
  NO_COLOR             any value: draw without colour (theme mono)
  XDG_CONFIG_HOME      settings and themes go to $XDG_CONFIG_HOME/sailtui/
  XDG_STATE_HOME       logs, reports and the audit log go to $XDG_STATE_HOME/sailtui/
                       (unset: the system's own folders; sailtui config says where)`

const rootExample = `  sailtui --demo                 try it against a built-in sandbox tenant
  sailtui                        connect to your tenant (see Environment)
  sailtui --env acme-sandbox     use another sail CLI environment
  sailtui report tokens --stale  the stale tokens as CSV, no UI
  sailtui completion bash        shell completions (see sailtui completion --help)`

// newRoot builds the command tree.
func newRoot(c *cli) *cobra.Command {
	root := &cobra.Command{
		Use: "sailtui", Short: "Clean up stale ISC credentials in a terminal UI",
		Long: rootLong, Example: rootExample,
		Args:          c.noArgs("sailtui"),
		SilenceErrors: true, SilenceUsage: true,
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: false},
	}
	cf := defineConn(root.Flags())
	root.RunE = func(cmd *cobra.Command, _ []string) error {
		cfg, code, ok := cf.resolve(cmd.Flags(), c.getenv, c.stdout, c.stderr, osKeyring)
		if !ok {
			return codeOf(code)
		}
		return codeOf(startUI(cfg, c.args, c.getenv, c.stdin, c.stdout, c.stderr))
	}
	c.completeConn(root)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		fmt.Fprintf(c.stderr, "%s: %v\nRun '%s --help' for usage.\n", cmd.CommandPath(), err, cmd.CommandPath())
		return exitCode(exitUsage)
	})
	root.AddCommand(c.configCmd(), c.themesCmd(), c.sandboxCmd(), c.reportCmd(), c.versionCmd(), c.manCmd(root))
	return root
}

// noArgs refuses positional arguments as the old parser did.
func (c *cli) noArgs(name string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > 0 {
			fmt.Fprintf(c.stderr, "%s: unexpected argument %q (see %s --help)\n", name, args[0], name)
			return exitCode(exitUsage)
		}
		return nil
	}
}

func (c *cli) configCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Show where the connection settings come from (no secrets)",
		Args: c.noArgs("sailtui config")}
	cf := defineConn(cmd.Flags())
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		cfg, code, ok := cf.resolve(cmd.Flags(), c.getenv, c.stdout, c.stderr, osKeyring)
		return codeOf(showConfig(cfg, code, ok, c.getenv, c.stdout))
	}
	c.completeConn(cmd)
	return cmd
}

func (c *cli) themesCmd() *cobra.Command {
	return &cobra.Command{Use: "themes", Short: "List the built-in themes and yours, and check your files",
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return codeOf(runThemes(args, c.getenv, c.stdout, c.stderr))
		}}
}

func (c *cli) sandboxCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "sandbox", Short: "Run the sandbox tenant standalone", Long: sandboxHelp,
		Args: c.noArgs("sailtui sandbox")}
	f := defineSandbox(cmd.Flags())
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := f.finish(); err != nil {
			fmt.Fprintf(c.stderr, "sailtui sandbox: %v\n", err)
			return exitCode(exitUsage)
		}
		return codeOf(runSandbox(f, c.stdout, c.stderr))
	}
	return cmd
}

func (c *cli) versionCmd() *cobra.Command {
	return &cobra.Command{Use: "version", Short: "Print the version (as --version does)", Args: c.noArgs("sailtui version"),
		Run: func(*cobra.Command, []string) {
			info, ok := debug.ReadBuildInfo()
			fmt.Fprintln(c.stdout, versionText(version, info, ok))
		}}
}

func (c *cli) manCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{Use: "man", Short: "Write the man page (roff) to stdout", Args: c.noArgs("sailtui man"),
		RunE: func(*cobra.Command, []string) error {
			header := &doc.GenManHeader{Title: "SAILTUI", Section: "1", Source: "sailtui " + version, Manual: "sailtui manual"}
			return doc.GenMan(root, header, c.stdout)
		}}
}

// run is main without the process: parse, configure, run the command.
func run(args []string, getenv func(string) (string, bool), stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{args: args, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRoot(c)
	root.SetArgs(normalizeWith(args, treeNames(root)))
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	var code exitCode
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &code):
		return int(code)
	case strings.HasPrefix(err.Error(), "unknown command"):
		fmt.Fprintf(stderr, "sailtui: %v\nRun 'sailtui --help' for usage.\n", err)
		return exitUsage
	}
	fmt.Fprintln(stderr, "sailtui:", err)
	return exitFailure
}
