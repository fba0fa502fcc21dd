// Command sailtui is a terminal UI for SailPoint Identity Security Cloud
// administrators: browse personal access tokens and clean up stale ones.
//
//	sailtui --demo              try it against an in-process sandbox tenant
//	sailtui                     use SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET
//	sailtui sandbox --addr ...  run the sandbox tenant standalone
//	sailtui report tokens ...   write the token list as CSV or JSON, no UI
package main

import (
	"io"
	"os"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.LookupEnv, os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // authentication, network, terminal problems
	exitUsage   = 2 // bad flags or missing configuration
)

// run is main without the process: parse → configure → start the UI.
// Configuration is checked before the terminal, so a missing or invalid
// configuration always ends with exitUsage.
func run(args []string, getenv func(string) (string, bool), stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "sandbox" {
		return runSandbox(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "themes" {
		return runThemes(args[1:], getenv, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "config" {
		return runConfig(args[1:], getenv, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "report" {
		return runReport(args[1:], getenv, stdout, stderr)
	}
	cfg, code, ok := parseConfig(args, getenv, stdout, stderr)
	if !ok {
		return code
	}
	return startUI(cfg, args, getenv, stdin, stdout, stderr)
}
