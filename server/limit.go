package server

import (
	"context"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/extractor"
)

// Limited is an [Extractor] that runs at most a fixed number of extractions
// at once. A call that finds every slot taken waits up to a queue timeout
// for one to free up, then fails fast with RESOURCE_EXHAUSTED (HTTP 429
// through the gateway) instead of piling up goroutines and memory. The cap
// applies to documents, so a batch or stream competes with single calls
// document by document.
type Limited struct {
	ex      Extractor
	slots   chan struct{}
	wait    time.Duration
	metrics *Metrics
}

// Limit returns ex limited to n extractions at once; a call waits at most
// wait for a free slot (0: it fails at once when all slots are taken).
// m, if not nil, counts waiting and rejected calls. n must be positive.
func Limit(ex Extractor, n int, wait time.Duration, m *Metrics) *Limited {
	return &Limited{ex: ex, slots: make(chan struct{}, max(n, 1)), wait: wait, metrics: m}
}

// MaxTextBytes is the wrapped extractor's limit.
func (l *Limited) MaxTextBytes() int { return l.ex.MaxTextBytes() }

// ExtractFeatures runs the wrapped extractor once a slot is free.
func (l *Limited) ExtractFeatures(ctx context.Context, text string, want extractor.Features) (*extractor.Result, error) {
	if err := l.acquire(ctx); err != nil {
		return nil, err
	}
	defer func() { <-l.slots }()
	return l.ex.ExtractFeatures(ctx, text, want)
}

// acquire takes a slot, waiting at most l.wait or until ctx ends.
func (l *Limited) acquire(ctx context.Context) error {
	select {
	case l.slots <- struct{}{}:
		return nil
	default:
	}
	if l.wait > 0 {
		l.metrics.queued(1)
		defer l.metrics.queued(-1)
		t := time.NewTimer(l.wait)
		defer t.Stop()
		select {
		case l.slots <- struct{}{}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	l.metrics.rejected()
	return status.Errorf(codes.ResourceExhausted,
		"server busy: all %d extraction slots are taken and none freed up within %s; retry with backoff", cap(l.slots), l.wait)
}
