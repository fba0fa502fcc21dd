package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// APIError is a non-2xx answer from ISC. It keeps everything the server said
// (all three error shapes of isc-api.md §3 are decoded into it) so the UI can
// show the server's own message and trackingId, also after retries ran out.
type APIError struct {
	Status       int
	Method, Path string // Path has no query string

	DetailCode string
	TrackingID string
	Messages   []ErrorMessage
	Causes     []ErrorMessage
	RetryAfter time.Duration // from Retry-After (429), 0 when absent
	Body       []byte        // the raw response body
	Attempts   int           // how many times the request was sent

	// errorText is the {"error": ...} shape (401), messageText the
	// {"message": ...} shape (429).
	errorText, messageText string
}

// Error is one line: "METHOD /path: STATUS DETAIL: message (tracking id X)".
// It is built from decoded fields only, never from request headers or
// bodies, so it cannot leak credentials.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d", e.Method, e.Path, e.Status)
	detail := e.DetailCode
	if detail == "" {
		detail = http.StatusText(e.Status)
	}
	if detail != "" && detail != strconv.Itoa(e.Status) {
		b.WriteString(" " + strings.TrimPrefix(detail, strconv.Itoa(e.Status)+" "))
	}
	if msg := e.Message(); msg != "" && msg != detail && msg != http.StatusText(e.Status) {
		b.WriteString(": " + msg)
	}
	if e.TrackingID != "" {
		b.WriteString(" (tracking id " + e.TrackingID + ")")
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	return b.String()
}

// Message is the best human-readable message: the first message text, else
// the {"error"} or {"message"} text, else the status text.
func (e *APIError) Message() string {
	for _, m := range e.Messages {
		if t := strings.TrimSpace(m.Text); t != "" {
			return t
		}
	}
	if t := strings.TrimSpace(e.errorText); t != "" {
		return t
	}
	if t := strings.TrimSpace(e.messageText); t != "" {
		return t
	}
	for _, m := range e.Causes {
		if t := strings.TrimSpace(m.Text); t != "" {
			return t
		}
	}
	return http.StatusText(e.Status)
}

// newAPIError decodes whichever error shape the body has. Unknown or
// non-JSON bodies are kept raw in Body and surface through Message() as
// the status text.
func newAPIError(method, path string, status int, header http.Header, body []byte, now time.Time) *APIError {
	e := &APIError{Status: status, Method: method, Path: path, Body: body}
	var shape struct {
		ErrorResponse
		Error   *string `json:"error"`
		Message *string `json:"message"`
		// error_description comes with OAuth errors from /oauth/token (RFC 6749 §5.2).
		Description *string `json:"error_description"`
	}
	if json.Unmarshal(body, &shape) == nil {
		e.DetailCode = shape.DetailCode
		e.TrackingID = shape.TrackingID
		e.Messages = shape.Messages
		e.Causes = shape.Causes
		if shape.Error != nil {
			e.errorText = *shape.Error
		}
		if shape.Description != nil && strings.TrimSpace(*shape.Description) != "" {
			e.errorText = strings.TrimSpace(*shape.Description)
			if shape.Error != nil && *shape.Error != "" {
				e.errorText += " (" + *shape.Error + ")"
			}
		}
		if shape.Message != nil {
			e.messageText = *shape.Message
		}
	}
	if e.TrackingID == "" { // 401s and 429s carry no body id; the header may
		e.TrackingID = header.Get(TrackingHeader)
	}
	e.RetryAfter = parseRetryAfter(header.Get("Retry-After"), now)
	return e
}

// parseRetryAfter reads integer seconds (the documented form) and, to be
// lenient, an HTTP date. Anything else is 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(secs * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// AsAPIError finds an *APIError in err's chain.
func AsAPIError(err error) (*APIError, bool) {
	var e *APIError
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

func hasStatus(err error, codes ...int) bool {
	e, ok := AsAPIError(err)
	if !ok {
		return false
	}
	for _, c := range codes {
		if e.Status == c {
			return true
		}
	}
	return false
}

// IsNotFound reports a 404.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsForbidden reports a 403 (missing right, or no user context).
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsUnauthorized reports a 401 (bad credentials or a token the server rejects).
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsRateLimited reports a 429 that survived the client's own waiting.
func IsRateLimited(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

// IsBadRequest reports a 400.
func IsBadRequest(err error) bool { return hasStatus(err, http.StatusBadRequest) }

// IsConflict reports that the resource changed under us: 409, 412, a 400
// whose messages say a JSON Patch test operation failed, or an item a
// chunked run left out (ErrChangedMeanwhile).
func IsConflict(err error) bool {
	if errors.Is(err, ErrChangedMeanwhile) {
		return true
	}
	e, ok := AsAPIError(err)
	if !ok {
		return false
	}
	switch e.Status {
	case http.StatusConflict, http.StatusPreconditionFailed:
		return true
	case http.StatusBadRequest:
		return e.failedTest()
	}
	return false
}

// failedTest looks for the wording ISC and evanphx/json-patch use when a
// `test` op does not match ("test failed", "testing value /name failed").
func (e *APIError) failedTest() bool {
	texts := []string{e.errorText, e.messageText}
	for _, m := range append(append([]ErrorMessage(nil), e.Messages...), e.Causes...) {
		texts = append(texts, m.Text)
	}
	for _, t := range texts {
		t = strings.ToLower(t)
		if strings.Contains(t, "test") && (strings.Contains(t, "fail") || strings.Contains(t, "not equal") || strings.Contains(t, "mismatch")) {
			return true
		}
	}
	return false
}

// expiredToken reports a 401 saying the bearer token has expired
// ("JWT validation failed: JWT is expired"): the server knew the token, so
// a fresh one will do.
func (e *APIError) expiredToken() bool {
	return e.Status == http.StatusUnauthorized && strings.Contains(strings.ToLower(e.Message()), "expired")
}
