package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/testing/protocmp"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

var quiet = slog.New(slog.DiscardHandler)

// funcExtractor is a fake extractor built from a function.
type funcExtractor func(ctx context.Context, text string, want extractor.Features) (*extractor.Result, error)

func (f funcExtractor) MaxTextBytes() int { return 100 }

func (f funcExtractor) ExtractDocument(ctx context.Context, doc extractor.Document, want extractor.Features) (*extractor.Result, error) {
	return f(ctx, doc.Text, want)
}

// limitedExtractor wraps wordExtractor with the real extractor's size and
// emptiness rules, so that the errors are the library's own.
func limitedExtractor(tb testing.TB) Extractor {
	tb.Helper()
	ex, err := extractor.New(extractor.WithMaxTextBytes(100))
	if err != nil {
		tb.Fatal(err)
	}
	return funcExtractor(func(ctx context.Context, text string, want extractor.Features) (*extractor.Result, error) {
		if _, err := ex.ExtractFeatures(ctx, text, want); err != nil {
			return nil, err
		}
		return wordExtractor{}.ExtractDocument(ctx, extractor.Document{Text: text}, want)
	})
}

// TestDocumentDate checks that the request's date reaches the extractor.
func TestDocumentDate(t *testing.T) {
	t.Parallel()
	var got extractor.Date
	svc := New(docExtractor(func(doc extractor.Document) { got = doc.Date }), WithLogger(quiet))
	for _, tt := range []struct {
		in   *date.Date
		want extractor.Date
	}{
		{nil, extractor.Date{}},
		{&date.Date{Year: 1995, Month: 6, Day: 1}, extractor.Date{Year: 1995, Month: 6, Day: 1}},
		{&date.Date{Year: 2003, Month: 5}, extractor.Date{Year: 2003, Month: 5}},
	} {
		if _, err := svc.Extract(context.Background(), &extractv1.ExtractRequest{Text: "a", DocumentDate: tt.in}); err != nil {
			t.Fatalf("Extract(document_date %v) error: %v", tt.in, err)
		}
		if got != tt.want {
			t.Errorf("Extract(document_date %v): the extractor got %+v; want %+v", tt.in, got, tt.want)
		}
	}
}

// docExtractor is a fake extractor that shows each document to a function.
type docExtractor func(extractor.Document)

func (f docExtractor) MaxTextBytes() int { return 100 }

func (f docExtractor) ExtractDocument(_ context.Context, doc extractor.Document, _ extractor.Features) (*extractor.Result, error) {
	f(doc)
	return &extractor.Result{}, nil
}

func TestExtractErrors(t *testing.T) {
	t.Parallel()
	svc := New(limitedExtractor(t), WithLogger(quiet))
	tests := []struct {
		name    string
		req     *extractv1.ExtractRequest
		want    codes.Code
		wantMsg string
	}{
		{"empty", &extractv1.ExtractRequest{}, codes.InvalidArgument, "empty"},
		{"white space", &extractv1.ExtractRequest{Text: " \t\n\u00a0\u2003"}, codes.InvalidArgument, "white space"},
		{"too long", &extractv1.ExtractRequest{Text: strings.Repeat("a", 101)}, codes.InvalidArgument, "101 bytes"},
		{"invalid UTF-8", &extractv1.ExtractRequest{Text: "ab\xffcd"}, codes.InvalidArgument, "offset 2"},
		{"binary and too long", &extractv1.ExtractRequest{Text: "\x7fELF\x02\x01\x01\x00\x00\xff" + strings.Repeat("\x00", 200)}, codes.InvalidArgument, "not valid UTF-8: invalid byte at offset 9"},
		{"id too long", &extractv1.ExtractRequest{Text: "a", Id: strings.Repeat("i", MaxIDBytes+1)}, codes.InvalidArgument, "id is longer"},
		{"id invalid UTF-8", &extractv1.ExtractRequest{Text: "a", Id: "\xc3"}, codes.InvalidArgument, "id is not valid UTF-8"},
		{"unknown encoding", &extractv1.ExtractRequest{Text: "a", EncodingType: 7}, codes.InvalidArgument, "unknown encoding_type 7"},
		{"unknown feature", &extractv1.ExtractRequest{Text: "a", Features: []extractv1.Feature{extractv1.Feature_FEATURE_MONEY, 9}}, codes.InvalidArgument, "unknown feature"},
		{"unspecified feature", &extractv1.ExtractRequest{Text: "a", Features: []extractv1.Feature{extractv1.Feature_FEATURE_UNSPECIFIED}}, codes.InvalidArgument, "unknown feature"},
		{"nil", nil, codes.InvalidArgument, "missing"},
		{"date without a year", &extractv1.ExtractRequest{Text: "a", DocumentDate: &date.Date{Month: 5, Day: 3}}, codes.InvalidArgument, "no year"},
		{"date out of range", &extractv1.ExtractRequest{Text: "a", DocumentDate: &date.Date{Year: 2023, Month: 2, Day: 30}}, codes.InvalidArgument, "document_date is not a valid date: 2023-02-30"},
		{"day without a month", &extractv1.ExtractRequest{Text: "a", DocumentDate: &date.Date{Year: 2023, Day: 3}}, codes.InvalidArgument, "document_date"},
		{"year alone", &extractv1.ExtractRequest{Text: "a", DocumentDate: &date.Date{Year: 1995}}, codes.OK, ""},
		{"all-zero date", &extractv1.ExtractRequest{Text: "a", DocumentDate: &date.Date{}}, codes.OK, ""},
		{"exactly the limit", &extractv1.ExtractRequest{Text: strings.Repeat("a", 100)}, codes.OK, ""},
		{"good", &extractv1.ExtractRequest{Text: "Putin", Id: "x", EncodingType: extractv1.EncodingType_ENCODING_TYPE_UTF16}, codes.OK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := svc.Extract(context.Background(), tt.req)
			st := status.Convert(err)
			if st.Code() != tt.want || !strings.Contains(st.Message(), tt.wantMsg) {
				t.Errorf("Extract(%.40v) = %v %q; want %v containing %q", tt.req, st.Code(), st.Message(), tt.want, tt.wantMsg)
			}
		})
	}
}

func TestFeatureFilter(t *testing.T) {
	t.Parallel()
	var got atomic.Uint32
	svc := New(funcExtractor(func(ctx context.Context, text string, want extractor.Features) (*extractor.Result, error) {
		got.Store(uint32(want))
		return &extractor.Result{}, nil
	}))
	tests := []struct {
		features  []extractv1.Feature
		namesOnly bool
		want      extractor.Features
	}{
		{nil, false, extractor.AllFeatures},
		{nil, true, extractor.AllFeatures &^ extractor.Coreference},
		{[]extractv1.Feature{extractv1.Feature_FEATURE_PEOPLE}, false, extractor.People | extractor.Coreference},
		{[]extractv1.Feature{extractv1.Feature_FEATURE_PEOPLE}, true, extractor.People},
		{[]extractv1.Feature{extractv1.Feature_FEATURE_QUOTES, extractv1.Feature_FEATURE_MONEY, extractv1.Feature_FEATURE_QUOTES}, false, extractor.Quotes | extractor.MoneyAmounts | extractor.Coreference},
		{[]extractv1.Feature{extractv1.Feature_FEATURE_PLACES, extractv1.Feature_FEATURE_ORGANIZATIONS}, true, extractor.Places | extractor.Organizations},
	}
	for _, tt := range tests {
		if _, err := svc.Extract(context.Background(), &extractv1.ExtractRequest{Text: "a", Features: tt.features, NamesOnly: tt.namesOnly}); err != nil {
			t.Fatalf("Extract(features %v, names only %v): %v", tt.features, tt.namesOnly, err)
		}
		if g := extractor.Features(got.Load()); g != tt.want {
			t.Errorf("Extract(features %v, names only %v) asked the extractor for %b; want %b", tt.features, tt.namesOnly, g, tt.want)
		}
	}
}

func TestExtractInternalErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    funcExtractor
		want codes.Code
	}{
		{"panic", func(context.Context, string, extractor.Features) (*extractor.Result, error) { panic("boom") }, codes.Internal},
		{"error", func(context.Context, string, extractor.Features) (*extractor.Result, error) {
			return nil, errors.New("secret detail")
		}, codes.Internal},
		{"canceled", func(context.Context, string, extractor.Features) (*extractor.Result, error) {
			return nil, fmt.Errorf("tagging: %w", context.Canceled)
		}, codes.Canceled},
		{"deadline", func(context.Context, string, extractor.Features) (*extractor.Result, error) {
			return nil, context.DeadlineExceeded
		}, codes.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(tt.f, WithLogger(quiet)).Extract(context.Background(), &extractv1.ExtractRequest{Text: "a"})
			st := status.Convert(err)
			if st.Code() != tt.want {
				t.Errorf("Extract = %v; want code %v", err, tt.want)
			}
			if strings.Contains(st.Message(), "secret") || strings.Contains(st.Message(), "boom") {
				t.Errorf("Extract = %v: leaks an internal detail", err)
			}
		})
	}
}

func TestBatchExtract(t *testing.T) {
	t.Parallel()
	svc := New(limitedExtractor(t), WithMaxBatchSize(5), WithWorkers(3), WithLogger(quiet))
	ctx := context.Background()

	t.Run("per-document errors", func(t *testing.T) {
		req := &extractv1.BatchExtractRequest{Requests: []*extractv1.ExtractRequest{
			{Id: "a", Text: "Putin met Lukashenka"},
			{Id: "b", Text: "  "},
			{Id: "c", Text: "Sochi 😀 Minsk", EncodingType: extractv1.EncodingType_ENCODING_TYPE_UTF16},
			{Id: "d", Text: "bad \xff"},
			{Id: "e", Text: strings.Repeat("x", 101)},
		}}
		resp, err := svc.BatchExtract(ctx, req)
		if err != nil {
			t.Fatalf("BatchExtract: %v", err)
		}
		wantCodes := []codes.Code{codes.OK, codes.InvalidArgument, codes.OK, codes.InvalidArgument, codes.InvalidArgument}
		if len(resp.GetResults()) != len(wantCodes) {
			t.Fatalf("BatchExtract gave %d results; want %d", len(resp.GetResults()), len(wantCodes))
		}
		for i, r := range resp.GetResults() {
			if r.GetId() != req.Requests[i].Id {
				t.Errorf("result %d has id %q; want %q", i, r.GetId(), req.Requests[i].Id)
			}
			code := codes.Code(r.GetError().GetCode())
			if code != wantCodes[i] {
				t.Errorf("result %d (%s) code = %v; want %v", i, r.GetId(), code, wantCodes[i])
			}
			if code == codes.OK {
				want, err := svc.Extract(ctx, req.Requests[i])
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(want, r.GetResponse(), protocmp.Transform()); d != "" {
					t.Errorf("result %d differs from Extract (-want +got):\n%s", i, d)
				}
			}
		}
	})
	for _, tt := range []struct {
		name string
		n    int
	}{{"empty", 0}, {"over the limit", 6}} {
		t.Run(tt.name, func(t *testing.T) {
			req := &extractv1.BatchExtractRequest{}
			for range tt.n {
				req.Requests = append(req.Requests, &extractv1.ExtractRequest{Text: "a"})
			}
			_, err := svc.BatchExtract(ctx, req)
			if status.Code(err) != codes.InvalidArgument {
				t.Errorf("BatchExtract(%d documents) = %v; want InvalidArgument", tt.n, err)
			}
		})
	}
	t.Run("deadline", func(t *testing.T) {
		slow := New(funcExtractor(func(ctx context.Context, _ string, _ extractor.Features) (*extractor.Result, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}), WithLogger(quiet))
		ctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
		defer cancel()
		_, err := slow.BatchExtract(ctx, &extractv1.BatchExtractRequest{Requests: []*extractv1.ExtractRequest{{Text: "a"}, {Text: "b"}}})
		if status.Code(err) != codes.DeadlineExceeded {
			t.Errorf("BatchExtract past its deadline = %v; want DeadlineExceeded", err)
		}
	})
}

// dial serves svc on an in-memory listener with the production server
// options and returns a client connection.
func dial(tb testing.TB, svc *Service, maxMsg int) *grpc.ClientConn {
	tb.Helper()
	return dialLogged(tb, svc, maxMsg, quiet)
}

// dialLogged is dial with the server's calls logged to log.
func dialLogged(tb testing.TB, svc extractv1.EntityExtractionServiceServer, maxMsg int, log *slog.Logger) *grpc.ClientConn {
	tb.Helper()
	lis := bufconn.Listen(1 << 20)
	gs := grpc.NewServer(GRPCServerOptions(log, maxMsg)...)
	extractv1.RegisterEntityExtractionServiceServer(gs, svc)
	go gs.Serve(lis)
	tb.Cleanup(gs.Stop)
	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close() })
	return conn
}

// rawCodec sends []byte as the message as is, as a client in a language
// that does not check UTF-8 might.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *v.(*[]byte), nil }
func (rawCodec) Unmarshal(data []byte, v any) error {
	return proto.Unmarshal(data, v.(proto.Message))
}
func (rawCodec) Name() string { return "proto" }

var _ encoding.Codec = rawCodec{}

// rawRequest encodes an ExtractRequest by hand, with any bytes as text.
func rawRequest(id, text string) []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendString(b, text)
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendString(b, id)
	return b
}

func TestInvalidUTF8OverGRPC(t *testing.T) {
	t.Parallel()
	conn := dial(t, New(wordExtractor{}, WithLogger(quiet)), 1<<20)
	ctx := context.Background()
	raw := grpc.ForceCodec(rawCodec{})

	t.Run("Extract", func(t *testing.T) {
		req := rawRequest("x", "Putin \xff\xfe in Sochi")
		err := conn.Invoke(ctx, "/entityextraction.v1.EntityExtractionService/Extract", &req, &extractv1.ExtractResponse{}, raw)
		if st := status.Convert(err); st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "not valid UTF-8") {
			t.Errorf("Extract(invalid UTF-8) = %v; want InvalidArgument saying not valid UTF-8", err)
		}
		// The server goes on serving.
		if _, err := extractv1.NewEntityExtractionServiceClient(conn).Extract(ctx, &extractv1.ExtractRequest{Text: "Putin"}); err != nil {
			t.Errorf("Extract after a bad request: %v", err)
		}
	})
	t.Run("BatchExtract", func(t *testing.T) {
		var req []byte
		for _, doc := range [][]byte{rawRequest("good", "Putin"), rawRequest("bad", "\xc3("), rawRequest("\xffid", "Minsk")} {
			req = protowire.AppendTag(req, 1, protowire.BytesType)
			req = protowire.AppendBytes(req, doc)
		}
		resp := &extractv1.BatchExtractResponse{}
		if err := conn.Invoke(ctx, "/entityextraction.v1.EntityExtractionService/BatchExtract", &req, resp, raw); err != nil {
			t.Fatalf("BatchExtract: %v", err)
		}
		want := []struct {
			id   string
			code codes.Code
		}{{"good", codes.OK}, {"bad", codes.InvalidArgument}, {"\uFFFDid", codes.InvalidArgument}}
		for i, r := range resp.GetResults() {
			if r.GetId() != want[i].id || codes.Code(r.GetError().GetCode()) != want[i].code {
				t.Errorf("result %d = %q %v; want %q %v", i, r.GetId(), codes.Code(r.GetError().GetCode()), want[i].id, want[i].code)
			}
		}
	})
}

func TestInvalidUTF8DoesNotEndStream(t *testing.T) {
	t.Parallel()
	conn := dial(t, New(wordExtractor{}, WithLogger(quiet)), 1<<20)
	desc := &grpc.StreamDesc{StreamName: "ExtractStream", ServerStreams: true, ClientStreams: true}
	stream, err := conn.NewStream(context.Background(), desc, "/entityextraction.v1.EntityExtractionService/ExtractStream", grpc.ForceCodec(rawCodec{}))
	if err != nil {
		t.Fatal(err)
	}
	docs := []struct {
		id, text string
		code     codes.Code
	}{{"1", "Putin", codes.OK}, {"2", "Mi\xffnsk", codes.InvalidArgument}, {"3", "Sochi", codes.OK}}
	for _, d := range docs {
		msg := protowire.AppendTag(nil, 1, protowire.BytesType)
		msg = protowire.AppendBytes(msg, rawRequest(d.id, d.text))
		if err := stream.SendMsg(&msg); err != nil {
			t.Fatal(err)
		}
	}
	stream.CloseSend()
	for _, d := range docs {
		resp := &extractv1.ExtractStreamResponse{}
		if err := stream.RecvMsg(resp); err != nil {
			t.Fatalf("RecvMsg for document %s: %v", d.id, err)
		}
		if resp.GetId() != d.id || codes.Code(resp.GetError().GetCode()) != d.code {
			t.Errorf("response = %v; want id %s with code %v", resp, d.id, d.code)
		}
	}
}

func TestMessageTooLarge(t *testing.T) {
	t.Parallel()
	conn := dial(t, New(wordExtractor{}, WithLogger(quiet)), 1000)
	client := extractv1.NewEntityExtractionServiceClient(conn)
	_, err := client.Extract(context.Background(), &extractv1.ExtractRequest{Text: strings.Repeat("a", 2000)})
	if status.Code(err) != codes.ResourceExhausted {
		t.Errorf("Extract(message over the limit) = %v; want ResourceExhausted", err)
	}
	if _, err := client.Extract(context.Background(), &extractv1.ExtractRequest{Text: "Putin"}); err != nil {
		t.Errorf("Extract after a large request: %v", err)
	}
}

func TestExtractStream(t *testing.T) {
	t.Parallel()
	svc := New(limitedExtractor(t), WithWorkers(4), WithLogger(quiet))
	client := extractv1.NewEntityExtractionServiceClient(dial(t, svc, 1<<20))
	stream, err := client.ExtractStream(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	bad := map[int]codes.Code{3: codes.InvalidArgument, 57: codes.InvalidArgument, 58: codes.InvalidArgument, 199: codes.InvalidArgument}
	go func() {
		for i := range n {
			req := &extractv1.ExtractRequest{Id: fmt.Sprint(i), Text: fmt.Sprintf("Doc%d Putin 😀 met Lukashenka %s", i, strings.Repeat("x ", i%7))}
			switch i {
			case 3:
				req.Text = " "
			case 57:
				req.Text = strings.Repeat("y", 101)
			case 58:
				req.EncodingType = 42
			case 199:
				req.Features = []extractv1.Feature{0}
			}
			if err := stream.Send(&extractv1.ExtractStreamRequest{Request: req}); err != nil {
				t.Errorf("Send %d: %v", i, err)
				return
			}
		}
		stream.CloseSend()
	}()
	for i := 0; ; i++ {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			if i != n {
				t.Errorf("stream ended after %d responses; want %d", i, n)
			}
			break
		}
		if err != nil {
			t.Fatalf("Recv %d: %v", i, err)
		}
		if resp.GetId() != fmt.Sprint(i) {
			t.Fatalf("response %d has id %q: out of order", i, resp.GetId())
		}
		if code := codes.Code(resp.GetError().GetCode()); code != bad[i] {
			t.Errorf("response %d code = %v; want %v", i, code, bad[i])
		}
		if bad[i] == codes.OK && !strings.HasPrefix(resp.GetResponse().GetPeople()[0].GetName(), "Doc") {
			t.Errorf("response %d = %v; want the result of document %d", i, resp.GetResponse(), i)
		}
	}
}

func TestExtractStreamCancelStopsWork(t *testing.T) {
	t.Parallel()
	var started, stopped atomic.Int32
	svc := New(funcExtractor(func(ctx context.Context, _ string, _ extractor.Features) (*extractor.Result, error) {
		started.Add(1)
		defer stopped.Add(1)
		<-ctx.Done()
		return nil, ctx.Err()
	}), WithWorkers(2), WithLogger(quiet))
	client := extractv1.NewEntityExtractionServiceClient(dial(t, svc, 1<<20))
	ctx, cancel := context.WithCancel(context.Background())
	stream, err := client.ExtractStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if err := stream.Send(&extractv1.ExtractStreamRequest{Request: &extractv1.ExtractRequest{Text: fmt.Sprint("doc ", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, func() bool { return started.Load() == 2 })
	cancel()
	if _, err := stream.Recv(); status.Code(err) != codes.Canceled {
		t.Errorf("Recv after cancel = %v; want Canceled", err)
	}
	waitFor(t, func() bool { return stopped.Load() == started.Load() })
	time.Sleep(50 * time.Millisecond)
	if s := started.Load(); s != 2 {
		t.Errorf("after cancel the server started %d documents in all; want only the 2 in flight", s)
	}
}

func waitFor(tb testing.TB, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatal("condition not met within 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// panicking is a service whose handlers panic.
type panicking struct {
	extractv1.UnimplementedEntityExtractionServiceServer
}

func (panicking) Extract(context.Context, *extractv1.ExtractRequest) (*extractv1.ExtractResponse, error) {
	panic("boom")
}

func (panicking) ExtractStream(extractv1.EntityExtractionService_ExtractStreamServer) error {
	panic("boom")
}

// logBuffer collects log lines written by the server's goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestRecoveryInterceptor(t *testing.T) {
	t.Parallel()
	var logs logBuffer
	client := extractv1.NewEntityExtractionServiceClient(dialLogged(t, panicking{}, 1<<20, slog.New(slog.NewJSONHandler(&logs, nil))))
	_, err := client.Extract(context.Background(), &extractv1.ExtractRequest{Text: "a"})
	if st := status.Convert(err); st.Code() != codes.Internal || st.Message() != "internal error" {
		t.Errorf("Extract with a panicking handler = %v; want Internal \"internal error\"", err)
	}
	stream, err := client.ExtractStream(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); status.Code(err) != codes.Internal {
		t.Errorf("ExtractStream with a panicking handler = %v; want Internal", err)
	}
	out := logs.String()
	for _, want := range []string{`"msg":"panic","panic":"boom"`, `"stack":"goroutine `, `"level":"ERROR","msg":"finished call"`, `"grpc.code":"Internal"`} {
		if strings.Count(out, want) != 2 {
			t.Errorf("log %s holds %q %d times; want twice (once per call)", out, want, strings.Count(out, want))
		}
	}
}

func TestCallLogNeverLogsText(t *testing.T) {
	t.Parallel()
	var logs logBuffer
	client := extractv1.NewEntityExtractionServiceClient(dialLogged(t, New(wordExtractor{}, WithLogger(quiet)), 1<<20, slog.New(slog.NewJSONHandler(&logs, nil))))
	if _, err := client.Extract(context.Background(), &extractv1.ExtractRequest{Text: "Secretive Putin"}); err != nil {
		t.Fatal(err)
	}
	stream, err := client.ExtractStream(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"ok", strings.Repeat("x", MaxIDBytes+1)} {
		if err := stream.Send(&extractv1.ExtractStreamRequest{Request: &extractv1.ExtractRequest{Id: id, Text: "Secretive Putin"}}); err != nil {
			t.Fatal(err)
		}
	}
	stream.CloseSend()
	for {
		if _, err := stream.Recv(); err != nil {
			break
		}
	}
	out := logs.String()
	for _, want := range []string{
		`"grpc.method":"Extract"`, `"grpc.code":"OK"`, `"people":2`, `"bytes_in":17`, `"grpc.time_ms":`,
		`"grpc.method":"ExtractStream"`, `"messages_in":2`, `"documents_ok":1`, `"documents_failed":1`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log %s lacks %s", out, want)
		}
	}
	if strings.Contains(out, "Secretive") {
		t.Errorf("log %s contains the text", out)
	}
}

func TestStatus(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		err  error
		code codes.Code
		msg  string
	}{
		{nil, codes.OK, ""},
		{ErrEmptyBatch, codes.InvalidArgument, "requests is empty"},
		{errors.New("secret detail"), codes.Internal, "internal error"},
		{&recovery.PanicError{Panic: "boom"}, codes.Internal, "internal error"},
	} {
		if st := Status(quiet, tt.err); st.Code() != tt.code || st.Message() != tt.msg {
			t.Errorf("Status(%v) = %v %q; want %v %q", tt.err, st.Code(), st.Message(), tt.code, tt.msg)
		}
	}
}
