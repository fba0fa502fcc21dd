package patchdiff

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// checkProperties asserts every promise of Diff for one input pair whose
// documents are valid JSON objects without duplicate keys:
//   - determinism (byte-identical results on a second run);
//   - the only error is ErrRequired, exactly when a required field is
//     removed, nulled or emptied by the edit;
//   - only add/remove/replace/test ops, paths inside the allow-list, element
//     paths only for ArraySetOps fields, ops in Rules.Fields order, no null
//     test value, tests only on guarded fields and right before the op
//     they guard, required fields never removed, nulled or emptied;
//   - round trip: Apply(before, patch) equals the projection of after onto
//     the allow-list, and Result.Patched is Apply's result byte for byte
//     (Diff applies to the allow-listed members and splices them back;
//     Apply applies the wire form to the whole document);
//   - Rejected is exactly the changed members outside the allow-list;
//   - Diff(before, before) is empty;
//   - stale base: changing a whole-value-guarded field makes Apply fail
//     with a conflict, and the projected apply with the same error;
//   - the ops verify gives evanphx equal DecodePatch of the wire form, and
//     its byte-comparison fast path never accepts what the comparison by
//     meaning rejects.
func checkProperties(t *testing.T, before, after []byte, rules Rules) {
	t.Helper()
	r, err := Diff(before, after, rules)
	r2, err2 := Diff(before, after, rules)
	if errString(err) != errString(err2) || !reflect.DeepEqual(r, r2) {
		t.Fatalf("not deterministic:\n%+v %v\n%+v %v", r, err, r2, err2)
	}
	if !bytes.Equal(mustMarshal(t, r.Patch), mustMarshal(t, r2.Patch)) {
		t.Fatalf("patch bytes differ between runs")
	}

	orig := decodeAny(t, before).(map[string]any)
	edited := decodeAny(t, after).(map[string]any)
	broken := brokenRequired(orig, edited, rules)
	if err != nil {
		if !errors.Is(err, ErrRequired) || len(broken) == 0 {
			t.Fatalf("Diff(%s, %s): unexpected error %v", before, after, err)
		}
		return
	}
	if len(broken) > 0 {
		t.Fatalf("Diff(%s, %s) accepted broken required fields %v; patch %s", before, after, broken, mustMarshal(t, r.Patch))
	}
	if r.Patch == nil {
		t.Fatal("nil patch")
	}
	checkOps(t, r.Patch, rules)
	checkWireOps(t, r.Patch)
	checkFastPath(t, before, after, rules, r.Patched)

	applied, err := Apply(before, r.Patch)
	if err != nil {
		t.Fatalf("Apply(%s, %s): %v", before, mustMarshal(t, r.Patch), err)
	}
	want := projection(t, before, after, rules)
	if !sameValue(decodeAny(t, applied), want) {
		t.Fatalf("round trip:\nbefore  %s\nafter   %s\npatch   %s\napplied %s", before, after, mustMarshal(t, r.Patch), applied)
	}
	// Diff applies the patch to the allow-listed members and splices the
	// result back; Apply applies the wire form to the whole document. The
	// bytes must be the same (key order, key escapes, value bytes).
	if !bytes.Equal(applied, r.Patched) {
		t.Fatalf("Result.Patched %s differs from Apply's %s", r.Patched, applied)
	}
	checkProjected(t, before, rules, r.Patch)
	if wantRej := oracleRejected(orig, edited, rules); !reflect.DeepEqual(r.Rejected, wantRej) {
		t.Fatalf("Rejected = %q, want %q", r.Rejected, wantRej)
	}
	_ = Preview(before, r) // must not panic

	same, err := Diff(before, before, rules)
	if err != nil || len(same.Patch) != 0 || same.Rejected != nil {
		t.Fatalf("Diff(before, before) = %s %q %v", mustMarshal(t, same.Patch), same.Rejected, err)
	}
	checkStaleBase(t, before, rules, r.Patch)
}

func checkOps(t *testing.T, p Patch, rules Rules) {
	t.Helper()
	lastField := -1
	for i, op := range p {
		if !strings.HasPrefix(op.Path, "/") {
			t.Fatalf("op %d path %q does not start with /", i, op.Path)
		}
		tok, sub, elementPath := strings.Cut(op.Path[1:], "/")
		fi := -1
		for j, f := range rules.Fields {
			if escapePointer(f.Name) == tok {
				fi = j
			}
		}
		if fi < 0 {
			t.Fatalf("op %d path %q is outside the allow-list", i, op.Path)
		}
		f := rules.Fields[fi]
		if fi < lastField {
			t.Fatalf("op %d (%s) is out of Rules.Fields order", i, op.Path)
		}
		lastField = fi
		if elementPath {
			n, err := strconv.Atoi(sub)
			if (err != nil || n < 0 || strconv.Itoa(n) != sub) && sub != "-" || f.Array != ArraySetOps {
				t.Fatalf("op %d path %q: element paths are for ArraySetOps fields, with an index or -", i, op.Path)
			}
		}
		switch op.Op {
		case "test":
			if !rules.Guard || f.NoGuard {
				t.Fatalf("op %d tests unguarded field %s", i, f.Name)
			}
			if isNull(compactBytes(op.Value)) || hasNullElement(compactBytes(op.Value)) {
				t.Fatalf("op %d tests a null (or a null array element): %s", i, op.Value)
			}
			if i+1 >= len(p) || p[i+1].Path != op.Path || (p[i+1].Op != "replace" && p[i+1].Op != "remove") {
				t.Fatalf("op %d: test does not guard the next op", i)
			}
		case "remove":
			if f.Required && !elementPath {
				t.Fatalf("op %d removes required %s", i, f.Name)
			}
			if op.Value != nil {
				t.Fatalf("op %d: remove with a value", i)
			}
		case "add", "replace":
			if f.Required && !elementPath && (isNull(compactBytes(op.Value)) || isEmpty(compactBytes(op.Value))) {
				t.Fatalf("op %d sets required %s to %s", i, f.Name, op.Value)
			}
			if op.Value == nil {
				t.Fatalf("op %d: %s without a value", i, op.Op)
			}
		default:
			t.Fatalf("op %d: unexpected op %q", i, op.Op)
		}
	}
}

// checkStaleBase overwrites each field that a whole-value test guards and
// expects Apply to report a conflict, and the projected apply that Diff's
// verification uses to fail the same way.
func checkStaleBase(t *testing.T, before []byte, rules Rules, p Patch) {
	t.Helper()
	for _, op := range p {
		if op.Op != "test" || strings.Count(op.Path, "/") != 1 {
			continue
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(before, &m); err != nil {
			t.Fatal(err)
		}
		m[unescapePointer(op.Path[1:])] = json.RawMessage(`"\u0000someone else's value"`)
		stale := mustMarshal(t, m)
		if _, err := Apply(stale, p); !IsConflict(err) {
			t.Fatalf("stale base %s with patch %s: error %v, want a conflict", stale, mustMarshal(t, p), err)
		}
		checkProjected(t, stale, rules, p)
		fields, _ := rules.compile()
		d, _ := parseDocument(stale)
		if _, err := applyProjected(d, fields, p); !isPatchConflict(err) {
			t.Fatalf("stale base %s: the projected apply gives %v, want a failed guard", stale, err)
		}
	}
}

// brokenRequired lists required fields the edit removes, nulls or empties.
func brokenRequired(orig, edited map[string]any, rules Rules) []string {
	var out []string
	for _, f := range rules.Fields {
		if !f.Required {
			continue
		}
		ov, inOld := orig[f.Name]
		nv, inNew := edited[f.Name]
		if inOld == inNew && (!inOld || sameValue(ov, nv)) {
			continue // unchanged
		}
		if !inNew || nv == nil || nv == "" || reflect.DeepEqual(nv, []any{}) || reflect.DeepEqual(nv, map[string]any{}) {
			out = append(out, f.Name)
		}
	}
	return out
}

func oracleRejected(orig, edited map[string]any, rules Rules) []string {
	allowed := map[string]bool{}
	for _, f := range rules.Fields {
		allowed[f.Name] = true
	}
	var out []string
	for k, ov := range orig {
		if nv, ok := edited[k]; !allowed[k] && (!ok || !sameValue(ov, nv)) {
			out = append(out, k)
		}
	}
	for k := range edited {
		if _, ok := orig[k]; !ok && !allowed[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func mustMarshal(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
