package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/oauthclients"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/stale"
)

// TestEndToEndTmux drives the real binary in tmux against a standalone
// `sailtui sandbox`: mark every stale token, delete them (typing the
// count), and check the sandbox's state over HTTP afterwards.
func TestEndToEndTmux(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	bin, base, id, secret, cl := binaryAndSandbox(t, dir)
	ctx := context.Background()
	before, err := cl.ListPATs(ctx, client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var staleN, staleManaged int
	keep := map[string]bool{} // stale managed: marked, but left out of the delete
	// The owners' states too: an inactive owner makes a token stale.
	var ownerIDs []string
	for _, p := range before {
		ownerIDs = append(ownerIDs, p.Owner.ID)
	}
	slices.Sort(ownerIDs)
	states, err := owners.Lookup(ctx, cl, slices.Compact(ownerIDs))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range before {
		if pats.ExplainWith(&p, now, stale.DefaultAfter, states[p.Owner.ID]).Stale() {
			staleN++
			if p.Managed {
				staleManaged++
				keep[p.ID] = true
			}
		}
	}
	if staleN-staleManaged == 0 || staleManaged == 0 {
		t.Fatalf("sandbox seed has %d stale tokens, %d of them managed; want some of each", staleN, staleManaged)
	}

	tm := newTmux(t)
	state := filepath.Join(dir, "state")
	tm.run("new-session", "-d", "-x", "120", "-y", "40", "-s", "app",
		"-e", "SAIL_BASE_URL="+base, "-e", "SAIL_CLIENT_ID="+id, "-e", "SAIL_CLIENT_SECRET="+secret,
		"-e", "XDG_STATE_HOME="+state, "-e", "NO_COLOR=1",
		bin+"; echo sailtui-exited-$?; sleep 60")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`%d tokens · %d stale`, len(before), staleN)), 15*time.Second)

	tm.keys("s")
	tm.waitScreen(regexp.MustCompile(`stale only`), 5*time.Second)
	tm.keys("a")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`%d marked`, staleN)), 5*time.Second)
	tm.keys("d")
	tm.waitScreen(regexp.MustCompile(`Delete \d+ tokens?\?`), 5*time.Second)
	// Managed tokens stay excluded (the default): type the count shown
	// when it is large enough to need typing.
	want := staleN - staleManaged
	if want >= 5 {
		tm.literal(strconv.Itoa(want))
	} else {
		tm.keys("Right")
	}
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`Finished`), 30*time.Second)
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Deleted %d`, want)), 10*time.Second)

	// The audit view has one row per delete (its intent folded into its
	// outcome); filtered to the outcomes, X exports exactly those.
	tm.literal(":audit")
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Audit 4/4 .* %d entries · 0 failed`, want)), 5*time.Second)
	tm.keys("/")
	tm.literal("result:deleted")
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`newest first .* 1/%d\n`, want)), 5*time.Second)
	tm.keys("X")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Export %d audit entries in view`, want)), 5*time.Second)
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Exported %d entries to`, want)), 5*time.Second)
	reports, _ := filepath.Glob(filepath.Join(state, "sailtui", "reports", "audit-*.csv"))
	if len(reports) != 1 {
		t.Fatalf("reports %v", reports)
	}
	if data, err := os.ReadFile(reports[0]); err != nil || strings.Count(string(data), "\r\n") != want+1 {
		t.Fatalf("audit export: %v\n%s", err, data)
	}
	tm.keys("Tab")
	tm.waitScreen(regexp.MustCompile(`Tokens 1/4`), 5*time.Second)
	tm.keys("q")
	tm.waitScreen(regexp.MustCompile(`sailtui-exited-0`), 10*time.Second)

	after, err := cl.ListPATs(ctx, client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)-want {
		t.Fatalf("%d tokens left of %d, want %d deleted", len(after), len(before), want)
	}
	for _, p := range after {
		if pats.Stale(&p, now, stale.DefaultAfter) != stale.NotStale && !p.Managed {
			t.Errorf("stale unmanaged token %s (%q) survived", p.ID, p.Name)
		}
		delete(keep, p.ID)
	}
	for id := range keep {
		t.Errorf("stale managed token %s was deleted without being included", id)
	}
	data, err := os.ReadFile(filepath.Join(state, "sailtui", "audit.jsonl"))
	if err != nil {
		t.Fatalf("audit log: %v", err)
	}
	entries, err := audit.Read(filepath.Join(state, "sailtui", "audit.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	// An intent, then its outcome, for every delete.
	if len(entries) != 2*want || len(audit.OpenIntents(entries, base)) != 0 {
		t.Fatalf("audit log has %d entries (%d open intents), want %d", len(entries), len(audit.OpenIntents(entries, base)), 2*want)
	}
	if strings.Contains(string(data), secret) {
		t.Fatal("the client secret reached the audit log")
	}
}

// needTmux skips without tmux, except in CI, which must have it.
func needTmux(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is required in CI (.ci/run installs it)")
		}
		t.Skip("tmux not installed; the end-to-end test needs it (apt-get install tmux)")
	}
}

// buildBinary builds sailtui into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "sailtui")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// binaryAndSandbox builds sailtui into dir, starts `sailtui sandbox` and
// returns a client for the sandbox's admin.
func binaryAndSandbox(t *testing.T, dir string) (bin, base, id, secret string, cl *client.Client) {
	t.Helper()
	bin = buildBinary(t, dir)
	base, id, secret = startStandaloneSandbox(t, bin)
	cl, err := client.New(client.Config{BaseURL: base, ClientID: id, ClientSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	return bin, base, id, secret, cl
}

// startStandaloneSandbox runs `sailtui sandbox` on a free port and reads
// its credentials from stdout.
func startStandaloneSandbox(t *testing.T, bin string, extra ...string) (base, id, secret string) {
	t.Helper()
	args := append([]string{"sandbox", "--addr", "127.0.0.1:0", "--seed", "11", "--tokens", "40"}, extra...)
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(15 * time.Second)
	for base == "" || id == "" || secret == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("sandbox exited before printing its credentials")
			}
			k, v, _ := strings.Cut(l, ": ")
			switch k {
			case "base URL":
				base = v
			case "client id":
				id = v
			case "client secret":
				secret = v
			}
		case <-deadline:
			t.Fatal("sandbox did not print its credentials")
		}
	}
	go func() {
		for range lines { // keep draining
		}
	}()
	return base, id, secret
}

// tmuxSession drives a private tmux server (-L) so nothing touches the
// user's sessions.
type tmuxSession struct {
	t      *testing.T
	socket string
}

func newTmux(t *testing.T) *tmuxSession {
	s := &tmuxSession{t: t, socket: fmt.Sprintf("sailtui-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	s.run(append([]string{"send-keys", "-t", "app"}, keys...)...)
}

func (s *tmuxSession) literal(text string) {
	s.t.Helper()
	s.run("send-keys", "-t", "app", "-l", text)
}

func (s *tmuxSession) screen() string { return s.run("capture-pane", "-p", "-t", "app") }

// waitScreen polls capture-pane until re matches.
func (s *tmuxSession) waitScreen(re *regexp.Regexp, d time.Duration) {
	s.t.Helper()
	deadline := time.Now().Add(d)
	var last string
	for time.Now().Before(deadline) {
		last = s.screen()
		if re.MatchString(last) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("screen never matched %q; last screen:\n%s", re, last)
}

// E opens the token in the user's editor (here a script that renames it),
// with the TUI suspended and restored around it: the preview is drawn on
// an intact screen, enter applies, and the server has the new name.
func TestEndToEndTmuxEditInEditor(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	bin, base, id, secret, cl := binaryAndSandbox(t, dir)
	exp := time.Now().AddDate(0, 1, 0).UTC().Truncate(time.Second)
	created, err := cl.CreatePAT(context.Background(), client.CreatePATRequest{Name: "e2e-edit", Scope: []string{"sp:scopes:default"}, ExpirationDate: &exp})
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "rename-editor.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nsed -i 's/\"name\": \"e2e-edit\"/\"name\": \"e2e-edited in vi\"/' \"$1\"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	tm := newTmux(t)
	tm.run("new-session", "-d", "-x", "120", "-y", "40", "-s", "app",
		"-e", "SAIL_BASE_URL="+base, "-e", "SAIL_CLIENT_ID="+id, "-e", "SAIL_CLIENT_SECRET="+secret,
		"-e", "XDG_STATE_HOME="+filepath.Join(dir, "state"), "-e", "NO_COLOR=1", "-e", "SAILTUI_EDITOR=sh "+script,
		bin+"; echo sailtui-exited-$?; sleep 60")
	tm.waitScreen(regexp.MustCompile(`\d+ tokens · \d+ stale`), 15*time.Second)
	tm.literal("/e2e-edit")
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`1 match`), 5*time.Second)
	tm.keys("E")
	tm.waitScreen(regexp.MustCompile(`Preview: edit token "e2e-edit"`), 10*time.Second)
	screen := tm.screen()
	for _, want := range []string{"sailtui │", `+   "name": "e2e-edited in vi",`, `{"op":"replace","path":"/name","value":"e2e-edited in vi"}`} {
		if !strings.Contains(screen, want) {
			t.Fatalf("after the editor, the screen lacks %q:\n%s", want, screen)
		}
	}
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`Updated token "e2e-edit": name`), 10*time.Second)
	tm.keys("q")
	tm.waitScreen(regexp.MustCompile(`sailtui-exited-0`), 10*time.Second)
	toks, err := cl.ListPATs(context.Background(), client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range toks {
		if p.ID == created.ID && p.Name != "e2e-edited in vi" {
			t.Fatalf("server name %q", p.Name)
		}
	}
}

// Switch to Apps with the command line, edit one app's description in
// the form, apply from the preview, and check the server over HTTP.
func TestEndToEndTmuxAppsEdit(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	bin, base, id, secret, cl := binaryAndSandbox(t, dir)
	ctx := context.Background()
	some, err := cl.ListSourceApps(ctx, client.ListAppsOptions{List: client.AppsAll, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var source string
	for _, a := range some.Items {
		if a.AccountSource != nil {
			source = a.AccountSource.ID
		}
	}
	target, err := cl.CreateSourceApp(ctx, client.SourceAppCreate{Name: "e2e app", Description: "before",
		AccountSource: client.AccountSource{ID: source}})
	if err != nil {
		t.Fatal(err)
	}
	tm := newTmux(t)
	tm.run("new-session", "-d", "-x", "120", "-y", "40", "-s", "app",
		"-e", "SAIL_BASE_URL="+base, "-e", "SAIL_CLIENT_ID="+id, "-e", "SAIL_CLIENT_SECRET="+secret,
		"-e", "XDG_STATE_HOME="+filepath.Join(dir, "state"), "-e", "NO_COLOR=1",
		bin+"; echo sailtui-exited-$?; sleep 60")
	tm.waitScreen(regexp.MustCompile(`\d+ tokens · \d+ stale`), 15*time.Second)
	tm.literal(":apps")
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`Apps 2/4 .*\n.*Apps · all apps · \d+`), 10*time.Second)
	tm.literal("/e2e app")
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`1 match`), 5*time.Second)
	tm.keys("e")
	tm.waitScreen(regexp.MustCompile(`Edit app "e2e app"`), 10*time.Second)
	tm.keys("Down", "End", "C-u")
	tm.literal("after, from tmux")
	tm.keys("C-s")
	tm.waitScreen(regexp.MustCompile(`Preview: edit app "e2e app"`), 10*time.Second)
	if screen := tm.screen(); !strings.Contains(screen, `{"op":"replace","path":"/description","value":"after, from tmux"}`) {
		t.Fatalf("preview lacks the op:\n%s", screen)
	}
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`Updated app "e2e app": description`), 10*time.Second)
	tm.keys("q")
	tm.waitScreen(regexp.MustCompile(`sailtui-exited-0`), 10*time.Second)
	got, err := cl.GetSourceApp(ctx, target.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Description != "after, from tmux" || got.Name != "e2e app" {
		t.Fatalf("server has %q / %q", got.Name, got.Description)
	}
}

// Start on one sail CLI environment (--env), then switch to another with
// :env inside the TUI: two standalone sandboxes, each its own tenant. The
// marks of the first are dropped only after the user says so; the sign-in
// happens on the full screen (nothing reaches the shell underneath); the
// status bar names the environment on screen.
func TestEndToEndTmuxSwitchEnvironment(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	baseOne, idOne, secretOne := startStandaloneSandbox(t, bin, "--tokens", "30", "--seed", "21")
	baseTwo, idTwo, secretTwo := startStandaloneSandbox(t, bin, "--tokens", "12", "--seed", "22")
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(filepath.Join(home, ".sailpoint"), 0o700); err != nil {
		t.Fatal(err)
	}
	sailCfg := fmt.Sprintf("activeenvironment: two\nenvironments:\n"+
		"  one:\n    baseurl: %s\n    tenanturl: %s\n    pat:\n      clientid: %s\n      clientsecret: %s\n"+
		"  two:\n    baseurl: %s\n    tenanturl: %s\n    pat:\n      clientid: %s\n      clientsecret: %s\n",
		baseOne, baseOne, idOne, secretOne, baseTwo, baseTwo, idTwo, secretTwo)
	if err := os.WriteFile(filepath.Join(home, ".sailpoint", "config.yaml"), []byte(sailCfg), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := newTmux(t)
	tm.run("new-session", "-d", "-x", "120", "-y", "40", "-s", "app",
		"-e", "HOME="+home, "-e", "XDG_STATE_HOME="+filepath.Join(dir, "state"), "-e", "XDG_CONFIG_HOME="+filepath.Join(dir, "cfg"),
		"-e", "NO_COLOR=1", bin+" --env one; echo sailtui-exited-$?; sleep 60")
	hostOne, hostTwo := regexp.QuoteMeta(strings.TrimPrefix(baseOne, "http://")), regexp.QuoteMeta(strings.TrimPrefix(baseTwo, "http://"))
	tm.waitScreen(regexp.MustCompile(`(?s)one · `+hostOne+`.*32 tokens`), 15*time.Second) // 30 + the sandbox's two own
	tm.keys("Space", "Space")
	tm.waitScreen(regexp.MustCompile(`2 marked`), 5*time.Second)
	tm.literal(":env two")
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`Drop 2 marks\?`), 5*time.Second)
	tm.keys("Escape")
	tm.waitScreen(regexp.MustCompile(`(?s)Still on one: marks kept.*2 marked|2 marked.*Still on one: marks kept`), 5*time.Second)
	tm.literal(":env two")
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`Drop 2 marks\?`), 5*time.Second)
	tm.keys("Right", "Enter")
	tm.waitScreen(regexp.MustCompile(`(?s)two · `+hostTwo+`.*14 tokens.*Switched to two: 2 marks dropped`), 15*time.Second)
	if screen := tm.screen(); strings.Contains(screen, "2 marked") {
		t.Fatalf("marks survived the switch:\n%s", screen)
	}
	tm.literal(":env nowhere")
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`No environment nowhere: the sail CLI has one, two`), 5*time.Second)
	tm.keys("q")
	tm.waitScreen(regexp.MustCompile(`sailtui-exited-0`), 10*time.Second)
	if screen := tm.screen(); strings.Contains(screen, "signing in") || strings.Contains(screen, "sign-in failed") {
		t.Fatalf("the switch wrote into the shell:\n%s", screen)
	}
}

// The real binary against a standalone sandbox that enforces the
// documented rights: x on another owner's tokens sets their expiry
// through the bulk update (the single PATCH would be refused), every one,
// and nothing fails.
func TestEndToEndTmuxExpireOthersTokens(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	bin, base, id, secret, cl := binaryAndSandbox(t, dir)
	ctx := context.Background()
	sess, err := cl.Authenticate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before, err := cl.ListPATs(ctx, client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The owner: not the caller, with unmanaged tokens that do not expire
	// within two weeks (those would be left alone), and a name that is
	// easy to filter for.
	target := time.Now().Add(14 * 24 * time.Hour)
	byOwner := map[string][]client.PersonalAccessToken{}
	names := map[string]string{}
	for _, p := range before {
		if p.Owner.ID != sess.IdentityID && !p.Managed && (p.ExpirationDate == nil || p.ExpirationDate.After(target.Add(time.Hour))) {
			byOwner[p.Owner.ID] = append(byOwner[p.Owner.ID], p)
			names[p.Owner.ID] = p.Owner.Name
		}
	}
	owner := ""
	for o, ps := range byOwner {
		if len(ps) >= 2 && regexp.MustCompile(`^[A-Za-z]+ [A-Za-z]+$`).MatchString(names[o]) && (owner == "" || o < owner) {
			owner = o
		}
	}
	if owner == "" {
		t.Fatal("no other owner with two tokens to expire in this seed")
	}
	tm := newTmux(t)
	tm.run("new-session", "-d", "-x", "120", "-y", "40", "-s", "app",
		"-e", "SAIL_BASE_URL="+base, "-e", "SAIL_CLIENT_ID="+id, "-e", "SAIL_CLIENT_SECRET="+secret,
		"-e", "XDG_STATE_HOME="+filepath.Join(dir, "state"), "-e", "NO_COLOR=1",
		bin+"; echo sailtui-exited-$?; sleep 60")
	tm.waitScreen(regexp.MustCompile(`\d+ tokens · \d+ stale`), 15*time.Second)
	tm.keys("/")
	tm.literal(names[owner])
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`\d+ match`), 5*time.Second)
	tm.keys("a")
	tm.waitScreen(regexp.MustCompile(`Marked \d+ tokens? in view`), 5*time.Second)
	tm.keys("x")
	tm.waitScreen(regexp.MustCompile(`Expire:`), 5*time.Second)
	tm.keys("Enter")
	dialog := regexp.MustCompile(`Expire (\d+) tokens?\?`)
	tm.waitScreen(dialog, 5*time.Second)
	n, _ := strconv.Atoi(dialog.FindStringSubmatch(tm.screen())[1])
	if screen := tm.screen(); !strings.Contains(screen, "bulk update") {
		t.Fatalf("the dialog does not say the bulk update:\n%s", screen)
	}
	if n >= 5 {
		tm.literal(strconv.Itoa(n))
	} else {
		tm.keys("Right")
	}
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Finished\.[\s\S]*%d expiry set`, n)), 30*time.Second)
	tm.keys("Enter")
	tm.keys("q")
	tm.waitScreen(regexp.MustCompile(`sailtui-exited-0`), 10*time.Second)

	after, err := cl.ListPATs(ctx, client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	planned := map[string]bool{}
	for _, p := range byOwner[owner] {
		planned[p.ID] = true
	}
	for _, p := range after {
		if !planned[p.ID] {
			continue
		}
		if p.ExpirationDate == nil || p.ExpirationDate.Sub(target).Abs() > time.Hour {
			t.Errorf("%s's token %s expires %v, want about %v", names[owner], p.ID, p.ExpirationDate, target)
		}
	}
}

// The real binary against a standalone sandbox: in the Clients view, s
// a x disables exactly the stale enabled clients (internal ones left out),
// then d deletes one, and the server shows both.
func TestEndToEndTmuxClientsDisableAndDelete(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	base, id, secret := startStandaloneSandbox(t, bin, "--clients", "24")
	cl, err := client.New(client.Config{BaseURL: base, ClientID: id, ClientSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	before, err := cl.ListOAuthClients(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var want []string
	for _, c := range before {
		if c.Enabled && !c.Internal && oauthclients.Judge(&c, now, stale.DefaultAfter).Stale() {
			want = append(want, c.ID)
		}
	}
	if len(want) < 5 {
		t.Fatalf("only %d stale enabled clients", len(want))
	}
	tm := newTmux(t)
	tm.run("new-session", "-d", "-x", "120", "-y", "40", "-s", "app",
		"-e", "SAIL_BASE_URL="+base, "-e", "SAIL_CLIENT_ID="+id, "-e", "SAIL_CLIENT_SECRET="+secret,
		"-e", "XDG_STATE_HOME="+filepath.Join(dir, "state"), "-e", "NO_COLOR=1",
		bin+"; echo sailtui-exited-$?; sleep 60")
	tm.waitScreen(regexp.MustCompile(`\d+ tokens · \d+ stale`), 15*time.Second)
	tm.literal(":clients")
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`API clients · 24 · stale after 90d`), 10*time.Second)
	tm.keys("s", "a", "x")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Disable %d API clients\?`, len(want))), 5*time.Second)
	tm.literal(strconv.Itoa(len(want)))
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Finished\. %d disabled, 0 failed`, len(want))), 15*time.Second)
	tm.keys("Enter")
	after, err := cl.ListOAuthClients(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var off []string
	victim := ""
	for _, c := range after {
		if !c.Enabled && slices.Contains(want, c.ID) {
			off = append(off, c.ID)
		}
	}
	for _, c := range after { // a plain, unique name: the filter's best match is it
		unique := !slices.ContainsFunc(after, func(o client.OAuthClient) bool { return o.ID != c.ID && strings.Contains(o.Name, c.Name) })
		if c.Enabled && !c.Internal && victim == "" && unique && regexp.MustCompile(`^[A-Za-z0-9 ]+$`).MatchString(c.Name) {
			victim = c.Name
		}
	}
	if len(off) != len(want) || victim == "" {
		t.Fatalf("%d of %d disabled; a client to delete: %q", len(off), len(want), victim)
	}
	// Delete one, found by name (the marks of the clients that were
	// disabled already go first).
	tm.keys("A", "s", "/")
	tm.literal(victim)
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`›\s+`+regexp.QuoteMeta(victim)+` `), 5*time.Second)
	tm.keys("d")
	tm.waitScreen(regexp.MustCompile(`(?s)Delete 1 API client\?.*• `+regexp.QuoteMeta(victim)+` —`), 5*time.Second)
	tm.keys("Right", "Enter")
	tm.waitScreen(regexp.MustCompile(`Finished\. 1 deleted`), 10*time.Second)
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`API clients · 23 · `), 5*time.Second)
	tm.keys("q")
	tm.waitScreen(regexp.MustCompile(`sailtui-exited-0`), 10*time.Second)
	final, err := cl.ListOAuthClients(ctx, "")
	if err != nil || len(final) != len(before)-1 || slices.ContainsFunc(final, func(c client.OAuthClient) bool { return c.Name == victim }) {
		t.Fatalf("after the delete: %d clients (before %d), %v", len(final), len(before), err)
	}
}
