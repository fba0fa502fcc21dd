package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/sweep"
)

// `sailtui report owner NAME` is the leaver sweep as a dry run: every
// token and app of one identity, with its state and risk, and what L
// then x, d or w would do to it. Nothing is changed.

// ownerTable resolves the owner and the new one (--to), reads what they
// own and who they are, and makes the sweep's table; the summary line
// goes to stderr.
func ownerTable(ctx context.Context, cl *client.Client, cfg config, rf reportFlags, stderr io.Writer) (report.Table, string, error) {
	now, at := time.Now(), rf.expireTime
	toks, err := cl.ListPATs(ctx, client.ListPATsOptions{})
	if err != nil {
		return report.Table{}, "list tokens", err
	}
	apps, err := cl.SourceApps(client.ListAppsOptions{List: client.AppsAll}).All(ctx)
	if err != nil {
		// The tokens are the sweep's first half: say what is missing and
		// go on, as the Apps view does without ORG_ADMIN.
		fmt.Fprintln(stderr, "sailtui report: apps not listed (their owners need ORG_ADMIN to read):", describe(err))
		apps = nil
	}
	known := map[string]string{}
	for _, t := range toks {
		known[t.Owner.ID] = t.Owner.Name
	}
	for _, a := range apps {
		if a.Owner != nil && a.Owner.ID != "" {
			known[a.Owner.ID] = a.Owner.Name
		}
	}
	id, name, err := resolveIdentity(ctx, cl, known, rf.owner)
	if err != nil {
		return report.Table{}, "owner", err
	}
	plan := sweep.Plan{Owner: sweep.Owner{ID: id, Name: name},
		Opts: sweep.Options{Now: now, StaleAfter: cfg.staleAfter, OwnerRule: !cfg.ownerRuleOff, ExpireAt: at}}
	if rf.to != "" {
		toID, toName, err := resolveIdentity(ctx, cl, known, rf.to)
		if err != nil {
			return report.Table{}, "--to", err
		}
		plan.Opts.NewOwner = &client.BaseReference{Type: "IDENTITY", ID: toID, Name: toName}
	}
	for _, t := range toks {
		if t.Owner.ID == id {
			plan.Tokens = append(plan.Tokens, t)
		}
	}
	for _, a := range apps {
		if a.Owner != nil && a.Owner.ID == id {
			plan.Apps = append(plan.Apps, a)
		}
	}
	if got, err := owners.Lookup(ctx, cl, []string{id}); err != nil {
		fmt.Fprintln(stderr, "sailtui report: the owner's state not read:", describe(err))
	} else {
		plan.Owner.Info, plan.Owner.Read = got[id], true
	}
	fmt.Fprintln(stderr, "sailtui report: "+plan.Summary())
	return plan.Table(), "", nil
}

// resolveIdentity is the one identity text names: an owner of a listed
// token or app (by id, name, or a unique start of a name), else one the
// public identities find by email, alias or first and last name.
func resolveIdentity(ctx context.Context, cl *client.Client, known map[string]string, text string) (id, name string, err error) {
	id, why := owners.Find(known, text, "owns a token or an app")
	if why == "" {
		return id, known[id], nil
	}
	if !strings.HasPrefix(why, "No identity") {
		return "", "", errors.New(why)
	}
	found, err := owners.Search(ctx, cl, text)
	if err != nil {
		return "", "", fmt.Errorf("%s; %w", why, err)
	}
	switch len(found) {
	case 0:
		return "", "", fmt.Errorf("no identity %q: no token or app owner is named so, and no identity has that email, alias or name", text)
	case 1:
		return found[0].ID, found[0].Name, nil
	}
	var names []string
	for i, p := range found {
		if i == 5 {
			names = append(names, fmt.Sprintf("and %d more", len(found)-5))
			break
		}
		names = append(names, fmt.Sprintf("%s (%s)", p.Name, p.ID))
	}
	return "", "", fmt.Errorf("%d identities match %q: %s; give the id", len(found), text, strings.Join(names, ", "))
}
