package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
)

// The real binary at 100×30 against a standalone sandbox: the owners'
// glyphs come in, :owner NAME (completed with tab) sweeps a leaver, a x
// expires exactly their tokens, and in Apps w reassigns exactly their
// apps to the admin; the server shows both.
func TestEndToEndTmuxLeaverSweep(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	bin, base, id, secret, cl := binaryAndSandbox(t, dir)
	ctx := context.Background()
	sess, err := cl.Authenticate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	leaver, toks, apps := leaverWithApps(t, cl, regexp.MustCompile(`^[A-Za-z]+ [A-Za-z]+$`))
	target := time.Now().Add(14 * 24 * time.Hour)
	var expire, theirs []string
	for _, p := range toks {
		if p.Owner.ID == leaver.ID && !p.Managed && (p.ExpirationDate == nil || p.ExpirationDate.After(target.Add(time.Hour))) {
			expire = append(expire, p.ID)
		}
	}
	for _, a := range apps {
		if a.Owner != nil && a.Owner.ID == leaver.ID {
			theirs = append(theirs, a.ID)
		}
	}
	me := ""
	for _, p := range toks {
		if p.Owner.ID == sess.IdentityID {
			me = p.Owner.Name
		}
	}
	if len(expire) == 0 || me == "" {
		t.Fatalf("%s has no token to expire, or the admin (%q) none at all", leaver.Name, me)
	}

	tm := newTmux(t)
	tm.run("new-session", "-d", "-x", "100", "-y", "30", "-s", "app",
		"-e", "SAIL_BASE_URL="+base, "-e", "SAIL_CLIENT_ID="+id, "-e", "SAIL_CLIENT_SECRET="+secret,
		"-e", "XDG_STATE_HOME="+filepath.Join(dir, "state"), "-e", "NO_COLOR=1",
		bin+"; echo sailtui-exited-$?; sleep 60")
	tm.waitScreen(regexp.MustCompile(`⊘ `), 15*time.Second) // a leaver's glyph: the owners were read
	tm.keys(":")
	tm.literal("owner " + leaver.Name[:4])
	tm.keys("Tab", "Enter")
	tm.waitScreen(regexp.MustCompile(`Tokens · sweep: `+regexp.QuoteMeta(leaver.Name)+` · left`), 5*time.Second)
	tm.keys("a", "x")
	tm.waitScreen(regexp.MustCompile(`Expire:`), 5*time.Second)
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Expire %d tokens?\?`, len(expire))), 5*time.Second)
	confirmN(tm, len(expire))
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Finished\.[\s\S]*%d expiry set`, len(expire))), 30*time.Second)
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`Expiry set \d+`), 5*time.Second)

	tm.keys("Tab")
	tm.waitScreen(regexp.MustCompile(`Apps · sweep: `+regexp.QuoteMeta(leaver.Name)), 10*time.Second)
	tm.keys("w")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Reassign %d apps? to`, len(theirs))), 5*time.Second)
	tm.literal(me)
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Update %d apps?\?`, len(theirs))), 5*time.Second)
	confirmN(tm, len(theirs))
	tm.waitScreen(regexp.MustCompile(fmt.Sprintf(`Finished\. %d updated, 0 failed`, len(theirs))), 30*time.Second)
	tm.keys("Enter")
	tm.waitScreen(regexp.MustCompile(`owns no apps in this list`), 5*time.Second)
	tm.keys("q")
	tm.waitScreen(regexp.MustCompile(`sailtui-exited-0`), 10*time.Second)

	after, err := cl.ListPATs(ctx, client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range after {
		changed := p.ExpirationDate != nil && p.ExpirationDate.Sub(target).Abs() < time.Hour
		if changed != slices.Contains(expire, p.ID) {
			t.Errorf("%s (%s): expires %v", p.Name, p.Owner.Name, p.ExpirationDate)
		}
	}
	now, err := cl.SourceApps(client.ListAppsOptions{List: client.AppsAll}).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range now {
		if slices.Contains(theirs, a.ID) != (a.Owner != nil && a.Owner.ID == sess.IdentityID && !ownedByAtStart(apps, a.ID, sess.IdentityID)) {
			t.Errorf("%s: owner %+v", a.Name, a.Owner)
		}
	}
}

// confirmN confirms a dialog over n items: the count typed from 5, else
// the button right of Cancel.
func confirmN(tm *tmuxSession, n int) {
	if n >= 5 {
		tm.literal(strconv.Itoa(n))
	} else {
		tm.keys("Right")
	}
	tm.keys("Enter")
}

func ownedByAtStart(apps []client.SourceApp, id, owner string) bool {
	i := slices.IndexFunc(apps, func(a client.SourceApp) bool { return a.ID == id })
	return i >= 0 && apps[i].Owner != nil && apps[i].Owner.ID == owner
}
