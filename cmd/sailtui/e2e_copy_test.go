package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
)

// y copies the selected token's id through OSC52: with tmux's
// set-clipboard on, it lands in tmux's paste buffer; Y copies the name.
func TestEndToEndTmuxCopyIDAndName(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	bin, base, id, secret, cl := binaryAndSandbox(t, dir)
	toks, err := cl.ListPATs(context.Background(), client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var pick client.PersonalAccessToken
	for _, p := range toks { // a plain name no other token's name contains
		unique := true
		for _, o := range toks {
			if o.ID != p.ID && strings.Contains(strings.ToLower(o.Name), strings.ToLower(p.Name)) {
				unique = false
			}
		}
		if unique && regexp.MustCompile(`^[A-Za-z][A-Za-z ]{5,}$`).MatchString(p.Name) {
			pick = p
			break
		}
	}
	if pick.ID == "" {
		t.Fatal("no token with a plain unique name")
	}
	tm := newTmux(t)
	tm.run("new-session", "-d", "-x", "120", "-y", "40", "-s", "app",
		"-e", "SAIL_BASE_URL="+base, "-e", "SAIL_CLIENT_ID="+id, "-e", "SAIL_CLIENT_SECRET="+secret,
		"-e", "XDG_STATE_HOME="+filepath.Join(dir, "state"), "-e", "NO_COLOR=1",
		bin+"; echo sailtui-exited-$?; sleep 60")
	tm.run("set", "-g", "set-clipboard", "on")
	tm.waitScreen(regexp.MustCompile(`\d+ tokens · \d+ stale`), 15*time.Second)
	tm.keys("/")
	tm.literal(pick.Name)
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`›\s+`+regexp.QuoteMeta(pick.Name)), 5*time.Second)
	tm.keys("y")
	tm.waitScreen(regexp.MustCompile(`Sent the id of "`+regexp.QuoteMeta(pick.Name)+`" to the clipboard`), 5*time.Second)
	if got := tm.run("show-buffer"); got != pick.ID {
		t.Fatalf("tmux buffer %q, want the id %q", got, pick.ID)
	}
	tm.keys("Enter") // details: Y copies the name from there
	tm.waitScreen(regexp.MustCompile(`y copy id · Y name`), 5*time.Second)
	tm.keys("Y")
	tm.waitScreen(regexp.MustCompile(`Sent the name "`+regexp.QuoteMeta(pick.Name)+`"`), 5*time.Second)
	if got := tm.run("show-buffer"); got != pick.Name {
		t.Fatalf("tmux buffer %q, want the name %q", got, pick.Name)
	}
	tm.keys("Escape")
	tm.keys("q")
	tm.waitScreen(regexp.MustCompile(`sailtui-exited-0`), 10*time.Second)
}
