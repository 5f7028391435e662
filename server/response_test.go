package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// dollars is text whose result is many times larger than itself: a money
// amount for every three bytes.
func dollars(n int) string {
	var b strings.Builder
	for i := 1; b.Len() < n; i++ {
		fmt.Fprintf(&b, "$%d ", i%10)
	}
	return b.String()[:n]
}

// TestAppendJSONStable checks that the JSON the gateway writes, built in
// one pass, is byte for byte the stable form that re-indenting protojson's
// compact output gives, including strings that look like JSON spacing.
func TestAppendJSONStable(t *testing.T) {
	t.Parallel()
	ex := realExtractor(t)
	svc := New(ex, WithLogger(quiet))
	msgs := []proto.Message{
		&extractv1.ExtractResponse{Id: `a:  b, "c"  \ d`, People: []*extractv1.Entity{{Name: "x:  y", Roles: []string{"  ", `\"`}}}},
		&extractv1.BatchExtractResponse{},
	}
	for _, text := range []string{benchText(t), dollars(300), `"Yes,"  he said: "no:  never."`} {
		resp, err := svc.Extract(context.Background(), &extractv1.ExtractRequest{Text: text, Id: "id:  1"})
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, resp)
	}
	for i, m := range msgs {
		compact, err := JSONMarshalOptions.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var indented, line bytes.Buffer
		json.Indent(&indented, compact, "", "  ")
		json.Compact(&line, compact)
		if got, _ := MarshalJSON(m); !bytes.Equal(got, indented.Bytes()) {
			t.Errorf("message %d: MarshalJSON =\n%s\nwant\n%s", i, got, indented.Bytes())
		}
		if got, _ := MarshalJSONLine(m); !bytes.Equal(got, line.Bytes()) {
			t.Errorf("message %d: MarshalJSONLine =\n%s\nwant\n%s", i, got, line.Bytes())
		}
	}
}

// TestEstimateJSONSize checks that the estimate the response budget counts
// is an upper bound of the JSON the gateway writes, and not a wild one.
func TestEstimateJSONSize(t *testing.T) {
	t.Parallel()
	ex := realExtractor(t)
	quotes := strings.Repeat(`"We will win," Anna Smith said in Paris. `, 200)
	for name, text := range map[string]string{
		"article": benchText(t), "dollars": dollars(30000), "quotes": quotes,
		"names": strings.Repeat("Angela Merkel met Joe Biden and Acme Corp in Berlin. ", 300),
	} {
		res, err := ex.Extract(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		est := EstimateJSONSize("doc-1", res)
		b, err := MarshalJSON(toProto("doc-1", text, extractv1.EncodingType_ENCODING_TYPE_UTF16, res))
		if err != nil {
			t.Fatal(err)
		}
		if est < int64(len(b)) || est > 3*int64(len(b)) {
			t.Errorf("%s: EstimateJSONSize = %d for %d bytes of JSON; want between 1 and 3 times", name, est, len(b))
		}
	}
}

func TestResponseLimits(t *testing.T) {
	t.Parallel()
	ex := realExtractor(t)
	ctx := context.Background()
	small := benchText(t)
	res, _ := ex.Extract(ctx, small)
	one := EstimateJSONSize("", res)

	t.Run("document over the limit", func(t *testing.T) {
		t.Parallel()
		svc := New(ex, WithLogger(quiet), WithResponseBudget(NewResponseBudget(1<<30, 64<<10, 1<<30, time.Second)))
		_, err := svc.Extract(ctx, &extractv1.ExtractRequest{Text: dollars(20000)})
		if st := status.Convert(err); st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "the limit is 65536") {
			t.Errorf("Extract of a result over the per-document limit = %v; want INVALID_ARGUMENT naming the limit", err)
		}
		resp, err := svc.BatchExtract(ctx, &extractv1.BatchExtractRequest{Requests: []*extractv1.ExtractRequest{{Text: small}, {Text: dollars(20000)}}})
		if err != nil {
			t.Fatal(err)
		}
		if r := resp.Results; r[0].GetResponse() == nil || status.FromProto(r[1].GetError()).Code() != codes.InvalidArgument {
			t.Errorf("batch with one result over the limit = %v; want the other document answered", r)
		}
	})
	t.Run("batch over the call limit", func(t *testing.T) {
		t.Parallel()
		limit := 3*one + one/2
		svc := New(ex, WithLogger(quiet), WithWorkers(1), WithResponseBudget(NewResponseBudget(1<<30, 1<<30, limit, time.Second)))
		reqs := make([]*extractv1.ExtractRequest, 6)
		for i := range reqs {
			reqs[i] = &extractv1.ExtractRequest{Text: small}
		}
		_, err := svc.BatchExtract(ctx, &extractv1.BatchExtractRequest{Requests: reqs})
		if st := status.Convert(err); st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), fmt.Sprintf("the limit is %d", limit)) {
			t.Errorf("BatchExtract over the call limit = %v; want INVALID_ARGUMENT naming the limit", err)
		}
		if _, err := svc.BatchExtract(ctx, &extractv1.BatchExtractRequest{Requests: reqs[:3]}); err != nil {
			t.Errorf("BatchExtract within the call limit: %v", err)
		}
	})
	t.Run("budget held by others", func(t *testing.T) {
		t.Parallel()
		b := NewResponseBudget(2*one, 2*one, 2*one, 20*time.Millisecond)
		svc := New(ex, WithLogger(quiet), WithResponseBudget(b))
		b.w.take(2 * one) // responses being written to slow clients
		_, err := svc.Extract(ctx, &extractv1.ExtractRequest{Text: small})
		if status.Code(err) != codes.ResourceExhausted {
			t.Errorf("Extract with the budget full = %v; want RESOURCE_EXHAUSTED", err)
		}
		b.w.untake(2 * one)
		if _, err := svc.Extract(ctx, &extractv1.ExtractRequest{Text: small}); err != nil {
			t.Errorf("Extract once the budget is free: %v", err)
		}
		if n := b.InUse(); n != 0 {
			t.Errorf("budget in use after the calls = %d; want 0", n)
		}
	})
}

// TestBatchDoesNotStarveItself runs a batch on a server whose byte budget
// fits one of its documents at a time, each taking longer than the queue
// timeout: its documents wait for each other. A document of another call
// still sheds it.
func TestBatchDoesNotStarveItself(t *testing.T) {
	t.Parallel()
	g := &gate{release: make(chan struct{})}
	ex := Limit(g, 4, 100, 20*time.Millisecond, nil)
	svc := New(ex, WithLogger(quiet), WithWorkers(2))
	reqs := make([]*extractv1.ExtractRequest, 4)
	for i := range reqs {
		reqs[i] = &extractv1.ExtractRequest{Text: strings.Repeat("a", 100)}
	}
	done := make(chan *extractv1.BatchExtractResponse)
	go func() {
		resp, err := svc.BatchExtract(context.Background(), &extractv1.BatchExtractRequest{Requests: reqs})
		if err != nil {
			t.Error(err)
		}
		done <- resp
	}()
	waitUntil(t, func() bool { return g.running.Load() == 1 })
	// Another caller finds no room: it is shed after the queue timeout.
	if _, err := ex.ExtractDocument(context.Background(), extractor.Document{Text: strings.Repeat("b", 100)}, extractor.AllFeatures); status.Code(err) != codes.ResourceExhausted {
		t.Errorf("a single call while the batch holds the budget = %v; want RESOURCE_EXHAUSTED", err)
	}
	time.Sleep(60 * time.Millisecond) // three queue timeouts
	close(g.release)
	for i, r := range (<-done).GetResults() {
		if r.GetError() != nil {
			t.Errorf("document %d of the batch: %v; want it to wait for the others", i, r.GetError())
		}
	}
}

// TestBatchExtractStream checks the order, the per-document errors and
// that each result gives its share of the budget back once sent.
func TestBatchExtractStream(t *testing.T) {
	t.Parallel()
	ex := realExtractor(t)
	b := NewResponseBudget(1<<30, 64<<10, 1<<20, time.Second)
	svc := New(ex, WithLogger(quiet), WithWorkers(2), WithResponseBudget(b))
	conn := dial(t, svc, 16<<20)
	client := extractv1.NewEntityExtractionServiceClient(conn)
	texts := []string{benchText(t), "", dollars(20000), "Angela Merkel visited Paris.", benchText(t)}
	var reqs []*extractv1.ExtractRequest
	for i, text := range texts {
		reqs = append(reqs, &extractv1.ExtractRequest{Text: text, Id: fmt.Sprint("d", i)})
	}
	stream, err := client.BatchExtractStream(context.Background(), &extractv1.BatchExtractStreamRequest{Requests: reqs})
	if err != nil {
		t.Fatal(err)
	}
	want := []codes.Code{codes.OK, codes.InvalidArgument, codes.InvalidArgument, codes.OK, codes.OK}
	for i, code := range want {
		m, err := stream.Recv()
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if m.GetIndex() != int32(i) || m.GetId() != fmt.Sprint("d", i) || status.FromProto(m.GetError()).Code() != code {
			t.Errorf("message %d = index %d id %q error %v; want index %d, code %v", i, m.GetIndex(), m.GetId(), m.GetError(), i, code)
		}
		if code == codes.OK && len(m.GetResponse().GetPlaces()) == 0 {
			t.Errorf("message %d has no places", i)
		}
	}
	if _, err := stream.Recv(); err == nil {
		t.Error("more messages than documents")
	}
	waitUntil(t, func() bool { return b.InUse() == 0 })
}

// TestStreamEndStatus checks what an ExtractStream call ends with when a
// message cannot be received: an undecodable message is that document's
// error and the stream goes on; a message over the size limit ends the
// call (grpc-go answers it at once), and the handler reports that status,
// not CANCELLED, to the interceptors that log and count calls.
func TestStreamEndStatus(t *testing.T) {
	t.Parallel()
	handled := make(chan codes.Code, 10)
	lis := bufconn.Listen(1 << 20)
	opts := append(GRPCServerOptions(quiet, 1000), grpc.ChainStreamInterceptor(
		func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, h grpc.StreamHandler) error {
			err := h(srv, ss)
			handled <- status.Code(err)
			return err
		}))
	gs := grpc.NewServer(opts...)
	extractv1.RegisterEntityExtractionServiceServer(gs, New(wordExtractor{}, WithLogger(quiet)))
	go gs.Serve(lis)
	t.Cleanup(gs.Stop)
	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	desc := &grpc.StreamDesc{StreamName: "ExtractStream", ServerStreams: true, ClientStreams: true}
	open := func() grpc.ClientStream {
		s, err := conn.NewStream(context.Background(), desc, "/entityextraction.v1.EntityExtractionService/ExtractStream", grpc.ForceCodec(rawCodec{}))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	doc := func(id, text string) []byte {
		msg := protowire.AppendTag(nil, 1, protowire.BytesType)
		return protowire.AppendBytes(msg, rawRequest(id, text))
	}

	t.Run("undecodable message", func(t *testing.T) {
		s := open()
		for _, m := range [][]byte{doc("1", "Putin"), {0x0a, 0x7f, 'a'}, doc("3", "Sochi")} {
			if err := s.SendMsg(&m); err != nil {
				t.Fatal(err)
			}
		}
		s.CloseSend()
		want := []codes.Code{codes.OK, codes.InvalidArgument, codes.OK}
		for i, code := range want {
			resp := &extractv1.ExtractStreamResponse{}
			if err := s.RecvMsg(resp); err != nil {
				t.Fatalf("RecvMsg %d: %v", i, err)
			}
			if c := codes.Code(resp.GetError().GetCode()); c != code {
				t.Errorf("result %d = %v %q; want %v", i, c, resp.GetError().GetMessage(), code)
			}
		}
		if got := <-handled; got != codes.OK {
			t.Errorf("handler returned %v; want OK", got)
		}
	})
	t.Run("message over the limit", func(t *testing.T) {
		s := open()
		good, big := doc("1", "Putin"), doc("2", strings.Repeat("a", 2000))
		s.SendMsg(&good)
		resp := &extractv1.ExtractStreamResponse{}
		if err := s.RecvMsg(resp); err != nil || resp.GetError() != nil {
			t.Fatalf("first result = %v, %v", resp, err)
		}
		s.SendMsg(&big)
		err := s.RecvMsg(resp)
		if status.Code(err) != codes.ResourceExhausted {
			t.Errorf("RecvMsg after a message over the limit = %v; want RESOURCE_EXHAUSTED", err)
		}
		if got := <-handled; got != codes.ResourceExhausted {
			t.Errorf("handler returned %v; want RESOURCE_EXHAUSTED, the status the client saw", got)
		}
	})
}
