// Package userdirs says where sailtui keeps its files on each system:
// settings and themes in the configuration folder, logs, the audit log
// and reports in the state folder. The XDG variables win wherever they
// are set (absolute); without them each system's own convention holds,
// inside the user's own profile (file modes such as 0600 mean nothing on
// Windows, so the place is the protection). It is pure: the system and
// the environment are arguments, so every system's answer is testable on
// any other.
package userdirs

import "strings"

// Env is the system asked about and its environment.
type Env struct {
	GOOS   string                      // runtime.GOOS
	Getenv func(string) (string, bool) // os.LookupEnv
}

func (e Env) get(k string) string {
	if e.Getenv == nil {
		return ""
	}
	v, _ := e.Getenv(k)
	return v
}

// Home is the user's home folder ("" when the environment has none):
// USERPROFILE on Windows, HOME elsewhere, as os.UserHomeDir reads them.
func Home(e Env) string {
	if e.GOOS == "windows" {
		return e.get("USERPROFILE")
	}
	return e.get("HOME")
}

// Config is sailtui's configuration folder ("" when there is no home):
// $XDG_CONFIG_HOME/sailtui; else %APPDATA%\sailtui on Windows,
// ~/Library/Application Support/sailtui on macOS, ~/.config/sailtui
// elsewhere.
func Config(e Env) string {
	if d := e.get("XDG_CONFIG_HOME"); IsAbs(e.GOOS, d) {
		return Join(e.GOOS, d, "sailtui")
	}
	switch e.GOOS {
	case "windows":
		if d := e.get("APPDATA"); IsAbs(e.GOOS, d) {
			return Join(e.GOOS, d, "sailtui")
		}
		return inHome(e, "AppData", "Roaming", "sailtui")
	case "darwin", "ios":
		return inHome(e, "Library", "Application Support", "sailtui")
	}
	return inHome(e, ".config", "sailtui")
}

// State is sailtui's state folder (logs, the audit log, reports; ""
// when there is no home): $XDG_STATE_HOME/sailtui; else
// %LOCALAPPDATA%\sailtui on Windows, ~/Library/Application
// Support/sailtui/state on macOS, ~/.local/state/sailtui elsewhere.
func State(e Env) string {
	if d := e.get("XDG_STATE_HOME"); IsAbs(e.GOOS, d) {
		return Join(e.GOOS, d, "sailtui")
	}
	switch e.GOOS {
	case "windows":
		if d := e.get("LOCALAPPDATA"); IsAbs(e.GOOS, d) {
			return Join(e.GOOS, d, "sailtui")
		}
		return inHome(e, "AppData", "Local", "sailtui")
	case "darwin", "ios":
		return inHome(e, "Library", "Application Support", "sailtui", "state")
	}
	return inHome(e, ".local", "state", "sailtui")
}

func inHome(e Env, parts ...string) string {
	h := Home(e)
	if !IsAbs(e.GOOS, h) {
		return ""
	}
	return Join(e.GOOS, append([]string{h}, parts...)...)
}

// IsAbs reports whether p is absolute on goos (a relative XDG value is
// invalid and ignored, as the XDG spec says).
func IsAbs(goos, p string) bool {
	if goos != "windows" {
		return strings.HasPrefix(p, "/")
	}
	if strings.HasPrefix(p, `\\`) || strings.HasPrefix(p, "//") { // UNC
		return true
	}
	return len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') &&
		(p[0] >= 'A' && p[0] <= 'Z' || p[0] >= 'a' && p[0] <= 'z')
}

// Join joins with goos's separator, without doubling one.
func Join(goos string, parts ...string) string {
	sep := "/"
	if goos == "windows" {
		sep = `\`
	}
	out := strings.TrimRight(parts[0], `/\`)
	if out == "" {
		out = parts[0][:min(len(parts[0]), 1)]
	}
	for _, p := range parts[1:] {
		out = strings.TrimRight(out, `/\`) + sep + strings.Trim(p, `/\`)
	}
	return out
}
