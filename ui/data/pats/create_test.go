package pats

import (
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	if err := CheckName("  ci  ", nil); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "   ", "a\x1b[2Jb"} {
		if err := CheckName(bad, nil); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if err := CheckName(" ci ", []string{"ci"}); err == nil || !strings.Contains(err.Error(), "already") {
		t.Errorf("duplicate: %v", err)
	}
}

func TestCheckScopes(t *testing.T) {
	if err := CheckScopes([]string{"sp:scopes:all", "idn:x:read"}); err != nil {
		t.Fatal(err)
	}
	// None would mean the broadest: it must be asked for, not defaulted.
	for _, none := range [][]string{nil, {}} {
		if err := CheckScopes(none); err == nil || !strings.Contains(err.Error(), "sp:scopes:all") {
			t.Fatalf("empty: %v", err)
		}
	}
	for _, bad := range []string{"sp:scopes:all idn:x:read", "a, b", ":x", "sp:\x1b[2J"} {
		if err := CheckScopes([]string{bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestCheckValidity(t *testing.T) {
	for in, ok := range map[string]bool{"15": true, "43200": true, " 600 ": true, "14": false, "43201": false, "1e3": false, "": false, "-5": false} {
		if err := CheckValidity(in); (err == nil) != ok {
			t.Errorf("%q: err=%v", in, err)
		}
	}
}
