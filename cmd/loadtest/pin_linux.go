package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// cpuSplit is the division of the machine's CPUs for --server-cpus: the
// server and the bare-extractor baseline run on server, the load generator
// on client, so that the generator's work never competes with what is
// measured.
type cpuSplit struct{ server, client []int }

// splitCPUs parses a CPU list such as "0", "0,1" or "0-3" and returns it with
// the remaining CPUs this process may use.
func splitCPUs(list string) (cpuSplit, error) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return cpuSplit{}, fmt.Errorf("reading CPU affinity: %w", err)
	}
	var server []int
	for part := range strings.SplitSeq(list, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		first, err1 := strconv.Atoi(lo)
		last, err2 := first, error(nil)
		if isRange {
			last, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || first < 0 || last < first {
			return cpuSplit{}, fmt.Errorf("--server-cpus: %q is not a CPU list like 0 or 0-1 or 0,2", list)
		}
		for c := first; c <= last; c++ {
			if !set.IsSet(c) {
				return cpuSplit{}, fmt.Errorf("--server-cpus: CPU %d is not available to this process", c)
			}
			if !slices.Contains(server, c) {
				server = append(server, c)
			}
		}
	}
	var client []int
	for c := range 1024 {
		if set.IsSet(c) && !slices.Contains(server, c) {
			client = append(client, c)
		}
	}
	if len(client) == 0 {
		return cpuSplit{}, errors.New("--server-cpus leaves no CPU for the load generator")
	}
	return cpuSplit{server: server, client: client}, nil
}

// pin restricts every thread of process pid (0: this process) to cpus.
// Threads started later inherit the mask of the thread that starts them, so
// the passes repeat until one finds no thread it had not seen.
func pin(pid int, cpus []int) error {
	if pid == 0 {
		pid = os.Getpid()
	}
	var set unix.CPUSet
	for _, c := range cpus {
		set.Set(c)
	}
	seen := map[int]bool{}
	for {
		entries, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
		if err != nil {
			return err
		}
		fresh := false
		for _, e := range entries {
			tid, err := strconv.Atoi(e.Name())
			if err != nil || seen[tid] {
				continue
			}
			seen[tid], fresh = true, true
			if err := unix.SchedSetaffinity(tid, &set); err != nil && !errors.Is(err, unix.ESRCH) {
				return fmt.Errorf("pinning thread %d of process %d: %w", tid, pid, err)
			}
		}
		if !fresh {
			return nil
		}
	}
}
