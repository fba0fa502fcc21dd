//go:build linux || darwin || freebsd || netbsd || openbsd

package patchdiff

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used (user + system, all
// threads). On the shared test machine wall time per op swings with other
// load; CPU time per op does not, so benchmarks report both.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
