package main

import (
	"runtime/debug"
	"strings"
)

// versionText is what --version prints: the release (a -ldflags version,
// else the module version `go install …@v1.2.3` records) and the VCS
// revision a build from a checkout records, so a bug report names the
// exact build.
func versionText(ldflagVersion string, info *debug.BuildInfo, ok bool) string {
	v := ldflagVersion
	if (v == "" || v == "dev") && ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		v = "dev"
	}
	var rev, at string
	dirty := false
	if ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	var extra []string
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if dirty {
			rev += "-dirty"
		}
		extra = append(extra, "revision "+rev)
	}
	if at != "" {
		extra = append(extra, at)
	}
	if ok && info.GoVersion != "" {
		extra = append(extra, info.GoVersion)
	}
	if len(extra) == 0 {
		return "sailtui " + v
	}
	return "sailtui " + v + " (" + strings.Join(extra, ", ") + ")"
}
