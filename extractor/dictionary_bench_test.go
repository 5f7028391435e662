package extractor_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/dictionary"
	"github.com/entityextraction/extractd/extractor/internal/dictgen"
)

// BenchmarkExtractDictionary times Extract of the sample article with no
// dictionary and with generated dictionaries of 10k, 100k and 1M entries,
// each with three entries that the article names (two people and a place).
// Compare each size with "none" from the same run:
//
//	go test ./extractor -run '^$' -bench ExtractDictionary -count 6
//
// cpu-µs/op is the process's CPU time per call, which a busy machine
// disturbs less than the wall-clock ns/op.
func BenchmarkExtractDictionary(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("testdata", "putin-lukashenka-sochi.txt"))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	real := filepath.Join(dir, "real.jsonl")
	if err := os.WriteFile(real, []byte(`{"phrase": "Vladimir Putin", "type": "PERSON", "id": "Q7747"}
{"phrases": ["Alyaksandr Lukashenka", "Alexander Lukashenko"], "type": "PERSON", "id": "Q48571"}
{"phrase": "Sochi", "type": "PLACE", "id": "Q7828"}
`), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		n    int
	}{{"none", 0}, {"10k", 10_000}, {"100k", 100_000}, {"1M", 1_000_000}} {
		b.Run(c.name, func(b *testing.B) {
			var opts []extractor.Option
			if c.n > 0 {
				gen, err := dictgen.File(dir, c.n)
				if err != nil {
					b.Fatal(err)
				}
				d, err := dictionary.Load([]string{gen, real}, dictionary.Options{})
				if err != nil {
					b.Fatal(err)
				}
				opts = append(opts, extractor.WithDictionary(d))
			}
			ex, err := extractor.New(opts...)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			var linked int
			cpu0 := cpuTime()
			for b.Loop() {
				res, err := ex.Extract(ctx, string(text))
				if err != nil {
					b.Fatal(err)
				}
				linked = 0
				for _, e := range res.Entities {
					if e.Linked {
						linked++
					}
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
			b.ReportMetric(float64(linked), "linked/op")
		})
	}
}

// cpuTime is the CPU time the process has used (user and system): on a
// busy machine it varies much less than the wall-clock time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
