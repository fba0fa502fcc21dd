package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/sailtui/sailtui/patchdiff"
)

// AppList picks which source-app list to read.
type AppList int

const (
	AppsAvailable AppList = iota // GET P: apps available for access requests
	AppsAll                      // GET P/all: every app in the org (ORG_ADMIN only)
	AppsAssigned                 // GET P/assigned: apps assigned to the caller
)

func (l AppList) String() string {
	switch l {
	case AppsAll:
		return "all"
	case AppsAssigned:
		return "assigned"
	}
	return "available"
}

func (l AppList) suffix() (string, error) {
	switch l {
	case AppsAvailable:
		return "", nil
	case AppsAll:
		return "/all", nil
	case AppsAssigned:
		return "/assigned", nil
	}
	return "", fmt.Errorf("unknown app list %d", int(l))
}

// ListAppsOptions are the collection parameters of the source-app lists.
type ListAppsOptions struct {
	List          AppList
	Limit, Offset int    // Limit 0 → the server default (250); at most 250
	Count         bool   // ask for X-Total-Count
	Sorters       string // e.g. "name,-modified"
	Filters       string // build with package client/filter
}

// ListAccessProfilesOptions are the parameters of an app's access-profile list.
type ListAccessProfilesOptions struct {
	Limit, Offset int
	Filters       string
}

// sourceApps returns the collection path, or an error for v3 (which has no
// source apps) so nothing is sent to a path that does not exist.
func (c *Client) sourceApps() (string, error) {
	if !c.family.HasSourceApps() {
		return "", fmt.Errorf("API family %s has no source-app endpoints (use v1, v2026, v2025, v2024 or beta)", c.family)
	}
	return c.family.SourceAppsPath(), nil
}

func (c *Client) appCall(method, path string) *call {
	cl := &call{method: method, path: path, experimental: c.family.SourceAppsExperimental(), retry: retryNever}
	if method == http.MethodGet || method == http.MethodDelete {
		cl.retry = retrySafe
	}
	cl.deleteCall = method == http.MethodDelete
	return cl
}

// ListSourceApps reads one page of a source-app list.
func (c *Client) ListSourceApps(ctx context.Context, opts ListAppsOptions) (Page[SourceApp], error) {
	page, err := c.listSourceApps(ctx, opts)
	if err != nil {
		return Page[SourceApp]{}, fmt.Errorf("list %s source apps: %w", opts.List, err)
	}
	return page, nil
}

func (c *Client) listSourceApps(ctx context.Context, opts ListAppsOptions) (Page[SourceApp], error) {
	base, err := c.sourceApps()
	if err != nil {
		return Page[SourceApp]{}, err
	}
	suffix, err := opts.List.suffix()
	if err != nil {
		return Page[SourceApp]{}, err
	}
	q, err := pageQuery(opts.Limit, opts.Offset, opts.Count, opts.Sorters, opts.Filters)
	if err != nil {
		return Page[SourceApp]{}, err
	}
	cl := c.appCall(http.MethodGet, base+suffix)
	cl.query = q
	res, err := c.do(ctx, cl)
	if err != nil {
		return Page[SourceApp]{}, err
	}
	var items []SourceApp
	if err := json.Unmarshal(res.body, &items); err != nil {
		return Page[SourceApp]{}, fmt.Errorf("decode response: %w", err)
	}
	total := -1
	if opts.Count {
		total = totalCount(res.header.Get("X-Total-Count"))
	}
	return Page[SourceApp]{Items: items, Offset: opts.Offset, Total: total}, nil
}

// SourceApps returns a pager over a source-app list, starting at
// opts.Offset, opts.Limit items a page (0 → 250).
func (c *Client) SourceApps(opts ListAppsOptions) *Pager[SourceApp] {
	return newPager(opts.Limit, opts.Offset, opts.Count, func(ctx context.Context, offset int, count bool) (Page[SourceApp], error) {
		o := opts
		o.Offset, o.Count = offset, count
		if o.Limit <= 0 || o.Limit > maxPageSize {
			o.Limit = maxPageSize
		}
		return c.ListSourceApps(ctx, o)
	})
}

// GetSourceApp reads one app. The answer has no accessProfiles; use
// ListAccessProfiles for those.
func (c *Client) GetSourceApp(ctx context.Context, id string) (*SourceApp, error) {
	var out SourceApp
	if _, err := c.appItem(ctx, http.MethodGet, id, nil, &out); err != nil {
		return nil, fmt.Errorf("get source app %s: %w", id, err)
	}
	return &out, nil
}

// CreateSourceApp creates an app. Never retried (a POST).
func (c *Client) CreateSourceApp(ctx context.Context, req SourceAppCreate) (*SourceApp, error) {
	app, _, err := c.CreateSourceAppOutcome(ctx, req)
	return app, err
}

// CreateSourceAppOutcome is CreateSourceApp with the answer's status and
// tracking id, for the audit log.
func (c *Client) CreateSourceAppOutcome(ctx context.Context, req SourceAppCreate) (*SourceApp, Outcome, error) {
	switch {
	case strings.TrimSpace(req.Name) == "":
		return nil, Outcome{}, errors.New("create source app: name is required")
	case strings.TrimSpace(req.Description) == "":
		return nil, Outcome{}, errors.New("create source app: description is required")
	case strings.TrimSpace(req.AccountSource.ID) == "":
		return nil, Outcome{}, errors.New("create source app: account source id is required")
	}
	base, err := c.sourceApps()
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("create source app: %w", err)
	}
	body, err := encodeBody(req)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("create source app: %w", err)
	}
	cl := c.appCall(http.MethodPost, base)
	cl.body, cl.contentType = body, acceptJSON
	var out SourceApp
	oc, err := c.doJSONOutcome(ctx, cl, &out)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("create source app %q: %w", req.Name, err)
	}
	return &out, oc, nil
}

// PatchSourceApp applies JSON Patch ops; the answer includes accessProfiles.
// Retried after a 5xx only when a `test` op guards it.
func (c *Client) PatchSourceApp(ctx context.Context, id string, ops patchdiff.Patch) (*SourceApp, error) {
	app, _, err := c.PatchSourceAppOutcome(ctx, id, ops)
	return app, err
}

// PatchSourceAppOutcome is PatchSourceApp with the answer's status and
// tracking id, for the audit log.
func (c *Client) PatchSourceAppOutcome(ctx context.Context, id string, ops patchdiff.Patch) (*SourceApp, Outcome, error) {
	body, err := patchBody(ops)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("patch source app %s: %w", id, err)
	}
	var out SourceApp
	oc, err := c.appItem(ctx, http.MethodPatch, id, body, &out, patchRetry(ops))
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("patch source app %s: %w", id, err)
	}
	return &out, oc, nil
}

// DeleteSourceApp deletes an app and returns it as the server last saw it.
// A 404 after a retried attempt counts as done and returns (nil, nil).
func (c *Client) DeleteSourceApp(ctx context.Context, id string) (*SourceApp, error) {
	app, _, err := c.DeleteSourceAppOutcome(ctx, id)
	return app, err
}

// DeleteSourceAppOutcome is DeleteSourceApp with the answer's status and
// tracking id, for the audit log.
func (c *Client) DeleteSourceAppOutcome(ctx context.Context, id string) (*SourceApp, Outcome, error) {
	var out *SourceApp
	oc, err := c.appItem(ctx, http.MethodDelete, id, nil, &out)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("delete source app %s: %w", id, err)
	}
	return out, oc, nil
}

// appItem runs a call on P/{id}.
func (c *Client) appItem(ctx context.Context, method, id string, body []byte, out any, retry ...retryMode) (Outcome, error) {
	base, err := c.sourceApps()
	if err != nil {
		return Outcome{}, err
	}
	p, err := c.itemPath(base, id)
	if err != nil {
		return Outcome{}, err
	}
	cl := c.appCall(method, p)
	if body != nil {
		cl.body, cl.contentType = body, jsonPatchType
	}
	if len(retry) > 0 {
		cl.retry = retry[0]
	}
	return c.doJSONOutcome(ctx, cl, out)
}

// maxBulkUpdate is the schema's maxItems for appIds.
const maxBulkUpdate = 50

// BulkUpdateSourceApps applies one JSON Patch to up to 50 apps. More than 50
// ids is refused before sending; callers split larger sets. Never retried.
func (c *Client) BulkUpdateSourceApps(ctx context.Context, req BulkUpdateRequest) error {
	_, err := c.BulkUpdateSourceAppsOutcome(ctx, req)
	return err
}

// BulkUpdateSourceAppsOutcome is BulkUpdateSourceApps with the answer's
// status and tracking id, for the audit log.
func (c *Client) BulkUpdateSourceAppsOutcome(ctx context.Context, req BulkUpdateRequest) (Outcome, error) {
	switch n := len(req.AppIDs); {
	case n == 0:
		return Outcome{}, errors.New("bulk-update source apps: no app ids")
	case n > maxBulkUpdate:
		return Outcome{}, fmt.Errorf("bulk-update source apps: %d app ids, at most %d per call", n, maxBulkUpdate)
	}
	for _, id := range req.AppIDs {
		if strings.TrimSpace(id) == "" {
			return Outcome{}, errors.New("bulk-update source apps: an app id is empty")
		}
	}
	if _, err := patchBody(req.JSONPatch); err != nil {
		return Outcome{}, fmt.Errorf("bulk-update source apps: %w", err)
	}
	base, err := c.sourceApps()
	if err != nil {
		return Outcome{}, fmt.Errorf("bulk-update source apps: %w", err)
	}
	body, err := encodeBody(req)
	if err != nil {
		return Outcome{}, fmt.Errorf("bulk-update source apps: %w", err)
	}
	cl := c.appCall(http.MethodPost, base+"/bulk-update")
	// One value set on many apps: resending it changes nothing more, so
	// a 5xx or a dropped connection is retried like a GET.
	cl.body, cl.contentType, cl.retry = body, acceptJSON, retrySafe
	oc, err := c.doJSONOutcome(ctx, cl, nil)
	if err != nil {
		return Outcome{}, fmt.Errorf("bulk-update %d source apps: %w", len(req.AppIDs), err)
	}
	return oc, nil
}

// MaxBulkUpdate is how many apps one bulk-update may name.
const MaxBulkUpdate = maxBulkUpdate

// ListAccessProfiles lists the access profiles of an app (needs the
// app-roles manage right).
func (c *Client) ListAccessProfiles(ctx context.Context, appID string, opts ListAccessProfilesOptions) ([]AccessProfileDetails, error) {
	base, err := c.sourceApps()
	if err != nil {
		return nil, fmt.Errorf("list access profiles: %w", err)
	}
	p, err := c.itemPath(base, appID)
	if err != nil {
		return nil, fmt.Errorf("list access profiles: %w", err)
	}
	q, err := pageQuery(opts.Limit, opts.Offset, false, "", opts.Filters)
	if err != nil {
		return nil, fmt.Errorf("list access profiles of %s: %w", appID, err)
	}
	cl := c.appCall(http.MethodGet, p+"/access-profiles")
	cl.query = q
	out := []AccessProfileDetails{}
	if err := c.doJSON(ctx, cl, &out); err != nil {
		return nil, fmt.Errorf("list access profiles of %s: %w", appID, err)
	}
	return out, nil
}

// RemoveAccessProfiles detaches access profiles from an app and returns the
// profiles left. Never retried (a POST).
func (c *Client) RemoveAccessProfiles(ctx context.Context, appID string, ids []string) ([]AccessProfileDetails, error) {
	left, _, err := c.RemoveAccessProfilesOutcome(ctx, appID, ids)
	return left, err
}

// RemoveAccessProfilesOutcome is RemoveAccessProfiles with the answer's
// status and tracking id, for the audit log.
func (c *Client) RemoveAccessProfilesOutcome(ctx context.Context, appID string, ids []string) ([]AccessProfileDetails, Outcome, error) {
	if len(ids) == 0 {
		return nil, Outcome{}, errors.New("remove access profiles: no access profile ids")
	}
	base, err := c.sourceApps()
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("remove access profiles: %w", err)
	}
	p, err := c.itemPath(base, appID)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("remove access profiles: %w", err)
	}
	body, err := encodeBody(ids)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("remove access profiles: %w", err)
	}
	cl := c.appCall(http.MethodPost, p+"/access-profiles/bulk-remove")
	cl.body, cl.contentType = body, acceptJSON
	out := []AccessProfileDetails{}
	oc, err := c.doJSONOutcome(ctx, cl, &out)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("remove %s from source app %s: %w", plural(len(ids), "access profile"), appID, err)
	}
	return out, oc, nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
