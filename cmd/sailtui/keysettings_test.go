package main

import "testing"

// Keys a terminal sends are taken, with space by name; others, and
// ctrl+c, are refused.
func TestCheckKey(t *testing.T) {
	for _, k := range []string{"D", "é", " ", "ctrl+d", "alt+d", "alt+enter", "f5", "shift+tab", "pgdown", "delete", "ctrl+shift+up"} {
		if err := checkKey(k); err != nil {
			t.Errorf("%q refused: %v", k, err)
		}
	}
	for _, k := range []string{"ctrl+c", "ctlr+d", "DD", "shift+alt", "space bar", "f25"} {
		if err := checkKey(k); err == nil {
			t.Errorf("%q accepted", k)
		}
	}
}
