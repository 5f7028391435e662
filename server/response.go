package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/stats"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/extractor"
)

// ResponseBudget bounds the memory that responses hold. Every result is
// measured before it is converted to its API form, by [EstimateJSONSize]
// (the size of its JSON form, the largest of its forms), and:
//
//   - a document whose result would be larger than the per-document limit
//     gets INVALID_ARGUMENT (HTTP 400) naming the limit, without the result
//     being built; in a batch or stream only that document fails;
//   - the results of one BatchExtract call together may not exceed the
//     per-call limit: a batch over it fails as a whole with INVALID_ARGUMENT
//     naming the limit (BatchExtractStream has no such limit, since it sends
//     each result as soon as it is ready);
//   - every result over [SmallResponse] takes its size from a server-wide
//     budget (smaller ones are counted but never refused) until it has
//     been sent (for unary gRPC calls, until the call ends; over HTTP, until
//     the gateway has written the JSON, see [ResponseBudget.HTTP]; for
//     streams, until its message is sent), waiting up to the queue timeout
//     for room and then failing with RESOURCE_EXHAUSTED (HTTP 429) like any
//     other busy server.
//
// A nil *ResponseBudget checks nothing.
type ResponseBudget struct {
	w       *weighted
	size    int64
	perDoc  int64
	perCall int64
	wait    time.Duration
}

// NewResponseBudget returns a budget of size bytes for all responses in
// flight, with limits of perDoc bytes for one document's result and perCall
// bytes for the results of one BatchExtract call (each at most size); a
// result waits at most wait for room.
func NewResponseBudget(size, perDoc, perCall int64, wait time.Duration) *ResponseBudget {
	size = max(size, 1)
	return &ResponseBudget{
		w:       newWeighted(size),
		size:    size,
		perDoc:  min(max(perDoc, 1), size),
		perCall: min(max(perCall, 1), size),
		wait:    wait,
	}
}

// InUse is the number of bytes of the budget held now, including those of
// responses being written to HTTP clients.
func (b *ResponseBudget) InUse() int64 {
	if b == nil {
		return 0
	}
	return b.w.inUse()
}

// Size is the budget's size in bytes.
func (b *ResponseBudget) Size() int64 {
	if b == nil {
		return 0
	}
	return b.size
}

// reservation is what one call (or one message of a stream) holds of the
// budget.
type reservation struct {
	b      *ResponseBudget
	mu     sync.Mutex
	held   int64
	batch  bool // the per-call limit applies
	closed bool // released: it takes nothing more
}

func (b *ResponseBudget) newReservation(batch bool) *reservation {
	return &reservation{b: b, batch: batch}
}

// reserve takes n bytes for a result, or returns why it cannot.
func (r *reservation) reserve(ctx context.Context, n int64) error {
	if r == nil || r.b == nil {
		return nil
	}
	b := r.b
	if n > b.perDoc {
		return fmt.Errorf("%w: about %d bytes, the limit is %d; send a shorter text or ask for fewer features", ErrResponseTooLarge, n, b.perDoc)
	}
	if r.batch {
		r.mu.Lock()
		total := r.held + n
		r.mu.Unlock()
		if total > b.perCall {
			return fmt.Errorf("%w: more than %d bytes, the limit is %d; send fewer documents per batch or use BatchExtractStream", ErrBatchResponseTooLarge, total, b.perCall)
		}
	}
	if n <= min(SmallResponse, b.size/16) {
		// Counted, never refused: responses stuck on slow clients must not
		// shed the small answers of everybody else.
		b.w.take(n)
		return r.add(n)
	}
	ok := b.w.acquire(ctx, n, nil)
	if !ok && b.wait > 0 {
		c := make(chan time.Time)
		t := time.AfterFunc(b.wait, func() { close(c) })
		ok = b.w.acquire(ctx, n, c)
		t.Stop()
	}
	if !ok {
		if err := ctx.Err(); err != nil {
			return err
		}
		return status.Errorf(codes.ResourceExhausted,
			"server busy: the responses in flight hold the %d-byte response budget; retry with backoff", b.size)
	}
	return r.add(n)
}

// add records n bytes taken from the budget for r, or gives them back if r
// has been released meanwhile (the call ended).
func (r *reservation) add(n int64) error {
	r.mu.Lock()
	closed := r.closed
	if !closed {
		r.held += n
	}
	r.mu.Unlock()
	if closed {
		r.b.w.untake(n)
		return context.Canceled
	}
	return nil
}

// SmallResponse is the largest result that the response budget counts but
// never refuses (or a sixteenth of the budget, if that is less): their memory is bounded by the connections and documents
// in flight, and they keep flowing while large responses wait for room.
const SmallResponse = 64 << 10

// release gives back everything r holds.
func (r *reservation) release() {
	if r == nil || r.b == nil {
		return
	}
	r.mu.Lock()
	n := r.held
	r.held, r.closed = 0, true
	r.mu.Unlock()
	r.b.w.untake(n)
}

type reservationKey struct{}

// StatsHandler returns the gRPC stats handler that gives every call a
// reservation of the budget and releases it when the call has ended, after
// its response has been handed to the transport. Install it with
// grpc.StatsHandler.
func (b *ResponseBudget) StatsHandler() stats.Handler { return budgetStats{b} }

type budgetStats struct{ b *ResponseBudget }

func (h budgetStats) TagRPC(ctx context.Context, _ *stats.RPCTagInfo) context.Context {
	return context.WithValue(ctx, reservationKey{}, h.b.newReservation(false))
}

func (h budgetStats) HandleRPC(ctx context.Context, s stats.RPCStats) {
	if _, ok := s.(*stats.End); ok {
		if r, ok := ctx.Value(reservationKey{}).(*reservation); ok {
			r.release()
		}
	}
}

func (budgetStats) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context { return ctx }
func (budgetStats) HandleConn(context.Context, stats.ConnStats)                       {}

// callReservation returns the reservation of the call of ctx, and a
// function to call when the handler returns: without the stats handler it
// releases a reservation made here.
func (b *ResponseBudget) callReservation(ctx context.Context, batch bool) (*reservation, func()) {
	if b == nil {
		return nil, func() {}
	}
	if r := httpReservation(ctx); r != nil && r.b == b {
		r.batch = batch
		return r, func() {}
	}
	if r, ok := ctx.Value(reservationKey{}).(*reservation); ok && r.b == b {
		r.batch = batch
		return r, func() {}
	}
	r := b.newReservation(batch)
	return r, r.release
}

// The sizes EstimateJSONSize counts for each part of a response beyond its
// strings, calibrated on the gateway's indented JSON (see
// TestEstimateJSONSize): generous, so that the estimate is an upper bound.
const (
	jsonResponseBase = 160 // {"id", and the five lists}
	jsonEntity       = 200 // id, name, salience, confidence, lists
	jsonRole         = 16
	jsonMention      = 215 // span, text, confidence, kind, at the depth of an entity's mentions
	jsonMoney        = 420 // span, text, amount and a possible upper bound, approximate
	jsonQuote        = 420 // span, text, speaker, speaker mention, entity id, continued
)

// EstimateJSONSize returns an upper estimate of the size in bytes of the
// JSON form of the response for res, for a request whose id is id: the
// measure of a response that the response budget counts. It is computed in
// one pass over res, before the response is built. Strings count twice
// their length, for escapes (a quotation mark is \", a control character
// \u00XX).
func EstimateJSONSize(id string, res *extractor.Result) int64 {
	n := int64(jsonResponseBase + 2*len(id))
	for i := range res.Entities {
		e := &res.Entities[i]
		n += int64(jsonEntity + 2*len(e.ID) + 2*len(e.Name))
		for _, r := range e.Roles {
			n += int64(jsonRole + 2*len(r))
		}
		for j := range e.Mentions {
			n += int64(jsonMention + 2*len(e.Mentions[j].Text))
		}
	}
	for i := range res.Money {
		m := &res.Money[i]
		n += int64(jsonMoney + 2*len(m.Text) + len(m.Currency))
	}
	for i := range res.Quotes {
		q := &res.Quotes[i]
		n += int64(jsonQuote + 2*(len(q.Text)+len(q.Speaker)+len(q.SpeakerEntityID)))
		if q.SpeakerMention != nil {
			n += int64(jsonMention + 2*len(q.SpeakerMention.Text))
		}
	}
	return n
}

// HTTP returns h with every request holding a reservation of the budget
// from the moment its response is built by the service until h has
// written it (or given up): the gateway's copy of the response and its
// JSON form, and the time a slow client takes to read it, are counted.
// The gateway passes the reservation to the service in the metadata of
// its gRPC call (see [gatewayMetadata]).
func (b *ResponseBudget) HTTP(h http.Handler) http.Handler {
	if b == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var key [16]byte
		rand.Read(key[:])
		id := hex.EncodeToString(key[:])
		resv := b.newReservation(false)
		httpCalls.Store(id, resv)
		defer func() {
			httpCalls.Delete(id)
			resv.release()
		}()
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), httpCallKey{}, id)))
	})
}

// httpCalls holds the reservations of the HTTP requests in flight, by a
// random key that is only ever passed inside this process.
var httpCalls sync.Map // string → *reservation

type httpCallKey struct{}

// reservationMetadata is the metadata key with which the gateway names
// the reservation of its HTTP request.
const reservationMetadata = "x-extractd-http-call"

// gatewayMetadata is the gateway's metadata annotator: it passes the key
// of the request's reservation, which it finds in the request's context
// (never in its headers), to the gRPC call.
func gatewayMetadata(ctx context.Context, r *http.Request) metadata.MD {
	if id, ok := r.Context().Value(httpCallKey{}).(string); ok {
		return metadata.Pairs(reservationMetadata, id)
	}
	return nil
}

// httpReservation is the reservation of the HTTP request a gateway call
// of ctx comes from, or nil.
func httpReservation(ctx context.Context) *reservation {
	md, _ := metadata.FromIncomingContext(ctx)
	for _, id := range md.Get(reservationMetadata) {
		if r, ok := httpCalls.Load(id); ok {
			return r.(*reservation)
		}
	}
	return nil
}
