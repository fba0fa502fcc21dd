package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/report"
	"github.com/sailtui/sailtui/ui/tokens"
)

// `sailtui report tokens` writes what the Tokens view would show as CSV
// or JSON, with no UI and no terminal needed (cron, CI). It uses the same
// configuration, client and columns as X in the view.

// reportTimeout bounds the whole headless run: sign-in and the listing.
const reportTimeout = 5 * time.Minute

// reportFlags are the report's own flags.
type reportFlags struct {
	stale, mine         bool
	filter, format, out string
}

func (r *reportFlags) define(fs *flag.FlagSet) {
	fs.BoolVar(&r.stale, "stale", false, "report: only stale tokens (see --stale-after)")
	fs.BoolVar(&r.mine, "mine", false, "report: only your own tokens (no \"all tokens\" right needed)")
	fs.StringVar(&r.filter, "filter", "", "report: the view's fuzzy filter over name, owner and scopes")
	fs.StringVar(&r.format, "format", "", "report: csv or json (default: from -o's extension, else csv)")
	fs.StringVar(&r.out, "o", "", "report: write to FILE (never replacing one) instead of stdout")
}

// runReport is `sailtui report KIND [flags]`.
func runReport(args []string, getenv func(string) (string, bool), stdout, stderr io.Writer) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprintln(stdout, "Usage: sailtui report tokens [--stale] [--mine] [--filter TEXT] [--format csv|json] [-o FILE] [connection flags]")
			return exitOK
		}
		fmt.Fprintln(stderr, "sailtui report: say what to report: sailtui report tokens [flags]")
		return exitUsage
	}
	switch args[0] {
	case "tokens":
	case "apps":
		fmt.Fprintln(stderr, "sailtui report: apps: source apps are not in sailtui yet; only tokens can be reported")
		return exitUsage
	default:
		fmt.Fprintf(stderr, "sailtui report: unknown report %q: use tokens\n", args[0])
		return exitUsage
	}
	var rf reportFlags
	cfg, code, ok := parseFlags("sailtui report tokens", rf.define, args[1:], getenv, stdout, stderr)
	if !ok {
		return code
	}
	format, err := rf.resolveFormat()
	if err != nil {
		fmt.Fprintln(stderr, "sailtui report:", err)
		return exitUsage
	}
	if stage, err := writeTokenReport(cfg, rf, format, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "sailtui report: %s: %s\n", stage, describe(err))
		var apiErr *client.APIError
		if errors.As(err, &apiErr) && apiErr.Status == 403 && !rf.mine {
			fmt.Fprintln(stderr, "sailtui report: listing every owner's tokens needs the \"all tokens\" right; --mine reports your own")
		}
		return exitFailure
	}
	return exitOK
}

// resolveFormat is --format, else -o's extension, else CSV; the two must
// agree when both are given.
func (r reportFlags) resolveFormat() (report.Format, error) {
	var fromFlag, fromPath report.Format
	var err error
	if r.format != "" {
		if fromFlag, err = report.ParseFormat(r.format); err != nil {
			return "", fmt.Errorf("--format: %w", err)
		}
	}
	if r.out != "" {
		if fromPath, err = report.FormatOf(r.out); err != nil {
			return "", fmt.Errorf("-o %w", err)
		}
	}
	switch {
	case fromFlag != "" && fromPath != "" && fromFlag != fromPath:
		return "", fmt.Errorf("--format %s but -o %s names %s", fromFlag, r.out, fromPath)
	case fromFlag != "":
		return fromFlag, nil
	case fromPath != "":
		return fromPath, nil
	}
	return report.CSV, nil
}

// writeTokenReport signs in, lists, selects and writes; stage says which
// step failed.
func writeTokenReport(cfg config, rf reportFlags, format report.Format, stdout, stderr io.Writer) (stage string, err error) {
	logger := slog.New(slog.DiscardHandler)
	if cfg.demo {
		stop, err := startDemo(&cfg, logger)
		if err != nil {
			return "demo sandbox", err
		}
		defer stop()
	}
	cl, err := newClient(cfg, logger, nil)
	if err != nil {
		return "client", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), reportTimeout)
	defer cancel()
	if _, err := cl.Authenticate(ctx); err != nil {
		return "sign-in failed", err
	}
	opts := client.ListPATsOptions{}
	if rf.mine {
		opts.OwnerID = "me"
	}
	toks, err := cl.ListPATs(ctx, opts)
	if err != nil {
		return "list tokens", err
	}
	now := time.Now()
	toks = tokens.Select(toks, now, cfg.staleAfter, rf.stale, rf.filter)
	tbl := tokens.ReportTable(toks, now, cfg.staleAfter)
	if rf.out != "" {
		if err := report.Save(rf.out, tbl); err != nil {
			return "write", err
		}
		fmt.Fprintf(stderr, "sailtui report: %d tokens written to %s\n", len(toks), rf.out)
		return "", nil
	}
	w := bufio.NewWriterSize(stdout, 64<<10)
	if err := report.Write(w, format, tbl); err != nil {
		return "write", err
	}
	if err := w.Flush(); err != nil {
		return "write", err
	}
	return "", nil
}
