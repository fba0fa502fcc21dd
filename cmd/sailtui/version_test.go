package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionText(t *testing.T) {
	checkout := &debug.BuildInfo{GoVersion: "go1.25.1", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-04T16:00:00Z"},
		{Key: "vcs.modified", Value: "true"}}}
	installed := &debug.BuildInfo{GoVersion: "go1.25.1", Main: debug.Module{Version: "v0.4.0"}}
	for _, c := range []struct {
		ld   string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"dev", checkout, true, "sailtui dev (revision 0123456789ab-dirty, 2026-12-04T16:00:00Z, go1.25.1)"},
		{"dev", installed, true, "sailtui v0.4.0 (go1.25.1)"},
		{"v1.0.0", installed, true, "sailtui v1.0.0 (go1.25.1)"},
		{"dev", nil, false, "sailtui dev"},
	} {
		if got := versionText(c.ld, c.info, c.ok); got != c.want {
			t.Errorf("%q → %q, want %q", c.ld, got, c.want)
		}
	}
}
