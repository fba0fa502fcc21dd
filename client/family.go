package client

import (
	"fmt"
	"strings"
)

// Family is an ISC API path family. Legacy families put the version before
// the resource (/v2025/personal-access-tokens); the 2026 per-service
// versioning puts it after (/personal-access-tokens/v1).
type Family string

// The families sailtui speaks (isc-api.md §0).
const (
	FamilyV1    Family = "v1"
	FamilyV2026 Family = "v2026"
	FamilyV2025 Family = "v2025"
	FamilyV2024 Family = "v2024"
	FamilyV3    Family = "v3"
	FamilyBeta  Family = "beta"
)

// Families lists every supported family, newest style first.
func Families() []Family {
	return []Family{FamilyV1, FamilyV2026, FamilyV2025, FamilyV2024, FamilyV3, FamilyBeta}
}

// ParseFamily accepts a family name case-insensitively, with or without
// slashes ("v2025", "/v2025", "V1"). The empty string means FamilyV1.
func ParseFamily(s string) (Family, error) {
	norm := strings.ToLower(strings.Trim(strings.TrimSpace(s), "/"))
	if norm == "" {
		return FamilyV1, nil
	}
	for _, f := range Families() {
		if string(f) == norm {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown API family %q (want one of v1, v2026, v2025, v2024, v3, beta)", s)
}

func (f Family) orDefault() Family {
	if f == "" {
		return FamilyV1
	}
	return f
}

// HasSourceApps reports whether the family has source-app endpoints (v3 does not).
func (f Family) HasSourceApps() bool { return f.orDefault() != FamilyV3 }

// SupportsNeverExpiring reports whether PATs of this family carry
// userAwareTokenNeverExpires and accept a null / patchable expirationDate.
func (f Family) SupportsNeverExpiring() bool {
	switch f.orDefault() {
	case FamilyV1, FamilyV2025, FamilyV2026:
		return true
	}
	return false
}

// SourceAppsExperimental reports whether source-app calls need
// X-SailPoint-Experimental: true. Every family but beta does; PAT endpoints
// never do.
func (f Family) SourceAppsExperimental() bool { return f.orDefault() != FamilyBeta }

// PATPath is the collection path of personal access tokens.
func (f Family) PATPath() string {
	if f = f.orDefault(); f == FamilyV1 {
		return "/personal-access-tokens/v1"
	}
	return "/" + string(f) + "/personal-access-tokens"
}

// SourceAppsPath is the collection path of source apps ("" for v3, which has none).
func (f Family) SourceAppsPath() string {
	switch f = f.orDefault(); f {
	case FamilyV1:
		return "/source-apps/v1"
	case FamilyV3:
		return ""
	}
	return "/" + string(f) + "/source-apps"
}

// OAuthClientsPath is the collection path of API clients (OAuth
// clients, isc-api.md §7); every family has it.
func (f Family) OAuthClientsPath() string {
	if f = f.orDefault(); f == FamilyV1 {
		return "/oauth-clients/v1"
	}
	return "/" + string(f) + "/oauth-clients"
}

// PublicIdentitiesPath is the collection path of public identities
// (isc-api.md §8). Beta has none: it takes v1's.
func (f Family) PublicIdentitiesPath() string {
	switch f = f.orDefault(); f {
	case FamilyV1, FamilyBeta:
		return "/public-identities/v1"
	}
	return "/" + string(f) + "/public-identities"
}

// AuthUsersPath is the collection path of auth users (isc-api.md §9),
// by identity id. Beta does not mount it: it takes v1's.
func (f Family) AuthUsersPath() string {
	switch f = f.orDefault(); f {
	case FamilyV1, FamilyBeta:
		return "/auth-users/v1"
	}
	return "/" + string(f) + "/auth-users"
}

// String returns the family name.
func (f Family) String() string { return string(f.orDefault()) }
