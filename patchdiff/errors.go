package patchdiff

import (
	"errors"
	"fmt"

	jsonpatch "github.com/evanphx/json-patch/v5"
)

// Errors a caller can test for with errors.Is. Each error returned by this
// package wraps one of them with the details (which document, which key).
var (
	// ErrInvalidJSON: a document is not valid UTF-8 JSON.
	ErrInvalidJSON = errors.New("not valid JSON")
	// ErrNotObject: a document is valid JSON but its top level is not an object.
	ErrNotObject = errors.New("not a JSON object")
	// ErrDuplicateKey: an object (at any depth) names the same member twice.
	// encoding/json would silently keep the last one, so an edit could be lost.
	ErrDuplicateKey = errors.New("duplicate key")
	// ErrRequired: an edit removes a required field, sets it to null or
	// empties it ("", [] or {}). The server rejects such a patch; see
	// RequiredFieldError for which field and how.
	ErrRequired = errors.New("required field")
	// ErrInvalidRules: the Rules have an empty or repeated field name.
	ErrInvalidRules = errors.New("invalid patch rules")
	// ErrVerify: the generated patch, applied to the original, did not give
	// the expected document. This is a bug in the generator, never a user
	// error; the patch is withheld.
	ErrVerify = errors.New("patch verification failed")
	// ErrConflict: a patch does not apply to a document because the document
	// changed (a test failed, a member or an index is gone). Apply wraps the
	// underlying evanphx/json-patch error with it.
	ErrConflict = errors.New("the document changed since the edit began")
)

// RequiredFieldError says which required field an edit broke and how.
// errors.Is(err, ErrRequired) reports true for it.
type RequiredFieldError struct {
	Field  string
	Change string // "removed", "set to null" or "emptied"
}

func (e *RequiredFieldError) Error() string {
	return fmt.Sprintf("%s is required and cannot be %s", e.Field, e.Change)
}

func (e *RequiredFieldError) Unwrap() error { return ErrRequired }

// IsConflict reports whether err means a guarded patch met a document that
// changed underneath it: a failed test, a missing member or an index that no
// longer exists (a guarded element remove on a field whose type changed fails
// with ErrMissing, not ErrTestFailed). The caller should re-fetch, re-diff and
// show the preview again.
func IsConflict(err error) bool {
	return errors.Is(err, ErrConflict) || isPatchConflict(err)
}

func isPatchConflict(err error) bool {
	return errors.Is(err, jsonpatch.ErrTestFailed) ||
		errors.Is(err, jsonpatch.ErrMissing) ||
		errors.Is(err, jsonpatch.ErrInvalidIndex)
}
