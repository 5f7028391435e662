package server

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// weighted is a first-come, first-served weighted semaphore: a caller
// takes n units of a fixed budget, waiting while they are not free. A
// caller wanting more than the budget takes all of it.
type weighted struct {
	mu      sync.Mutex
	size    int64
	cur     int64
	waiters list.List // of *waiter, in arrival order
}

type waiter struct {
	n     int64
	ready chan struct{} // closed when the units are granted
}

func newWeighted(size int64) *weighted { return &weighted{size: max(size, 1)} }

// acquire takes n units, waiting until they are free, ctx ends or timeout
// (nil: no wait) fires. It reports whether it took them.
func (w *weighted) acquire(ctx context.Context, n int64, timeout <-chan time.Time) bool {
	return w.acquireKeep(ctx, n, timeout, nil)
}

// acquireKeep is acquire, except that when timeout fires and keep (if not
// nil) reports true, the caller keeps its place in the queue and waits on
// until its units are free or ctx ends.
func (w *weighted) acquireKeep(ctx context.Context, n int64, timeout <-chan time.Time, keep func() bool) bool {
	n = min(max(n, 1), w.size)
	w.mu.Lock()
	if w.size-w.cur >= n && w.waiters.Len() == 0 {
		w.cur += n
		w.mu.Unlock()
		return true
	}
	if timeout == nil {
		w.mu.Unlock()
		return false
	}
	wt := &waiter{n: n, ready: make(chan struct{})}
	elem := w.waiters.PushBack(wt)
	w.mu.Unlock()

wait:
	for {
		select {
		case <-wt.ready:
			return true
		case <-ctx.Done():
			break wait
		case <-timeout:
			if keep == nil || !keep() {
				break wait
			}
			timeout = nil // waiting for the caller's own work: only ctx ends it
		}
	}
	w.mu.Lock()
	select {
	case <-wt.ready:
		// Granted while giving up: give the units back.
		w.cur -= n
		w.notify()
	default:
		front := w.waiters.Front() == elem
		w.waiters.Remove(elem)
		if front {
			w.notify() // the ones behind may fit now
		}
	}
	w.mu.Unlock()
	return false
}

// take takes n units at once even when they are not free, for memory
// that is already allocated and is only being accounted for: the units
// in use may then exceed the size until they are released, and every
// other caller waits meanwhile.
func (w *weighted) take(n int64) {
	w.mu.Lock()
	w.cur += max(n, 0)
	w.mu.Unlock()
}

// untake gives back n units taken by take.
func (w *weighted) untake(n int64) {
	w.mu.Lock()
	w.cur -= max(n, 0)
	w.notify()
	w.mu.Unlock()
}

// inUse is the number of units taken now.
func (w *weighted) inUse() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cur
}

// release gives back n units taken by acquire with the same n.
func (w *weighted) release(n int64) {
	n = min(max(n, 1), w.size)
	w.mu.Lock()
	w.cur -= n
	w.notify()
	w.mu.Unlock()
}

// notify grants waiters in order while the first one fits. w.mu is held.
func (w *weighted) notify() {
	for {
		front := w.waiters.Front()
		if front == nil {
			return
		}
		wt := front.Value.(*waiter)
		if w.size-w.cur < wt.n {
			return
		}
		w.cur += wt.n
		w.waiters.Remove(front)
		close(wt.ready)
	}
}
