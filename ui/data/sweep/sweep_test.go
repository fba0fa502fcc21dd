package sweep_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/sweep"
)

func TestActionsFollowTheViewsRules(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	at := now.Add(14 * 24 * time.Hour)
	day := func(d int) *time.Time { v := now.Add(time.Duration(d) * 24 * time.Hour); return &v }
	owner := client.PatOwner{ID: "ada", Name: "Ada Lovelace"}
	toks := []client.PersonalAccessToken{
		{ID: "never", Owner: owner},
		{ID: "later", Owner: owner, ExpirationDate: day(60)},
		{ID: "sooner", Owner: owner, ExpirationDate: day(3)},
		{ID: "at", Owner: owner, ExpirationDate: &at},
		{ID: "expired", Owner: owner, ExpirationDate: day(-2)},
		{ID: "managed", Owner: owner, Managed: true},
	}
	apps := []client.SourceApp{
		{ID: "theirs", Owner: &client.BaseReference{ID: "ada"}},
		{ID: "hers", Owner: &client.BaseReference{ID: "bob"}},
	}
	p := sweep.Plan{Owner: sweep.Owner{ID: "ada", Name: "Ada Lovelace", Read: true,
		Info: owners.Info{State: owners.Left, Status: "Terminated", Manager: "Grace Hopper"}},
		Tokens: toks, Apps: apps, Opts: sweep.Options{Now: now, ExpireAt: at}}
	want := []sweep.Action{sweep.Expire, sweep.Expire, sweep.Keep, sweep.Keep, sweep.Delete, sweep.Keep}
	for i := range toks {
		if got, why := p.TokenAction(&toks[i]); got != want[i] || why == "" {
			t.Errorf("%s: %s (%s), want %s", toks[i].ID, got, why, want[i])
		}
	}
	if got := p.Summary(); got != "Ada Lovelace (left (Terminated) · manager Grace Hopper): 6 tokens (2 to expire, 1 to delete, 3 kept), 2 apps (2 to reassign)" {
		t.Errorf("summary %q", got)
	}
	p.Opts.NewOwner = &client.BaseReference{ID: "bob", Name: "Bob"}
	if a, _ := p.AppAction(&apps[1]); a != sweep.Keep {
		t.Errorf("an app already the new owner's: %s", a)
	}
	if a, why := p.AppAction(&apps[0]); a != sweep.Reassign || why != "to Bob (bob)" {
		t.Errorf("reassign: %s %q", a, why)
	}
	tbl := p.Table()
	if len(tbl.Rows) != 8 || len(tbl.Rows[0]) != len(sweep.Columns()) || tbl.Rows[6][0] != "app" {
		t.Fatalf("table: %d rows, %v", len(tbl.Rows), tbl.Rows[0])
	}
	p.Opts.OwnerRule = true
	if r := p.Table().Rows[1]; r[8] != true || !strings.Contains(r[9].(string), "owner left") {
		t.Errorf("owner rule on: stale %v, %v", r[8], r[9])
	}
}
