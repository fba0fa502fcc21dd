package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sailtui/sailtui/patchdiff"
)

func TestRateLimitedCallHonoursRetryAfterAndReportsWait(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusTooManyRequests, map[string]string{"message": " Rate Limit Exceeded "})
			return
		}
		writeJSON(w, http.StatusOK, []PersonalAccessToken{})
	})
	var waits waitLog
	c := f.client(func(cfg *Config) { cfg.OnWait = waits.Add })
	if _, err := c.ListPATs(context.Background(), ListPATsOptions{}); err != nil {
		t.Fatalf("ListPATs: %v", err)
	}
	got := waits.of(WaitRateLimited)
	if len(got) != 1 {
		t.Fatalf("rate-limit waits = %+v, want 1", waits.All())
	}
	if got[0].Duration != time.Second || got[0].Attempt != 2 || got[0].Path != "/personal-access-tokens/v1" || !IsRateLimited(got[0].Err) {
		t.Errorf("wait event = %+v", got[0])
	}
	reqs := f.recorded()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
}

func TestRetryAfterIsCappedAndRateLimitIsRetriedEvenForPOST(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "3600")
			writeJSON(w, http.StatusTooManyRequests, map[string]string{"message": " Rate Limit Exceeded "})
			return
		}
		writeJSON(w, http.StatusOK, CreatedPAT{ID: "p1", Name: "n", Secret: "x"})
	})
	var waits waitLog
	c := f.client(func(cfg *Config) { cfg.OnWait = waits.Add; cfg.MaxRetryAfter = 20 * time.Millisecond })
	if _, err := c.CreatePAT(context.Background(), CreatePATRequest{Name: "n"}); err != nil {
		t.Fatalf("CreatePAT: %v", err)
	}
	if w := waits.of(WaitRateLimited); len(w) != 1 || w[0].Duration != 20*time.Millisecond {
		t.Errorf("waits = %+v, want one capped at 20ms", waits.All())
	}
}

func TestRateLimitWaitRespectsCancellation(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "30")
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"message": " Rate Limit Exceeded "})
	})
	ctx, cancel := context.WithCancel(context.Background())
	var events []WaitEvent // OnWait runs on the calling goroutine here
	c := f.client(func(cfg *Config) {
		cfg.OnWait = func(ev WaitEvent) { events = append(events, ev); cancel() }
	})
	_, err := c.ListPATs(ctx, ListPATsOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(events) != 2 || events[0].Cancelled || !events[1].Cancelled || events[1].Until != events[0].Until ||
		events[1].Reason != WaitRateLimited {
		t.Errorf("wait events = %+v, want the 429 wait and then the same wait cancelled", events)
	}
	var ns *notSentError
	if !errors.As(err, &ns) {
		t.Errorf("a call stopped during a 429 wait was never applied; err = %v", err)
	}
}

func TestRateLimitRetriesRunOut(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "0")
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"message": " Rate Limit Exceeded "})
	})
	c := f.client(func(cfg *Config) { cfg.MaxRetryAfter = time.Millisecond })
	_, err := c.ListPATs(context.Background(), ListPATsOptions{})
	e, ok := AsAPIError(err)
	if !ok || e.Status != 429 || e.Message() != "Rate Limit Exceeded" {
		t.Fatalf("err = %v", err)
	}
	// A read waits a storm out for longer than a write does.
	if e.Attempts != maxReadRateLimitRetries+1 || !strings.Contains(string(e.Body), "Rate Limit Exceeded") {
		t.Errorf("attempts = %d, body = %q", e.Attempts, e.Body)
	}
	err = c.DeletePAT(context.Background(), "t1")
	if e, ok := AsAPIError(err); !ok || e.Status != 429 || e.Attempts != maxRateLimitRetries+1 {
		t.Errorf("delete: %v", err)
	}
}

// serverErrors answers the first `fail` API requests with a 500 ErrorResponseDto, then calls ok.
func serverErrors(fail int, ok func(w http.ResponseWriter, r *http.Request)) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= fail {
			writeJSON(w, http.StatusInternalServerError, errorDto(500, "500.0 Internal Fault", "An internal fault occurred."))
			return
		}
		ok(w, r)
	}
}

func TestServerErrorRetryPolicy(t *testing.T) {
	patOK := func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, PersonalAccessToken{ID: "p1", Name: "n"})
	}
	name := json.RawMessage(`"new"`)
	cases := []struct {
		name      string
		run       func(*Client) error
		wantCalls int
		wantErr   bool
	}{
		{"GET retried", func(c *Client) error { _, err := c.ListPATs(context.Background(), ListPATsOptions{}); return err }, 3, false},
		{"POST never retried", func(c *Client) error {
			_, err := c.CreatePAT(context.Background(), CreatePATRequest{Name: "n"})
			return err
		}, 1, true},
		{"PATCH without test not retried", func(c *Client) error {
			_, err := c.PatchPAT(context.Background(), "p1", patchdiff.Patch{{Op: "replace", Path: "/name", Value: name}})
			return err
		}, 1, true},
		{"PATCH guarded by test retried", func(c *Client) error {
			_, err := c.PatchPAT(context.Background(), "p1", patchdiff.Patch{{Op: "test", Path: "/name", Value: json.RawMessage(`"old"`)}, {Op: "replace", Path: "/name", Value: name}})
			return err
		}, 3, false},
		{"DELETE retried", func(c *Client) error { return c.DeletePAT(context.Background(), "p1") }, 3, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeISC(t, serverErrors(2, func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodDelete {
					w.WriteHeader(http.StatusNoContent)
					return
				}
				if r.URL.Path == "/personal-access-tokens/v1" && r.Method == http.MethodGet {
					writeJSON(w, http.StatusOK, []PersonalAccessToken{})
					return
				}
				patOK(w, r)
			}))
			var waits waitLog
			c := f.client(func(cfg *Config) { cfg.OnWait = waits.Add })
			err := tc.run(c)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if n := len(f.recorded()); n != tc.wantCalls {
				t.Errorf("%d requests, want %d", n, tc.wantCalls)
			}
			if got := len(waits.of(WaitBackoff)); got != tc.wantCalls-1 {
				t.Errorf("%d backoff waits, want %d", got, tc.wantCalls-1)
			}
			if tc.wantErr {
				e, ok := AsAPIError(err)
				if !ok || e.Status != 500 || e.TrackingID == "" || e.Message() != "An internal fault occurred." {
					t.Errorf("error lost the server's answer: %v", err)
				}
			}
		})
	}
}

func TestServerErrorRetriesRunOutKeepTheBody(t *testing.T) {
	f := newFakeISC(t, serverErrors(100, nil))
	c := f.client(func(cfg *Config) { cfg.MaxRetries = 2 })
	_, err := c.ListPATs(context.Background(), ListPATsOptions{})
	e, ok := AsAPIError(err)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	if e.Attempts != 3 || e.DetailCode != "500.0 Internal Fault" || e.TrackingID != "b21b1f7ce4da4d639f2c62a57171b427" || len(e.Body) == 0 {
		t.Errorf("error = %#v", e)
	}
	if !strings.Contains(err.Error(), "after 3 attempts") || !strings.HasPrefix(err.Error(), "list tokens: GET /personal-access-tokens/v1: 500") {
		t.Errorf("Error() = %q", err.Error())
	}
}

// A 404 after a 5xx is not "deleted, 204": the first attempt may have
// deleted it, or another client did. The error says so and keeps the real
// 404 with its tracking id.
func TestDeleteNotFoundAfterRetryIsGoneAfterRetry(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			writeJSON(w, http.StatusServiceUnavailable, errorDto(503, "503 Service Unavailable", "try later"))
			return
		}
		writeJSON(w, http.StatusNotFound, errorDto(404, "404 Not found", "not found"))
	})
	err := f.client(nil).DeletePAT(context.Background(), "p1")
	if !IsGoneAfterRetry(err) || IsOutcomeUnknown(err) {
		t.Fatalf("DeletePAT: %v, want ErrGoneAfterRetry", err)
	}
	if e, ok := AsAPIError(err); !ok || e.Status != 404 || e.TrackingID == "" || e.Attempts != 2 {
		t.Errorf("error = %#v, want the real 404 with its tracking id", e)
	}
}

// Retries that run out after a 5xx leave a DELETE's outcome unknown: the
// server may have acted on any attempt.
func TestDeleteRetriesSpentAfter5xxIsOutcomeUnknown(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, http.StatusInternalServerError, errorDto(500, "500.0 Internal Fault", "boom"))
	})
	err := f.client(func(cfg *Config) { cfg.MaxRetries = 1 }).DeletePAT(context.Background(), "p1")
	if !IsOutcomeUnknown(err) || !IsAPIStatus(err, 500) {
		t.Fatalf("DeletePAT: %v, want ErrOutcomeUnknown wrapping the 500", err)
	}
	// A GET that fails the same way changed nothing: no outcome to doubt.
	_, err = f.client(func(cfg *Config) { cfg.MaxRetries = 1 }).ListPATs(context.Background(), ListPATsOptions{})
	if IsOutcomeUnknown(err) || !IsAPIStatus(err, 500) {
		t.Fatalf("ListPATs: %v, want a plain 500", err)
	}
}

func TestDeleteNotFoundOnFirstAttemptIsNotFound(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, http.StatusNotFound, errorDto(404, "404 Not found", "The token was not found."))
	})
	err := f.client(nil).DeletePAT(context.Background(), "p1")
	if !IsNotFound(err) {
		t.Fatalf("err = %v, want 404", err)
	}
}

func TestDeleteNotFoundAfter429IsStillNotFound(t *testing.T) {
	// A 429 was never processed, so a 404 after it is a real "not found".
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "0")
			writeJSON(w, http.StatusTooManyRequests, map[string]string{"message": "Rate Limit Exceeded"})
			return
		}
		writeJSON(w, http.StatusNotFound, errorDto(404, "404 Not found", "not found"))
	})
	if err := f.client(nil).DeletePAT(context.Background(), "p1"); !IsNotFound(err) {
		t.Fatalf("err = %v, want 404", err)
	}
}

func TestConnectionErrorsRetriedOnlyWhenSafe(t *testing.T) {
	dropFirst := func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			hj, ok := w.(http.Hijacker)
			if !ok {
				t.Fatal("no hijacker")
			}
			conn, _, _ := hj.Hijack()
			_ = conn.Close()
			return
		}
		writeJSON(w, http.StatusOK, []PersonalAccessToken{})
	}
	f := newFakeISC(t, dropFirst)
	if _, err := f.client(nil).ListPATs(context.Background(), ListPATsOptions{}); err != nil {
		t.Fatalf("GET after dropped connection: %v", err)
	}
	if n := len(f.recorded()); n != 2 {
		t.Errorf("GET: %d requests, want 2", n)
	}

	f = newFakeISC(t, dropFirst)
	_, err := f.client(nil).CreatePAT(context.Background(), CreatePATRequest{Name: "x"})
	if err == nil {
		t.Fatal("POST after dropped connection succeeded; it must not be retried")
	}
	if n := len(f.recorded()); n != 1 {
		t.Errorf("POST: %d requests, want 1", n)
	}
}

func TestBackoffRespectsCancellation(t *testing.T) {
	f := newFakeISC(t, serverErrors(100, nil))
	ctx, cancel := context.WithCancel(context.Background())
	c := f.client(func(cfg *Config) { cfg.OnWait = func(WaitEvent) { cancel() } })
	_, err := c.ListPATs(ctx, ListPATsOptions{})
	if !errors.Is(err, context.Canceled) || !IsAPIStatus(err, 500) {
		t.Fatalf("err = %v, want the 500 and context.Canceled", err)
	}
}

// IsAPIStatus is a test helper: does err carry an APIError with status?
func IsAPIStatus(err error, status int) bool {
	e, ok := AsAPIError(err)
	return ok && e.Status == status
}

func TestPacingSpacesSendsAndReportsNoticeableWaits(t *testing.T) {
	f := newFakeISC(t, okPATs)
	var waits waitLog
	frozen := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // so the computed wait is exact
	c := f.client(func(cfg *Config) {
		cfg.RateLimit = RateLimit{Requests: 2, Per: 300 * time.Millisecond}
		cfg.OnWait = waits.Add
		cfg.Now = func() time.Time { return frozen }
	})
	for range 3 {
		if _, err := c.ListPATs(context.Background(), ListPATsOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(f.recorded()); n != 3 {
		t.Fatalf("%d requests", n)
	}
	want := 300*time.Millisecond + pacingMargin(300*time.Millisecond)
	p := waits.of(WaitPacing)
	if len(p) != 1 || p[0].Duration != want || !p[0].Until.Equal(frozen.Add(want)) || p[0].Attempt != 1 {
		t.Errorf("pacing waits = %+v, want one of %v", waits.All(), want)
	}
}

func TestDeleteSourceAppGoneAfterRetry(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Header.Get("X-SailPoint-Experimental") != "true" {
			t.Error("experimental header missing")
		}
		if n == 1 {
			writeJSON(w, http.StatusInternalServerError, errorDto(500, "500.0 Internal Fault", "boom"))
			return
		}
		writeJSON(w, http.StatusNotFound, errorDto(404, "404 Not found", "not found"))
	})
	var waits waitLog
	app, err := f.client(func(cfg *Config) { cfg.OnWait = waits.Add }).DeleteSourceApp(context.Background(), "a1")
	if !IsGoneAfterRetry(err) || app != nil {
		t.Fatalf("DeleteSourceApp = %v, %v; want nil, ErrGoneAfterRetry", app, err)
	}
	b := waits.of(WaitBackoff)
	if len(b) != 1 || b[0].Attempt != 2 || b[0].Method != http.MethodDelete || b[0].Path != "/source-apps/v1/a1" ||
		!IsAPIStatus(b[0].Err, 500) || b[0].Until.IsZero() {
		t.Errorf("backoff events = %+v", b)
	}
}

func TestTokenFetchRetriedAfterServerError(t *testing.T) {
	f := newFakeISC(t, okPATs)
	var fails atomic.Int32
	fails.Store(2)
	f.tokenErr = func() (int, string) {
		if fails.Add(-1) >= 0 {
			return http.StatusServiceUnavailable, `{"message":"unavailable"}`
		}
		return 0, ""
	}
	if _, err := f.client(nil).Authenticate(context.Background()); err != nil {
		t.Fatalf("Authenticate through two 503s: %v", err)
	}
}

func TestServiceUnavailableRetryAfterIsAFloorForBackoff(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusServiceUnavailable, errorDto(503, "503 Service Unavailable", "maintenance"))
			return
		}
		writeJSON(w, http.StatusOK, []PersonalAccessToken{})
	})
	var waits waitLog
	if _, err := f.client(func(cfg *Config) { cfg.OnWait = waits.Add }).ListPATs(context.Background(), ListPATsOptions{}); err != nil {
		t.Fatal(err)
	}
	if b := waits.of(WaitBackoff); len(b) != 1 || b[0].Duration != time.Second {
		t.Errorf("backoff = %+v, want 1s from Retry-After", b)
	}
}

// A body over the limit is a clear error, not truncated JSON, and is not
// fetched again; the default limit fits a 100,000-token tenant (~40 MiB).
func TestOversizedResponseIsAClearErrorAndNotRetried(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, http.StatusOK, []PersonalAccessToken{{ID: strings.Repeat("a", 64), Name: "big"}})
	})
	c := f.client(nil)
	if c.maxBody < 64<<20 {
		t.Fatalf("default body limit %d is below 64 MiB", c.maxBody)
	}
	if _, err := c.Authenticate(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.maxBody = 32 // the token is cached; only the list meets the limit
	_, err := c.ListPATs(context.Background(), ListPATsOptions{})
	if !errors.Is(err, errBodyTooLarge) || !strings.Contains(err.Error(), "over 32 bytes") {
		t.Fatalf("err = %v, want a too-large error naming the limit", err)
	}
	if n := len(f.recorded()); n != 1 {
		t.Errorf("%d requests, want 1 (no retry)", n)
	}
}
