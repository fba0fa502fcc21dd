package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// The keyring library reaches the Secret Service over the D-Bus session
// bus, and its D-Bus client starts a bus of its own (dbus-launch) when it
// finds none. That bus and its keyring daemon outlive sailtui: one per
// lookup, piling up on an SSH session until programs run out of files.
// So sailtui looks for the session bus itself, as the D-Bus client would
// short of launching one, and without one it does not ask.

// errNoSessionBus says why the keyring was not asked.
var errNoSessionBus = errors.New("no D-Bus session bus here (DBUS_SESSION_BUS_ADDRESS is unset, as on an SSH login), " +
	"so the Secret Service keyring cannot be reached; sailtui does not start a bus of its own")

// sessionBusFound reports whether the D-Bus client would find a session
// bus without launching one: the address in the environment, or the
// per-user bus socket or address file under /run/user/UID. goos is
// runtime.GOOS: macOS and Windows keyrings use no bus.
func sessionBusFound(goos string, getenv func(string) string, exists func(string) bool, uid int) bool {
	if goos == "darwin" || goos == "windows" {
		return true
	}
	if a := getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return true
	}
	dir := filepath.Join("/run/user", strconv.Itoa(uid))
	return exists(filepath.Join(dir, "bus")) || exists(filepath.Join(dir, "dbus-session"))
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// keyringUnreachable is errNoSessionBus for service/user when this process
// has no session bus, else nil.
func keyringUnreachable(goos, service, user string) error {
	if sessionBusFound(goos, os.Getenv, fileExists, os.Getuid()) {
		return nil
	}
	return fmt.Errorf("keyring entry %s for %q: %w", service, user, errNoSessionBus)
}
