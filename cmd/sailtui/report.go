package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/oauthclients"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/views/tokens"
)

// `sailtui report tokens|apps|clients` writes what the Tokens, Apps or Clients view would
// show as CSV or JSON, with no UI and no terminal needed (cron, CI). It
// uses the same configuration, client and columns as X in the view.

// reportTimeout bounds the whole headless run: sign-in and the listing.
const reportTimeout = 5 * time.Minute

// reportFlags are the report's own flags.
type reportFlags struct {
	kind                string
	stale, mine         bool
	filter, format, out string
	list, serverFilter  string
	owner, to, expireAt string    // report owner NAME [--to NAME] [--expire-at WHEN]
	expireTime          time.Time // --expire-at, read before any request
}

func (r *reportFlags) define(fs *pflag.FlagSet) {
	switch r.kind {
	case "owner":
		fs.StringVar(&r.to, "to", "", "report: the identity the apps would be reassigned to (a name, email, alias or id)")
		fs.StringVar(&r.expireAt, "expire-at", "", "report: the tokens' new expiry, as x asks it: in 14d (the default), 2w, YYYY-MM-DD")
	case "apps":
		fs.StringVar(&r.list, "list", "all", "report: which apps: all (org admins), assigned or available")
		fs.StringVar(&r.serverFilter, "server-filter", "", `report: the list's server filter, e.g. 'enabled eq true' (all only)`)
		fs.StringVar(&r.filter, "filter", "", "report: the view's fuzzy filter over name, owner, source and description")
	case "clients":
		fs.BoolVar(&r.stale, "stale", false, "report: only stale API clients (see --stale-after)")
		fs.StringVar(&r.filter, "filter", "", "report: the view's fuzzy filter over name, client id, grants, scopes and description")
	default:
		fs.BoolVar(&r.stale, "stale", false, "report: only stale tokens (see --stale-after)")
		fs.BoolVar(&r.mine, "mine", false, "report: only your own tokens (no \"all tokens\" right needed)")
		fs.StringVar(&r.filter, "filter", "", "report: the view's fuzzy filter over name, owner and scopes")
	}
	fs.StringVar(&r.format, "format", "", "report: csv or json (default: from -o's extension, else csv)")
	fs.StringVarP(&r.out, "output", "o", "", "report: write to FILE (never replacing one) instead of stdout")
}

// reportUsage is `sailtui report --help`'s synopsis.
const reportUsage = `sailtui report tokens [--stale] [--mine] [--filter TEXT] [--format csv|json] [-o FILE] [connection flags]
sailtui report apps [--list all|assigned|available] [--server-filter EXPR] [--filter TEXT] [--format csv|json] [-o FILE] [connection flags]
sailtui report clients [--stale] [--filter TEXT] [--format csv|json] [-o FILE] [connection flags]
sailtui report owner NAME [--to NAME] [--expire-at WHEN] [--format csv|json] [-o FILE] [connection flags]`

// runReport is `sailtui report KIND` once the flags are read: the checks
// that need no tenant, then the report.
func runReport(rf reportFlags, cfg config, stdout, stderr io.Writer) int {
	var err error
	if rf.kind == "owner" && strings.TrimSpace(rf.owner) == "" {
		fmt.Fprintln(stderr, "sailtui report owner: say whose: sailtui report owner NAME (a name, email, alias or identity id)")
		return exitUsage
	}
	if rf.kind == "owner" {
		if rf.expireTime, err = tokens.ParseExpireAt(rf.expireAt, time.Now()); err != nil {
			fmt.Fprintln(stderr, "sailtui report owner: --expire-at", err)
			return exitUsage
		}
	}
	format, err := rf.resolveFormat()
	if err != nil {
		fmt.Fprintln(stderr, "sailtui report:", err)
		return exitUsage
	}
	var list client.AppList
	if rf.kind == "apps" {
		if list, err = parseAppList(rf.list); err != nil {
			fmt.Fprintln(stderr, "sailtui report:", err)
			return exitUsage
		}
		if rf.serverFilter, err = sourceapps.ServerFilter(rf.serverFilter, list); err != nil {
			var wrong *sourceapps.WrongListError
			if errors.As(err, &wrong) {
				err = fmt.Errorf("%w (--list %s)", err, wrong.Other)
			}
			fmt.Fprintln(stderr, "sailtui report: --server-filter:", err)
			return exitUsage
		}
	}
	if stage, err := writeReport(cfg, rf, list, format, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "sailtui report: %s: %s\n", stage, describe(err))
		var apiErr *client.APIError
		switch {
		case !errors.As(err, &apiErr) || apiErr.Status != 403:
		case (rf.kind == "tokens" && !rf.mine) || rf.kind == "owner":
			fmt.Fprintln(stderr, "sailtui report: listing every owner's tokens needs the \"all tokens\" right; --mine reports your own")
		case rf.kind == "apps" && list == client.AppsAll:
			fmt.Fprintln(stderr, "sailtui report: listing all apps needs the ORG_ADMIN role; --list available or --list assigned need less")
		case rf.kind == "clients":
			fmt.Fprintln(stderr, "sailtui report: listing API clients needs the scope sp:oauth-client:read (or :manage)")
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
		// A folder typed wrong is a mistake to say before any request,
		// not one to create.
		if dir := filepath.Dir(r.out); !isDir(dir) {
			return "", fmt.Errorf("-o %s: the folder %s does not exist", r.out, dir)
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

// parseAppList reads --list.
func parseAppList(s string) (client.AppList, error) {
	switch strings.ToLower(s) {
	case "all", "":
		return client.AppsAll, nil
	case "assigned":
		return client.AppsAssigned, nil
	case "available":
		return client.AppsAvailable, nil
	}
	return 0, fmt.Errorf("--list %q: use all, assigned or available", s)
}

// writeReport signs in, lists, selects and writes; stage says which step
// failed.
func writeReport(cfg config, rf reportFlags, list client.AppList, format report.Format, stdout, stderr io.Writer) (stage string, err error) {
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
	tbl, stage, err := reportTable(ctx, cl, cfg, rf, list, stderr)
	if err != nil {
		return stage, err
	}
	if rf.out != "" {
		if err := report.Save(rf.out, tbl); err != nil {
			return "write", err
		}
		what := fmt.Sprintf("%d of their tokens and apps", len(tbl.Rows))
		if noun, ok := map[string]string{"tokens": "token", "apps": "app", "clients": "API client"}[rf.kind]; ok {
			what = timefmt.Plural(len(tbl.Rows), noun)
		}
		fmt.Fprintf(stderr, "sailtui report: %s written to %s\n", what, rf.out)
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

// reportTable lists what rf reports and makes its table; stage says
// which step failed.
func reportTable(ctx context.Context, cl *client.Client, cfg config, rf reportFlags, list client.AppList, stderr io.Writer) (report.Table, string, error) {
	now := time.Now()
	var tbl report.Table
	switch rf.kind {
	case "owner":
		return ownerTable(ctx, cl, cfg, rf, stderr)
	case "clients":
		cs, err := cl.ListOAuthClients(ctx, "")
		if err != nil {
			return tbl, "list API clients", err
		}
		tbl = oauthclients.ReportTable(oauthclients.Select(cs, rf.filter, rf.stale, now, cfg.staleAfter), now, cfg.staleAfter)
	case "apps":
		all, err := cl.SourceApps(client.ListAppsOptions{List: list, Count: true, Filters: rf.serverFilter}).All(ctx)
		if err != nil {
			return tbl, "list apps", err
		}
		apps := sourceapps.Select(all, rf.filter)
		var ids []string
		for _, a := range apps {
			if a.Owner != nil {
				ids = append(ids, a.Owner.ID)
			}
		}
		tbl = sourceapps.ReportTableWith(apps, now, nil, readOwners(ctx, cl, ids, stderr))
	default:
		opts := client.ListPATsOptions{}
		if rf.mine {
			opts.OwnerID = "me"
		}
		toks, err := cl.ListPATs(ctx, opts)
		if err != nil {
			return tbl, "list tokens", err
		}
		ids := make([]string, len(toks))
		for i, t := range toks {
			ids[i] = t.Owner.ID
		}
		owner := readOwners(ctx, cl, ids, stderr)
		toks = pats.SelectWith(toks, now, cfg.staleAfter, rf.stale, rf.filter, owner, !cfg.ownerRuleOff)
		tbl = pats.ReportTableWith(toks, now, cfg.staleAfter, owner, !cfg.ownerRuleOff)
	}
	return tbl, "", nil
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// readOwners reads the owners' states for a report; a failure is said
// and the report goes on without them (their columns empty).
func readOwners(ctx context.Context, cl *client.Client, ids []string, stderr io.Writer) func(string) owners.Info {
	slices.Sort(ids)
	got, err := owners.Lookup(ctx, cl, slices.Compact(ids))
	if err != nil {
		fmt.Fprintln(stderr, "sailtui report: owners' states not read:", describe(err))
		return nil
	}
	return owners.Directory{}.With(got).Get
}
