package server

import (
	"context"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/extractor"
)

// Limited is an [Extractor] that bounds the work in progress: at most a
// fixed number of documents, and at most a fixed number of text bytes, are
// analysed at once. The byte budget bounds memory, which grows with the
// number of tokens of the documents in flight (up to several hundred bytes
// of heap per byte of text on punctuation-only input). A document that finds
// no room waits, first come first served, up to a queue timeout for room to
// free up, then fails fast with RESOURCE_EXHAUSTED (HTTP 429 through the
// gateway) instead of piling up goroutines and memory. A document larger
// than the byte budget runs alone. The limits apply to documents, so a batch
// or stream competes with single calls document by document.
type Limited struct {
	ex      Extractor
	slots   *weighted
	bytes   *weighted
	n       int
	budget  int64
	wait    time.Duration
	metrics *Metrics
}

// Limit returns ex limited to n documents and maxBytes bytes of text at
// once (maxBytes <= 0: no byte budget); a document waits at most wait for
// room (0: it fails at once when there is none). m, if not nil, counts
// waiting and rejected documents.
func Limit(ex Extractor, n int, maxBytes int64, wait time.Duration, m *Metrics) *Limited {
	l := &Limited{ex: ex, slots: newWeighted(int64(max(n, 1))), n: max(n, 1), wait: wait, metrics: m}
	if maxBytes > 0 {
		l.bytes, l.budget = newWeighted(maxBytes), maxBytes
	}
	return l
}

// MaxTextBytes is the wrapped extractor's limit.
func (l *Limited) MaxTextBytes() int { return l.ex.MaxTextBytes() }

// ExtractDocument runs the wrapped extractor once there is room.
func (l *Limited) ExtractDocument(ctx context.Context, doc extractor.Document, want extractor.Features) (*extractor.Result, error) {
	text := doc.Text
	if err := l.acquire(ctx, int64(len(text))); err != nil {
		return nil, err
	}
	defer l.release(int64(len(text)))
	return l.ex.ExtractDocument(ctx, doc, want)
}

// acquire takes a slot and size bytes of the budget, waiting at most l.wait
// in all or until ctx ends.
func (l *Limited) acquire(ctx context.Context, size int64) error {
	if l.slots.acquire(ctx, 1, nil) { // the common case: room at once
		if l.bytes == nil || l.bytes.acquire(ctx, size, nil) {
			return nil
		}
		l.slots.release(1)
	}
	return l.acquireSlow(ctx, size)
}

// acquireSlow is acquire when there is no room at once.
func (l *Limited) acquireSlow(ctx context.Context, size int64) error {
	var timeout <-chan time.Time
	if l.wait > 0 {
		t := time.NewTimer(l.wait)
		defer t.Stop()
		timeout = t.C
		l.metrics.queued(1)
		defer l.metrics.queued(-1)
	}
	if !l.slots.acquire(ctx, 1, timeout) {
		return l.refuse(ctx)
	}
	if l.bytes != nil && !l.bytes.acquire(ctx, size, timeout) {
		l.slots.release(1)
		return l.refuse(ctx)
	}
	return nil
}

func (l *Limited) release(size int64) {
	if l.bytes != nil {
		l.bytes.release(size)
	}
	l.slots.release(1)
}

// refuse is the error of a document that found no room in time.
func (l *Limited) refuse(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	l.metrics.rejected()
	return status.Errorf(codes.ResourceExhausted,
		"server busy: no room for this document among the %d documents (%d bytes) analysed at once within %s; retry with backoff",
		l.n, l.budget, l.wait)
}
