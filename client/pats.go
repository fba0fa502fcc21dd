package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/sailtui/sailtui/patchdiff"
)

// ListPATsOptions selects whose tokens to list.
type ListPATsOptions struct {
	// OwnerID is "" for every token in the tenant (needs the "all tokens"
	// right), "me" for the caller's own, or an identity id.
	OwnerID string
	// Filters is an ISC filter expression; the API supports only
	// lastUsed with le and isnull (build it with package client/filter).
	Filters string
}

// ListPATs lists personal access tokens. The API has no paging: it returns
// every matching token at once.
func (c *Client) ListPATs(ctx context.Context, opts ListPATsOptions) ([]PersonalAccessToken, error) {
	q := url.Values{}
	if owner := strings.TrimSpace(opts.OwnerID); owner != "" {
		q.Set("owner-id", owner) // kebab-case on the wire in every family
	}
	if f := strings.TrimSpace(opts.Filters); f != "" {
		q.Set("filters", f)
	}
	var out []PersonalAccessToken
	err := c.doJSON(ctx, &call{method: http.MethodGet, path: c.family.PATPath(), query: q, retry: retrySafe}, &out)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	if out == nil {
		out = []PersonalAccessToken{}
	}
	return out, nil
}

// CreatePAT creates a token. The secret is in the result and nowhere else,
// ever: the server will not show it again. Never retried (a POST).
func (c *Client) CreatePAT(ctx context.Context, req CreatePATRequest) (*CreatedPAT, error) {
	if strings.TrimSpace(req.Name) == "" {
		return nil, errors.New("create token: name is required")
	}
	if v := req.AccessTokenValiditySeconds; v != nil && (*v < 15 || *v > 43200) {
		return nil, fmt.Errorf("create token: access token validity %d s is outside 15..43200", *v)
	}
	if req.UserAwareTokenNeverExpires != nil && !c.family.SupportsNeverExpiring() {
		return nil, fmt.Errorf("create token: never-expiring tokens need API family v1, v2025 or v2026 (using %s)", c.family)
	}
	body, err := encodeBody(req)
	if err != nil {
		return nil, fmt.Errorf("create token: %w", err)
	}
	var out CreatedPAT
	err = c.doJSON(ctx, &call{method: http.MethodPost, path: c.family.PATPath(), body: body, contentType: acceptJSON, retry: retryNever}, &out)
	if err != nil {
		return nil, fmt.Errorf("create token %q: %w", req.Name, err)
	}
	return &out, nil
}

// PatchPAT applies JSON Patch ops and returns the token's new state.
// It is retried after a 5xx only when the ops contain a `test`, which makes
// a second application fail instead of applying twice.
func (c *Client) PatchPAT(ctx context.Context, id string, ops patchdiff.Patch) (*PersonalAccessToken, error) {
	tok, _, err := c.PatchPATOutcome(ctx, id, ops)
	return tok, err
}

// PatchPATOutcome is PatchPAT that also returns the answer's status and
// tracking id, for the audit log.
func (c *Client) PatchPATOutcome(ctx context.Context, id string, ops patchdiff.Patch) (*PersonalAccessToken, Outcome, error) {
	return c.patchPATIn(ctx, c.family, id, ops)
}

// patchPATIn is PatchPATOutcome through family f's endpoint.
func (c *Client) patchPATIn(ctx context.Context, f Family, id string, ops patchdiff.Patch) (*PersonalAccessToken, Outcome, error) {
	p, err := c.itemPath(f.PATPath(), id)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("patch token: %w", err)
	}
	body, err := patchBody(ops)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("patch token %s: %w", id, err)
	}
	cl := &call{method: http.MethodPatch, path: p, family: f, body: body, contentType: jsonPatchType, retry: patchRetry(ops)}
	res, err := c.do(ctx, cl)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("patch token %s: %w", id, err)
	}
	var out PersonalAccessToken
	if err := json.Unmarshal(res.body, &out); err != nil {
		return nil, Outcome{}, fmt.Errorf("patch token %s: decode response: %w", id, err)
	}
	return &out, outcomeOf(res), nil
}

// DeletePAT deletes a token. A 404 on the first attempt is returned
// (IsNotFound: it was already gone); a 404 after an attempt that may have
// deleted it is ErrGoneAfterRetry, and retries that ran out after such an
// attempt are ErrOutcomeUnknown (IsNotFound is true for the first two).
func (c *Client) DeletePAT(ctx context.Context, id string) error {
	_, err := c.DeletePATOutcome(ctx, id)
	return err
}

// DeletePATOutcome is DeletePAT that also returns the success's status
// and tracking id, for the audit log.
func (c *Client) DeletePATOutcome(ctx context.Context, id string) (Outcome, error) {
	return c.deletePATIn(ctx, c.family, id)
}

// itemPath joins a collection path and an escaped id. An empty id would
// address the collection itself, so it is refused before anything is sent.
func (c *Client) itemPath(collection, id string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return "", errors.New("id is empty")
	}
	return collection + "/" + url.PathEscape(id), nil
}

// patchBody validates a JSON Patch and encodes it as patchdiff does for
// the preview and the audit log: the bytes shown are the bytes sent.
func patchBody(ops patchdiff.Patch) ([]byte, error) {
	if len(ops) == 0 {
		return nil, errors.New("no patch operations")
	}
	for i, op := range ops {
		switch op.Op {
		case "add", "replace", "test":
			if op.Value == nil {
				return nil, fmt.Errorf("op %d (%s %s) has no value", i, op.Op, op.Path)
			}
		case "remove":
		case "move", "copy":
			return nil, fmt.Errorf("op %d: %q needs \"from\", which the ISC schema does not have", i, op.Op)
		default:
			return nil, fmt.Errorf("op %d: unknown operation %q", i, op.Op)
		}
		if !strings.HasPrefix(op.Path, "/") {
			return nil, fmt.Errorf("op %d: path %q must start with /", i, op.Path)
		}
		if op.Value != nil && !json.Valid(op.Value) {
			return nil, fmt.Errorf("op %d (%s %s): value is not valid JSON", i, op.Op, op.Path)
		}
	}
	return ops.MarshalJSON()
}

// patchRetry allows retrying a PATCH only when a test op guards it.
func patchRetry(ops patchdiff.Patch) retryMode {
	for _, op := range ops {
		if op.Op == "test" {
			return retrySafe
		}
	}
	return retryNever
}

// doJSON runs cl and decodes a 2xx body into out (when out is non-nil and
// there is a body).
func (c *Client) doJSON(ctx context.Context, cl *call, out any) error {
	_, err := c.doJSONOutcome(ctx, cl, out)
	return err
}

// doJSONOutcome is doJSON that also returns the answer's status and
// tracking id, for the audit log.
func (c *Client) doJSONOutcome(ctx context.Context, cl *call, out any) (Outcome, error) {
	res, err := c.do(ctx, cl)
	if err != nil {
		return Outcome{}, err
	}
	if out == nil || len(strings.TrimSpace(string(res.body))) == 0 {
		return outcomeOf(res), nil
	}
	if err := json.Unmarshal(res.body, out); err != nil {
		return Outcome{}, fmt.Errorf("%s %s: decode response: %w", cl.method, cl.path, err)
	}
	return outcomeOf(res), nil
}

// PresentPATs reports which of ids the server still lists for ownerID
// (as in ListPATsOptions). The PAT API has no GET by id, so this is one
// list call: it settles deletes whose outcome was unknown.
func (c *Client) PresentPATs(ctx context.Context, ownerID string, ids []string) (map[string]bool, error) {
	toks, err := c.ListPATs(ctx, ListPATsOptions{OwnerID: ownerID})
	if err != nil {
		return nil, fmt.Errorf("check tokens: %w", err)
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	present := make(map[string]bool, len(ids))
	for _, t := range toks {
		if want[t.ID] {
			present[t.ID] = true
		}
	}
	return present, nil
}
