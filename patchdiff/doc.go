// Package patchdiff turns an edit of a JSON resource into a verified RFC 6902
// JSON Patch, and previews it.
//
// The editor promises that what the preview shows is exactly what is sent,
// and that the patch cannot clobber someone else's change. Diff keeps that
// promise with these guarantees:
//
//   - Only allow-listed top-level fields (Rules.Fields) are patched, one
//     field after another in the listed order. Any other changed member is
//     reported in Result.Rejected and shown as a warning, never dropped
//     silently and never sent.
//   - Changes are found by meaning: whitespace, key order, string escapes and
//     number spelling (1, 1.0, 1e0) are not edits. Identical input gives an
//     empty, non-nil Patch that marshals to [].
//   - A changed field is a test of its old value followed by a replace; a
//     removed optional field is a test followed by a remove; a new field is
//     an unguarded add (RFC 6902 cannot test that a member is absent).
//     Fields marked NoGuard, and old values that are null (the server's
//     schema rejects a null test value), get no test; Result.Notes says so.
//   - Arrays are replaced whole unless the field uses ArraySetOps, which
//     removes elements by index (highest first, each guarded) and appends
//     with add /field/-, and falls back to a whole replace for reorders.
//   - Required fields are never removed, set to null or emptied: such an
//     edit is an ErrRequired error. There is never a move or copy op.
//   - Op values are the bytes of the input documents, compacted, so a test
//     matches the original even where evanphx/json-patch compares numbers
//     byte by byte. Output is byte-identical across runs.
//   - Before returning, Diff applies its patch to the original with strict
//     evanphx/json-patch/v5 options (no negative indices, no HTML escaping),
//     as the ops DecodePatch makes of the patch's wire form (built directly;
//     the tests hold the two equal), and compares the result with the
//     expected document. A mismatch is ErrVerify, never a patch. Every op
//     stays inside an allow-listed member, so evanphx gets only the members
//     the patch touches and its result is spliced back into the original;
//     the tests hold that byte-identical to applying to the whole document.
//
// Input documents must be UTF-8 JSON objects; duplicate keys at any depth
// are rejected (ErrDuplicateKey), because encoding/json would keep only the
// last one and an edit could be lost.
//
// Apply applies a patch with the same strict options; IsConflict tells a
// failed guard (the server's document changed) from other errors. Preview
// renders a Result as data: unified-diff lines of the original against the
// patched document, one readable line per op, warnings and notes. The
// package knows nothing about the UI or the HTTP client.
package patchdiff
