//go:build unix

package ner

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, user plus system. The
// benchmarks report throughput per CPU second too, because the wall-clock
// figure is meaningless on a machine shared with other jobs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
