package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	jsonpatch "github.com/evanphx/json-patch/v5"
)

// Limits that keep a hostile patch from amplifying into unbounded work
// (a chain of copy ops doubles a document each step).
const (
	maxPatchOps       = 1000
	maxPatchCopyBytes = 1 << 20
)

// patchOp is one operation as sent, with its members type-checked.
type patchOp struct {
	Op, Path, From string
	HasValue       bool
}

// decodePatch parses an RFC 6902 body and checks that every op touches
// only the allowed top-level fields (test may read any field). The result
// is ready to apply with evanphx/json-patch.
func decodePatch(body []byte, allowed []string, what string) (jsonpatch.Patch, []patchOp, *apiError) {
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, nil, badRequest("The request body must be a JSON Patch document: an array of operations like {\"op\":\"replace\",\"path\":\"/name\",\"value\":\"x\"}.")
	}
	if len(raw) == 0 {
		return nil, nil, badRequest("The JSON Patch document is empty; send at least one operation.")
	}
	if len(raw) > maxPatchOps {
		return nil, nil, badRequest("The JSON Patch document has %d operations; at most %d are accepted.", len(raw), maxPatchOps)
	}
	ops := make([]patchOp, len(raw))
	for i, m := range raw {
		if m == nil {
			return nil, nil, badRequest("Operation %d is not a JSON object.", i)
		}
		var op patchOp
		if err := stringMember(m, "op", &op.Op); err != nil {
			return nil, nil, badRequest("Operation %d: %v.", i, err)
		}
		if err := stringMember(m, "path", &op.Path); err != nil {
			return nil, nil, badRequest("Operation %d: %v.", i, err)
		}
		_, op.HasValue = m["value"]
		switch op.Op {
		case "add", "replace", "test":
			if !op.HasValue {
				return nil, nil, badRequest("Operation %d (%s %s) needs a value.", i, op.Op, op.Path)
			}
		case "remove":
		case "move", "copy":
			if err := stringMember(m, "from", &op.From); err != nil {
				return nil, nil, badRequest("Operation %d (%s): %v.", i, op.Op, err)
			}
		default:
			return nil, nil, badRequest("Operation %d: op %q is not one of add, remove, replace, move, copy, test.", i, op.Op)
		}
		if op.Path != "" && !strings.HasPrefix(op.Path, "/") {
			return nil, nil, badRequest("Operation %d: path %q must be a JSON Pointer starting with \"/\".", i, op.Path)
		}
		if op.Op != "test" {
			if f := topField(op.Path); !slices.Contains(allowed, f) {
				return nil, nil, badRequest("Field %q of %s is not patchable; patchable fields are %s.", pointerLabel(op.Path), what, strings.Join(allowed, ", "))
			}
			if op.Op == "move" {
				if f := topField(op.From); !slices.Contains(allowed, f) {
					return nil, nil, badRequest("Field %q of %s is not patchable (move removes it); patchable fields are %s.", pointerLabel(op.From), what, strings.Join(allowed, ", "))
				}
			}
		}
		ops[i] = op
	}
	p, err := jsonpatch.DecodePatch(body)
	if err != nil {
		return nil, nil, badRequest("The JSON Patch document is invalid: %v.", err)
	}
	return p, ops, nil
}

func stringMember(m map[string]json.RawMessage, key string, dst *string) error {
	raw, ok := m[key]
	if !ok {
		return fmt.Errorf("%q is required", key)
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("%q must be a string", key)
	}
	return nil
}

// touchedFields is the set of top-level fields that ops may change: the
// target of every op but test, and the source of a move (which removes it).
func touchedFields(ops []patchOp) map[string]bool {
	touched := make(map[string]bool, len(ops))
	for _, op := range ops {
		if op.Op == "test" {
			continue
		}
		touched[topField(op.Path)] = true
		if op.Op == "move" {
			touched[topField(op.From)] = true
		}
	}
	return touched
}

// topField is the first reference token of a JSON Pointer, unescaped.
func topField(ptr string) string {
	if ptr == "" {
		return ""
	}
	first, _, _ := strings.Cut(strings.TrimPrefix(ptr, "/"), "/")
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(first)
}

func pointerLabel(ptr string) string {
	if ptr == "" {
		return "(whole document)"
	}
	return ptr
}

// applyPatch applies p to doc. A failed test becomes the 400 the API sends
// for a conflict; other failures are 400s naming the problem.
//
// evanphx/json-patch v5.9.11 panics when a test compares arrays holding
// null elements; that panic becomes a 400 here instead of killing the
// request with the store lock held.
func applyPatch(p jsonpatch.Patch, doc []byte) (out []byte, aerr *apiError) {
	defer func() {
		if r := recover(); r != nil {
			out, aerr = nil, badRequest("The JSON Patch could not be applied: %v.", r)
		}
	}()
	opts := jsonpatch.NewApplyOptions()
	opts.AccumulatedCopySizeLimit = maxPatchCopyBytes
	out, err := p.ApplyWithOptions(doc, opts)
	if err != nil {
		if errors.Is(err, jsonpatch.ErrTestFailed) {
			return nil, badRequest("JSON Patch test operation failed: %v. The resource has changed; reload it and try again.", err)
		}
		return nil, badRequest("The JSON Patch could not be applied: %v.", err)
	}
	return out, nil
}

// fields decodes a patched document into its members.
func fields(doc []byte) (map[string]json.RawMessage, *apiError) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(doc, &m); err != nil || m == nil {
		return nil, badRequest("The patched document is not a JSON object.")
	}
	return m, nil
}
