package server

import (
	"context"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entityextraction/extractd/extractor"
)

// pathological are inputs that stress one stage each, built to n bytes.
var pathological = []struct {
	name string
	make func(n int) string
}{
	{"one character", func(n int) string { return strings.Repeat("a", n) }},
	{"one capital letter", func(n int) string { return strings.Repeat("A", n) }},
	{"straight quotes", func(n int) string { return strings.Repeat(`"`, n) }},
	{"mixed quotation marks", func(n int) string { return fill(n, `“'"”«»„‘’ "a" `) }},
	{"digits and currency", func(n int) string { return fill(n, "$1,000 €2.5 ¥30 million 45% 12 - 15 bn US$ 7.25pc £ ") }},
	{"digits only", func(n int) string { return strings.Repeat("1234567890", n/10) }},
	{"capitalised words", capitalised},
	{"newlines only", func(n int) string { return strings.Repeat("\n", n) }},
	{"short lines", func(n int) string { return fill(n, "Paris.\n\n") }},
	{"binary with NUL bytes", binary},
	{"one long word", func(n int) string { return "x" + strings.Repeat("-", n-2) + "y" }},
	{"dots", func(n int) string { return strings.Repeat(".", n) }},
}

// fill repeats unit up to n bytes, ending on a whole character.
func fill(n int, unit string) string {
	s := strings.Repeat(unit, n/len(unit)+1)[:n]
	return strings.ToValidUTF8(s, "")
}

// capitalised is n bytes of distinct-looking capitalised made-up words,
// the worst case for entity grouping: every word a candidate name.
func capitalised(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	const cons, vow = "bcdfghklmnprstvz", "aeiou"
	for b.Len() < n-20 {
		b.WriteByte("BCDFGHKLMNPRSTVZ"[r.IntN(16)])
		for range 1 + r.IntN(3) {
			b.WriteByte(vow[r.IntN(5)])
			b.WriteByte(cons[r.IntN(16)])
		}
		switch r.IntN(12) {
		case 0:
			b.WriteString(". ")
		case 1:
			b.WriteString(", ")
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// binary is n bytes of random bytes, NULs and control characters included,
// not valid UTF-8.
func binary(n int) string {
	r := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
		if i%7 == 0 {
			b[i] = 0
		}
	}
	return string(b)
}

func realExtractor(tb testing.TB) *extractor.Extractor {
	tb.Helper()
	ex, err := extractor.New()
	if err != nil {
		tb.Fatal(err)
	}
	return ex
}

// TestPathologicalInputsFinish runs the whole extractor on 1 MB of each
// pathological input. It fails only if one takes longer than a generous
// bound (a hang or a quadratic blow-up, which on 1 MB means minutes), not on
// timing noise; BenchmarkPathological measures the times.
func TestPathologicalInputsFinish(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("1 MB inputs through the whole extractor; slow under -short or -race")
	}
	const bound = 90 * time.Second
	ex := realExtractor(t)
	for _, tt := range pathological {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.make(extractor.DefaultMaxTextBytes)
			done := make(chan error, 1)
			start := time.Now()
			go func() {
				_, err := ex.Extract(context.Background(), text)
				done <- err
			}()
			select {
			case err := <-done:
				if err != nil && err != extractor.ErrEmptyText {
					t.Errorf("Extract: %v", err)
				}
				t.Logf("%s: %v", tt.name, time.Since(start).Round(time.Millisecond))
			case <-time.After(bound):
				t.Fatalf("Extract on 1 MB of %s did not finish within %v", tt.name, bound)
			}
		})
	}
}

// BenchmarkPathological times the whole extractor on 256 KB and on 1 MB of
// each pathological input and reports the ratio of the two times: about 4
// is linear, 16 would be quadratic. Each time is the fastest of b.N runs.
//
//	go test ./server -run '^$' -bench Pathological -benchtime 3x
func BenchmarkPathological(b *testing.B) {
	ex := realExtractor(b)
	for _, tt := range pathological {
		b.Run(strings.ReplaceAll(tt.name, " ", "_"), func(b *testing.B) {
			small, large := tt.make(256<<10), tt.make(1<<20)
			ex.Extract(context.Background(), small) // warm up
			// The fastest of the runs is the least disturbed by other work
			// on the machine.
			tSmall, tLarge := time.Duration(1<<62), time.Duration(1<<62)
			var peak uint64
			for b.Loop() {
				start := time.Now()
				ex.Extract(context.Background(), small)
				tSmall = min(tSmall, time.Since(start))
				runtime.GC()
				start = time.Now()
				grown := heapGrowth(func() { ex.Extract(context.Background(), large) })
				tLarge = min(tLarge, time.Since(start))
				peak = max(peak, grown)
			}
			b.ReportMetric(float64(tSmall.Microseconds())/1000, "ms/256KB")
			b.ReportMetric(float64(tLarge.Microseconds())/1000, "ms/1MB")
			b.ReportMetric(float64(tLarge)/float64(max(tSmall, 1)), "ratio")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB/1MB")
		})
	}
}

// heapGrowth runs f and returns how far the bytes of live and not yet swept
// heap objects rose above where they were, sampled every 2 ms while f runs.
func heapGrowth(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var peak uint64
	done := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	f()
	close(done)
	sampler.Wait()
	peak = max(peak, read())
	return peak - min(base, peak)
}
