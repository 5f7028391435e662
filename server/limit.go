package server

import (
	"context"
	"sync/atomic"
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
// or stream competes with single calls document by document; but the
// documents of one call (see [withCallGroup]) never shed each other: while
// one of them is being analysed, the others wait for it past the queue
// timeout instead of failing as busy.
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
	g := groupOf(ctx)
	if g != nil {
		g.held.Add(1)
	}
	defer func() {
		if g != nil {
			g.held.Add(-1)
		}
		l.release(int64(len(text)))
	}()
	return l.ex.ExtractDocument(ctx, doc, want)
}

// callGroup is the documents of one batch or stream call.
type callGroup struct {
	held atomic.Int64 // documents of the call being analysed now
}

type groupKey struct{}

// withCallGroup marks ctx as the context of one call whose documents the
// [Limited] extractor should let wait for each other.
func withCallGroup(ctx context.Context) context.Context {
	return context.WithValue(ctx, groupKey{}, &callGroup{})
}

func groupOf(ctx context.Context) *callGroup {
	g, _ := ctx.Value(groupKey{}).(*callGroup)
	return g
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
		// A closed channel, so that both acquires below see the timeout.
		c := make(chan time.Time)
		t := time.AfterFunc(l.wait, func() { close(c) })
		defer t.Stop()
		timeout = c
		l.metrics.queued(1)
		defer l.metrics.queued(-1)
	}
	var keep func() bool // the call's own documents hold the room: wait for them
	if g := groupOf(ctx); g != nil {
		keep = func() bool { return g.held.Load() > 0 }
	}
	if !l.slots.acquireKeep(ctx, 1, timeout, keep) {
		return l.refuse(ctx)
	}
	if l.bytes != nil && !l.bytes.acquireKeep(ctx, size, timeout, keep) {
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
