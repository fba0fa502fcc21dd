package audit

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/sailtui/sailtui/client"
)

// Recorder writes one bulk run's entries (from several executor
// goroutines at once) and keeps count, so a summary never names a log
// that holds nothing of the run, and the run stops sending at the first
// entry that cannot be written. A nil log disables auditing (tests).
type Recorder struct {
	log *Log

	mu            sync.Mutex
	written, lost int
	firstErr      error
}

// NewRecorder records into log (nil: nothing is recorded, and Outcome
// says so).
func NewRecorder(log *Log) *Recorder { return &Recorder{log: log} }

// Intent writes an intent before its request may be sent. Intents are
// counted apart from outcomes: an item whose intent fails is never sent,
// so it has nothing to record. After an earlier failure nothing more is
// written and that error is returned.
func (r *Recorder) Intent(e Entry) error {
	if r.log == nil {
		return nil
	}
	if err := r.Failure(); err != nil {
		return err
	}
	err := r.log.Append(e)
	if err != nil {
		r.mu.Lock()
		if r.firstErr == nil {
			r.firstErr = err
		}
		r.mu.Unlock()
	}
	return err
}

// Outcome writes an item's outcome; it reports true on the first
// failure, when the run must stop sending.
func (r *Recorder) Outcome(e Entry) (firstFailure bool) {
	if r.log == nil {
		return false
	}
	err := r.log.Append(e)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err == nil {
		r.written++
		return false
	}
	r.lost++
	if r.firstErr == nil {
		r.firstErr = err
		return true
	}
	return false
}

// Failed reports whether an entry could not be written.
func (r *Recorder) Failed() bool { return r.Failure() != nil }

// Failure is the first write error, or nil.
func (r *Recorder) Failure() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.firstErr
}

// Summary is what a run's summary shows: where the entries are ("" when
// none were written) and what went wrong; writeErr is the write failure
// itself. skipped is how many items were never sent.
func (r *Recorder) Summary(skipped int) (path string, runErr, writeErr error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.log == nil {
		return "", errors.New("audit log disabled: no record was written"), nil
	}
	if r.written > 0 {
		path = r.log.Path()
	}
	if r.firstErr == nil {
		return path, nil, nil
	}
	what := "nothing was recorded"
	if r.written > 0 {
		what = fmt.Sprintf("%d of %d entries not recorded", r.lost, r.written+r.lost)
	}
	if skipped > 0 {
		what += fmt.Sprintf("; %d queued not sent", skipped)
	}
	return path, fmt.Errorf("%w (%s)", r.firstErr, what), r.firstErr
}

// Single records one request that is not part of a run: e's intent is
// on disk before send may run, then its outcome (done on success, the
// server's status, message and tracking id on failure). send may fill in
// the outcome entry (a created resource's id). When the intent cannot
// be written nothing is sent, and the error says so.
func (r *Recorder) Single(e Entry, now func() time.Time, done Result, send func(out *Entry) (client.Outcome, error)) error {
	intent := e
	intent.Time, intent.Result = now().UTC(), ResultIntent
	if err := r.Intent(intent); err != nil {
		return fmt.Errorf("not sent: the audit log could not be written: %w", err)
	}
	out := e
	oc, err := send(&out)
	out.Time = now().UTC()
	if err != nil {
		out.Result, out.Error = ResultFailed, err.Error()
		if ae, ok := client.AsAPIError(err); ok {
			out.Status, out.TrackingID, out.Error = ae.Status, ae.TrackingID, ae.Message()
		}
		if client.IsOutcomeUnknown(err) {
			out.Result = ResultUnknown
		}
	} else {
		out.Result, out.Status, out.TrackingID = done, oc.Status, oc.TrackingID
	}
	r.Outcome(out)
	return err
}
