package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
)

// Shell completions: cobra's `sailtui completion bash|zsh|fish|powershell`
// scripts call `sailtui __complete`, which answers from these functions
// with what is true on this machine now: the sail CLI's environments, the
// theme files, the API families, the report formats.

// completeConn registers the connection flags' dynamic values on cmd.
func (c *cli) completeConn(cmd *cobra.Command) {
	must(cmd.RegisterFlagCompletionFunc("env", fixed(func() []string { return sailEnvNames(sailConfigPath(c.getenv)) })))
	must(cmd.RegisterFlagCompletionFunc("theme", fixed(func() []string { return themeNames(themeDir(c.getenv)) })))
	must(cmd.RegisterFlagCompletionFunc("api", fixed(func() []string {
		var out []string
		for _, f := range client.Families() {
			out = append(out, string(f))
		}
		return out
	})))
	must(cmd.MarkFlagFilename("plan", "csv", "json"))
	must(cmd.RegisterFlagCompletionFunc("view", fixed(func() []string { return viewNames(c.getenv) })))
	for _, free := range []string{"base-url", "client-id", "stale-after", "rate-limit", "demo-seed", "demo-tokens", "demo-apps"} {
		must(cmd.RegisterFlagCompletionFunc(free, cobra.NoFileCompletions))
	}
}

// completeReport registers a report's own flags' values.
func (c *cli) completeReport(cmd *cobra.Command, kind string) {
	must(cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"csv", "json"}, cobra.ShellCompDirectiveNoFileComp)))
	must(cmd.MarkFlagFilename("output", "csv", "json"))
	switch kind {
	case "apps":
		must(cmd.RegisterFlagCompletionFunc("list", cobra.FixedCompletions([]string{"all", "assigned", "available"},
			cobra.ShellCompDirectiveNoFileComp)))
	case "owner":
		// NAME and --to are the tenant's identities: no file names.
		cmd.ValidArgsFunction = cobra.NoFileCompletions
		must(cmd.RegisterFlagCompletionFunc("to", cobra.NoFileCompletions))
	}
}

// fixed completes from names, filtered by what was typed.
func fixed(names func() []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, typed string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, n := range names() {
			if strings.HasPrefix(strings.ToLower(n), strings.ToLower(typed)) {
				out = append(out, n)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// themeNames are the built-in themes and the theme files in dir.
func themeNames(dir string) []string {
	names := themes.Names()
	if dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, f := range files {
			if fi, err := os.Stat(f); err == nil && fi.Mode().IsRegular() {
				names = append(names, strings.TrimSuffix(filepath.Base(f), ".yaml"))
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// must panics on a registration mistake: a flag name misspelt here is a
// programming error that every test run finds at once.
func must(err error) {
	if err != nil {
		panic(err)
	}
}
