package dictionary_test

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/entityextraction/extractd/extractor/dictionary"
	"github.com/entityextraction/extractd/extractor/internal/dictgen"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

var sizes = []int{10_000, 100_000, 1_000_000}

func sizeName(n int) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}

// procKiB returns a field of /proc/self/status in KiB (VmRSS, VmHWM), or 0.
func procKiB(field string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return n
		}
	}
	return 0
}

// BenchmarkLoad loads a generated dictionary file. Run one size per process
// for the memory figures: MiB-rss is the RSS the loaded dictionary adds (after
// a GC), MiB-peak the most RSS the process held above its start, and
// MiB-reload-peak the peak while a second copy loads as the first is still
// in use, as on a reload.
//
//	go test ./extractor/dictionary -run '^$' -bench 'Load/1M' -benchtime 1x
func BenchmarkLoad(b *testing.B) {
	for _, n := range sizes {
		b.Run(sizeName(n), func(b *testing.B) {
			path, err := dictgen.File(b.TempDir(), n)
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			debug.FreeOSMemory()
			base := procKiB("VmRSS")
			var d *dictionary.Dictionary
			cpu0 := cpuTime()
			for b.Loop() {
				d = nil
				if d, err = dictionary.Load([]string{path}, dictionary.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
			peak := procKiB("VmHWM")
			runtime.GC()
			debug.FreeOSMemory()
			held := procKiB("VmRSS")
			d2, err := dictionary.Load([]string{path}, dictionary.Options{})
			if err != nil {
				b.Fatal(err)
			}
			reloadPeak := procKiB("VmHWM")
			runtime.KeepAlive(d)
			runtime.KeepAlive(d2)
			b.ReportMetric((held-base)/1024, "MiB-rss")
			b.ReportMetric((peak-base)/1024, "MiB-peak")
			b.ReportMetric((reloadPeak-base)/1024, "MiB-reload-peak")
			b.ReportMetric(float64(d.Stats().Bytes)/(1<<20), "MiB-held")
		})
	}
}

// BenchmarkFind matches a news story against generated dictionaries.
func BenchmarkFind(b *testing.B) {
	text, err := os.ReadFile("../testdata/putin-lukashenka-sochi.txt")
	if err != nil {
		b.Fatal(err)
	}
	toks := tokenize.Tokenize(string(text))
	for _, n := range sizes {
		b.Run(sizeName(n), func(b *testing.B) {
			path, err := dictgen.File(b.TempDir(), n)
			if err != nil {
				b.Fatal(err)
			}
			d, err := dictionary.Load([]string{path}, dictionary.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				dictionary.Find(string(text), toks, d)
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}

// cpuTime is the CPU time the process has used, in user and system mode: on
// a shared machine it varies less than the wall-clock time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
