package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"context"

	"github.com/sailtui/sailtui/patchdiff"
)

// MaxPATBulkUpdate is the most tokens one PAT bulk update takes.
const MaxPATBulkUpdate = 25

// PATBulkUpdate is BulkUpdatePersonalAccessTokensRequest: one JSON Patch
// of /expirationDate and /userAwareTokenNeverExpires for up to 25 tokens
// of any owner (isc-api.md §10).
type PATBulkUpdate struct {
	IDs   []string        `json:"ids"`
	Patch patchdiff.Patch `json:"patch"`
}

// patBulkPath is the bulk update's path: v1 only, there is no legacy
// family path.
const patBulkPath = "/personal-access-tokens/v1/bulk-update"

// BulkUpdatePATs is the admin path to change other owners' tokens' expiry:
// one patch applied to every token of req, all or none. It goes to v1
// whatever the client's family, on v1's budget, and is never retried after
// a 5xx or a dropped connection: the caller settles such an outcome by
// listing the tokens. The answer is the tokens as they now are, sorted by
// id (without userAwareTokenNeverExpires). A tenant without the endpoint
// answers 404 or 405 (IsUnsupported).
func (c *Client) BulkUpdatePATs(ctx context.Context, req PATBulkUpdate) ([]PersonalAccessToken, Outcome, error) {
	if err := checkPATBulk(req); err != nil {
		return nil, Outcome{}, fmt.Errorf("bulk-update tokens: %w", err)
	}
	if _, err := patchBody(req.Patch); err != nil {
		return nil, Outcome{}, fmt.Errorf("bulk-update tokens: %w", err)
	}
	body, err := req.Body()
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("bulk-update tokens: %w", err)
	}
	cl := &call{method: http.MethodPatch, path: patBulkPath, family: FamilyV1, body: body, contentType: acceptJSON, retry: retryNever}
	res, err := c.do(ctx, cl)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("bulk-update %d tokens: %w", len(req.IDs), err)
	}
	var out []PersonalAccessToken
	if err := json.Unmarshal(res.body, &out); err != nil {
		return nil, Outcome{}, fmt.Errorf("bulk-update %d tokens: decode response: %w", len(req.IDs), err)
	}
	return out, outcomeOf(res), nil
}

// Body is the request's body exactly as BulkUpdatePATs sends it (a
// confirm dialog shows these bytes).
func (r PATBulkUpdate) Body() ([]byte, error) { return encodeBody(r) }

// checkPATBulk refuses what the server would: no ids, more than 25, a
// blank or repeated one.
func checkPATBulk(req PATBulkUpdate) error {
	switch n := len(req.IDs); {
	case n == 0:
		return errors.New("no token ids")
	case n > MaxPATBulkUpdate:
		return fmt.Errorf("%d token ids, at most %d per call", n, MaxPATBulkUpdate)
	}
	for i, id := range req.IDs {
		if strings.TrimSpace(id) == "" {
			return errors.New("a token id is empty")
		}
		if slices.Contains(req.IDs[:i], id) {
			return fmt.Errorf("token id %s is given twice", id)
		}
	}
	return nil
}

// IsUnsupported reports an endpoint the tenant does not have (404 or 405
// on a path that has no resource id, such as the PAT bulk update).
func IsUnsupported(err error) bool {
	ae, ok := AsAPIError(err)
	return ok && (ae.Status == http.StatusNotFound || ae.Status == http.StatusMethodNotAllowed)
}
