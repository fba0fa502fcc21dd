package pats

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// The rules of a new token, checked before any request (isc-api.md §1).

// Validity bounds of accessTokenValiditySeconds.
const (
	MinValidity     = 15
	MaxValidity     = 43200
	DefaultValidity = 43200
)

// DefaultScopes are the scopes offered for completion: the two umbrella
// scopes and the PAT rights.
func DefaultScopes() []string {
	return []string{
		"sp:scopes:all",
		"sp:scopes:default",
		"sp:my-personal-access-tokens:read",
		"sp:my-personal-access-tokens:manage",
		"sp:all-personal-access-tokens:read",
		"sp:all-personal-access-tokens:manage",
		"idn:my-personal-access-tokens:read",
		"idn:all-personal-access-tokens:read",
		"idn:managed-personal-access-tokens:read",
	}
}

// scopePattern is what a scope looks like: "sp:scopes:all", "idn:x-y:read".
var scopePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9:._*-]*$`)

// CheckName checks a new token's name; taken are the owner's existing
// names (unique per owner: the server would reject a duplicate).
func CheckName(raw string, taken []string) error {
	name := strings.TrimSpace(raw)
	switch {
	case name == "":
		return fmt.Errorf("enter a name")
	case sanitize.Line(name) != name:
		return fmt.Errorf("the name contains control characters")
	case slices.Contains(taken, name):
		return fmt.Errorf("you already have a token named %q", name)
	}
	return nil
}

// CheckScopes checks a new token's scopes: at least one, each shaped like
// a scope. None would not mean none: the server gives a token sent without
// scopes the broadest one, sp:scopes:all, so that must be asked for by name.
func CheckScopes(scopes []string) error {
	if len(scopes) == 0 {
		return fmt.Errorf("choose at least one scope: none would give the broadest, sp:scopes:all (add it if that is what you want)")
	}
	for _, sc := range scopes {
		if !scopePattern.MatchString(sc) {
			return fmt.Errorf("%q is not a scope (add one scope at a time)", sanitize.Line(sc))
		}
	}
	return nil
}

// CheckValidity checks the access-token validity in whole seconds.
func CheckValidity(raw string) error {
	v, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || v < MinValidity || v > MaxValidity {
		return fmt.Errorf("enter whole seconds from %d to %d (12 hours)", MinValidity, MaxValidity)
	}
	return nil
}
