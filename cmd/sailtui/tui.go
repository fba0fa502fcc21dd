package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/mattn/go-isatty"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/plan"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/edit/exteditor"
	"github.com/sailtui/sailtui/ui/shell"
	"github.com/sailtui/sailtui/ui/views/apps"
	"github.com/sailtui/sailtui/ui/views/auditview"
	"github.com/sailtui/sailtui/ui/views/clients"
	"github.com/sailtui/sailtui/ui/views/tokens"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
)

// authTimeout bounds the first token request, so a wrong URL fails fast.
const authTimeout = 30 * time.Second

// startUI checks the terminal, connects and runs the program. The
// terminal is checked before anything slow (the demo tenant's seed, the
// sign-in with its 30 s timeout), so a run without one fails at once.
// :env ends the program with a switch request: the other environment's
// tenant is signed in to and a fresh program started, in this process;
// if that fails, the previous tenant comes back with the reason.
func startUI(cfg config, args []string, getenv func(string) (string, bool), stdin io.Reader, stdout, stderr io.Writer) int {
	logger, closeLog, logErr := openLog(getenv, os.UserHomeDir)
	defer closeLog()
	if !cfg.demo { // the client's own checks are configuration: exit 2 first
		if _, err := newClient(cfg, logger, nil); err != nil {
			fmt.Fprintln(stderr, "sailtui:", err)
			return exitUsage
		}
	}
	if !isTerminal(stdin) || !isTerminal(stdout) {
		fmt.Fprintln(stderr, "sailtui: needs an interactive terminal (stdin and stdout must be a TTY);"+
			" run it in a terminal, not through a pipe or redirect")
		return exitFailure
	}
	if cfg.demo {
		stop, err := startDemo(&cfg, logger)
		if err != nil {
			fmt.Fprintln(stderr, "sailtui: demo sandbox:", err)
			return exitFailure
		}
		defer stop()
	}
	if logErr != nil {
		// Once, before the screen switches: it is still there after quit.
		fmt.Fprintln(stderr, "sailtui:", logErr)
	}
	clip, closeClip := openClipboard(stderr, isTerminal, openTTY, getenv)
	defer closeClip()
	envs := sailEnvNames(sailConfigPath(getenv))
	if cfg.demo {
		envs = nil // the demo tenant is not one of them
	}
	prepare := func(ctx context.Context, name string) (any, error) {
		return prepareTenant(ctx, args, name, getenv, logger)
	}
	var ready *preparedTenant // signed in by :env while the old tenant was on screen
	notice := ""
	for {
		t := tenantRun{cfg: cfg, ready: ready, envs: envs, notice: notice, getenv: getenv, stdin: stdin, stdout: stdout,
			stderr: stderr, logger: logger, clip: clip, prepare: prepare}
		code, req := t.run()
		next, ok := req.Tenant.(preparedTenant)
		if req.Env == "" || !ok {
			return code
		}
		notice = "Switched to " + req.Env
		if req.MarksDropped > 0 {
			notice += ": " + timefmt.Plural(req.MarksDropped, "mark") + " dropped with the old tenant"
		}
		if next.cfg.readOnly && !cfg.readOnly {
			notice += " (read-only)"
		}
		if len(next.cfg.warnings) > 0 {
			notice += " · " + strings.Join(next.cfg.warnings, "; ")
		}
		cfg, ready = next.cfg, &next
	}
}

// preparedTenant is another environment, signed in to.
type preparedTenant struct {
	cfg   config
	cl    *client.Client
	sess  client.Session
	waits chan client.WaitEvent
}

// prepareTenant resolves environment name as if sailtui had been started
// with --env name, and signs in to it; the program on screen calls it
// off its event loop, so the screen stays while it runs.
func prepareTenant(ctx context.Context, args []string, name string, getenv func(string) (string, bool), logger *slog.Logger) (preparedTenant, error) {
	cfg, problem := switchConfig(args, name, getenv)
	if problem != "" {
		return preparedTenant{}, errors.New(problem)
	}
	waits := make(chan client.WaitEvent, 64)
	cl, err := newClient(cfg, logger, waits)
	if err != nil {
		return preparedTenant{}, err
	}
	sess, err := cl.Authenticate(ctx)
	if err != nil {
		return preparedTenant{}, fmt.Errorf("sign-in failed: %w", err)
	}
	logger.Info("signed in", "env", name, "base_url", cfg.baseURL, "identity", sess.IdentityID, "family", string(cl.Family()))
	return preparedTenant{cfg: cfg, cl: cl, sess: sess, waits: waits}, nil
}

// tenantRun is one program against one tenant.
type tenantRun struct {
	cfg            config
	ready          *preparedTenant // already signed in (a switch), or nil
	prepare        func(ctx context.Context, name string) (any, error)
	envs           []string
	notice         string
	getenv         func(string) (string, bool)
	stdin          io.Reader
	stdout, stderr io.Writer
	logger         *slog.Logger
	clip           clipboard.Clipboard
}

// run signs in (unless a switch did), builds the views and runs the
// program until it quits.
func (t tenantRun) run() (code int, req shell.SwitchRequest) {
	cfg, stderr := t.cfg, t.stderr
	var (
		cl    *client.Client
		sess  client.Session
		waits chan client.WaitEvent
	)
	if t.ready != nil {
		cl, sess, waits = t.ready.cl, t.ready.sess, t.ready.waits
	} else {
		var err error
		if cl, sess, waits, err = t.signIn(); err != nil {
			return exitFailure, req
		}
	}
	model, log := buildModel(cfg, cl, sess, waits, t.getenv, t.stdout, t.clip, t.logger,
		shellExtras{envs: t.envs, notice: t.notice, prepare: t.prepare})
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithInput(t.stdin), tea.WithOutput(t.stdout)}
	if !t.cfg.mouseOff {
		opts = append(opts, tea.WithMouseCellMotion())
	}
	p := tea.NewProgram(model, opts...)
	stopHangup := quitOnHangup(p)
	final, runErr := p.Run()
	stopHangup()
	where := ""
	if log != nil {
		where = log.Path()
	}
	reportStop(model.Stop(inFlightGrace), where, stderr)
	if runErr != nil {
		fmt.Fprintln(stderr, "sailtui:", runErr)
		return exitFailure, req
	}
	if m, ok := final.(shell.Model); ok {
		req = m.Switch()
	}
	return exitOK, req
}

// signIn is the first sign-in, before the screen switches: a slow tenant
// can take seconds, so it says what is happening at once, on the line the
// UI's first frame then replaces.
func (t tenantRun) signIn() (*client.Client, client.Session, chan client.WaitEvent, error) {
	cfg, stderr := t.cfg, t.stderr
	waits := make(chan client.WaitEvent, 64)
	cl, err := newClient(cfg, t.logger, waits)
	if err != nil {
		fmt.Fprintln(stderr, "sailtui:", err)
		return nil, client.Session{}, nil, err
	}
	fmt.Fprintf(stderr, "sailtui: signing in to %s…", hostOf(cfg.baseURL))
	ctx, cancel := context.WithTimeout(context.Background(), authTimeout)
	sess, err := cl.Authenticate(ctx)
	cancel()
	if err != nil {
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, "sailtui: sign-in failed:", describe(err))
		return nil, client.Session{}, nil, err
	}
	if isTerminal(stderr) {
		fmt.Fprint(stderr, "\r\x1b[K") // clear the line: the UI says the rest
	} else {
		fmt.Fprintln(stderr)
	}
	t.logger.Info("signed in", "base_url", cfg.baseURL, "identity", sess.IdentityID, "family", string(cl.Family()))
	return cl, sess, waits, nil
}

// quitOnHangup ends the program on a hangup (hangupSignals: SIGHUP, or
// the console window closed on Windows) as Bubble Tea ends it on
// SIGTERM: a closed terminal or a dropped SSH session then takes the same
// graceful path as quitting (queued deletes stop, requests in flight are
// answered and audited) instead of Go's default of dying on the spot.
func quitOnHangup(p *tea.Program) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, hangupSignals()...)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			p.Quit()
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// startDemo starts the in-process sandbox tenant on a loopback port and
// points cfg at it as its admin; stop shuts it down.
func startDemo(cfg *config, logger *slog.Logger) (stop func(), err error) {
	srv, err := sandbox.New(sandbox.Options{Seed: cfg.demoSeed, Tokens: cfg.demoTokens, Apps: cfg.demoApps, Logger: logger})
	if err != nil {
		return nil, err
	}
	base, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		srv.Close()
		return nil, err
	}
	admin, _ := srv.Credentials()
	cfg.baseURL, cfg.clientID, cfg.clientSecret = base, admin.ClientID, admin.ClientSecret
	return func() { srv.Close() }, nil
}

// newClient builds the API client; its wait events go to waits without
// ever blocking it (the newest wait is what the status bar shows).
func newClient(cfg config, logger *slog.Logger, waits chan<- client.WaitEvent) (*client.Client, error) {
	return client.New(client.Config{
		BaseURL: cfg.baseURL, ClientID: cfg.clientID, ClientSecret: cfg.clientSecret,
		Family: cfg.family, RateLimit: cfg.rateLimit, Logger: logger, SpreadVersions: cfg.spreadVersions,
		OnWait: func(ev client.WaitEvent) {
			select {
			case waits <- ev:
			default:
			}
		},
	})
}

// inFlightGrace is how long quitting during a delete or a create waits for
// requests already sent, so each is answered and audited before the
// process ends.
const inFlightGrace = 10 * time.Second

// reportStop tells the user, after the screen is restored, what quitting
// in the middle of the views' work did; where is the audit log.
func reportStop(stopped []common.Stopped, where string, stderr io.Writer) {
	if where == "" {
		where = "the audit log"
	}
	for _, st := range stopped {
		switch {
		case st.Create && st.Clean:
			fmt.Fprintf(stderr, "sailtui: quit during a create: its answer is recorded in %s; the new token's secret"+
				" was not shown, so if it was created, delete it and create another\n", where)
		case st.Create:
			fmt.Fprintf(stderr, "sailtui: quit during a create: no answer after %s; the token may have been created"+
				" without an audit entry; check %s and refresh\n", inFlightGrace, where)
		case st.Clean:
			fmt.Fprintf(stderr, "sailtui: quit during %s: queued %s; every request sent is recorded in %s\n", st.Work, st.Queued, where)
		default:
			fmt.Fprintf(stderr, "sailtui: quit during %s: queued %s, but some requests were still unanswered after %s"+
				" and may have taken effect without an audit entry; check %s and refresh\n", st.Work, st.Queued, inFlightGrace, where)
		}
	}
}

// shellExtras are what the shell gets beyond the tenant: the sail CLI
// environments :env offers, and a notice to show at start.
type shellExtras struct {
	envs    []string
	notice  string
	prepare func(ctx context.Context, name string) (any, error)
}

// buildModel wires the shell and the views.
func buildModel(cfg config, cl *client.Client, sess client.Session, waits <-chan client.WaitEvent,
	getenv func(string) (string, bool), stdout io.Writer, clip clipboard.Clipboard, logger *slog.Logger,
	extra shellExtras) (shell.Model, *audit.Log) {
	r := themes.NewRenderer(stdout, cfg.theme) // NO_COLOR keeps bold/reverse for mono
	styles := themes.NewStyles(cfg.theme, r)
	c := common.New(styles, time.Now)

	log, auditErr := openAudit(getenv, os.UserHomeDir, cfg.readOnly)
	if auditErr != nil {
		logger.Warn("delete and create disabled", "err", auditErr)
	}
	// --plan goes to the view of what it lists, shown first.
	tokenPlan, clientPlan, start := cfg.planPath, "", ""
	if cfg.planPath != "" && plan.KindOf(cfg.planPath) == plan.KindClients {
		tokenPlan, clientPlan, start = "", cfg.planPath, "clients"
	}
	tv := tokens.New(c, tokens.Options{
		Service: cl, StaleAfter: cfg.staleAfter, ReadOnly: cfg.readOnly, ReadOnlyWhy: cfg.readOnlyWhy,
		BaseURL: cfg.baseURL, Audit: log, AuditErr: auditErr, Family: cl.Family(), Clipboard: clip,
		IdentityID: sess.IdentityID, IdentityName: sess.UserName, SessionClientID: cfg.clientID, Logger: logger,
		Edit: editOptions(getenv, cfg.editor), ReportDir: reportDir(getenv, os.UserHomeDir), Home: homeDir(),
		PlanPath: tokenPlan, Tenant: hostOf(cfg.baseURL), Keys: cfg.keys["tokens"], Owners: cl, OwnerRuleOff: cfg.ownerRuleOff,
	})
	identity := sess.UserName
	if identity == "" {
		identity = sess.IdentityID
	}
	host := hostOf(cfg.baseURL)
	if cfg.envName != "" {
		host = cfg.envName + " · " + host // the sail CLI environment's name first
	}
	av := auditview.New(c, auditview.Options{Path: auditPath(log, getenv), ReportDir: reportDir(getenv, os.UserHomeDir),
		Home: homeDir(), Tenant: hostOf(cfg.baseURL), Keys: cfg.keys["audit"], AuditErr: auditErr})
	views := []shell.View{tv}
	if cl.Family().HasSourceApps() { // v3 has no source-app endpoints
		apv := apps.New(c, apps.Options{
			Service: cl, ReadOnly: cfg.readOnly, ReadOnlyWhy: cfg.readOnlyWhy, BaseURL: cfg.baseURL, Audit: log, AuditErr: auditErr,
			IdentityID: sess.IdentityID, IdentityName: sess.UserName, Edit: editOptions(getenv, cfg.editor),
			KnownIdentities: tv.KnownIdentities, Owners: cl, ReportDir: reportDir(getenv, os.UserHomeDir), Home: homeDir(),
			Tenant: hostOf(cfg.baseURL), Logger: logger, Keys: cfg.keys["apps"],
		})
		views = append(views, apv)
	}
	views = append(views, clients.New(c, clients.Options{PlanPath: clientPlan,
		Service: cl, StaleAfter: cfg.staleAfter, ReadOnly: cfg.readOnly, ReadOnlyWhy: cfg.readOnlyWhy, BaseURL: cfg.baseURL,
		Audit: log, AuditErr: auditErr, IdentityID: sess.IdentityID, IdentityName: sess.UserName, SessionClientID: cfg.clientID,
		Edit: editOptions(getenv, cfg.editor), Clipboard: clip, ReportDir: reportDir(getenv, os.UserHomeDir), Home: homeDir(),
		Tenant: hostOf(cfg.baseURL), Logger: logger, Keys: cfg.keys["clients"],
	}), av)
	var settling *audit.Settling
	if log != nil && auditErr == nil {
		settling = &audit.Settling{Log: log, BaseURL: cfg.baseURL, ReadOnly: cfg.readOnly,
			Actor: audit.Actor{ID: sess.IdentityID, Name: sess.UserName}}
	}
	return shell.New(c, shell.Options{Host: host, Identity: identity, ReadOnly: cfg.readOnly, Demo: cfg.demo, Waits: waits,
		Envs: extra.envs, Env: cfg.envName, Notice: extra.notice, PrepareEnv: extra.prepare, Start: start, Keys: cfg.keys["global"], Settling: settling,
		Clipboard: clip, RefreshEvery: cfg.refresh, EnvChoices: sailEnvChoices(extra.envs, cfg, getenv),
		Themes: themeNames(themeDir(getenv)), SetTheme: themeSetter(stdout, getenv), Mouse: !cfg.mouseOff,
		SavedViews: cfg.views, StartView: cfg.startView, Columns: cfg.columns, SaveColumns: saveColumns(settingsPath(getenv))}, views...), log
}

// auditPath is the log the audit view shows: the one changes are written
// to, or, when that could not be opened, where it would be (a log from an
// earlier run may still be there to read).
func auditPath(log *audit.Log, getenv func(string) (string, bool)) string {
	if log != nil {
		return log.Path()
	}
	p, _ := audit.DefaultPath(getenv, os.UserHomeDir)
	return p
}

// reportDir is where exports go: $XDG_STATE_HOME/sailtui/reports (or
// ~/.local/state/…), else the working directory.
func reportDir(getenv func(string) (string, bool), home func() (string, error)) string {
	if d, err := audit.Dir(getenv, home); err == nil {
		return filepath.Join(d, "reports")
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return "/tmp"
}

func homeDir() string {
	h, _ := os.UserHomeDir()
	return h
}

// editOptions picks the user's editor (SAILTUI_EDITOR, the settings
// file's editor, VISUAL, EDITOR, then vi) and hands it the terminal while
// it runs.
func editOptions(getenv func(string) (string, bool), configured string) editflow.Options {
	lookup := getenv
	if configured != "" {
		lookup = func(k string) (string, bool) {
			if v, ok := getenv(k); ok || k != "SAILTUI_EDITOR" {
				return v, ok
			}
			return configured, true
		}
	}
	editor, _ := exteditor.Resolve(lookup)
	shell, _ := getenv("SHELL")
	return editflow.Options{Editor: editor, Runner: exteditor.TerminalRunner{}, Shell: shell}
}

// openAudit finds the audit log and, before the program starts, makes
// sure it can be appended to: a change that cannot be recorded is never
// sent, so the error disables delete and create. A read-only session
// changes nothing and writes nothing, so its log is not checked (nor
// created).
func openAudit(getenv func(string) (string, bool), home func() (string, error), readOnly bool) (*audit.Log, error) {
	path, err := audit.DefaultPath(getenv, home)
	if err != nil {
		return nil, fmt.Errorf("audit log not writable: %w", err)
	}
	log := audit.Open(path)
	if readOnly {
		return log, nil
	}
	return log, log.Check()
}

// openClipboard picks the terminal OSC52 copies are written to. Not
// stdout: the renderer writes frames there from its own goroutine and a
// copy could land inside one. stderr is the same terminal with no other
// writer while the UI runs; when it is redirected, /dev/tty. Without
// either, copies report why.
func openClipboard(stderr io.Writer, isTTY func(any) bool, openTTY func() (io.WriteCloser, error),
	getenv func(string) (string, bool)) (clipboard.Clipboard, func()) {
	env := clipboard.EnvFrom(getenv)
	if isTTY(stderr) {
		return clipboard.New(stderr, env), func() {}
	}
	tty, err := openTTY()
	if err != nil {
		return clipboard.Unavailable(fmt.Errorf("stderr is redirected and the terminal cannot be opened (%w)", err), env), func() {}
	}
	return clipboard.New(tty, env), func() { _ = tty.Close() }
}

// openTTY opens the controlling terminal for writing.
func openTTY() (io.WriteCloser, error) { return os.OpenFile("/dev/tty", os.O_WRONLY, 0) }

// hostOf is a base URL's host (the URL itself when it has none).
func hostOf(base string) string {
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return u.Host
	}
	return base
}

// describe is the server's own message for an API error.
func describe(err error) string {
	if e, ok := client.AsAPIError(err); ok {
		msg := e.Message()
		if e.TrackingID != "" {
			msg += " (tracking id " + e.TrackingID + ")"
		}
		if e.Status != 0 {
			return fmt.Sprintf("%d %s", e.Status, msg)
		}
		return msg
	}
	return err.Error()
}

func isTerminal(f any) bool {
	fd, ok := f.(interface{ Fd() uintptr })
	return ok && (isatty.IsTerminal(fd.Fd()) || isatty.IsCygwinTerminal(fd.Fd()))
}

// openLog writes logs to $XDG_STATE_HOME/sailtui/sailtui.log; never to
// stdout, which belongs to the UI. Without a usable file, logs go nowhere
// and err says why (the caller tells the user once).
func openLog(getenv func(string) (string, bool), home func() (string, error)) (_ *slog.Logger, closeLog func(), err error) {
	discard := slog.New(slog.DiscardHandler)
	dir, err := audit.Dir(getenv, home)
	if err != nil {
		return discard, func() {}, fmt.Errorf("no log file, logs are discarded: %w", err)
	}
	path := filepath.Join(dir, "sailtui.log")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return discard, func() {}, fmt.Errorf("cannot write %s, logs are discarded: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return discard, func() {}, fmt.Errorf("cannot write %s, logs are discarded: %w", path, err)
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo})), func() { _ = f.Close() }, nil
}
