package main

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/owners"
)

// report owner NAME lists exactly the leaver's tokens and apps with what
// a sweep would do, changes nothing, and says who they are on stderr.
func TestReportOwnerIsTheSweepAsADryRun(t *testing.T) {
	env, admin := reportTenant(t, false)
	leaver, toks, apps := leaverWithApps(t, admin, nil)
	ctx := context.Background()
	code, out, errs := runT(t, []string{"report", "owner", leaver.Name, "--to", "Sandbox Admin", "--format", "json", "--expire-at", "in 30d"}, env)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	at := time.Now().Add(30 * 24 * time.Hour)
	want := map[string]string{}
	for _, p := range toks {
		if p.Owner.ID != leaver.ID {
			continue
		}
		switch {
		case p.Managed || (p.ExpirationDate != nil && p.ExpirationDate.After(time.Now()) && p.ExpirationDate.Before(at.Add(-time.Hour))):
			want[p.ID] = "keep"
		case p.ExpirationDate != nil && p.ExpirationDate.Before(time.Now()):
			want[p.ID] = "delete"
		default:
			want[p.ID] = "expire"
		}
	}
	for _, a := range apps {
		if a.Owner != nil && a.Owner.ID == leaver.ID {
			want[a.ID] = "reassign"
		}
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d (%v)", len(rows), len(want), want)
	}
	for _, r := range rows {
		id, _ := r["id"].(string)
		if r["action"] != want[id] || r["owner_state"] != "inactive-long-term" || r["owner_id"] != leaver.ID {
			t.Errorf("%v: action %v, want %q", r["name"], r["action"], want[id])
		}
		if r["kind"] == "app" && !strings.Contains(r["action_detail"].(string), "to Sandbox Admin") {
			t.Errorf("%v: %v", r["name"], r["action_detail"])
		}
	}
	if !strings.Contains(errs, leaver.Name+" (left") || !strings.Contains(errs, "to reassign") {
		t.Errorf("stderr %q", errs)
	}
	after, _ := admin.ListPATs(ctx, client.ListPATsOptions{})
	if !slices.EqualFunc(toks, after, func(a, b client.PersonalAccessToken) bool {
		return a.ID == b.ID && (a.ExpirationDate == nil) == (b.ExpirationDate == nil)
	}) {
		t.Error("a dry run changed the tokens")
	}
}

func TestReportOwnerMistakes(t *testing.T) {
	env, _ := reportTenant(t, false)
	for _, tc := range []struct {
		args []string
		code int
		errs string
	}{
		{[]string{"report", "owner"}, exitUsage, "say whose: sailtui report owner NAME"},
		{[]string{"report", "owner", "--to", "x"}, exitUsage, "say whose"},
		{[]string{"report", "owner", "Ada", "--expire-at", "yesterday"}, exitUsage, "--expire-at"},
		{[]string{"report", "owner", "Nobody Atall"}, exitFailure, `no identity "Nobody Atall"`},
		{[]string{"report", "owner", "Ada Lovelace", "--to", "Nobody"}, exitFailure, "--to"},
	} {
		code, _, errs := runT(t, tc.args, env)
		if code != tc.code || !strings.Contains(errs, tc.errs) {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tc.args, code, errs, tc.code, tc.errs)
		}
	}
}

// leaverWithApps is an owner who left (by the public identities) and owns
// tokens and apps, whose name matches name when given, with the tenant's
// tokens and apps as they were.
func leaverWithApps(t *testing.T, cl *client.Client, name *regexp.Regexp) (client.PatOwner, []client.PersonalAccessToken, []client.SourceApp) {
	t.Helper()
	ctx := context.Background()
	toks, err := cl.ListPATs(ctx, client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	apps, err := cl.SourceApps(client.ListAppsOptions{List: client.AppsAll}).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range toks {
		ids = append(ids, p.Owner.ID)
	}
	slices.Sort(ids)
	states, err := owners.Lookup(ctx, cl, slices.Compact(ids))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range toks {
		owns := slices.ContainsFunc(apps, func(a client.SourceApp) bool { return a.Owner != nil && a.Owner.ID == p.Owner.ID })
		if states[p.Owner.ID].State == owners.Left && owns && (name == nil || name.MatchString(p.Owner.Name)) {
			return p.Owner, toks, apps
		}
	}
	t.Fatal("no leaver owning tokens and apps in the seed")
	return client.PatOwner{}, nil, nil
}
