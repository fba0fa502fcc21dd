package pats

import (
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
)

var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func daysAgo(d int) time.Time { return testNow.Add(-time.Duration(d) * 24 * time.Hour) }

func ptr[T any](v T) *T { return &v }

func TestStaleRule(t *testing.T) {
	after := 90 * 24 * time.Hour
	cases := []struct {
		name string
		tok  client.PersonalAccessToken
		want stale.Reason
	}{
		{"used yesterday", client.PersonalAccessToken{Created: daysAgo(400), LastUsed: ptr(daysAgo(1))}, stale.NotStale},
		{"used 91 days ago", client.PersonalAccessToken{Created: daysAgo(400), LastUsed: ptr(daysAgo(91))}, stale.Unused},
		{"used exactly 90 days ago", client.PersonalAccessToken{Created: daysAgo(400), LastUsed: ptr(daysAgo(90))}, stale.NotStale},
		{"never used, old", client.PersonalAccessToken{Created: daysAgo(91)}, stale.NeverUsed},
		{"never used, new", client.PersonalAccessToken{Created: daysAgo(89)}, stale.NotStale},
		{"expired but used", client.PersonalAccessToken{Created: daysAgo(10), LastUsed: ptr(daysAgo(1)), ExpirationDate: ptr(daysAgo(1))}, stale.Expired},
		{"expires now", client.PersonalAccessToken{Created: daysAgo(10), LastUsed: ptr(daysAgo(1)), ExpirationDate: ptr(testNow)}, stale.Expired},
		{"expires later", client.PersonalAccessToken{Created: daysAgo(10), LastUsed: ptr(daysAgo(1)), ExpirationDate: ptr(testNow.Add(time.Hour))}, stale.NotStale},
		{"never-expiring flag wins over a date", client.PersonalAccessToken{Created: daysAgo(10), LastUsed: ptr(daysAgo(1)), ExpirationDate: ptr(daysAgo(1)), UserAwareTokenNeverExpires: true}, stale.NotStale},
	}
	for _, c := range cases {
		if got := Stale(&c.tok, testNow, after); got != c.want {
			t.Errorf("%s: Stale = %v, want %v", c.name, got, c.want)
		}
	}
	// The threshold is a parameter, not a constant.
	tok := client.PersonalAccessToken{Created: daysAgo(400), LastUsed: ptr(daysAgo(20))}
	if Stale(&tok, testNow, 14*24*time.Hour) != stale.Unused {
		t.Error("14-day threshold not applied")
	}
}

func TestExplainSaysWhy(t *testing.T) {
	after := 90 * 24 * time.Hour
	cases := []struct {
		tok  client.PersonalAccessToken
		want string
	}{
		{client.PersonalAccessToken{Created: daysAgo(3)}, "not stale: never used, created 3d ago (threshold 90d)"},
		{client.PersonalAccessToken{Created: daysAgo(120)}, "stale: never used, created 4mo ago (threshold 90d)"},
		{client.PersonalAccessToken{Created: daysAgo(800), LastUsed: ptr(daysAgo(400))}, "stale: last used 13mo ago (threshold 90d)"},
		{client.PersonalAccessToken{Created: daysAgo(800), LastUsed: ptr(daysAgo(5))}, "not stale: last used 5d ago (threshold 90d)"},
		{client.PersonalAccessToken{Created: daysAgo(800), LastUsed: ptr(daysAgo(1)), ExpirationDate: ptr(daysAgo(60))}, "stale: expired 2mo ago"},
		// A last use slightly ahead of our clock (server skew) is "just now".
		{client.PersonalAccessToken{Created: daysAgo(8), LastUsed: ptr(testNow.Add(time.Minute))}, "not stale: last used just now (threshold 90d)"},
	}
	for _, c := range cases {
		v := Explain(&c.tok, testNow, after)
		if got := v.String(); got != c.want {
			t.Errorf("Explain = %q, want %q", got, c.want)
		}
		if v.Reason != Stale(&c.tok, testNow, after) || v.Stale() != (v.Reason != stale.NotStale) {
			t.Errorf("Explain and Stale disagree on %q", c.want)
		}
	}
	v := Explain(&client.PersonalAccessToken{Created: daysAgo(2)}, testNow, 36*time.Hour)
	if got := v.String(); got != "stale: never used, created 2d ago (threshold 36h)" {
		t.Errorf("36h threshold: %q", got)
	}
}

// The risk flags: all-powerful, an admin owner, no expiry, an expiry
// within 30 days; the RISK sort puts the riskiest first.
func TestRiskFlags(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	soon, later := now.Add(10*24*time.Hour), now.Add(90*24*time.Hour)
	admin := owners.Info{State: owners.Active, Capabilities: []string{"ORG_ADMIN"}, CapsKnown: true}
	toks := []client.PersonalAccessToken{
		{ID: "a", Scope: []string{"sp:scopes:all"}, UserAwareTokenNeverExpires: true},
		{ID: "b", Scope: []string{"x"}, ExpirationDate: &soon},
		{ID: "c", Scope: []string{"x"}, ExpirationDate: &later},
	}
	if got := RiskOf(&toks[0], now, admin).Letters(); got != "ADN" {
		t.Fatalf("a: %q", got)
	}
	if got := RiskOf(&toks[1], now, owners.Info{}).Letters(); got != "E" {
		t.Fatalf("b: %q", got)
	}
	if got := RiskOf(&toks[2], now, owners.Info{}); got != 0 {
		t.Fatalf("c: %v", got)
	}
	tbl := BuildRowsWith(toks, now, stale.DefaultAfter, func(string) owners.Info { return admin }, true)
	order := SortedOrder(tbl.Rows, table.Sort{Col: int(ColRisk)})
	if tbl.Rows[order[0]].Tok.ID != "a" || tbl.Rows[order[2]].Tok.ID != "c" {
		t.Fatalf("risk order %v", order)
	}
}
