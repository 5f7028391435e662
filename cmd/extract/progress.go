package main

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// progress shows, on a terminal, how far a --jsonl run has got: documents
// done, documents per second and, when the input's size is known, the time
// left, estimated from the share of the input read so far.
type progress struct {
	on    bool
	w     io.Writer
	size  int64         // input size in bytes, or -1
	read  *atomic.Int64 // input bytes read so far
	start time.Time
	last  time.Time
	n     int
}

func newProgress(on bool, w io.Writer, size int64, read *atomic.Int64) *progress {
	now := time.Now()
	return &progress{on: on, w: w, size: size, read: read, start: now, last: now}
}

// done counts one more document and redraws at most a few times a second.
func (p *progress) done() {
	p.n++
	if !p.on {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= 200*time.Millisecond {
		p.last = now
		p.draw(now)
	}
}

func (p *progress) draw(now time.Time) {
	elapsed := now.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.n) / elapsed
	}
	line := fmt.Sprintf("%d documents, %.1f documents/s", p.n, rate)
	if read := p.read.Load(); p.size > 0 && read > 0 && read <= p.size {
		left := time.Duration(elapsed * float64(p.size-read) / float64(read) * float64(time.Second))
		line += fmt.Sprintf(", %.0f%% read, ETA %s", 100*float64(read)/float64(p.size), left.Round(time.Second))
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
}

// finish draws the final count and ends the line.
func (p *progress) finish() {
	if !p.on {
		return
	}
	p.draw(time.Now())
	fmt.Fprintln(p.w)
}
