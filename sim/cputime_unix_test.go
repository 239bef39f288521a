//go:build unix

package sim

import "syscall"

// processCPU returns the user and system time this process has used, in
// seconds, or 0 where it cannot be known.
func processCPU() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
