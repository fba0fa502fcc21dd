package tokens

import (
	"strings"
	"testing"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/editdoc"
)

// Read-only mode and an unwritable audit log disable e, E and u with the
// reason, like delete.
func TestEditKeysDisabledWithReason(t *testing.T) {
	m := newTestModel(t, nil, Options{ReadOnly: true})
	for _, k := range []string{"e", "E", "u"} {
		toasts := shellToasts(press(t, m, k))
		if len(toasts) != 1 || !strings.Contains(toasts[0], "is disabled: read-only mode") {
			t.Errorf("%s in read-only: %q", k, toasts)
		}
	}
	m = newTestModel(t, nil, Options{})
	m.keys.DisableChanges("audit log not writable: /x: permission denied")
	if toasts := shellToasts(press(t, m, "e")); len(toasts) != 1 || !strings.Contains(toasts[0], "audit log not writable") {
		t.Errorf("e with the audit log down: %q", toasts)
	}
}

// The form offers exactly the family's patchable fields: expiry on
// v2025/v2026/v1, read-only elsewhere.
func TestTokenFieldsFollowTheFamily(t *testing.T) {
	m := newTestModel(t, nil, Options{})
	for _, tc := range []struct {
		family   client.Family
		editable bool
	}{{client.FamilyV1, true}, {client.FamilyV2025, true}, {client.FamilyV3, false}, {client.FamilyBeta, false}, {client.FamilyV2024, false}} {
		m.opts.Family = tc.family
		tg, err := m.tokenTarget(fixture()[0])
		if err != nil {
			t.Fatal(err)
		}
		var expiry editdoc.Field
		for _, f := range tg.Fields {
			if f.Name == "expirationDate" {
				expiry = f
			}
		}
		patchable := false
		for _, f := range tg.Rules.Fields {
			patchable = patchable || f.Name == "expirationDate"
		}
		if expiry.ReadOnly == tc.editable || patchable != tc.editable {
			t.Errorf("%s: expiry field %+v, patchable %v", tc.family, expiry, patchable)
		}
	}
}
