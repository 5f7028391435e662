package server

import (
	"fmt"
	"net/http"
	"time"
)

// LimitBodies bounds the memory that HTTP request bodies can hold at once:
// each request takes its Content-Length (maxBody when it has none) from a
// server-wide budget of budget bytes before its body is read, and gives it
// back when it has been answered. A request that finds no room within wait
// is answered 429 with a JSON status (RESOURCE_EXHAUSTED) without its body
// being read. Requests without a body pass freely.
func LimitBodies(h http.Handler, budget, maxBody int64, wait time.Duration) http.Handler {
	w8 := newWeighted(budget)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := r.ContentLength
		switch {
		case n == 0 || r.Body == nil || r.Body == http.NoBody:
			h.ServeHTTP(w, r)
			return
		case n < 0 || n > maxBody:
			n = maxBody // unknown length, or over the limit (refused later with 413)
		}
		ok := w8.acquire(r.Context(), n, nil)
		if !ok && wait > 0 {
			t := time.NewTimer(wait)
			ok = w8.acquire(r.Context(), n, t.C)
			t.Stop()
		}
		if !ok {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(w, "{\n  \"code\": 8,\n  \"message\": \"server busy: request bodies in flight hold the %d-byte budget; retry with backoff\",\n  \"details\": []\n}", budget)
			return
		}
		defer w8.release(n)
		h.ServeHTTP(w, r)
	})
}
