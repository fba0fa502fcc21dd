package main

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestSessionBusFound(t *testing.T) {
	env := func(addr string) func(string) string {
		return func(k string) string {
			if k == "DBUS_SESSION_BUS_ADDRESS" {
				return addr
			}
			return ""
		}
	}
	none := func(string) bool { return false }
	socket := func(p string) bool { return p == "/run/user/1000/bus" }
	for _, tc := range []struct {
		name   string
		goos   string
		addr   string
		exists func(string) bool
		want   bool
	}{
		{"address set", "linux", "unix:path=/run/user/1000/bus", none, true},
		{"ssh login, no bus", "linux", "", none, false},
		{"autolaunch is no address", "linux", "autolaunch:", none, false},
		{"systemd user bus", "linux", "", socket, true},
		{"BSD without bus", "freebsd", "", none, false},
		{"macOS keychain", "darwin", "", none, true},
		{"Windows credential manager", "windows", "", none, true},
	} {
		if got := sessionBusFound(tc.goos, env(tc.addr), tc.exists, 1000); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Without a session bus, a keyring lookup says why and how to pass the
// secret instead, and starts nothing: a stand-in dbus-launch on PATH
// (which, like the real one, would leave a process behind) is never run,
// and no process is left.
func TestKeyringLookupWithoutBusLaunchesNothing(t *testing.T) {
	if _, err := os.Stat(filepath.Join("/run/user", strconv.Itoa(os.Getuid()), "bus")); err == nil {
		t.Skip("this machine has a per-user session bus: a lookup finds it without launching one")
	}
	bin := t.TempDir()
	marker := filepath.Join(bin, "launched")
	const sleeper = "sleep 61.4142"
	script := "#!/bin/sh\ntouch " + marker + "\n(" + sleeper + " &)\necho DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent\n"
	if err := os.WriteFile(filepath.Join(bin, "dbus-launch"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	os.Unsetenv("DBUS_SESSION_BUS_ADDRESS")
	before := countProcesses(t, sleeper)
	for range 3 { // sailtui config, three times
		_, err := osKeyring(keyringClientSecret, "prod")
		if !errors.Is(err, errNoSessionBus) {
			t.Fatalf("lookup without a bus: %v", err)
		}
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("dbus-launch was run")
	}
	if after := countProcesses(t, sleeper); after != before {
		t.Fatalf("%d processes left behind", after-before)
	}
	var errb strings.Builder
	_, code, _ := parseFlagsKeyring("sailtui", nil, nil, envOf("HOME", sailHome(t,
		"activeenvironment: prod\nenvironments:\n  prod:\n    baseurl: https://acme.api.identitynow.com\n")),
		&strings.Builder{}, &errb, osKeyring)
	if msg := errb.String(); code != exitUsage || !strings.Contains(msg, "no D-Bus session bus") ||
		!strings.Contains(msg, "Set SAIL_CLIENT_ID and SAIL_CLIENT_SECRET") {
		t.Fatalf("exit %d: %s", code, msg)
	}
}

// countProcesses counts the processes whose command line is cmdline.
func countProcesses(t *testing.T, cmdline string) int {
	t.Helper()
	dirs, err := filepath.Glob("/proc/[0-9]*/cmdline")
	if err != nil || len(dirs) == 0 {
		t.Skipf("no /proc here: %v", err)
	}
	n := 0
	for _, p := range dirs {
		b, err := os.ReadFile(p)
		if err == nil && strings.TrimSpace(strings.ReplaceAll(string(b), "\x00", " ")) == cmdline {
			n++
		}
	}
	return n
}
