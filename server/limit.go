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
// than the byte budget runs alone; a small document ([SmallDocument])
// takes only a slot, and large documents hold at most half the slots
// (rounded up), so that small ones always find room beside them. The limits apply to documents, so a batch
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
	small   int64     // documents of at most this many bytes take a slot only
	large   *weighted // the slots large documents may hold: half, rounded up
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
		l.bytes, l.budget, l.small = newWeighted(maxBytes), maxBytes, min(SmallDocument, maxBytes/16)
		l.large = newWeighted(int64(l.n - l.n/2))
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
	steps := l.steps(size)
	for i, st := range steps { // the common case: room at once
		if !st.w.acquire(ctx, st.n, nil) {
			release(steps[:i])
			return l.acquireSlow(ctx, steps)
		}
	}
	return nil
}

// step is a number of units to take from one semaphore.
type step struct {
	w *weighted
	n int64
}

// steps is what a document of size bytes takes, in order: a large one its
// bytes, then one of the slots large documents may use, then a slot; a
// small one a slot only. A large document waiting for bytes thus holds no
// slot, and large documents never hold every slot.
func (l *Limited) steps(size int64) []step {
	if l.bytes == nil || size <= l.small {
		return []step{{l.slots, 1}}
	}
	return []step{{l.bytes, size}, {l.large, 1}, {l.slots, 1}}
}

func release(steps []step) {
	for i := len(steps) - 1; i >= 0; i-- {
		steps[i].w.release(steps[i].n)
	}
}

// acquireSlow is acquire when there is no room at once.
func (l *Limited) acquireSlow(ctx context.Context, steps []step) error {
	var timeout <-chan time.Time
	if l.wait > 0 {
		// A closed channel, so that every acquire below sees the timeout.
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
	for i, st := range steps {
		if !st.w.acquireKeep(ctx, st.n, timeout, keep) {
			release(steps[:i])
			return l.refuse(ctx)
		}
	}
	return nil
}

// SmallDocument is the largest document that takes no room in the byte
// budget of [Limited] (or a sixteenth of the budget, if that is less), only
// a slot: large documents, which the budget is for, never make small ones
// wait, and the memory of small ones is bounded by the number of slots.
const SmallDocument = 64 << 10

func (l *Limited) release(size int64) { release(l.steps(size)) }

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
