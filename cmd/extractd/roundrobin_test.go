package main

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/resolver"
	"google.golang.org/grpc/resolver/manual"
	"google.golang.org/grpc/stats"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
	"github.com/entityextraction/extractd/server"
)

// countingExtractor counts the documents one server analyses, and takes
// at least delay over each, so that calls are in flight when it drains.
type countingExtractor struct {
	server.Extractor
	delay    atomic.Int64 // nanoseconds
	n        atomic.Int64
	inFlight atomic.Int64
}

func (c *countingExtractor) ExtractDocument(ctx context.Context, doc extractor.Document, want extractor.Features) (*extractor.Result, error) {
	c.n.Add(1)
	c.inFlight.Add(1)
	defer c.inFlight.Add(-1)
	time.Sleep(time.Duration(c.delay.Load()))
	return c.Extractor.ExtractDocument(ctx, doc, want)
}

// connCounter counts the connections a client opens.
type connCounter struct{ n atomic.Int64 }

func (c *connCounter) TagRPC(ctx context.Context, _ *stats.RPCTagInfo) context.Context   { return ctx }
func (c *connCounter) HandleRPC(context.Context, stats.RPCStats)                         {}
func (c *connCounter) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context { return ctx }
func (c *connCounter) HandleConn(_ context.Context, s stats.ConnStats) {
	if _, ok := s.(*stats.ConnBegin); ok {
		c.n.Add(1)
	}
}

// roundRobinClient connects to every address at once, with the round_robin
// policy docs/OPERATIONS.md recommends (there the addresses come from the
// headless Service's DNS name; here from a manual resolver).
func roundRobinClient(tb testing.TB, conns *connCounter, addrs ...string) extractv1.EntityExtractionServiceClient {
	tb.Helper()
	r := manual.NewBuilderWithScheme("pods")
	var state resolver.State
	for _, a := range addrs {
		state.Addresses = append(state.Addresses, resolver.Address{Addr: a})
	}
	r.InitialState(state)
	conn, err := grpc.NewClient(r.Scheme()+":///extractd",
		grpc.WithResolvers(r),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultServiceConfig(`{"loadBalancingConfig": [{"round_robin": {}}]}`),
		grpc.WithStatsHandler(conns))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close() })
	return extractv1.NewEntityExtractionServiceClient(conn)
}

// startCounted starts an in-process extractd on loopback whose extractor
// counts its documents.
func startCounted(tb testing.TB, cfg Config, ex server.Extractor) (*testServer, *countingExtractor) {
	tb.Helper()
	c := &countingExtractor{Extractor: ex}
	ts := start(tb, cfg, c)
	return ts, c
}

func grpcAddr(ts *testServer) string { return ts.conn.Target() }

// TestRoundRobinOverTwoServers runs two servers and one round-robin
// client: calls are spread over both, and when one server drains (as on
// SIGTERM: NOT_SERVING, then GOAWAY and GracefulStop) while calls are in
// flight, no call fails and the rest go to the other server.
func TestRoundRobinOverTwoServers(t *testing.T) {
	cfg := testConfig()
	ex, err := newExtractor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a, countA := startCounted(t, cfg, ex)
	b, countB := startCounted(t, cfg, ex)
	client := roundRobinClient(t, &connCounter{}, grpcAddr(a), grpcAddr(b))
	ctx := context.Background()
	req := &extractv1.ExtractRequest{Text: "Angela Merkel met Emmanuel Macron in Paris."}

	// Both connections up: the client's first calls may all go to the one
	// that connected first.
	waitFor(t, func() bool {
		if _, err := client.Extract(ctx, req); err != nil {
			t.Fatalf("Extract: %v", err)
		}
		return countA.n.Load() > 1 && countB.n.Load() > 1 // > 1: both answered more than one call
	})
	a0, b0 := countA.n.Load(), countB.n.Load()
	const calls = 40
	for range calls {
		if _, err := client.Extract(ctx, req); err != nil {
			t.Fatalf("Extract: %v", err)
		}
	}
	gotA, gotB := countA.n.Load()-a0, countB.n.Load()-b0
	if gotA != calls/2 || gotB != calls/2 {
		t.Errorf("%d calls went %d to one server and %d to the other; want %d each", calls, gotA, gotB, calls/2)
	}

	// Drain a while 4 clients keep calling, each call taking 20ms.
	countA.delay.Store(int64(20 * time.Millisecond))
	countB.delay.Store(int64(20 * time.Millisecond))
	var failures atomic.Int64
	var okCalls atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := client.Extract(ctx, req); err != nil {
					if failures.Add(1) <= 3 {
						t.Errorf("Extract while a server drains: %v", err)
					}
				} else {
					okCalls.Add(1)
				}
			}
		}()
	}
	waitFor(t, func() bool { return okCalls.Load() > 20 && countA.inFlight.Load() > 0 })
	a.stop() // as SIGTERM does, with calls in flight
	select {
	case err := <-a.done:
		a.done <- err // for the cleanup
	case <-time.After(10 * time.Second):
		t.Fatal("the draining server did not stop")
	}
	afterA := countA.n.Load()
	before := okCalls.Load()
	waitFor(t, func() bool { return okCalls.Load() > before+20 })
	close(stop)
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Errorf("%d of %d calls failed while a server drained; want none", n, n+okCalls.Load())
	}
	if n := countA.n.Load(); n != afterA {
		t.Errorf("the stopped server analysed %d more documents", n-afterA)
	}
	t.Logf("%d calls while draining, none failed; %d went to the drained server in all, %d to the other",
		okCalls.Load(), countA.n.Load()-a0, countB.n.Load()-b0)
}

// TestRoundRobinWithMaxConnectionAge: with --max-connection-age the servers
// close each connection gracefully (GOAWAY) every so often, so that clients
// rebalance onto new pods; the client reconnects and no call fails.
func TestRoundRobinWithMaxConnectionAge(t *testing.T) {
	cfg := testConfig()
	cfg.Production.MaxConnectionAge = 200 * time.Millisecond
	ex, err := newExtractor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a, countA := startCounted(t, cfg, ex)
	b, countB := startCounted(t, cfg, ex)
	var conns connCounter
	client := roundRobinClient(t, &conns, grpcAddr(a), grpcAddr(b))
	ctx := context.Background()
	req := &extractv1.ExtractRequest{Text: "Toyota will spend $1.5 billion in Texas."}
	deadline := time.Now().Add(1500 * time.Millisecond) // several connection ages
	calls := 0
	for time.Now().Before(deadline) {
		if _, err := client.Extract(ctx, req); err != nil {
			t.Fatalf("call %d: Extract: %v", calls+1, err)
		}
		calls++
	}
	if countA.n.Load() < 2 || countB.n.Load() < 2 {
		t.Errorf("%d calls: %d and %d documents per server; want both used", calls, countA.n.Load(), countB.n.Load())
	}
	if n := conns.n.Load(); n < 4 {
		t.Errorf("the client opened %d connections in 1.5s to servers that close them after 200ms; want at least 4", n)
	}
	t.Logf("%d calls over %d connections, none failed", calls, conns.n.Load())
}
