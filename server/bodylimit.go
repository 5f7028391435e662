package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

// BodyLimits are the limits [LimitBodies] enforces.
type BodyLimits struct {
	Budget  int64         // bytes of request bodies held at once by the whole server
	MaxBody int64         // the largest body; larger is 413
	Wait    time.Duration // how long a body waits for room in the budget before 429
	// MinRate is the slowest a body may arrive, in bytes per second, after
	// a grace period of [BodyGrace]; a slower client gets 408 and its
	// connection is closed. 0: no minimum (the server's read timeout still
	// applies).
	MinRate int64
}

// BodyGrace is how long a request body may take before [BodyLimits.MinRate]
// applies: time for the first bytes to arrive.
const BodyGrace = 2 * time.Second

// bodyChunk is the first size of a body's buffer; it then doubles, taking
// each new step from the budget.
const bodyChunk = 16 << 10

// LimitBodies reads each request body before h sees it, and bounds the
// memory that bodies can hold at once: a body takes room from a
// server-wide budget as its bytes arrive (the capacity of the buffer that
// holds them, from 16 KiB doubling), not as its Content-Length announces,
// and gives it back when its request has been answered. A body that finds
// no room within the wait is answered 429 (RESOURCE_EXHAUSTED) and not
// read further; a body over the maximum is answered 413; one that arrives
// slower than the minimum rate is answered 408 and its connection closed.
// So a client that announces a large body and trickles it holds only the
// bytes it has sent, for a few seconds. Requests without a body pass
// freely. Authentication must come before this handler, so that an
// unauthenticated request never takes room.
func LimitBodies(h http.Handler, lim BodyLimits) http.Handler {
	w8 := newWeighted(lim.Budget)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength == 0 || r.Body == nil || r.Body == http.NoBody {
			h.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > lim.MaxBody {
			writeStatusJSON(w, http.StatusRequestEntityTooLarge, 8,
				fmt.Sprintf("request body is %d bytes, the limit is %d", r.ContentLength, lim.MaxBody))
			return
		}
		var held int64
		defer func() {
			if held > 0 {
				w8.release(held)
			}
		}()
		grow := func(n int64) bool { // takes n more bytes of the budget
			ok := w8.acquire(r.Context(), n, nil)
			if !ok && lim.Wait > 0 {
				t := time.NewTimer(lim.Wait)
				ok = w8.acquire(r.Context(), n, t.C)
				t.Stop()
			}
			if ok {
				held += min(n, lim.Budget) // weighted clamps a request to its size
			}
			return ok
		}
		rc := http.NewResponseController(w)
		start := time.Now()
		deadline := func(received int64) time.Time {
			d := BodyGrace
			if lim.MinRate > 0 {
				d += time.Duration(float64(received) / float64(lim.MinRate) * float64(time.Second))
			}
			return start.Add(d)
		}
		if lim.MinRate > 0 {
			rc.SetReadDeadline(deadline(0))
		}
		var buf []byte
		for r.ContentLength < 0 || int64(len(buf)) < r.ContentLength {
			if len(buf) == cap(buf) {
				// Double the buffer, in steps of at least bodyChunk, up to
				// the announced length or just past the maximum.
				step := min(int64(max(cap(buf), bodyChunk)), lim.MaxBody+1-int64(cap(buf)))
				if r.ContentLength > 0 {
					step = min(step, r.ContentLength-int64(cap(buf)))
				}
				if !grow(step) {
					if r.Context().Err() != nil {
						return
					}
					w.Header().Set("Retry-After", "1")
					w.Header().Set("Connection", "close")
					writeStatusJSON(w, http.StatusTooManyRequests, 8,
						fmt.Sprintf("server busy: request bodies in flight hold the %d-byte budget; retry with backoff", lim.Budget))
					return
				}
				nb := make([]byte, len(buf), int64(cap(buf))+step)
				copy(nb, buf)
				buf = nb
			}
			n, err := r.Body.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if int64(len(buf)) > lim.MaxBody {
				w.Header().Set("Connection", "close")
				writeStatusJSON(w, http.StatusRequestEntityTooLarge, 8,
					fmt.Sprintf("request body is over the limit of %d bytes", lim.MaxBody))
				return
			}
			if lim.MinRate > 0 && n > 0 {
				rc.SetReadDeadline(deadline(int64(len(buf))))
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				w.Header().Set("Connection", "close")
				if errors.Is(err, os.ErrDeadlineExceeded) {
					writeStatusJSON(w, http.StatusRequestTimeout, 4,
						fmt.Sprintf("request body arrived slower than %d bytes per second", lim.MinRate))
				} else {
					writeStatusJSON(w, http.StatusBadRequest, 3, "reading the request body: "+err.Error())
				}
				return
			}
		}
		if lim.MinRate > 0 {
			rc.SetReadDeadline(time.Time{}) // the server's own read timeout again
		}
		r.Body = &receivedBody{b: buf}
		h.ServeHTTP(w, r)
	})
}

// receivedBody is a request body that [LimitBodies] has read.
type receivedBody struct{ b []byte }

func (rb *receivedBody) Read(p []byte) (int, error) {
	if len(rb.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, rb.b)
	rb.b = rb.b[n:]
	return n, nil
}

func (rb *receivedBody) Close() error { return nil }

// take returns the bytes not yet read, and leaves none.
func (rb *receivedBody) take() []byte {
	b := rb.b
	rb.b = nil
	return b
}

// writeStatusJSON answers with an HTTP status and a JSON body in the form
// of the gateway's errors (a google.rpc.Status with the gRPC code).
func writeStatusJSON(w http.ResponseWriter, httpStatus, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(httpStatus)
	b, _ := MarshalJSON(statusProto(code, msg))
	w.Write(b)
}
