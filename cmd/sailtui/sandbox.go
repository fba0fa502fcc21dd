package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
)

// runSandbox implements `sailtui sandbox`: the emulated tenant, standalone,
// until SIGINT or SIGTERM.
func runSandbox(f *sandboxFlags, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal during shutdown ends the process at once
	}()
	return serveSandbox(ctx, f, stdout, stderr)
}

// sandboxFlags are the parsed command-line options.
type sandboxFlags struct {
	addr, state, rateLimit string
	opts                   sandbox.Options
	verbose                bool
}

// sandboxHelp is what `sailtui sandbox --help` says before the flags.
const sandboxHelp = `Runs an emulated ISC tenant (personal access tokens, source apps, API
clients and identities) on a loopback address until interrupted. It prints
its base URL and credentials: the org admin's (every right) and a non-admin
user's (gets 403s on tenant-wide token listing and /source-apps/all).`

// defineSandbox defines the sandbox's flags on fs.
func defineSandbox(fs *pflag.FlagSet) *sandboxFlags {
	f := &sandboxFlags{}
	o := &f.opts
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "listen address (port 0 picks a free port)")
	fs.Int64Var(&o.Seed, "seed", 1, "seed for the generated tenant data")
	fs.IntVar(&o.Tokens, "tokens", sandbox.DefaultTokens, "number of seeded personal access tokens")
	fs.IntVar(&o.Apps, "apps", sandbox.DefaultApps, "number of seeded source apps")
	fs.IntVar(&o.Clients, "clients", sandbox.DefaultClients, "number of seeded API clients (OAuth clients)")
	fs.StringVar(&o.ClientID, "client-id", sandbox.DefaultClientID, "org admin client id")
	fs.StringVar(&o.ClientSecret, "client-secret", sandbox.DefaultClientSecret, "org admin client secret")
	fs.StringVar(&f.rateLimit, "rate-limit", "100/10s", "requests per window, per client id and API family")
	fs.DurationVar(&o.TokenTTL, "token-ttl", sandbox.DefaultTokenTTL, "access token lifetime")
	fs.StringVar(&f.state, "state", "", "persist the tenant to this file (loaded at start when it exists). Changes are saved\n"+
		"in the background after they are answered: ctrl+c or SIGTERM saves them all, but a kill -9 loses those\n"+
		"since the last save (up to about a second with 100,000 tokens), deletes already answered 204 included")
	fs.Float64Var(&o.Faults.ErrorRate, "fail-rate", 0, "fraction of API calls answered 500 or 503 (0..1)")
	fs.DurationVar(&o.Faults.Latency, "latency", 0, "latency added to every request")
	fs.Float64Var(&o.Faults.DropRate, "drop-rate", 0, "fraction of API calls whose connection is dropped (0..1)")
	fs.IntVar(&o.Faults.Burst429, "burst-429", 0, "answer the first N API calls with 429")
	fs.DurationVar(&o.Faults.RetryAfter, "retry-after", time.Second, "Retry-After of forced 429s")
	fs.Float64Var(&o.Faults.EarlyExpiry, "early-expiry", 0, "fraction of API calls whose access token expires early (0..1)")
	fs.Int64Var(&o.Faults.Seed, "fault-seed", 1, "seed for fault injection decisions")
	fs.BoolVar(&o.LenientOwnerPatch, "lenient-owner-patch", false,
		"let an admin's single-token PATCH change another owner's token (a tenant that allows more than the contract; by default that PATCH is the owner's only and answers 403)")
	fs.BoolVar(&o.NoPATBulkUpdate, "no-pat-bulk-update", false,
		"hide the admin PAT bulk update (404), as a tenant that predates it")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "log requests and errors to stderr")
	return f
}

// parseSandboxFlags reads args into the sandbox's options (help: ErrHelp,
// after writing it to stdout).
func parseSandboxFlags(args []string, stdout io.Writer) (*sandboxFlags, error) {
	fs := pflag.NewFlagSet("sailtui sandbox", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f := defineSandbox(fs)
	if err := fs.Parse(normalizeArgs(args, fs)); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: sailtui sandbox [flags]\n\n%s\n\nFlags:\n%s", sandboxHelp, fs.FlagUsages())
		}
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return f, f.finish()
}

// finish checks the parsed flags and completes the options.
func (f *sandboxFlags) finish() error {
	o := &f.opts
	rl, err := client.ParseRateLimit(f.rateLimit)
	if err != nil {
		return fmt.Errorf("--rate-limit: %w", err)
	}
	o.RateLimit = rl
	o.StatePath = f.state
	if err := checkSandboxOptions(o); err != nil {
		return err
	}
	if o.Tokens == 0 {
		o.Tokens = -1 // the Options zero value means "default"; the flag's 0 means none
	}
	if o.Apps == 0 {
		o.Apps = -1
	}
	if o.Clients == 0 {
		o.Clients = -1
	}
	return nil
}

// checkSandboxOptions refuses values the sandbox cannot run with.
func checkSandboxOptions(o *sandbox.Options) error {
	for _, r := range []struct {
		name string
		v    float64
	}{{"--fail-rate", o.Faults.ErrorRate}, {"--drop-rate", o.Faults.DropRate}, {"--early-expiry", o.Faults.EarlyExpiry}} {
		if !(r.v >= 0 && r.v <= 1) { // also refuses NaN
			return fmt.Errorf("%s must be between 0 and 1, got %g", r.name, r.v)
		}
	}
	if o.Faults.Latency < 0 || o.Faults.RetryAfter < 0 {
		return errors.New("--latency and --retry-after cannot be negative")
	}
	if o.Tokens < 0 || o.Apps < 0 || o.Clients < 0 || o.Faults.Burst429 < 0 {
		return errors.New("--tokens, --apps, --clients and --burst-429 cannot be negative")
	}
	if o.Tokens > sandbox.MaxTokens || o.Apps > sandbox.MaxApps || o.Clients > sandbox.MaxClients {
		return fmt.Errorf("--tokens is at most %d, --apps at most %d and --clients at most %d", sandbox.MaxTokens, sandbox.MaxApps, sandbox.MaxClients)
	}
	if o.TokenTTL <= 0 {
		return errors.New("--token-ttl must be positive")
	}
	// An empty credential would be replaced by the default silently (the
	// Options zero value): say so instead of signing in with another one.
	if strings.TrimSpace(o.ClientID) == "" || strings.TrimSpace(o.ClientSecret) == "" {
		return errors.New("--client-id and --client-secret cannot be empty")
	}
	return nil
}

// runSandboxContext runs the sandbox until ctx is cancelled.
func runSandboxContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f, err := parseSandboxFlags(args, stdout)
	if errors.Is(err, pflag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "sailtui sandbox: %v\n", err)
		return 2
	}
	return serveSandbox(ctx, f, stdout, stderr)
}

// serveSandbox serves the tenant f describes until ctx is cancelled.
func serveSandbox(ctx context.Context, f *sandboxFlags, stdout, stderr io.Writer) int {
	level := slog.LevelWarn
	if f.verbose {
		level = slog.LevelDebug
	}
	f.opts.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	srv, err := sandbox.New(f.opts)
	if err != nil {
		fmt.Fprintf(stderr, "sailtui sandbox: %v\n", err)
		return 1
	}
	if host, _, err := net.SplitHostPort(f.addr); err == nil {
		if !client.IsLoopbackHost(host) {
			fmt.Fprintf(stderr, "sailtui sandbox: warning: %s is not a loopback address; anyone who can reach it can use the printed credentials\n", f.addr)
		}
	}
	base, err := srv.Listen(f.addr)
	if err != nil {
		fmt.Fprintf(stderr, "sailtui sandbox: %v\n", err)
		return 1
	}
	admin, user := srv.Credentials()
	fmt.Fprintf(stdout, "base URL: %s\nclient id: %s\nclient secret: %s\nuser client id: %s\nuser client secret: %s\n",
		base, admin.ClientID, admin.ClientSecret, user.ClientID, user.ClientSecret)
	fmt.Fprintf(stderr, "sailtui sandbox: admin is %q, user is %q (non-admin); rate limit %s; press Ctrl-C to stop\n",
		admin.Name, user.Name, f.opts.RateLimit)
	<-ctx.Done()
	if err := srv.Close(); err != nil {
		fmt.Fprintf(stderr, "sailtui sandbox: %v\n", err)
		return 1
	}
	fmt.Fprintln(stderr, "sailtui sandbox: stopped")
	return 0
}
