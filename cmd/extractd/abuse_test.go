package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// dollars is text whose result is many times larger than itself.
func dollars(n int) string {
	var b strings.Builder
	for i := 1; b.Len() < n; i++ {
		fmt.Fprintf(&b, "$%d ", i%10)
	}
	return b.String()[:n]
}

// jsonStatus decodes a JSON error body.
func jsonStatus(tb testing.TB, body []byte) (code int, msg string) {
	tb.Helper()
	var st struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(body, &st); err != nil {
		tb.Errorf("body %q is not a JSON status: %v", body, err)
	}
	return st.Code, st.Message
}

func TestResponseLimitsBothTransports(t *testing.T) {
	cfg := testConfig()
	cfg.MaxTextBytes, cfg.MaxMessageBytes = 20000, 100000
	cfg.ResponseBudget, cfg.MaxResponseBytes, cfg.MaxBatchResponseBytes = 1<<20, 64<<10, 100<<10
	ts := start(t, cfg, nil)
	ctx := context.Background()
	big := dollars(5000) // about 700 KB of JSON

	_, err := ts.client.Extract(ctx, &extractv1.ExtractRequest{Text: big})
	if st := status.Convert(err); st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "the limit is 65536") {
		t.Errorf("gRPC Extract of a result over the limit = %v; want INVALID_ARGUMENT naming the limit", err)
	}
	code, body := ts.post(t, "/v1/extract", []byte(`{"text":"`+big+`"}`))
	if _, msg := jsonStatus(t, body); code != 400 || !strings.Contains(msg, "the limit is 65536") {
		t.Errorf("POST /v1/extract of a result over the limit = %d %s; want 400 naming the limit", code, body)
	}

	// Three results of about 40 KB each are over the 100 KB of one batch.
	doc := dollars(300)
	reqs := []*extractv1.ExtractRequest{{Text: doc}, {Text: doc}, {Text: doc}}
	_, err = ts.client.BatchExtract(ctx, &extractv1.BatchExtractRequest{Requests: reqs})
	if st := status.Convert(err); st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "BatchExtractStream") {
		t.Errorf("gRPC BatchExtract over the call limit = %v; want INVALID_ARGUMENT pointing to BatchExtractStream", err)
	}
	batch := []byte(`{"requests":[{"text":"` + doc + `"},{"text":"` + doc + `"},{"text":"` + doc + `"}]}`)
	if code, body := ts.post(t, "/v1/extract:batch", batch); code != 400 {
		t.Errorf("POST /v1/extract:batch over the call limit = %d %s; want 400", code, body)
	}

	// The same batch streams, one result per message.
	stream, err := ts.client.BatchExtractStream(ctx, &extractv1.BatchExtractStreamRequest{Requests: reqs})
	if err != nil {
		t.Fatal(err)
	}
	var grpcResults []*extractv1.BatchExtractStreamResponse
	for {
		m, err := stream.Recv()
		if err != nil {
			if err != io.EOF {
				t.Fatal(err)
			}
			break
		}
		grpcResults = append(grpcResults, m)
	}
	if len(grpcResults) != 3 || len(grpcResults[2].GetResponse().GetMoney()) == 0 {
		t.Errorf("gRPC BatchExtractStream gave %d results; want 3 with money", len(grpcResults))
	}
	resp, err := http.Post(ts.url+"/v1/extract:batchStream", "application/json", bytes.NewReader(batch))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "application/x-ndjson" {
		t.Errorf("POST /v1/extract:batchStream = %d %s; want 200 application/x-ndjson", resp.StatusCode, ct)
	}
	lines := bufio.NewScanner(resp.Body)
	lines.Buffer(nil, 1<<20)
	n := 0
	for ; lines.Scan(); n++ {
		var m struct {
			Result struct {
				Index    int `json:"index"`
				Response struct {
					Money []json.RawMessage `json:"money"`
				} `json:"response"`
			} `json:"result"`
		}
		if err := json.Unmarshal(lines.Bytes(), &m); err != nil || m.Result.Index != n || len(m.Result.Response.Money) != len(grpcResults[n].GetResponse().GetMoney()) {
			t.Errorf("line %d = %.200s (%v); want result %d with the money gRPC found", n, lines.Bytes(), err, n)
		}
	}
	if n != 3 {
		t.Errorf("POST /v1/extract:batchStream gave %d lines; want 3", n)
	}
}

func TestJSONContract(t *testing.T) {
	ts := start(t, testConfig(), nil)
	for _, tt := range []struct{ name, body, msg string }{
		{"trailing data", `{"text":"a"} xyz`, "invalid request body"},
		{"two objects", `{"text":"a"}{"text":"b"}`, "invalid request body"},
		{"lone high surrogate", `{"text":"abc\ud800 def"}`, `lone UTF-16 surrogate \ud800 at byte offset 12`},
		{"lone low surrogate", `{"id":"x","text":"\udc00"}`, `lone UTF-16 surrogate \udc00 at byte offset 18`},
		{"reversed pair", `{"text":"\udc00\ud800"}`, `\udc00 at byte offset 9`},
	} {
		code, body := ts.post(t, "/v1/extract", []byte(tt.body))
		if _, msg := jsonStatus(t, body); code != 400 || !strings.Contains(msg, tt.msg) {
			t.Errorf("%s: POST %s = %d %s; want 400 with %q", tt.name, tt.body, code, body, tt.msg)
		}
	}
	if code, body := ts.post(t, "/v1/extract", []byte(`{"text":"Paris \ud83d\ude00"}`+"\n")); code != 200 {
		t.Errorf("a surrogate pair and a final newline = %d %s; want 200", code, body)
	}

	for _, path := range []string{"/v1/extract", "/v1/extract:batch", "/v1/extract:batchStream"} {
		for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
			req, _ := http.NewRequest(method, ts.url+path, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if _, msg := jsonStatus(t, body); resp.StatusCode != 405 || resp.Header.Get("Allow") != "POST" || msg == "" {
				t.Errorf("%s %s = %d Allow %q %s; want 405 with Allow: POST and a JSON status", method, path, resp.StatusCode, resp.Header.Get("Allow"), body)
			}
		}
	}
	for _, path := range []string{"/v1/extract", "/openapi.json", "/healthz", "/nowhere"} {
		if _, _, h := get(t, http.DefaultClient, ts.url+path); h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s lacks X-Content-Type-Options: nosniff", path)
		}
	}
}

// trickle opens a connection that announces a body of length bytes and
// sends one byte of it every interval until ctx ends; it returns what the
// server answered, "" if nothing.
func trickle(ctx context.Context, addr, path string, length int, interval time.Duration, header ...string) string {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err.Error()
	}
	defer c.Close()
	fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n", path, length)
	for i := 0; i+1 < len(header); i += 2 {
		fmt.Fprintf(c, "%s: %s\r\n", header[i], header[i+1])
	}
	fmt.Fprintf(c, "\r\n{")
	answer := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(c)
		answer <- string(b)
	}()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case a := <-answer:
			return a
		case <-ctx.Done():
			c.Close()
			return <-answer
		case <-t.C:
			c.Write([]byte(" "))
		}
	}
}

// TestTricklingBodiesHoldNothing: clients that announce large bodies and
// send them a byte a second take only what they sent from the body
// budget, are cut off with 408 after the grace period, and never make
// anybody else get 429; without a token they get 401 before their body is
// read at all.
func TestTricklingBodiesHoldNothing(t *testing.T) {
	cfg := testConfig()
	cfg.MaxMessageBytes, cfg.MaxInflightBody = 1<<20, 1<<20
	cfg.AuthTokens = []string{"s3cret"}
	ts := start(t, cfg, nil)
	addr := strings.TrimPrefix(ts.url, "http://")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	answers := make(chan string, 8)
	for range 4 {
		go func() {
			answers <- trickle(ctx, addr, "/v1/extract", 1<<20, time.Second, "Authorization", "Bearer s3cret")
		}()
		go func() { answers <- trickle(ctx, addr, "/v1/extract", 1<<20, time.Second) }()
	}
	time.Sleep(200 * time.Millisecond)
	good := []byte(`{"text":"Angela Merkel visited Paris."}`)
	start := time.Now()
	for time.Since(start) < time.Second {
		if code, body := ts.post(t, "/v1/extract", good, "Authorization", "Bearer s3cret"); code != 200 {
			t.Fatalf("POST while 4 clients trickle = %d %s; want 200", code, body)
		}
	}
	var unauthorized, timedOut int
	for range 8 {
		a := <-answers
		switch {
		case strings.HasPrefix(a, "HTTP/1.1 401"):
			unauthorized++
		case strings.HasPrefix(a, "HTTP/1.1 408"):
			timedOut++
		default:
			t.Errorf("a trickling client got %.80q; want 401 without a token, 408 with one", a)
		}
	}
	if unauthorized != 4 || timedOut != 4 || ctx.Err() != nil {
		t.Errorf("trickling clients: %d got 401, %d got 408 (ctx %v); want 4 and 4 within the grace period", unauthorized, timedOut, ctx.Err())
	}
}

func TestAuthAll(t *testing.T) {
	for _, all := range []bool{false, true} {
		cfg := testConfig()
		cfg.AuthTokens, cfg.AuthAll = []string{"s3cret"}, all
		ts := start(t, cfg, nil)
		want := 200
		if all {
			want = 401
		}
		for _, path := range []string{"/metrics", "/openapi.json"} {
			if code, _, _ := get(t, http.DefaultClient, ts.url+path); code != want {
				t.Errorf("AuthAll %v: GET %s without a token = %d; want %d", all, path, code, want)
			}
			if code, _, _ := get(t, http.DefaultClient, ts.url+path, "Authorization", "Bearer s3cret"); code != 200 {
				t.Errorf("AuthAll %v: GET %s with a token = %d; want 200", all, path, code)
			}
		}
		if code, _, _ := get(t, http.DefaultClient, ts.url+"/healthz"); code != 200 {
			t.Errorf("AuthAll %v: GET /healthz without a token = %d; want 200", all, code)
		}
	}
}

// TestSlowReaderIsCutOff: clients that send a request and never read the
// answer hold the response budget while the server writes to them, only
// until the write timeout; others are served meanwhile.
func TestSlowReaderIsCutOff(t *testing.T) {
	cfg := testConfig()
	cfg.MaxTextBytes, cfg.MaxMessageBytes = 100000, 300000
	cfg.ResponseBudget, cfg.MaxResponseBytes, cfg.MaxBatchResponseBytes = 1<<30, 1<<30, 1<<30
	cfg.WriteTimeout = time.Second
	ts := start(t, cfg, manyAmounts{})
	addr := strings.TrimPrefix(ts.url, "http://")
	body := `{"requests":[{"text":"a"},{"text":"b"}]}` // 20 MB of JSON
	inFlight := func() string {
		_, m, _ := get(t, http.DefaultClient, ts.url+"/metrics")
		for _, line := range strings.Split(m, "\n") {
			if v, ok := strings.CutPrefix(line, "extractd_response_bytes_in_flight "); ok {
				return v
			}
		}
		return "missing"
	}
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /v1/extract:batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	}
	// The responses are built, then stuck: more than the socket buffers hold.
	waitFor(t, func() bool { v, _ := strconv.ParseFloat(inFlight(), 64); return v > 2e7 })
	if code, _, _ := get(t, http.DefaultClient, ts.url+"/healthz"); code != 200 {
		t.Errorf("GET /healthz while two clients do not read = %d", code)
	}
	// Cut off after the write timeout (and the time to build the JSON, slow
	// under the race detector).
	for deadline := time.Now().Add(time.Minute); inFlight() != "0"; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("response budget in use = %s a minute after the clients stopped reading; want 0", inFlight())
		}
	}
}

// manyAmounts is an extractor that finds 50,000 amounts of money in any
// text, at once: a large response without the time to analyse a large text.
type manyAmounts struct{}

func (manyAmounts) MaxTextBytes() int { return 1 << 20 }

func (manyAmounts) ExtractDocument(_ context.Context, doc extractor.Document, _ extractor.Features) (*extractor.Result, error) {
	res := &extractor.Result{Money: make([]extractor.Money, 50000)}
	for i := range res.Money {
		res.Money[i] = extractor.Money{Span: extractor.Span{Start: 0, End: 1}, Text: doc.Text[:1], Currency: "USD"}
	}
	return res, nil
}
