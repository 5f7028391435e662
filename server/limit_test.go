package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// gate is a fake extractor whose calls block until released.
type gate struct {
	running atomic.Int32
	release chan struct{}
}

func (g *gate) MaxTextBytes() int { return 100 }

func (g *gate) ExtractDocument(ctx context.Context, doc extractor.Document, _ extractor.Features) (*extractor.Result, error) {
	g.running.Add(1)
	defer g.running.Add(-1)
	select {
	case <-g.release:
		return &extractor.Result{}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached within 10s")
		}
	}
}

func TestLimitRejectsExcessAfterQueueTimeout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		wait time.Duration
	}{
		{"no queue", 0},
		{"short queue", 50 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g := &gate{release: make(chan struct{})}
			m := NewMetrics()
			svc := New(Limit(Instrument(g, m), 2, 0, tt.wait, m), WithLogger(quiet))
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i := range 2 {
				wg.Go(func() {
					_, errs[i] = svc.Extract(context.Background(), &extractv1.ExtractRequest{Text: "a"})
				})
			}
			waitUntil(t, func() bool { return g.running.Load() == 2 })
			if got := testutil.ToFloat64(m.inFlight); got != 2 {
				t.Errorf("in-flight gauge = %v; want 2", got)
			}

			start := time.Now()
			_, err := svc.Extract(context.Background(), &extractv1.ExtractRequest{Text: "a"})
			if status.Code(err) != codes.ResourceExhausted {
				t.Fatalf("third call while both slots are busy = %v; want ResourceExhausted", err)
			}
			if waited := time.Since(start); waited < tt.wait {
				t.Errorf("rejected after %v; want a wait of at least the queue timeout %v", waited, tt.wait)
			}
			if got := testutil.ToFloat64(m.refused); got != 1 {
				t.Errorf("rejected counter = %v; want 1", got)
			}
			close(g.release)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("call %d holding a slot: %v", i, err)
				}
			}
			if _, err := svc.Extract(context.Background(), &extractv1.ExtractRequest{Text: "a"}); err != nil {
				t.Errorf("call after the slots freed up: %v", err)
			}
			if got := testutil.ToFloat64(m.inFlight); got != 0 {
				t.Errorf("in-flight gauge at rest = %v; want 0", got)
			}
		})
	}
}

func TestLimitQueuedCallGetsFreedSlot(t *testing.T) {
	t.Parallel()
	g := &gate{release: make(chan struct{})}
	m := NewMetrics()
	ex := Limit(g, 1, 0, 10*time.Second, m)
	first := make(chan error, 1)
	go func() {
		_, err := ex.ExtractDocument(context.Background(), extractor.Document{Text: "a"}, extractor.AllFeatures)
		first <- err
	}()
	waitUntil(t, func() bool { return g.running.Load() == 1 })
	second := make(chan error, 1)
	go func() {
		_, err := ex.ExtractDocument(context.Background(), extractor.Document{Text: "b"}, extractor.AllFeatures)
		second <- err
	}()
	waitUntil(t, func() bool { return testutil.ToFloat64(m.waiting) == 1 })
	g.release <- struct{}{} // the first call finishes
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	waitUntil(t, func() bool { return g.running.Load() == 1 }) // the queued one runs
	g.release <- struct{}{}
	if err := <-second; err != nil {
		t.Errorf("queued call: %v; want it to run once the slot freed up", err)
	}
}

func TestLimitQueuedCallCanceled(t *testing.T) {
	t.Parallel()
	g := &gate{release: make(chan struct{})}
	ex := Limit(g, 1, 0, time.Hour, nil)
	go ex.ExtractDocument(context.Background(), extractor.Document{Text: "a"}, extractor.AllFeatures)
	waitUntil(t, func() bool { return g.running.Load() == 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := New(ex, WithLogger(quiet)).Extract(ctx, &extractv1.ExtractRequest{Text: "b"}); status.Code(err) != codes.DeadlineExceeded {
		t.Errorf("queued call past its deadline = %v; want DeadlineExceeded", err)
	}
	close(g.release)
}

// countingReader counts the bytes read from it; it could produce 100 MB.
type countingReader struct {
	n, limit int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	if r.n >= r.limit {
		return 0, io.EOF
	}
	k := min(int64(len(p)), r.limit-r.n)
	for i := range k {
		p[i] = 'a'
	}
	r.n += k
	return int(k), nil
}

// TestHugeBodyNotRead sends a 100 MB body to the gateway: it is refused
// with 413 and a JSON error before a single byte of it is read.
func TestHugeBodyNotRead(t *testing.T) {
	t.Parallel()
	conn, err := grpc.NewClient("passthrough:///unused", grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	h, err := NewGateway(context.Background(), conn, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	const size = 100 << 20
	body := &countingReader{limit: size}
	req := httptest.NewRequest(http.MethodPost, "/v1/extract", body)
	req.ContentLength = size
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("POST of 100 MB = %d; want 413", rec.Code)
	}
	if body.n != 0 {
		t.Errorf("the handler read %d bytes of the body; want 0", body.n)
	}
	var e struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Code != int(codes.ResourceExhausted) || !strings.Contains(e.Message, "limit") {
		t.Errorf("413 body = %s (%v); want a JSON status with code 8 and the limit", rec.Body, err)
	}
}

// TestHugeChunkedBodyReadOnlyToLimit sends 100 MB without a Content-Length:
// the gateway stops reading just past the limit and refuses the request.
func TestHugeChunkedBodyReadOnlyToLimit(t *testing.T) {
	t.Parallel()
	conn, err := grpc.NewClient("passthrough:///unused", grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const limit = 1 << 20
	h, err := NewGateway(context.Background(), conn, limit)
	if err != nil {
		t.Fatal(err)
	}
	body := &countingReader{limit: 100 << 20}
	req := httptest.NewRequest(http.MethodPost, "/v1/extract", body)
	req.ContentLength = -1
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code < 400 || rec.Code >= 500 {
		t.Errorf("chunked POST of 100 MB = %d; want a 4xx refusal", rec.Code)
	}
	if body.n > 2*limit {
		t.Errorf("the handler read %d bytes of the body; want at most about the limit (%d)", body.n, limit)
	}
}

func TestLimitByteBudget(t *testing.T) {
	t.Parallel()
	g := &gate{release: make(chan struct{})}
	ex := Limit(g, 10, 100, 0, nil)
	run := func(n int) chan error {
		c := make(chan error, 1)
		go func() {
			_, err := ex.ExtractDocument(context.Background(), extractor.Document{Text: strings.Repeat("a", n)}, extractor.AllFeatures)
			c <- err
		}()
		return c
	}
	first := run(60)
	waitUntil(t, func() bool { return g.running.Load() == 1 })
	if _, err := ex.ExtractDocument(context.Background(), extractor.Document{Text: strings.Repeat("b", 60)}, extractor.AllFeatures); status.Code(err) != codes.ResourceExhausted {
		t.Errorf("60 bytes over a budget with 40 left = %v; want ResourceExhausted", err)
	}
	small := run(40)
	waitUntil(t, func() bool { return g.running.Load() == 2 }) // 40 bytes still fit
	if _, err := ex.ExtractDocument(context.Background(), extractor.Document{Text: strings.Repeat("c", 7)}, extractor.AllFeatures); status.Code(err) != codes.ResourceExhausted {
		t.Errorf("7 bytes over a full budget = %v; want ResourceExhausted", err)
	}
	tiny := run(6) // at most a sixteenth of the budget: a slot is enough
	waitUntil(t, func() bool { return g.running.Load() == 3 })
	close(g.release)
	if err := <-tiny; err != nil {
		t.Errorf("a small document while the byte budget is full: %v", err)
	}
	for _, c := range []chan error{first, small} {
		if err := <-c; err != nil {
			t.Error(err)
		}
	}
	// A document over the whole budget runs alone.
	if _, err := ex.ExtractDocument(context.Background(), extractor.Document{Text: strings.Repeat("d", 500)}, extractor.AllFeatures); err != nil {
		t.Errorf("document larger than the budget with nothing else running: %v", err)
	}
}

func TestWeightedFIFOAndTimeout(t *testing.T) {
	t.Parallel()
	w := newWeighted(10)
	ctx := context.Background()
	if !w.acquire(ctx, 8, nil) {
		t.Fatal("8 of 10 refused")
	}
	// A big waiter queues; a small one behind it must not overtake it.
	bigDone := make(chan bool, 1)
	go func() { bigDone <- w.acquire(ctx, 5, time.After(10*time.Second)) }()
	waitUntil(t, func() bool { w.mu.Lock(); defer w.mu.Unlock(); return w.waiters.Len() == 1 })
	if w.acquire(ctx, 1, nil) {
		t.Error("a small request overtook a queued big one")
	}
	if w.acquire(ctx, 1, time.After(20*time.Millisecond)) {
		t.Error("a small request behind a queued big one got in before the big one")
	}
	w.release(8)
	if !<-bigDone {
		t.Fatal("the queued request was not granted after the release")
	}
	w.release(5)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cur != 0 || w.waiters.Len() != 0 {
		t.Errorf("after all releases cur = %d, %d waiters; want 0, 0", w.cur, w.waiters.Len())
	}
}

func TestLimitBodies(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	entered := make(chan struct{}, 10)
	h := LimitBodies(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
		io.Copy(io.Discard, r.Body)
	}), BodyLimits{Budget: 1000, MaxBody: 800, Wait: 20 * time.Millisecond})
	serve := func(body string, length int64) (*httptest.ResponseRecorder, *countingReader) {
		cr := &countingReader{limit: int64(len(body))}
		req := httptest.NewRequest(http.MethodPost, "/v1/extract", cr)
		req.ContentLength = length
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec, cr
	}
	done := make(chan *httptest.ResponseRecorder, 1)
	go func() { rec, _ := serve(strings.Repeat("a", 700), 700); done <- rec }()
	<-entered // 700 of 1000 bytes held
	rec, cr := serve(strings.Repeat("b", 400), 400)
	if rec.Code != http.StatusTooManyRequests || cr.n != 0 {
		t.Errorf("400-byte body with 300 left = %d after reading %d bytes; want 429 without reading", rec.Code, cr.n)
	}
	rec, _ = serve("", -1) // chunked: counts as the 800-byte maximum
	if rec.Code != http.StatusTooManyRequests {
		t.Errorf("chunked body with 300 left = %d; want 429", rec.Code)
	}
	small := make(chan *httptest.ResponseRecorder, 1)
	go func() { rec, _ := serve(strings.Repeat("c", 300), 300); small <- rec }()
	<-entered // 300 bytes still fit
	close(release)
	for _, c := range []chan *httptest.ResponseRecorder{done, small} {
		if rec := <-c; rec.Code != http.StatusOK {
			t.Errorf("admitted request = %d; want 200", rec.Code)
		}
	}
	if rec, _ := serve(strings.Repeat("d", 800), 800); rec.Code != http.StatusOK {
		t.Errorf("request after the budget freed up = %d; want 200", rec.Code)
	}
}

// TestLargeDocumentsDoNotBlockSmallOnes: a large document waiting for the
// byte budget holds no slot, so a small one behind it gets the free slot at
// once instead of queueing behind it.
func TestLargeDocumentsDoNotBlockSmallOnes(t *testing.T) {
	t.Parallel()
	g := &gate{release: make(chan struct{})}
	ex := Limit(g, 2, 100, 10*time.Second, nil)
	run := func(n int) chan error {
		c := make(chan error, 1)
		go func() {
			_, err := ex.ExtractDocument(context.Background(), extractor.Document{Text: strings.Repeat("a", n)}, extractor.AllFeatures)
			c <- err
		}()
		return c
	}
	big := run(100)
	waitUntil(t, func() bool { return g.running.Load() == 1 })
	waiting := run(100) // queued for the byte budget
	waitUntil(t, func() bool { ex.bytes.mu.Lock(); defer ex.bytes.mu.Unlock(); return ex.bytes.waiters.Len() == 1 })
	small := run(5)
	waitUntil(t, func() bool { return g.running.Load() == 2 }) // the small one runs beside the first
	close(g.release)
	for _, c := range []chan error{big, waiting, small} {
		if err := <-c; err != nil {
			t.Error(err)
		}
	}
}
