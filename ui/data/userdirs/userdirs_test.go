package userdirs

import "testing"

func env(goos string, kv ...string) Env {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return Env{GOOS: goos, Getenv: func(k string) (string, bool) { v, ok := m[k]; return v, ok }}
}

func TestEachSystemsFolders(t *testing.T) {
	for _, tc := range []struct {
		name          string
		e             Env
		config, state string
	}{
		{"linux", env("linux", "HOME", "/home/ada"), "/home/ada/.config/sailtui", "/home/ada/.local/state/sailtui"},
		{"linux XDG", env("linux", "HOME", "/home/ada", "XDG_CONFIG_HOME", "/cfg", "XDG_STATE_HOME", "/st/"),
			"/cfg/sailtui", "/st/sailtui"},
		{"linux relative XDG ignored", env("linux", "HOME", "/home/ada", "XDG_CONFIG_HOME", "cfg", "XDG_STATE_HOME", "st"),
			"/home/ada/.config/sailtui", "/home/ada/.local/state/sailtui"},
		{"linux no home", env("linux"), "", ""},
		{"macOS", env("darwin", "HOME", "/Users/ada"),
			"/Users/ada/Library/Application Support/sailtui", "/Users/ada/Library/Application Support/sailtui/state"},
		{"macOS XDG", env("darwin", "HOME", "/Users/ada", "XDG_STATE_HOME", "/Users/ada/.local/state"),
			"/Users/ada/Library/Application Support/sailtui", "/Users/ada/.local/state/sailtui"},
		{"windows", env("windows", "USERPROFILE", `C:\Users\ada`, "APPDATA", `C:\Users\ada\AppData\Roaming`,
			"LOCALAPPDATA", `C:\Users\ada\AppData\Local`), `C:\Users\ada\AppData\Roaming\sailtui`, `C:\Users\ada\AppData\Local\sailtui`},
		{"windows without APPDATA", env("windows", "USERPROFILE", `C:\Users\ada`, "HOME", "/home/x"),
			`C:\Users\ada\AppData\Roaming\sailtui`, `C:\Users\ada\AppData\Local\sailtui`},
		{"windows XDG", env("windows", "USERPROFILE", `C:\Users\ada`, "XDG_CONFIG_HOME", `D:\cfg`, "XDG_STATE_HOME", "/unix/style"),
			`D:\cfg\sailtui`, `C:\Users\ada\AppData\Local\sailtui`},
		{"windows UNC", env("windows", "APPDATA", `\\srv\profiles\ada`, "LOCALAPPDATA", `\\srv\profiles\ada\local`),
			`\\srv\profiles\ada\sailtui`, `\\srv\profiles\ada\local\sailtui`},
	} {
		if got := Config(tc.e); got != tc.config {
			t.Errorf("%s: config %q, want %q", tc.name, got, tc.config)
		}
		if got := State(tc.e); got != tc.state {
			t.Errorf("%s: state %q, want %q", tc.name, got, tc.state)
		}
	}
}

func TestHome(t *testing.T) {
	if h := Home(env("windows", "HOME", "/x", "USERPROFILE", `C:\Users\ada`)); h != `C:\Users\ada` {
		t.Errorf("windows home %q", h)
	}
	if h := Home(env("darwin", "HOME", "/Users/ada")); h != "/Users/ada" {
		t.Errorf("macOS home %q", h)
	}
}
