package createform

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// Validity bounds of accessTokenValiditySeconds (isc-api.md §1).
const (
	MinValidity     = 15
	MaxValidity     = 43200
	DefaultValidity = 43200
)

// DateLayout is how the expiry date is typed.
const DateLayout = "2006-01-02"

// Never is what the user types for a token that never expires.
const Never = "never"

// DefaultScopes are the scopes offered for completion: the two umbrella
// scopes and the PAT rights from isc-api.md §1.
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

// ValidateName checks a token name; taken are the owner's existing names
// (names are unique per owner, so the server would reject a duplicate).
func ValidateName(raw string, taken []string) (string, error) {
	name := strings.TrimSpace(raw)
	switch {
	case name == "":
		return "", fmt.Errorf("enter a name")
	case sanitize.Line(name) != name:
		return "", fmt.Errorf("the name contains control characters")
	case slices.Contains(taken, name):
		return "", fmt.Errorf("you already have a token named %q", name)
	}
	return name, nil
}

// errNoScope: the server gives a token sent without scopes the broadest
// one, sp:scopes:all, so that must be asked for by name.
var errNoScope = fmt.Errorf("choose at least one scope: none would give the broadest, sp:scopes:all (type it if that is what you want)")

// ParseScopes splits a comma-separated list, dropping blanks and
// duplicates. An empty list is refused (see errNoScope).
func ParseScopes(raw string) ([]string, error) {
	var out []string
	for _, part := range strings.Split(raw, ",") {
		sc := strings.TrimSpace(part)
		if sc == "" || slices.Contains(out, sc) {
			continue
		}
		if !scopePattern.MatchString(sc) {
			return nil, fmt.Errorf("%q is not a scope (separate scopes with commas)", sanitize.Line(sc))
		}
		out = append(out, sc)
	}
	if len(out) == 0 {
		return nil, errNoScope
	}
	return out, nil
}

// UnknownScopes lists the scopes in raw that are not in known: allowed
// (a tenant may have its own), but worth a second look.
func UnknownScopes(raw string, known []string) []string {
	var out []string
	for _, part := range strings.Split(raw, ",") {
		if sc := strings.TrimSpace(part); sc != "" && !slices.Contains(known, sc) && !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	return out
}

// ParseValidity parses the access-token validity in seconds.
func ParseValidity(raw string) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || v < MinValidity || v > MaxValidity {
		return 0, fmt.Errorf("enter whole seconds from %d to %d (12 hours)", MinValidity, MaxValidity)
	}
	return v, nil
}

// Expiry is a parsed expiry field.
type Expiry struct {
	Never bool
	Date  *time.Time // midnight UTC of the typed day; nil with Never or when omitted
}

// ParseExpiry parses "YYYY-MM-DD" or "never". The date must be after now.
// neverOK says whether the API family has never-expiring tokens. An empty
// field is allowed only where the server has a finite default (families
// without never-expiring tokens); elsewhere omitting the date would mean
// "never", which must be asked for explicitly.
func ParseExpiry(raw string, now time.Time, neverOK bool) (Expiry, error) {
	v := strings.TrimSpace(raw)
	switch {
	case strings.EqualFold(v, Never):
		if !neverOK {
			return Expiry{}, fmt.Errorf("this API version has no never-expiring tokens; enter a date")
		}
		return Expiry{Never: true}, nil
	case v == "" && !neverOK:
		return Expiry{}, nil
	case v == "":
		return Expiry{}, fmt.Errorf(`enter a date (YYYY-MM-DD) or "never"`)
	}
	d, err := time.Parse(DateLayout, v)
	if err != nil {
		if neverOK {
			return Expiry{}, fmt.Errorf(`enter a date as YYYY-MM-DD, or "never"`)
		}
		return Expiry{}, fmt.Errorf("enter a date as YYYY-MM-DD")
	}
	if !d.After(now) {
		return Expiry{}, fmt.Errorf("the date must be in the future")
	}
	return Expiry{Date: &d}, nil
}

// buildRequest turns valid field values into the API request.
func buildRequest(name string, scopes []string, validity int, exp Expiry) client.CreatePATRequest {
	req := client.CreatePATRequest{Name: name, Scope: scopes, AccessTokenValiditySeconds: &validity}
	if exp.Never {
		t := true
		req.UserAwareTokenNeverExpires = &t
	}
	req.ExpirationDate = exp.Date
	return req
}

// completion is the scope suggestions for the segment being typed: the
// known scopes that start with it and are not already in the list.
func completion(raw string, known []string) (segment string, matches []string) {
	parts := strings.Split(raw, ",")
	segment = strings.TrimLeft(parts[len(parts)-1], " ")
	used := map[string]bool{}
	for _, p := range parts[:len(parts)-1] {
		used[strings.TrimSpace(p)] = true
	}
	for _, k := range known {
		if !used[k] && strings.HasPrefix(strings.ToLower(k), strings.ToLower(segment)) && k != segment {
			matches = append(matches, k)
		}
	}
	return segment, matches
}

// complete replaces the segment being typed with choice and starts the next.
func complete(raw, choice string) string {
	i := strings.LastIndex(raw, ",")
	prefix := ""
	if i >= 0 {
		prefix = strings.TrimRight(raw[:i+1], " ") + " "
	}
	return prefix + choice + ", "
}
