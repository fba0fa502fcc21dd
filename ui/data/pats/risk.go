package pats

import (
	"slices"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/owners"
)

// Risk flags beside the stale verdict. The bits weigh what a token could
// do if it leaked: all of its owner's rights first, an admin's rights
// next, no end date, then an end date so near that an integration breaks.
// The RISK column sorts by their sum.
type Risk uint8

const (
	RiskExpiringSoon Risk = 1 << iota // expires within ExpiringSoon
	RiskNeverExpires                  // no expiry
	RiskAdminOwner                    // the owner is an admin (auth user capabilities)
	RiskAllPowerful                   // sp:scopes:all: every right of its owner
)

// ExpiringSoon is how near an expiry counts as soon.
const ExpiringSoon = 30 * 24 * time.Hour

// RiskOf is t's flags at now, knowing its owner o.
func RiskOf(t *client.PersonalAccessToken, now time.Time, o owners.Info) Risk {
	var r Risk
	if slices.Contains(t.Scope, "sp:scopes:all") {
		r |= RiskAllPowerful
	}
	if o.Admin() {
		r |= RiskAdminOwner
	}
	switch {
	case t.UserAwareTokenNeverExpires || t.ExpirationDate == nil:
		r |= RiskNeverExpires
	case t.ExpirationDate.After(now) && t.ExpirationDate.Sub(now) <= ExpiringSoon:
		r |= RiskExpiringSoon
	}
	return r
}

// riskWords are each flag's letter (the RISK column), its name and its
// words (details, reports).
type riskWord struct {
	flag                 Risk
	letter, name, phrase string
}

func riskWords() []riskWord {
	return []riskWord{
		{RiskAllPowerful, "A", "all-powerful", "all-powerful (sp:scopes:all)"},
		{RiskAdminOwner, "D", "admin-owner", "owner is an admin"},
		{RiskNeverExpires, "N", "never-expires", "never expires"},
		{RiskExpiringSoon, "E", "expiring-soon", "expires within 30 days"},
	}
}

// Letters are the flags in short: "AN".
func (r Risk) Letters() string {
	var b strings.Builder
	for _, w := range riskWords() {
		if r&w.flag != 0 {
			b.WriteString(w.letter)
		}
	}
	return b.String()
}

// Phrases are the flags in words.
func (r Risk) Phrases() []string {
	var out []string
	for _, w := range riskWords() {
		if r&w.flag != 0 {
			out = append(out, w.phrase)
		}
	}
	return out
}

// Names are the flags' names: "all-powerful never-expires" (reports).
func (r Risk) Names() string {
	var out []string
	for _, w := range riskWords() {
		if r&w.flag != 0 {
			out = append(out, w.name)
		}
	}
	return strings.Join(out, " ")
}

// ExpiresBy reports whether t already expires at or before at: a bulk
// expiry to at leaves it alone, since it would only lengthen its life.
func ExpiresBy(t *client.PersonalAccessToken, at time.Time) bool {
	return t.ExpirationDate != nil && !t.ExpirationDate.After(at)
}
