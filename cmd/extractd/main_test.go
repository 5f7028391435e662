package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/testing/protocmp"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
	"github.com/entityextraction/extractd/server"
)

// testServer is extractd running in the test on loopback ports.
type testServer struct {
	client extractv1.EntityExtractionServiceClient
	conn   *grpc.ClientConn
	url    string // http://127.0.0.1:port
	stop   context.CancelFunc
	done   chan error // receives run's result
}

// testConfig is the default configuration with small limits.
func testConfig() Config {
	return Config{MaxTextBytes: 2000, MaxMessageBytes: 8000, MaxBatchSize: 3, Workers: 2, ShutdownTimeout: 5 * time.Second}
}

// start runs extractd with cfg and ex (nil: the real extractor) on :0.
func start(tb testing.TB, cfg Config, ex server.Extractor) *testServer {
	tb.Helper()
	if ex == nil {
		var err error
		if ex, err = newExtractor(cfg); err != nil {
			tb.Fatal(err)
		}
	}
	grpcLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	httpLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{url: "http://" + httpLis.Addr().String(), stop: cancel, done: make(chan error, 1)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	go func() { ts.done <- run(ctx, cfg, ex, grpcLis, httpLis, log) }()
	ts.conn, err = grpc.NewClient(grpcLis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		tb.Fatal(err)
	}
	ts.client = extractv1.NewEntityExtractionServiceClient(ts.conn)
	// Ready as a load balancer sees it: run reports NOT_SERVING until it
	// serves. (With TLS or tokens the plain check fails; such tests wait
	// their own way.)
	hc := healthpb.NewHealthClient(ts.conn)
	waitFor(tb, func() bool {
		h, err := hc.Check(context.Background(), &healthpb.HealthCheckRequest{})
		return err != nil || h.GetStatus() != healthpb.HealthCheckResponse_NOT_SERVING
	})
	tb.Cleanup(func() {
		ts.conn.Close()
		cancel()
		if err := <-ts.done; err != nil {
			tb.Errorf("run: %v", err)
		}
	})
	return ts
}

// post sends body to path and returns the status and the response body.
func (ts *testServer) post(tb testing.TB, path string, body []byte, header ...string) (int, []byte) {
	tb.Helper()
	req, err := http.NewRequest("POST", ts.url+path, bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, b
}

func sample(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "putin-lukashenka-sochi.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestGRPCAndHTTPAgree(t *testing.T) {
	cfg := testConfig()
	cfg.MaxTextBytes, cfg.MaxMessageBytes = 1<<20, 4<<20
	ts := start(t, cfg, nil)
	text := sample(t)
	for _, enc := range []extractv1.EncodingType{extractv1.EncodingType_ENCODING_TYPE_UTF8, extractv1.EncodingType_ENCODING_TYPE_UTF16, extractv1.EncodingType_ENCODING_TYPE_UTF32} {
		t.Run(enc.String(), func(t *testing.T) {
			req := &extractv1.ExtractRequest{Id: "sochi", Text: text, EncodingType: enc}
			viaGRPC, err := ts.client.Extract(context.Background(), req)
			if err != nil {
				t.Fatalf("gRPC Extract: %v", err)
			}
			body, err := server.JSONMarshalOptions.Marshal(req)
			if err != nil {
				t.Fatal(err)
			}
			code, got := ts.post(t, "/v1/extract", body)
			if code != http.StatusOK {
				t.Fatalf("POST /v1/extract = %d %s", code, got)
			}
			viaHTTP := &extractv1.ExtractResponse{}
			if err := server.JSONUnmarshalOptions.Unmarshal(got, viaHTTP); err != nil {
				t.Fatalf("HTTP body %s: %v", got, err)
			}
			if d := cmp.Diff(viaGRPC, viaHTTP, protocmp.Transform()); d != "" {
				t.Errorf("gRPC and HTTP differ (-gRPC +HTTP):\n%s", d)
			}
			if want, _ := server.MarshalJSON(viaGRPC); !bytes.Equal(got, want) {
				t.Errorf("HTTP body is not the stable JSON of the gRPC response:\n%s\nwant\n%s", got, want)
			}
			if viaGRPC.GetId() != "sochi" {
				t.Errorf("id = %q; want sochi", viaGRPC.GetId())
			}
		})
	}
	t.Run("batch", func(t *testing.T) {
		breq := &extractv1.BatchExtractRequest{Requests: []*extractv1.ExtractRequest{{Id: "a", Text: text}, {Id: "b", Text: " "}, {Id: "c", Text: text[:500]}}}
		viaGRPC, err := ts.client.BatchExtract(context.Background(), breq)
		if err != nil {
			t.Fatalf("gRPC BatchExtract: %v", err)
		}
		body, _ := server.JSONMarshalOptions.Marshal(breq)
		code, got := ts.post(t, "/v1/extract:batch", body)
		if code != http.StatusOK {
			t.Fatalf("POST /v1/extract:batch = %d %s", code, got)
		}
		viaHTTP := &extractv1.BatchExtractResponse{}
		if err := server.JSONUnmarshalOptions.Unmarshal(got, viaHTTP); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(viaGRPC, viaHTTP, protocmp.Transform()); d != "" {
			t.Errorf("gRPC and HTTP batches differ (-gRPC +HTTP):\n%s", d)
		}
		one, _ := ts.client.Extract(context.Background(), breq.Requests[0])
		if d := cmp.Diff(one, viaGRPC.GetResults()[0].GetResponse(), protocmp.Transform()); d != "" {
			t.Errorf("batch result differs from Extract (-Extract +batch):\n%s", d)
		}
	})
}

// rawCodec sends []byte as is, like a client that does not check UTF-8.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error)      { return *v.(*[]byte), nil }
func (rawCodec) Unmarshal(data []byte, v any) error { return proto.Unmarshal(data, v.(proto.Message)) }
func (rawCodec) Name() string                       { return "proto" }

func TestBadInput(t *testing.T) {
	ts := start(t, testConfig(), nil)
	ctx := context.Background()
	good := &extractv1.ExtractRequest{Text: "Angela Merkel visited Paris."}
	tests := []struct {
		name     string
		grpcReq  any    // *extractv1.ExtractRequest, *extractv1.BatchExtractRequest or raw bytes; nil: HTTP only
		method   string // gRPC method
		httpPath string
		httpBody string // "" : gRPC only
		code     codes.Code
		status   int
		msg      string
	}{
		{"empty text", &extractv1.ExtractRequest{}, "Extract", "/v1/extract", `{"text":""}`, codes.InvalidArgument, 400, "empty"},
		{"no body", nil, "", "/v1/extract", " ", 0, 400, "empty"},
		{"white space", &extractv1.ExtractRequest{Text: " \n\t "}, "Extract", "/v1/extract", `{"text":" \n\t\u2003"}`, codes.InvalidArgument, 400, "white space"},
		{"invalid UTF-8", rawBytes(1, "ab\xffc"), "Extract", "/v1/extract", "{\"text\":\"ab\xffc\"}", codes.InvalidArgument, 400, "UTF-8"},
		{"lone surrogate", nil, "", "/v1/extract", `{"text":"ab\udc00c"}`, 0, 400, ""},
		{"text too long", &extractv1.ExtractRequest{Text: strings.Repeat("a", 2001)}, "Extract", "/v1/extract",
			`{"text":"` + strings.Repeat("a", 2001) + `"}`, codes.InvalidArgument, 400, "2001 bytes"},
		{"message too large", &extractv1.ExtractRequest{Text: strings.Repeat("a", 9000)}, "Extract", "/v1/extract",
			`{"text":"` + strings.Repeat("a", 9000) + `"}`, codes.ResourceExhausted, 413, ""},
		{"unknown encoding", &extractv1.ExtractRequest{Text: "a", EncodingType: 9}, "Extract", "/v1/extract", `{"text":"a","encodingType":"ENCODING_TYPE_EBCDIC"}`, codes.InvalidArgument, 400, "encoding"},
		{"unknown encoding number", nil, "", "/v1/extract", `{"text":"a","encodingType":9}`, 0, 400, "unknown encoding_type 9"},
		{"unknown feature", &extractv1.ExtractRequest{Text: "a", Features: []extractv1.Feature{77}}, "Extract", "/v1/extract", `{"text":"a","features":["FEATURE_DOGS"]}`, codes.InvalidArgument, 400, "feature"},
		{"id too long", &extractv1.ExtractRequest{Text: "a", Id: strings.Repeat("i", 1025)}, "Extract", "/v1/extract", `{"text":"a","id":"` + strings.Repeat("i", 1025) + `"}`, codes.InvalidArgument, 400, "id"},
		{"unknown field", nil, "", "/v1/extract", `{"text":"a","txet":"b"}`, 0, 400, "unknown field"},
		{"malformed JSON", nil, "", "/v1/extract", `{"text":"a"`, 0, 400, ""},
		{"wrong type", nil, "", "/v1/extract", `{"text":5}`, 0, 400, ""},
		{"not an object", nil, "", "/v1/extract", `["a"]`, 0, 400, ""},
		{"empty batch", &extractv1.BatchExtractRequest{}, "BatchExtract", "/v1/extract:batch", `{"requests":[]}`, codes.InvalidArgument, 400, "empty"},
		{"batch too large", &extractv1.BatchExtractRequest{Requests: []*extractv1.ExtractRequest{{Text: "a"}, {Text: "b"}, {Text: "c"}, {Text: "d"}}}, "BatchExtract",
			"/v1/extract:batch", `{"requests":[{"text":"a"},{"text":"b"},{"text":"c"},{"text":"d"}]}`, codes.InvalidArgument, 400, "4, the limit is 3"},
		{"malformed protobuf", rawWire(), "Extract", "", "", codes.Internal, 0, "unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.grpcReq != nil {
				var err error
				method := "/entityextraction.v1.EntityExtractionService/" + tt.method
				switch r := tt.grpcReq.(type) {
				case []byte:
					err = ts.conn.Invoke(ctx, method, &r, &extractv1.ExtractResponse{}, grpc.ForceCodec(rawCodec{}))
				case *extractv1.BatchExtractRequest:
					_, err = ts.client.BatchExtract(ctx, r)
				case *extractv1.ExtractRequest:
					_, err = ts.client.Extract(ctx, r)
				}
				st := status.Convert(err)
				if st.Code() != tt.code || !strings.Contains(st.Message(), tt.msg) {
					t.Errorf("gRPC %s = %v %q; want %v containing %q", tt.method, st.Code(), st.Message(), tt.code, tt.msg)
				}
				if _, err := ts.client.Extract(ctx, good); err != nil {
					t.Errorf("gRPC Extract after the bad request: %v", err)
				}
			}
			if tt.httpBody != "" {
				code, body := ts.post(t, tt.httpPath, []byte(tt.httpBody))
				var st struct {
					Code    int    `json:"code"`
					Message string `json:"message"`
				}
				if err := json.Unmarshal(body, &st); err != nil {
					t.Errorf("POST %s body %q is not a JSON status: %v", tt.httpPath, body, err)
				}
				if code != tt.status || !strings.Contains(st.Message, tt.msg) || st.Message == "" {
					t.Errorf("POST %s = %d %s; want %d with a message containing %q", tt.httpPath, code, body, tt.status, tt.msg)
				}
				goodBody, _ := server.JSONMarshalOptions.Marshal(good)
				if code, body := ts.post(t, "/v1/extract", goodBody); code != 200 {
					t.Errorf("POST /v1/extract after the bad request = %d %s", code, body)
				}
			}
		})
	}
}

// rawBytes is an ExtractRequest with field 1 (text) holding any bytes.
func rawBytes(field protowire.Number, s string) []byte {
	b := protowire.AppendTag(nil, field, protowire.BytesType)
	return protowire.AppendString(b, s)
}

// rawWire is not a protobuf message: a length that runs past the end.
func rawWire() []byte { return []byte{0x0a, 0x7f, 'a'} }

// blockingExtractor blocks until ctx ends or release is closed, counting
// calls in flight.
type blockingExtractor struct {
	release  chan struct{}
	started  atomic.Int32
	canceled atomic.Int32
}

func (b *blockingExtractor) MaxTextBytes() int { return 1 << 20 }

func (b *blockingExtractor) ExtractDocument(ctx context.Context, doc extractor.Document, _ extractor.Features) (*extractor.Result, error) {
	text := doc.Text
	b.started.Add(1)
	select {
	case <-ctx.Done():
		b.canceled.Add(1)
		return nil, ctx.Err()
	case <-b.release:
		return &extractor.Result{Entities: []extractor.Entity{{ID: "p1", Type: extractor.Person, Name: text}}}, nil
	}
}

func TestDeadline(t *testing.T) {
	ex := &blockingExtractor{release: make(chan struct{})}
	ts := start(t, testConfig(), ex)
	defer close(ex.release)

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := ts.client.Extract(ctx, &extractv1.ExtractRequest{Text: "slow"})
	if status.Code(err) != codes.DeadlineExceeded {
		t.Errorf("gRPC Extract past its deadline = %v; want DeadlineExceeded", err)
	}
	code, body := ts.post(t, "/v1/extract", []byte(`{"text":"slow"}`), "Grpc-Timeout", "100m")
	if code != http.StatusGatewayTimeout {
		t.Errorf("POST /v1/extract with Grpc-Timeout 100m = %d %s; want 504", code, body)
	}
	waitFor(t, func() bool { return ex.canceled.Load() == 2 })
}

func waitFor(tb testing.TB, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatal("condition not met within 10s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestGracefulShutdownDrainsCalls(t *testing.T) {
	ex := &blockingExtractor{release: make(chan struct{})}
	ts := start(t, testConfig(), ex)

	grpcDone := make(chan error, 1)
	go func() {
		resp, err := ts.client.Extract(context.Background(), &extractv1.ExtractRequest{Text: "in flight"})
		if err == nil && resp.GetPeople()[0].GetName() != "in flight" {
			err = fmt.Errorf("wrong response %v", resp)
		}
		grpcDone <- err
	}()
	httpDone := make(chan int, 1)
	go func() {
		code, _ := ts.post(t, "/v1/extract", []byte(`{"text":"in flight too"}`))
		httpDone <- code
	}()
	waitFor(t, func() bool { return ex.started.Load() == 2 })

	ts.stop() // as SIGTERM does
	// New connections are refused while the calls in flight wait.
	addr := strings.TrimPrefix(ts.url, "http://")
	waitFor(t, func() bool {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return true
		}
		c.Close()
		return false
	})
	select {
	case err := <-ts.done:
		t.Fatalf("run returned %v with calls in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(ex.release)
	if err := <-grpcDone; err != nil {
		t.Errorf("gRPC call in flight during shutdown: %v", err)
	}
	if code := <-httpDone; code != 200 {
		t.Errorf("HTTP call in flight during shutdown = %d; want 200", code)
	}
	select {
	case err := <-ts.done:
		ts.done <- err // for the cleanup
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return after its calls finished")
	}
}

func TestHealthReflectionOpenAPI(t *testing.T) {
	ts := start(t, testConfig(), nil)
	ctx := context.Background()

	// The server reports SERVING once it is ready, soon after it starts.
	hc := healthpb.NewHealthClient(ts.conn)
	waitFor(t, func() bool {
		h, err := hc.Check(ctx, &healthpb.HealthCheckRequest{Service: "entityextraction.v1.EntityExtractionService"})
		return err == nil && h.GetStatus() == healthpb.HealthCheckResponse_SERVING
	})
	resp, err := http.Get(ts.url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /healthz = %d; want 200", resp.StatusCode)
	}

	rc, err := reflectionpb.NewServerReflectionClient(ts.conn).ServerReflectionInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := rc.Send(&reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}); err != nil {
		t.Fatal(err)
	}
	r, err := rc.Recv()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range r.GetListServicesResponse().GetService() {
		names = append(names, s.GetName())
	}
	if !strings.Contains(strings.Join(names, " "), "entityextraction.v1.EntityExtractionService") {
		t.Errorf("reflection lists %v; want the service", names)
	}

	resp, err = http.Get(ts.url + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct {
		Swagger string         `json:"swagger"`
		Paths   map[string]any `json:"paths"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatalf("GET /openapi.json: %v", err)
	}
	if doc.Swagger != "2.0" || doc.Paths["/v1/extract"] == nil || doc.Paths["/v1/extract:batch"] == nil {
		t.Errorf("GET /openapi.json = swagger %q paths %v; want 2.0 with both routes", doc.Swagger, doc.Paths)
	}
}

func TestStreamOverLoopback(t *testing.T) {
	ts := start(t, testConfig(), nil)
	ctx, cancel := context.WithCancel(metadata.AppendToOutgoingContext(context.Background(), "x-test", "1"))
	defer cancel()
	stream, err := ts.client.ExtractStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"Angela Merkel visited Paris.", "", "Putin met Lukashenka in Sochi.", strings.Repeat("a", 2001), "The EU and Russia."}
	for i, text := range texts {
		if err := stream.Send(&extractv1.ExtractStreamRequest{Request: &extractv1.ExtractRequest{Id: fmt.Sprint(i), Text: text}}); err != nil {
			t.Fatal(err)
		}
	}
	stream.CloseSend()
	for i, text := range texts {
		r, err := stream.Recv()
		if err != nil {
			t.Fatalf("Recv %d: %v", i, err)
		}
		wantErr := text == "" || len(text) > 2000
		if r.GetId() != fmt.Sprint(i) || (r.GetError() != nil) != wantErr {
			t.Errorf("response %d = %v; want id %d, error %v", i, r, i, wantErr)
		}
		if !wantErr {
			one, err := ts.client.Extract(ctx, &extractv1.ExtractRequest{Id: fmt.Sprint(i), Text: text})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(one, r.GetResponse(), protocmp.Transform()); d != "" {
				t.Errorf("stream result %d differs from Extract (-Extract +stream):\n%s", i, d)
			}
		}
	}
	if _, err := stream.Recv(); err != io.EOF {
		t.Errorf("Recv after the last result = %v; want EOF", err)
	}
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     func(string) string
		check   func(Config) bool
		wantErr string
	}{
		{"defaults", nil, envOf(), func(c Config) bool {
			return c.GRPCAddr == ":9090" && c.HTTPAddr == ":8080" && c.MaxTextBytes == 1<<20 && c.MaxBatchSize == 100 && c.LogLevel == slog.LevelInfo
		}, ""},
		{"env", nil, envOf("EXTRACTD_GRPC_ADDR", ":1", "EXTRACTD_MAX_TEXT_BYTES", "10", "EXTRACTD_LOG_LEVEL", "debug", "EXTRACTD_SHUTDOWN_TIMEOUT", "3s"),
			func(c Config) bool {
				return c.GRPCAddr == ":1" && c.MaxTextBytes == 10 && c.LogLevel == slog.LevelDebug && c.ShutdownTimeout == 3*time.Second
			}, ""},
		{"flag beats env", []string{"--grpc-addr", ":2", "--max-batch-size=7"}, envOf("EXTRACTD_GRPC_ADDR", ":1"),
			func(c Config) bool { return c.GRPCAddr == ":2" && c.MaxBatchSize == 7 }, ""},
		{"bad env number", nil, envOf("EXTRACTD_MAX_BATCH_SIZE", "lots"), nil, "not an integer"},
		{"bad level", []string{"--log-level", "loud"}, envOf(), nil, "log-level"},
		{"message below text", []string{"--max-text-bytes", "2000000", "--max-message-bytes", "2000000"}, envOf(), nil, "max-message-bytes"},
		{"zero batch", []string{"--max-batch-size", "0"}, envOf(), nil, "max-batch-size"},
		{"stray argument", []string{"serve"}, envOf(), nil, "unexpected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseConfig(tt.args, tt.env, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("parseConfig(%q) error = %v; want one containing %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil || !tt.check(cfg) {
				t.Errorf("parseConfig(%q) = %+v, %v", tt.args, cfg, err)
			}
		})
	}
}

// BenchmarkTransports measures one Extract of the sample article through
// the whole server over loopback, by gRPC and by HTTP/JSON (which adds JSON
// and a second hop through the gateway).
func BenchmarkTransports(b *testing.B) {
	cfg := testConfig()
	cfg.MaxTextBytes, cfg.MaxMessageBytes = 1<<20, 4<<20
	ts := start(b, cfg, nil)
	req := &extractv1.ExtractRequest{Text: sample(b)}
	body, _ := server.JSONMarshalOptions.Marshal(req)
	b.Run("grpc", func(b *testing.B) {
		b.SetBytes(int64(len(req.Text)))
		for b.Loop() {
			if _, err := ts.client.Extract(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("http", func(b *testing.B) {
		b.SetBytes(int64(len(req.Text)))
		for b.Loop() {
			if code, out := ts.post(b, "/v1/extract", body); code != 200 {
				b.Fatalf("POST = %d %s", code, out)
			}
		}
	})
}

// envOf returns a lookup function over the key-value pairs kv, standing in
// for os.Getenv.
func envOf(kv ...string) func(string) string {
	return func(k string) string {
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i] == k {
				return kv[i+1]
			}
		}
		return ""
	}
}

func TestStartupURLs(t *testing.T) {
	all := &net.TCPAddr{Port: 8080}
	lo := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9090}
	got := fmt.Sprint(urls(lo, all, nil, true, true, true))
	want := "[{gRPC API 127.0.0.1:9090} {HTTP API https://localhost:8080/v1/extract} {demo page https://localhost:8080/} {metrics https://localhost:8080/metrics}]"
	if got != want {
		t.Errorf("urls = %s; want %s", got, want)
	}
	if got := fmt.Sprint(urls(lo, lo, nil, false, false, false)); strings.Contains(got, "demo") || strings.Contains(got, "metrics") {
		t.Errorf("urls without demo and metrics = %s", got)
	}
}

// embeddedSHA256 is the hash of the embedded model file.
func embeddedSHA256(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "extractor", "ner", "model", "ner.model"))
	if err != nil {
		tb.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func TestModelHeader(t *testing.T) {
	ts := start(t, testConfig(), nil)
	want := "embedded sha256:" + embeddedSHA256(t)
	var header metadata.MD
	if _, err := ts.client.Extract(context.Background(), &extractv1.ExtractRequest{Text: "Angela Merkel"}, grpc.Header(&header)); err != nil {
		t.Fatal(err)
	}
	if got := header.Get(server.ModelHeader); len(got) != 1 || got[0] != want {
		t.Errorf("gRPC header %s = %q; want %q", server.ModelHeader, got, want)
	}
	stream, err := ts.client.ExtractStream(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	stream.CloseSend()
	if h, err := stream.Header(); err != nil || len(h.Get(server.ModelHeader)) != 1 {
		t.Errorf("ExtractStream header = %v, %v; want %s", h, err, server.ModelHeader)
	}
	resp, err := http.Post(ts.url+"/v1/extract", "application/json", strings.NewReader(`{"text":"Angela Merkel"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Extractd-Model"); got != want {
		t.Errorf("HTTP header Extractd-Model = %q; want %q (headers %v)", got, want, resp.Header)
	}
}
