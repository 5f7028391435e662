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

	select {
	case <-wt.ready:
		return true
	case <-ctx.Done():
	case <-timeout:
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
