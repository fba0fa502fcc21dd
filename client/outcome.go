package client

import "errors"

// An attempt that reached the server and then failed (a 5xx, a dropped
// connection after the request was written) may have been applied. These
// errors keep that knowledge, so a caller never reports "failed" for a
// change that happened, nor "done" for one another client made.

// ErrGoneAfterRetry is a DELETE answered 404 after an earlier attempt may
// have deleted the resource: it is gone, deleted by this run or by someone
// else; the client cannot tell which. The 404's *APIError is in the chain.
var ErrGoneAfterRetry = errors.New("gone: deleted by this run or by someone else")

// ErrOutcomeUnknown is a call whose retries ran out (or were stopped)
// after an attempt that may have been applied: only a check against the
// server can tell whether the change happened. The last error is in the
// chain.
var ErrOutcomeUnknown = errors.New("outcome unknown: an attempt may have reached the server")

type outcomeError struct {
	kind error // ErrGoneAfterRetry or ErrOutcomeUnknown
	err  error
}

func (e *outcomeError) Error() string   { return e.err.Error() + " (" + e.kind.Error() + ")" }
func (e *outcomeError) Unwrap() []error { return []error{e.kind, e.err} }

// IsGoneAfterRetry reports ErrGoneAfterRetry.
func IsGoneAfterRetry(err error) bool { return errors.Is(err, ErrGoneAfterRetry) }

// IsOutcomeUnknown reports ErrOutcomeUnknown.
func IsOutcomeUnknown(err error) bool { return errors.Is(err, ErrOutcomeUnknown) }

// TrackingHeader is the response header ISC puts the request's tracking id
// in, on successes as well as errors (whose body repeats it).
const TrackingHeader = "SLPT-Request-ID"

// Outcome is what a successful call's answer said, for the audit log.
type Outcome struct {
	Status     int
	TrackingID string // from TrackingHeader; "" when the server sent none
}

func outcomeOf(res *result) Outcome {
	if res == nil {
		return Outcome{}
	}
	return Outcome{Status: res.status, TrackingID: res.header.Get(TrackingHeader)}
}
