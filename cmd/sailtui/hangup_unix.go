//go:build !windows

package main

import (
	"os"
	"syscall"
)

// hangupSignals end the program as quitting does: SIGHUP, a closed
// terminal or a dropped SSH session.
func hangupSignals() []os.Signal { return []os.Signal{syscall.SIGHUP} }
