package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// reportCmd is `sailtui report`: a kind is required.
func (c *cli) reportCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "report KIND", Short: "Write tokens, apps, API clients or one owner's credentials as CSV or JSON, no UI",
		Long: "Writes what a view would show as CSV or JSON, with no UI and no terminal needed (cron, CI).\n\n" + reportUsage,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				fmt.Fprintln(c.stderr, "sailtui report: say what to report: sailtui report tokens|apps|clients|owner [flags]")
				return exitCode(exitUsage)
			}
			fmt.Fprintf(c.stderr, "sailtui report: unknown report %q: use tokens, apps, clients or owner NAME\n", args[0])
			return exitCode(exitUsage)
		}}
	short := map[string]string{
		"tokens":  "Write the token list (what the Tokens view shows)",
		"apps":    "Write the source app list (what the Apps view shows)",
		"clients": "Write the API client list (what the Clients view shows)",
		"owner":   "The leaver sweep as a dry run: one identity's tokens and apps and what a sweep would do",
	}
	for _, kind := range []string{"tokens", "apps", "clients", "owner"} {
		cmd.AddCommand(c.reportKindCmd(kind, short[kind]))
	}
	return cmd
}

// reportKindCmd is `sailtui report KIND [flags]` (owner takes NAME).
func (c *cli) reportKindCmd(kind, short string) *cobra.Command {
	name := "sailtui report " + kind
	use := kind
	args := c.noArgs(name)
	if kind == "owner" {
		use = "owner NAME"
		args = func(cmd *cobra.Command, a []string) error { return c.noArgs(name)(cmd, a[min(len(a), 1):]) }
	}
	cmd := &cobra.Command{Use: use, Short: short, Args: args}
	rf := &reportFlags{kind: kind}
	cf := defineConn(cmd.Flags())
	rf.define(cmd.Flags())
	cmd.RunE = func(cmd *cobra.Command, a []string) error {
		if kind == "owner" && len(a) > 0 {
			rf.owner = a[0]
		}
		cfg, code, ok := cf.resolve(cmd.Flags(), c.getenv, c.stdout, c.stderr, osKeyring)
		if !ok {
			return codeOf(code)
		}
		return codeOf(runReport(*rf, cfg, c.stdout, c.stderr))
	}
	c.completeConn(cmd)
	c.completeReport(cmd, kind)
	return cmd
}
