// Command sailtui is a terminal UI for SailPoint Identity Security Cloud
// administrators: find stale personal access tokens, source apps and API
// clients, and expire, disable or delete them safely.
//
//	sailtui --demo              try it against an in-process sandbox tenant
//	sailtui                     use SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET
//	sailtui sandbox --addr ...  run the sandbox tenant standalone
//	sailtui report tokens ...   write the token list as CSV or JSON, no UI
package main

import "os"

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
