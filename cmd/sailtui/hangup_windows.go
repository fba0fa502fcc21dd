//go:build windows

package main

import (
	"os"
	"syscall"
)

// hangupSignals end the program as quitting does. On Windows, closing the
// console window (and logging off, shutting down) reaches Go as SIGTERM:
// the counterpart of SIGHUP. Bubble Tea quits on it too, but not while
// the terminal is handed to an editor; this catches it then as well.
func hangupSignals() []os.Signal { return []os.Signal{syscall.SIGTERM} }
