package filter

import (
	"testing"
)

// FuzzParse: Parse never panics, and whatever it accepts prints to a form
// that parses back to the same tree and the same text.
func FuzzParse(f *testing.F) {
	seeds := []string{
		`lastUsed le 2023-02-05T10:59:27.214Z`,
		`lastUsed isnull or lastUsed le 2025-01-01T00:00:00Z`,
		`name eq "source app name"`,
		`enabled eq true`,
		`id in ("a","b")`,
		`pr accountRequestInfo`,
		`not (a eq 1 or b ne -2.5e3) and c co "x\"y\\z%23"`,
		`((a isnull))`,
		`tags ca ("x", "y")`,
		`name EQ "x"`,
		`a eq 1 and`,
		`pr isnull`,
		`"unterminated`,
		`created gt 2018-12-18T23:05:55+02:00`,
		"name eq \"\x1b[2J\"",
		`in eq 1 or not not x sw "日本"`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s)
		if err != nil {
			return
		}
		s1 := e.String()
		e2, err := Parse(s1)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its String %q does not parse: %v", s, s1, err)
		}
		if s2 := e2.String(); s2 != s1 {
			t.Fatalf("unstable: %q -> %q -> %q", s, s1, s2)
		}
		if !equivalent(e, e2) {
			t.Fatalf("tree changed for %q: %#v vs %#v", s, e, e2)
		}
	})
}
