package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"
)

// retryMode says whether a 5xx or connection error may be retried: only when
// sending the request twice cannot do harm.
type retryMode int

const (
	retryNever retryMode = iota // POST, unguarded PATCH: the server may have applied it
	retrySafe                   // GET, DELETE, PATCH guarded by test ops, token fetch
)

const (
	backoffBase = 200 * time.Millisecond
	backoffCap  = 5 * time.Second
	// maxBodyBytes bounds one response body. The PAT list has no paging,
	// so a whole tenant comes in one body: 100,000 tokens are about 40 MiB.
	maxBodyBytes  = 256 << 20
	acceptJSON    = "application/json"
	jsonPatchType = "application/json-patch+json"
)

// errBodyTooLarge is a response over the client's body limit. Sending
// again would fetch the same body, so it is not retried.
var errBodyTooLarge = errors.New("response body too large")

// call is one logical API call; do may send it several times.
type call struct {
	method, path string // path is already escaped and has no query
	query        url.Values
	body         []byte
	contentType  string
	family       Family // whose budget the call spends; "" → the client's
	experimental bool
	retry        retryMode
	deleteCall   bool // a 404 after an attempt the server may have applied: ErrGoneAfterRetry
	tokenCall    bool // the OAuth token request: no bearer, no pacing
}

// result is a 2xx answer.
type result struct {
	status int
	header http.Header
	body   []byte
}

// notSentError means the caller stopped the call before the server could
// have applied it: nothing was sent, or only attempts the server refused
// unprocessed (401, 429). The bulk executor reports ItemSkipped.
type notSentError struct{ err error }

func (e *notSentError) Error() string { return "not sent: " + e.err.Error() }
func (e *notSentError) Unwrap() error { return e.err }

// waitCtxKey carries a context that only stops waits, not sends in flight
// (see RunBulk: cancelling lets requests already sent finish).
type waitCtxKey struct{}

func withWaitContext(ctx, waitCtx context.Context) context.Context {
	return context.WithValue(ctx, waitCtxKey{}, waitCtx)
}

func waitContext(ctx context.Context) context.Context {
	if w, ok := ctx.Value(waitCtxKey{}).(context.Context); ok {
		return w
	}
	return ctx
}

// sendingKey carries a function called as a call's request is written,
// after its pacing wait: the bulk executor shows an item as sending only
// from then on (before, it is queued behind the pacer).
type sendingKey struct{}

func withSending(ctx context.Context, sending func()) context.Context {
	return context.WithValue(ctx, sendingKey{}, sending)
}

func sending(ctx context.Context) {
	if f, ok := ctx.Value(sendingKey{}).(func()); ok {
		f()
	}
}

// do sends c until it gets a final answer: pacing every send, refreshing the
// token on 401 (see reauthBudget), waiting out 429s, and retrying
// 5xx/connection errors with full-jitter backoff when c.retry allows it.
func (c *Client) do(ctx context.Context, cl *call) (*result, error) {
	waitCtx := waitContext(ctx)
	st := &callState{cl: cl}
	for {
		if err := waitCtx.Err(); err != nil {
			return nil, st.stop(err)
		}
		token, err := c.slotAndToken(ctx, waitCtx, cl, st.attempt+1)
		var ps *pacingStopped
		if errors.As(err, &ps) {
			return nil, st.stop(ps.err)
		}
		if err != nil {
			return nil, err
		}
		st.attempt++
		sending(ctx)
		res, err := c.send(ctx, cl, token, st.attempt)
		if err != nil {
			if ctx.Err() != nil { // the request may have been written before the end
				st.maybeApplied = true
				return nil, st.giveUp(fmt.Errorf("%s %s: %w", cl.method, cl.path, ctx.Err()))
			}
			st.lastErr = fmt.Errorf("%s %s: %w", cl.method, cl.path, err)
			if errors.Is(err, errBodyTooLarge) { // the server answered: it acted as the status says
				return nil, st.lastErr
			}
			st.maybeApplied = true
			if cl.retry != retrySafe || st.transient >= c.maxRetries {
				return nil, st.giveUp(st.lastErr)
			}
			st.transient++
			if err := c.backoff(ctx, waitCtx, cl, st.attempt, st.transient, st.lastErr); err != nil {
				return nil, st.stop(err)
			}
			continue
		}
		if token != "" && tokenPassedGateway(res.status) {
			c.auth.accept(token)
		}
		if res.status >= 200 && res.status < 300 {
			return res, nil
		}
		retry, err := c.afterError(ctx, waitCtx, st, res, token)
		if !retry {
			return nil, err
		}
	}
}

// afterError handles a non-2xx answer: retry (after any wait it needs)
// or the error to return.
func (c *Client) afterError(ctx, waitCtx context.Context, st *callState, res *result, token string) (retry bool, err error) {
	cl := st.cl
	apiErr := newAPIError(cl.method, cl.path, res.status, res.header, res.body, c.now())
	apiErr.Attempts = st.attempt
	if res.status == http.StatusNotFound && cl.deleteCall && st.maybeApplied {
		// An earlier attempt may have deleted it before failing, or
		// another client did meanwhile: gone, by whom unknown.
		return false, &outcomeError{ErrGoneAfterRetry, apiErr}
	}
	st.lastErr = apiErr
	switch {
	case res.status == http.StatusUnauthorized && !cl.tokenCall && st.reauth.retry(&c.auth, token, apiErr.expiredToken()):
		return true, nil
	case res.status == http.StatusTooManyRequests && st.limited < rateLimitRetries(cl):
		st.limited++
		if st.limitedSince.IsZero() {
			st.limitedSince = c.now()
		}
		if err := c.rateLimitWait(ctx, waitCtx, cl, st.attempt, st.limitedSince, apiErr); err != nil {
			return false, st.stop(err)
		}
		return true, nil
	case res.status >= 500 && cl.retry == retrySafe && st.transient < c.maxRetries:
		st.maybeApplied = true
		st.transient++
		if err := c.backoff(ctx, waitCtx, cl, st.attempt, st.transient, apiErr); err != nil {
			return false, st.stop(err)
		}
		return true, nil
	case res.status >= 500:
		st.maybeApplied = true
	}
	return false, st.giveUp(apiErr)
}

// callState is what one call remembers across its attempts.
type callState struct {
	cl                          *call
	attempt, transient, limited int
	reauth                      reauthBudget
	maybeApplied                bool // an attempt may have been applied by the server
	lastErr                     error
	limitedSince                time.Time // the first 429's wait
}

// rateLimitRetries is how many 429s one call waits out before it returns
// the 429: more for a read, which is harmless to repeat.
func rateLimitRetries(cl *call) int {
	if cl.method == http.MethodGet {
		return maxReadRateLimitRetries
	}
	return maxRateLimitRetries
}

// stop ends the call when a context ends during a wait. If no attempt
// can have been applied, the error says so (notSentError); else the
// outcome is unknown.
func (s *callState) stop(err error) error {
	if !s.maybeApplied {
		return fmt.Errorf("%s %s: %w", s.cl.method, s.cl.path, &notSentError{err})
	}
	return &outcomeError{ErrOutcomeUnknown, fmt.Errorf("%w (stopped before retrying: %w)", s.lastErr, err)}
}

// giveUp returns the last error once retries are spent; after an attempt
// that may have been applied (not a read), the outcome is unknown.
func (s *callState) giveUp(err error) error {
	if s.maybeApplied && s.cl.method != http.MethodGet && !s.cl.tokenCall {
		return &outcomeError{ErrOutcomeUnknown, err}
	}
	return err
}

// pacingStopped is a context that ended during the pacing wait.
type pacingStopped struct{ err error }

func (p *pacingStopped) Error() string { return "pacing stopped: " + p.err.Error() }

// slotAndToken waits for the call's send slot and then takes the bearer
// token ("" for the token call itself, which is neither paced nor
// authenticated). The token is taken after the wait, not before: pacing
// can hold a call for seconds, long enough for its token to expire or be
// replaced by a concurrent call.
func (c *Client) slotAndToken(ctx, waitCtx context.Context, cl *call, attempt int) (string, error) {
	if cl.tokenCall {
		return "", nil
	}
	slot, err := c.pace(ctx, waitCtx, cl, attempt)
	if err != nil {
		return "", &pacingStopped{err}
	}
	token, _, err := c.accessToken(ctx)
	if err != nil {
		return "", err
	}
	c.pacerFor(cl).settle(slot, c.now())
	return token, nil
}

// tokenPassedGateway reports whether an answer shows the bearer token was
// accepted: it came from behind the gateway's JWT check. 429s and 5xx may
// come from the gateway itself, so they say nothing.
func tokenPassedGateway(status int) bool {
	return status < 500 && status != http.StatusUnauthorized && status != http.StatusTooManyRequests
}

// send performs one HTTP exchange and reads the whole body.
func (c *Client) send(ctx context.Context, cl *call, token string, attempt int) (*result, error) {
	u := c.base + cl.path
	if len(cl.query) > 0 {
		u += "?" + cl.query.Encode()
	}
	var body io.Reader
	if cl.body != nil {
		body = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, u, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", acceptJSON)
	req.Header.Set("User-Agent", userAgent)
	if cl.contentType != "" {
		req.Header.Set("Content-Type", cl.contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if cl.experimental {
		req.Header.Set("X-SailPoint-Experimental", "true")
	}
	start := c.now()
	resp, err := c.http.Do(req)
	if err != nil {
		c.logExchange(ctx, cl, 0, start, attempt, err)
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err == nil && int64(len(data)) > c.maxBody {
		err = fmt.Errorf("%w: over %s", errBodyTooLarge, byteSize(c.maxBody))
	}
	if err != nil {
		c.logExchange(ctx, cl, resp.StatusCode, start, attempt, err)
		return nil, fmt.Errorf("read response: %w", err)
	}
	c.logExchange(ctx, cl, resp.StatusCode, start, attempt, nil)
	if resp.Header.Get("X-Deprecated") == "true" {
		c.deprecated.Do(func() {
			c.log.LogAttrs(ctx, slog.LevelWarn, "isc endpoint deprecated; consider another API family",
				slog.String("family", c.family.String()), slog.String("method", cl.method), slog.String("path", cl.path))
		})
	}
	return &result{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

func byteSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// logExchange records method, path, status, duration and attempt. Never the
// query, headers or bodies: those carry tokens, secrets and PAT secrets.
func (c *Client) logExchange(ctx context.Context, cl *call, status int, start time.Time, attempt int, err error) {
	level := slog.LevelDebug
	if err != nil || status >= 400 {
		level = slog.LevelInfo
	}
	if !c.log.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", cl.method),
		slog.String("path", cl.path),
		slog.Int("status", status),
		slog.Duration("duration", c.now().Sub(start)),
		slog.Int("attempt", attempt),
	}
	if err != nil {
		// Transport errors name the URL (no credentials in it) and the cause.
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.log.LogAttrs(ctx, level, "isc request", attrs...)
}

// pace waits for this client's next send slot. The caller settles the
// reservation just before sending.
func (c *Client) pace(ctx, waitCtx context.Context, cl *call, attempt int) (reservation, error) {
	now := c.now()
	r := c.pacerFor(cl).reserve(now)
	d := r.at.Sub(now)
	if d <= 0 {
		return r, nil
	}
	ev := WaitEvent{Reason: WaitPacing, Duration: d, Until: r.at, Attempt: attempt, Method: cl.method, Path: cl.path}
	return r, c.await(ctx, waitCtx, ev, d >= noticeableWait)
}

// backoff waits before retry n with full jitter: uniform in
// [0, min(cap, base·2ⁿ)), but no less than a Retry-After the server sent
// with its 5xx (capped like a 429's).
func (c *Client) backoff(ctx, waitCtx context.Context, cl *call, attempt, n int, cause error) error {
	ceiling := min(backoffCap, backoffBase<<min(n-1, 10))
	d := rand.N(ceiling) + time.Millisecond
	if e, ok := AsAPIError(cause); ok && e.RetryAfter > d {
		d = min(e.RetryAfter, c.maxRetryAfter)
	}
	ev := WaitEvent{Reason: WaitBackoff, Duration: d, Until: c.now().Add(d), Attempt: attempt + 1, Method: cl.method, Path: cl.path, Err: cause}
	return c.await(ctx, waitCtx, ev, true)
}

// rateLimitWait honours Retry-After (capped) and holds the shared pacer for
// as long, since the budget is spent for every concurrent call.
func (c *Client) rateLimitWait(ctx, waitCtx context.Context, cl *call, attempt int, since time.Time, e *APIError) error {
	d := e.RetryAfter
	if d <= 0 {
		d = time.Second // the documented header is missing: wait a moment rather than hammer
	}
	d = min(d, c.maxRetryAfter)
	until := c.now().Add(d)
	if !cl.tokenCall {
		c.pacerFor(cl).holdUntil(until)
	}
	ev := WaitEvent{Reason: WaitRateLimited, Duration: d, Until: until, Attempt: attempt + 1, Since: since,
		Method: cl.method, Path: cl.path, Err: e}
	return c.await(ctx, waitCtx, ev, true)
}

// await sleeps for ev.Duration. When report is set it tells OnWait when the
// wait starts, and again with Cancelled set if a context ends it early, so a
// countdown shown for it can stop instead of running on for nothing.
func (c *Client) await(ctx, waitCtx context.Context, ev WaitEvent, report bool) error {
	if report {
		c.onWait(ev)
	}
	err := sleep(ctx, waitCtx, ev.Duration)
	if err != nil && report {
		ev.Cancelled = true
		c.onWait(ev)
	}
	return err
}

// sleep waits d unless either context ends first.
func sleep(ctx, waitCtx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-waitCtx.Done():
		return waitCtx.Err()
	}
}
