package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/sailtui/sailtui/client"
)

// apiError is a handler failure rendered as an ErrorResponseDto.
type apiError struct {
	status int
	msgs   []string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %v", e.status, e.msgs) }

func badRequest(format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, msgs: []string{fmt.Sprintf(format, args...)}}
}

func forbidden(format string, args ...any) *apiError {
	return &apiError{status: http.StatusForbidden, msgs: []string{fmt.Sprintf(format, args...)}}
}

func notFound(format string, args ...any) *apiError {
	return &apiError{status: http.StatusNotFound, msgs: []string{fmt.Sprintf(format, args...)}}
}

// detailCodes follow the examples in isc-api.md §3.
func detailCode(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "400.1 Bad Request Content"
	case http.StatusForbidden:
		return "403 Forbidden"
	case http.StatusNotFound:
		return "404 Not found"
	case http.StatusMethodNotAllowed:
		return "405 Method Not Allowed"
	case http.StatusInternalServerError:
		return "500.0 Internal Fault"
	case http.StatusServiceUnavailable:
		return "503 Service Unavailable"
	}
	return strconv.Itoa(status) + " " + http.StatusText(status)
}

// newTrackingID returns a fresh 32-hex tracking id.
func newTrackingID() string { return randomHex(16) }

// randomHex returns n random bytes as hex. crypto/rand never fails on
// supported platforms (it panics instead), so there is no error to pass on.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Every value we render is a plain struct; this is a programming error.
		status, body = http.StatusInternalServerError, []byte(`{"error":"encoding response failed"}`)
	}
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeAPIError renders the ErrorResponseDto shape used for 400/403/404/5xx.
func writeAPIError(w http.ResponseWriter, e *apiError) {
	locale, origin := "en-US", "DEFAULT"
	msgs := make([]client.ErrorMessage, len(e.msgs))
	for i, m := range e.msgs {
		msgs[i] = client.ErrorMessage{Locale: &locale, LocaleOrigin: &origin, Text: m}
	}
	id := w.Header().Get(client.TrackingHeader)
	if id == "" {
		id = newTrackingID()
		w.Header().Set(client.TrackingHeader, id)
	}
	writeJSON(w, e.status, client.ErrorResponse{
		DetailCode: detailCode(e.status),
		TrackingID: id,
		Messages:   msgs,
		Causes:     []client.ErrorMessage{},
	})
}

// write401 renders the 401 shape: {"error": "..."}.
func write401(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusUnauthorized, map[string]string{"error": msg})
}

// writeExperimental400 is the answer to a missing X-SailPoint-Experimental
// header; the contract only says it is an error naming the header.
func writeExperimental400(w http.ResponseWriter) {
	writeJSON(w, http.StatusBadRequest, map[string]string{
		"error": "This endpoint is experimental and requires the header X-SailPoint-Experimental: true",
	})
}
