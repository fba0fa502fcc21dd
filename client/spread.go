package client

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"

	"github.com/sailtui/sailtui/patchdiff"
)

// Spreading a bulk run over API versions. ISC's gateway budget (100
// requests per 10 s by default) is counted per client id and per API
// version (isc-api.md, rate limits), so a bulk run may use each version
// whose endpoint does exactly the same thing, each under its own budget:
//
//   - DELETE a PAT: the same operation in every version (204, 404 when
//     gone, the same rights): v1, v2026, v2025, v2024, v3 and beta.
//   - PATCH a PAT's name or scopes: patchable in every version: all six.
//   - PATCH expirationDate or userAwareTokenNeverExpires: patchable only
//     in v2025, v2026 and v1, so only those three.
//
// A tenant may have limits of its own beyond the documented budget; a
// 429 from any version still pauses that version's requests.

// SpreadFamilies are the API versions a bulk run of this kind may spread
// over: all of them for a delete or a name/scope patch, the three with
// patchable expiry for a patch that touches it. Without SpreadVersions it
// is the client's own family alone.
func (c *Client) SpreadFamilies(touchesExpiry bool) []Family {
	if !c.spread {
		return []Family{c.family}
	}
	var out []Family
	out = append(out, c.family) // the configured one first
	for _, f := range Families() {
		if f == c.family || (touchesExpiry && !f.SupportsNeverExpiring()) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// pacerFor is the pacer of the family cl spends.
func (c *Client) pacerFor(cl *call) *pacer {
	if cl.family == "" || cl.family == c.family {
		return c.pacer
	}
	c.pacersMu.Lock()
	defer c.pacersMu.Unlock()
	if c.pacers == nil {
		c.pacers = map[Family]*pacer{}
	}
	p, ok := c.pacers[cl.family]
	if !ok {
		p = newPacer(c.limit)
		c.pacers[cl.family] = p
	}
	return p
}

// rotate hands out families in turn, so each gets an equal share.
type rotate struct {
	fams []Family
	n    atomic.Uint64
}

func (r *rotate) next() Family { return r.fams[(r.n.Add(1)-1)%uint64(len(r.fams))] }

// spreadWorkers is how many workers a spread run uses: enough to fill
// every version's budget, not more than a connection pool holds.
func spreadWorkers(opts BulkOptions, families int) int {
	if opts.Concurrency > 0 || families <= 1 {
		return opts.Concurrency
	}
	return min(defaultBulkConcurrency*families, 32)
}

// deletePATIn deletes a token through family f's endpoint.
func (c *Client) deletePATIn(ctx context.Context, f Family, id string) (Outcome, error) {
	p, err := c.itemPath(f.PATPath(), id)
	if err != nil {
		return Outcome{}, fmt.Errorf("delete token: %w", err)
	}
	res, err := c.do(ctx, &call{method: http.MethodDelete, path: p, family: f, retry: retrySafe, deleteCall: true})
	if err != nil {
		return Outcome{}, fmt.Errorf("delete token %s: %w", id, err)
	}
	return outcomeOf(res), nil
}

// PatchPATs applies each token's patch through RunBulk, spread over the
// versions that can patch what it touches when SpreadVersions is on.
func (c *Client) PatchPATs(ctx context.Context, patches map[string]patchdiff.Patch, ids []string, opts BulkOptions,
	onEvent func(BulkEvent)) BulkSummary {
	touchesExpiry := false
	for _, ops := range patches {
		for _, op := range ops {
			if op.Path == "/expirationDate" || op.Path == "/userAwareTokenNeverExpires" {
				touchesExpiry = true
			}
		}
	}
	fams := &rotate{fams: c.SpreadFamilies(touchesExpiry)}
	opts.Concurrency = spreadWorkers(opts, len(fams.fams))
	if opts.Now == nil {
		opts.Now = c.now
	}
	return RunBulk(ctx, ids, func(ctx context.Context, id string) (Outcome, error) {
		_, out, err := c.patchPATIn(ctx, fams.next(), id, patches[id])
		return out, err
	}, opts, onEvent)
}
