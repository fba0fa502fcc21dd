package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client/internal/testlog"
)

func TestAPIErrorDecodesAllThreeShapes(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	dto, _ := json.Marshal(errorDto(400, "400.1 Bad Request Content", "Invalid filter: lastUsed eq is not supported"))
	cases := []struct {
		name    string
		status  int
		header  http.Header
		body    string
		message string
		errText string
	}{
		{"ErrorResponseDto", 400, nil, string(dto), "Invalid filter: lastUsed eq is not supported",
			"PATCH /v2025/personal-access-tokens/x: 400 400.1 Bad Request Content: Invalid filter: lastUsed eq is not supported (tracking id b21b1f7ce4da4d639f2c62a57171b427)"},
		{"401 error", 401, nil, `{"error":"JWT validation failed: JWT is expired"}`, "JWT validation failed: JWT is expired",
			"PATCH /v2025/personal-access-tokens/x: 401 Unauthorized: JWT validation failed: JWT is expired"},
		{"oauth error", 401, nil, `{"error":"invalid_client","error_description":"Bad credentials"}`, "Bad credentials (invalid_client)",
			"PATCH /v2025/personal-access-tokens/x: 401 Unauthorized: Bad credentials (invalid_client)"},
		{"429 message", 429, http.Header{"Retry-After": {"7"}}, `{"message":" Rate Limit Exceeded "}`, "Rate Limit Exceeded",
			"PATCH /v2025/personal-access-tokens/x: 429 Too Many Requests: Rate Limit Exceeded"},
		{"not JSON", 502, nil, `<html>bad gateway</html>`, "Bad Gateway",
			"PATCH /v2025/personal-access-tokens/x: 502 Bad Gateway"},
		{"causes only", 500, nil, `{"detailCode":"500.0 Internal Fault","trackingId":"t1","messages":[],"causes":[{"text":"db down"}]}`, "db down",
			"PATCH /v2025/personal-access-tokens/x: 500 500.0 Internal Fault: db down (tracking id t1)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.header
			if h == nil {
				h = http.Header{}
			}
			e := newAPIError("PATCH", "/v2025/personal-access-tokens/x", tc.status, h, []byte(tc.body), now)
			if e.Message() != tc.message {
				t.Errorf("Message() = %q, want %q", e.Message(), tc.message)
			}
			if e.Error() != tc.errText {
				t.Errorf("Error() = %q\n want %q", e.Error(), tc.errText)
			}
			if string(e.Body) != tc.body {
				t.Errorf("body lost")
			}
		})
	}
	e := newAPIError("GET", "/x", 429, http.Header{"Retry-After": {"7"}}, nil, now)
	if e.RetryAfter != 7*time.Second {
		t.Errorf("RetryAfter = %v", e.RetryAfter)
	}
	e = newAPIError("GET", "/x", 429, http.Header{"Retry-After": {now.Add(3 * time.Second).Format(http.TimeFormat)}}, nil, now)
	if e.RetryAfter != 3*time.Second {
		t.Errorf("RetryAfter (date) = %v", e.RetryAfter)
	}
	dto400, _ := json.Marshal(errorDto(400, "400.1 Bad Request Content", "x"))
	if e := newAPIError("GET", "/x", 400, http.Header{}, dto400, now); e.DetailCode != "400.1 Bad Request Content" || e.TrackingID == "" || len(e.Messages) != 1 || *e.Messages[0].Locale != "en-US" {
		t.Errorf("decoded %#v", e)
	}
}

func TestClassifiers(t *testing.T) {
	mk := func(status int, text string) error {
		body, _ := json.Marshal(errorDto(status, "", text))
		return fmt.Errorf("wrapped: %w", newAPIError("PATCH", "/p", status, http.Header{}, body, time.Now()))
	}
	checks := []struct {
		err  error
		is   func(error) bool
		name string
		want bool
	}{
		{mk(404, "nope"), IsNotFound, "404 not found", true},
		{mk(403, "nope"), IsForbidden, "403 forbidden", true},
		{mk(401, "nope"), IsUnauthorized, "401 unauthorized", true},
		{mk(429, "slow"), IsRateLimited, "429 rate limited", true},
		{mk(400, "bad"), IsBadRequest, "400 bad request", true},
		{mk(409, "conflict"), IsConflict, "409 conflict", true},
		{mk(412, "precondition"), IsConflict, "412 conflict", true},
		{mk(400, "Test operation failed: /name"), IsConflict, "failed test conflict", true},
		{mk(400, "testing value /name failed: test failed"), IsConflict, "json-patch test failure", true},
		{mk(400, "name must not be empty"), IsConflict, "plain 400 is no conflict", false},
		{mk(500, "x"), IsNotFound, "500 is not 404", false},
		{fmt.Errorf("plain"), IsNotFound, "non-API error", false},
		{nil, IsForbidden, "nil", false},
	}
	for _, c := range checks {
		if got := c.is(c.err); got != c.want {
			t.Errorf("%s: got %v", c.name, got)
		}
	}
	if _, ok := AsAPIError(fmt.Errorf("x")); ok {
		t.Error("AsAPIError on a plain error")
	}
}

// No secret, token or Authorization header reaches the log or the errors,
// on success, on 401 refresh and on failures.
func TestNoSecretsInLogsOrErrors(t *testing.T) {
	const patSecret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case n == 1:
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "JWT validation failed: JWT is expired"})
		case r.Method == http.MethodPost:
			writeJSON(w, http.StatusOK, CreatedPAT{ID: "p1", Name: "ci", Secret: patSecret})
		default:
			writeJSON(w, http.StatusBadRequest, errorDto(400, "400.1 Bad Request Content", "nope"))
		}
	})
	var buf testlog.Buffer
	c := f.client(func(cfg *Config) { cfg.Logger = debugLogger(&buf) })
	created, err := c.CreatePAT(context.Background(), CreatePATRequest{Name: "ci"})
	if err != nil || created.Secret != patSecret {
		t.Fatalf("CreatePAT = %v, %v", created, err)
	}
	_, err = c.ListPATs(context.Background(), ListPATsOptions{Filters: "lastUsed isnull"})
	if err == nil {
		t.Fatal("want the 400")
	}
	bad := f.client(func(cfg *Config) { cfg.Logger = debugLogger(&buf); cfg.ClientSecret = "other-secret-123" })
	_, authErr := bad.Authenticate(context.Background())
	logged := buf.String()
	if !strings.Contains(logged, `"path":"/personal-access-tokens/v1"`) || !strings.Contains(logged, `"status":401`) || !strings.Contains(logged, `"attempt":2`) {
		t.Errorf("log lacks method/path/status/attempt:\n%s", logged)
	}
	for _, secret := range []string{fakeClientSecret, "other-secret-123", patSecret, "tok-1", "tok-2", "Bearer", "Authorization", "lastUsed isnull"} {
		for where, s := range map[string]string{"log": logged, "error": err.Error(), "auth error": authErr.Error()} {
			if strings.Contains(s, secret) {
				t.Errorf("%s contains %q:\n%s", where, secret, s)
			}
		}
	}
}

func TestDeprecatedFamilyWarnedOnce(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("X-Deprecated", "true")
		writeJSON(w, http.StatusOK, []PersonalAccessToken{})
	})
	var buf testlog.Buffer
	c := f.client(func(cfg *Config) { cfg.Logger = debugLogger(&buf); cfg.Family = FamilyV3 })
	for range 3 {
		if _, err := c.ListPATs(context.Background(), ListPATsOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(buf.String(), "deprecated"); n != 1 {
		t.Errorf("deprecation warned %d times:\n%s", n, buf.String())
	}
}
