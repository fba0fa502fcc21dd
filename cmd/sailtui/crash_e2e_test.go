//go:build !windows

package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/audit"
)

// slowAnswers is a loopback proxy in front of the sandbox that holds each
// DELETE's answer for delay after the server has acted, so a process that
// dies mid-run has deleted tokens it never heard about.
type slowAnswers struct {
	delay   time.Duration
	mu      sync.Mutex
	deleted map[string]bool // ids the server answered 204 for
}

func (p *slowAnswers) start(t *testing.T, upstream string) string {
	u, err := url.Parse(upstream)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ModifyResponse = func(resp *http.Response) error {
		if resp.Request.Method == http.MethodDelete {
			// A token's delete answers 204, an app's 200 with the app.
			if resp.StatusCode == http.StatusNoContent || resp.StatusCode == http.StatusOK {
				p.mu.Lock()
				p.deleted[path.Base(resp.Request.URL.Path)] = true
				p.mu.Unlock()
			}
			time.Sleep(p.delay)
		}
		return nil
	}
	srv := httptest.NewServer(rp)
	t.Cleanup(srv.Close)
	return srv.URL
}

func (p *slowAnswers) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.deleted)
}

// A run that dies mid-delete — kill -9, or its terminal closing (SIGHUP) —
// loses no record of a delete that happened: each intent is on disk before
// its request, a hang-up takes the graceful path, and the next start checks
// the open intents against the server and records them. Afterwards every
// token the server deleted has a "deleted" outcome in the audit log.
func TestEndToEndDeathMidDeleteLosesNoAuditRecord(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t, t.TempDir())
	for _, tc := range []struct {
		name string
		die  func(tm *tmuxSession)
	}{
		{"kill -9", killApp},
		{"terminal closed (SIGHUP)", func(tm *tmuxSession) { tm.run("kill-session", "-t", "app") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base, id, secret := startStandaloneSandbox(t, bin, "--tokens", "150")
			proxy := &slowAnswers{delay: 150 * time.Millisecond, deleted: map[string]bool{}}
			front := proxy.start(t, base)
			state := filepath.Join(t.TempDir(), "state")
			logPath := filepath.Join(state, "sailtui", audit.FileName)
			env := []string{"-e", "SAIL_BASE_URL=" + front, "-e", "SAIL_CLIENT_ID=" + id, "-e", "SAIL_CLIENT_SECRET=" + secret,
				"-e", "XDG_STATE_HOME=" + state, "-e", "NO_COLOR=1"}

			tm := newTmux(t)
			args := append(append([]string{"new-session", "-d", "-x", "120", "-y", "40", "-s", "app"}, env...),
				bin+" --rate-limit 15/1s; sleep 60")
			tm.run(args...)
			tm.waitScreen(regexp.MustCompile(`\d+ tokens · \d+ stale`), 15*time.Second)
			tm.keys("s")
			tm.waitScreen(regexp.MustCompile(`stale only`), 5*time.Second)
			tm.keys("a")
			tm.waitScreen(regexp.MustCompile(`\d+ marked`), 5*time.Second)
			tm.keys("d")
			tm.waitScreen(regexp.MustCompile(`Delete \d+ tokens\?`), 5*time.Second)
			n := regexp.MustCompile(`Delete (\d+) tokens\?`).FindStringSubmatch(tm.screen())[1]
			tm.literal(n)
			tm.keys("Enter")
			deadline := time.Now().Add(20 * time.Second)
			for proxy.count() < 6 && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			if proxy.count() < 6 {
				t.Fatalf("only %d deletes reached the server", proxy.count())
			}
			tc.die(tm)
			time.Sleep(500 * time.Millisecond) // answers in flight land at the proxy
			_ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run()
			if sent, _ := strconv.Atoi(n); proxy.count() >= sent {
				t.Fatalf("the run finished (%d of %d deleted) before it was stopped; the test proves nothing", proxy.count(), sent)
			}

			// The next start settles what the dead run left open.
			tm2 := newTmux(t)
			args = append(append([]string{"new-session", "-d", "-x", "120", "-y", "40", "-s", "app"}, env...), bin+"; sleep 60")
			tm2.run(args...)
			tm2.waitScreen(regexp.MustCompile(`\d+ tokens · \d+ stale`), 15*time.Second)
			entries := settledLog(t, logPath, front, tm2)
			// It offers to mark again exactly what the run left to do:
			// its tokens the server did not delete.
			sent, _ := strconv.Atoi(n)
			left := sent - proxy.count()
			tm2.waitScreen(regexp.MustCompile(fmt.Sprintf(`Mark %d tokens\?`, left)), 10*time.Second)
			tm2.keys("Right", "Enter")
			tm2.waitScreen(regexp.MustCompile(fmt.Sprintf(`%d marked`, left)), 5*time.Second)
			tm2.keys("q")

			checkDeletesRecorded(t, entries, audit.ActionDeletePAT, proxy)
			checkServerAgrees(t, base, id, secret, proxy.deleted)
		})
	}
}

// checkServerAgrees lists the tenant directly: the proxy's count of
// deletes is what the server really did.
func checkServerAgrees(t *testing.T, base, id, secret string, deleted map[string]bool) {
	t.Helper()
	cl, err := client.New(client.Config{BaseURL: base, ClientID: id, ClientSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	toks, err := cl.ListPATs(context.Background(), client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range toks {
		if deleted[p.ID] {
			t.Errorf("%s: the proxy saw a 204 but the token exists", p.ID)
		}
	}
}

// The same for source apps: a kill -9 in the middle of deleting marked
// apps loses no record. The next start settles the open intents at once,
// before the Apps view is even opened, by reading each app (404: deleted).
func TestEndToEndDeathMidAppDeleteLosesNoAuditRecord(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t, t.TempDir())
	base, id, secret := startStandaloneSandbox(t, bin, "--tokens", "5", "--apps", "60")
	proxy := &slowAnswers{delay: 150 * time.Millisecond, deleted: map[string]bool{}}
	front := proxy.start(t, base)
	state := filepath.Join(t.TempDir(), "state")
	logPath := filepath.Join(state, "sailtui", audit.FileName)
	env := []string{"-e", "SAIL_BASE_URL=" + front, "-e", "SAIL_CLIENT_ID=" + id, "-e", "SAIL_CLIENT_SECRET=" + secret,
		"-e", "XDG_STATE_HOME=" + state, "-e", "NO_COLOR=1"}
	tm := newTmux(t)
	tm.run(append(append([]string{"new-session", "-d", "-x", "120", "-y", "40", "-s", "app"}, env...),
		bin+" --rate-limit 15/1s; sleep 60")...)
	tm.waitScreen(regexp.MustCompile(`\d+ tokens`), 15*time.Second)
	tm.literal(":apps")
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`Apps · all apps · 60 `), 10*time.Second)
	tm.keys("a")
	tm.waitScreen(regexp.MustCompile(`60 marked`), 5*time.Second)
	tm.keys("d")
	tm.waitScreen(regexp.MustCompile(`Delete 60 apps\?`), 5*time.Second)
	tm.literal("60")
	tm.keys("Enter")
	deadline := time.Now().Add(20 * time.Second)
	for proxy.count() < 6 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if proxy.count() < 6 {
		t.Fatalf("only %d deletes reached the server", proxy.count())
	}
	killApp(tm)
	time.Sleep(500 * time.Millisecond) // answers in flight land at the proxy
	_ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run()
	if proxy.count() >= 60 {
		t.Fatal("the run finished before it was stopped; the test proves nothing")
	}

	tm2 := newTmux(t)
	tm2.run(append(append([]string{"new-session", "-d", "-x", "120", "-y", "40", "-s", "app"}, env...), bin+"; sleep 60")...)
	tm2.waitScreen(regexp.MustCompile(`\d+ tokens`), 15*time.Second) // the Tokens view: Apps is never opened
	entries := settledLog(t, logPath, front, tm2)
	tm2.keys("q")
	checkDeletesRecorded(t, entries, audit.ActionDeleteApp, proxy)
	cl, err := client.New(client.Config{BaseURL: base, ClientID: id, ClientSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	for appID := range proxy.deleted { // the proxy's count is what the server really did
		if _, err := cl.GetSourceApp(context.Background(), appID); !client.IsNotFound(err) {
			t.Errorf("%s: the proxy saw it deleted but GET answers %v", appID, err)
		}
	}
}

// killApp sends SIGKILL to the program running in the session's pane.
func killApp(tm *tmuxSession) {
	shell := strings.TrimSpace(tm.run("display-message", "-p", "-t", "app", "#{pane_pid}"))
	out, err := exec.Command("pgrep", "-P", shell).Output()
	if err != nil {
		tm.t.Fatalf("pgrep -P %s: %v", shell, err)
	}
	pid, err := strconv.Atoi(strings.Fields(string(out))[0])
	if err != nil {
		tm.t.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		tm.t.Fatal(err)
	}
}

// settledLog waits until the restarted program has settled every open
// intent for base and returns the log.
func settledLog(t *testing.T, logPath, base string, tm *tmuxSession) []audit.Entry {
	t.Helper()
	var entries []audit.Entry
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var err error
		if entries, err = audit.Read(logPath); err != nil {
			t.Fatal(err)
		}
		if len(audit.OpenIntents(entries, base)) == 0 {
			return entries
		}
	}
	t.Fatalf("%d intents still open after the restart:\n%s", len(audit.OpenIntents(entries, base)), tm.screen())
	return nil
}

// checkDeletesRecorded: every item the server deleted (as the proxy saw)
// has a "deleted" outcome of action in the log, and nothing else is
// recorded deleted.
func checkDeletesRecorded(t *testing.T, entries []audit.Entry, action string, proxy *slowAnswers) {
	t.Helper()
	recorded := map[string]audit.Entry{}
	for _, e := range entries {
		if e.Result != audit.ResultIntent && e.Action == action {
			recorded[e.ResourceID] = e
		}
	}
	proxy.mu.Lock()
	defer proxy.mu.Unlock()
	reconciled := 0
	for id := range proxy.deleted {
		e, ok := recorded[id]
		switch {
		case !ok:
			t.Errorf("%s was deleted on the server with no audit outcome", id)
		case e.Result != audit.ResultDeleted:
			t.Errorf("%s was deleted on the server but recorded %q (%s)", id, e.Result, e.Note)
		case strings.Contains(e.Note, "after restart"):
			reconciled++
		}
	}
	for id, e := range recorded {
		if e.Result == audit.ResultDeleted && !proxy.deleted[id] {
			t.Errorf("%s recorded deleted but the server never deleted it", id)
		}
	}
	t.Logf("%d deleted on the server, all recorded; %d of them settled after the restart", len(proxy.deleted), reconciled)
}
