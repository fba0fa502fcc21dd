package patchdiff

import (
	"fmt"
	"strings"
)

// ArrayMode says how a changed array field becomes ops.
type ArrayMode int

const (
	// ArrayReplace replaces the whole array (guarded by a test of the whole
	// old array). It is the default and always correct.
	ArrayReplace ArrayMode = iota
	// ArraySetOps removes dropped elements by index (highest first, each
	// guarded by a test of the removed element) and appends new ones with
	// add /field/-. Used only when the kept elements are, in order, a prefix
	// of the edited array and the edit is not a reorder; otherwise the field
	// falls back to ArrayReplace.
	ArraySetOps
)

// Field is one patchable top-level member.
type Field struct {
	Name     string    // top-level member, e.g. "name", "scope", "owner"
	Required bool      // may never be removed or set to null/empty ("name", "description", "owner" on apps)
	Array    ArrayMode // ArrayReplace (default) or ArraySetOps
	NoGuard  bool      // no test op for this field (e.g. accessProfiles, which GET does not return)
}

// Rules is the allow-list and the guard policy for one resource type.
type Rules struct {
	Fields []Field // the allow-list, in emission order
	Guard  bool    // emit a test of the old value before each replace/remove
}

// PATRules are the patchable fields of a personal access token. Every API
// family can patch name and scope; v2025, v2026 and v1 also patch
// expirationDate (null means never expires) and userAwareTokenNeverExpires.
func PATRules(neverExpiringSupported bool) Rules {
	fields := []Field{
		{Name: "name", Required: true},
		{Name: "scope"},
	}
	if neverExpiringSupported {
		fields = append(fields,
			Field{Name: "expirationDate"},
			Field{Name: "userAwareTokenNeverExpires"},
		)
	}
	return Rules{Fields: fields, Guard: true}
}

// PATBulkRules are what the admin bulk update may change of another
// owner's token: its expiry only, and with no test guard, which the bulk
// update does not take (isc-api.md §10).
func PATBulkRules() Rules {
	return Rules{Fields: []Field{{Name: "expirationDate"}, {Name: "userAwareTokenNeverExpires"}}}
}

// SourceAppRules are the patchable fields of a source app. Name, description
// and owner cannot be removed, null or empty. accessProfiles is unguarded
// because GET does not return it, so its current value is unknown.
func SourceAppRules() Rules {
	return Rules{
		Fields: []Field{
			{Name: "name", Required: true},
			{Name: "description", Required: true},
			{Name: "enabled"},
			{Name: "owner", Required: true},
			{Name: "provisionRequestEnabled"},
			{Name: "appCenterEnabled"},
			{Name: "accountSource"},
			{Name: "matchAllAccounts"},
			{Name: "accessProfiles", NoGuard: true},
		},
		Guard: true,
	}
}

// OAuthClientRules are the patchable fields of an API client (isc-api.md
// §7), every one guarded. scope, type and internal are not patchable.
func OAuthClientRules() Rules {
	return Rules{
		Fields: []Field{
			{Name: "name", Required: true},
			{Name: "description"},
			{Name: "businessName"},
			{Name: "homepageUrl"},
			{Name: "enabled"},
			{Name: "accessTokenValiditySeconds", Required: true},
			{Name: "refreshTokenValiditySeconds"},
			{Name: "grantTypes", Required: true},
			{Name: "redirectUris"},
			{Name: "accessType", Required: true},
			{Name: "strongAuthSupported"},
			{Name: "claimsSupported"},
		},
		Guard: true,
	}
}

// compiledField is a Field with its JSON pointer and effective guard.
type compiledField struct {
	Field
	pointer string // "/" + escaped name, set by Diff once the field changed
	guarded bool   // Rules.Guard && !NoGuard
}

// compile checks the rules. Pointers are built only for changed fields.
func (r Rules) compile() ([]compiledField, error) {
	out := make([]compiledField, len(r.Fields))
	for i, f := range r.Fields {
		if f.Name == "" {
			return nil, fmt.Errorf("%w: field %d has an empty name", ErrInvalidRules, i)
		}
		for _, g := range r.Fields[:i] {
			if g.Name == f.Name {
				return nil, fmt.Errorf("%w: field %q is listed twice", ErrInvalidRules, f.Name)
			}
		}
		if f.Array != ArrayReplace && f.Array != ArraySetOps {
			return nil, fmt.Errorf("%w: field %q has unknown array mode %d", ErrInvalidRules, f.Name, f.Array)
		}
		out[i] = compiledField{Field: f, guarded: r.Guard && !f.NoGuard}
	}
	return out, nil
}

// allows reports whether name is in the compiled allow-list.
func allows(fields []compiledField, name string) bool {
	for i := range fields {
		if fields[i].Name == name {
			return true
		}
	}
	return false
}

// escapePointer escapes one RFC 6901 reference token: "~" → "~0", "/" → "~1".
func escapePointer(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(token)
}
